// yargs' own words (section headings, type tags, usage errors) from our catalogues, so --help and its
// errors speak the report's language. yargs' bundled locale files are not used: they are read from
// disk at run time, which a single-file build does not have.
import type { MessageId } from '../messages/en.js';
import type { Translator } from '../messages/format.js';

type Plural = { one: MessageId; other: MessageId };
const STRINGS: Record<string, MessageId | Plural> = {
  'Commands:': 'yargs.commands',
  'Options:': 'yargs.options',
  'Examples:': 'yargs.examples',
  'Positionals:': 'yargs.positionals',
  boolean: 'yargs.boolean',
  count: 'yargs.count',
  string: 'yargs.string',
  number: 'yargs.number',
  array: 'yargs.array',
  required: 'yargs.required',
  default: 'yargs.default',
  'default:': 'yargs.defaultColon',
  'choices:': 'yargs.choices',
  'aliases:': 'yargs.aliases',
  command: 'yargs.command',
  deprecated: 'yargs.deprecated',
  'deprecated: %s': 'yargs.deprecatedReason',
  'generated-value': 'yargs.generatedValue',
  'Show help': 'yargs.showHelp',
  'Show version number': 'yargs.showVersion',
  'Not enough non-option arguments: got %s, need at least %s': { one: 'yargs.tooFewPositionals', other: 'yargs.tooFewPositionals' },
  'Too many non-option arguments: got %s, maximum of %s': { one: 'yargs.tooManyPositionals', other: 'yargs.tooManyPositionals' },
  'Missing argument value: %s': { one: 'yargs.missingValue', other: 'yargs.missingValues' },
  'Missing required argument: %s': { one: 'yargs.missingRequired', other: 'yargs.missingRequiredMany' },
  'Unknown argument: %s': { one: 'yargs.unknownArgument', other: 'yargs.unknownArguments' },
  'Unknown command: %s': { one: 'yargs.unknownCommand', other: 'yargs.unknownCommands' },
  'Invalid values:': 'yargs.invalidValues',
  'Argument: %s, Given: %s, Choices: %s': 'yargs.invalidValue',
  'Argument check failed: %s': 'yargs.checkFailed',
  'Implications failed:': 'yargs.implications',
  'Not enough arguments following: %s': 'yargs.notEnoughFollowing',
  'Did you mean %s?': 'yargs.didYouMean',
  'Arguments %s and %s are mutually exclusive': 'yargs.exclusive',
};

export function yargsStrings({ t }: Pick<Translator, 't'>): Record<string, string | { one: string; other: string }> {
  return Object.fromEntries(
    Object.entries(STRINGS).map(([key, id]) => [key, typeof id === 'string' ? t(id) : { one: t(id.one), other: t(id.other) }]),
  );
}
