// Argument parsing and dispatch. Returns what to print and the exit code; src/cli.ts alone writes to
// stdout/stderr and exits, so this stays testable in-process.
import yargs from 'yargs';
import { FORMATS, judge, render, reportLang, type Format } from './check.js';
import { collectLive, type LiveArgs } from './live.js';
import { runSchedule, type ScheduleArgs, type ScheduleEnv } from './schedule.js';
import { loadConfigFile } from '../config/load.js';
import { resolveConfig } from '../config/resolve.js';
import { EXIT, InputError } from '../errors.js';
import { jsonSchema, SCHEMA_NAMES, type SchemaName } from '../snapshot/json-schema.js';
import { readSnapshotFile } from '../snapshot/load.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { SUMMARY_FORMATS, type SummaryFormat } from '../fleet/formats.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { translator, type Translator } from '../messages/format.js';
import { isLang, resolveLang } from '../messages/lang.js';
import { LANGS, type Lang } from '../messages/types.js';
import { yargsStrings } from './yargs-strings.js';

export interface CliEnv extends ScheduleEnv {
  stdoutIsTTY: boolean;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface CheckArgs extends LiveArgs {
  lang?: Lang;
  snapshot?: string;
  config?: string;
  format: Format;
  output?: string;
  color?: boolean;
}

interface CollectArgs extends LiveArgs {
  output?: string;
  printScript: boolean;
}

const liveOptions = ({ t }: Translator) => ({
  timeout: { type: 'number', default: 60, describe: t('cli.opt.timeout') },
  verbose: { type: 'boolean', default: false, describe: t('cli.opt.verbose') },
  'log-file': { type: 'string', describe: t('cli.opt.logFile'), requiresArg: true },
} as const);

/**
 * --lang is read before yargs runs: the help text and yargs' own messages are worded in it. A bad
 * value is reported in the language the environment asks for (the caller's language so far).
 */
function langFlag(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === undefined) continue;
    if (!isLang(value)) throw new InputError('error.badLang', { langs: LANGS.join(', '), value });
    return value;
  }
  return undefined;
}

/** A command's text goes to --output (atomically) when given, else to stdout. */
function emit(text: string, output: string | undefined, exitCode: number): CliResult {
  if (output) writeFileAtomic(output, text);
  return { stdout: output ? '' : text, stderr: '', exitCode };
}

async function runCollect(args: CollectArgs, env: CliEnv): Promise<CliResult> {
  let text: string;
  if (args.printScript) {
    const { buildCollectionScript } = await import('../collect/script.js');
    text = buildCollectionScript({ stream: false });
  } else {
    text = `${JSON.stringify(await collectLive(args, env), null, 2)}\n`;
  }
  return emit(text, args.output, 0);
}

async function runCheck(args: CheckArgs, env: CliEnv, state: { lang: Lang }): Promise<CliResult> {
  const config = args.config ? loadConfigFile(args.config) : resolveConfig();
  const snapshot = args.snapshot ? readSnapshotFile(args.snapshot) : await collectLive(args, env);
  state.lang = reportLang(args.lang, env.env, snapshot);
  const report = judge(snapshot, config, { lang: state.lang });
  const noColor = env.env.NO_COLOR !== undefined && env.env.NO_COLOR !== '';
  const color = !noColor && (args.color ?? (env.stdoutIsTTY && !args.output));
  return emit(render(report, { format: args.format, color, windowsSymbols: env.platform === 'win32' }), args.output, report.exitCode);
}

export async function main(argv: readonly string[], env: CliEnv): Promise<CliResult> {
  // Errors are worded in the language known so far: --lang or the environment's, then the report's.
  const state = { lang: resolveLang({ env: env.env }) };
  try {
    state.lang = langFlag(argv) ?? state.lang;
    return await parseAndRun(argv, env, state);
  } catch (err) {
    if (err instanceof InputError) return { stdout: '', stderr: `${TOOL_NAME}: ${translator(state.lang).ref(err.ref)}\n`, exitCode: EXIT.INPUT };
    const message = (err as Error)?.message ?? String(err);
    return { stdout: '', stderr: `${TOOL_NAME}: ${translator(state.lang).t('error.internal', { message: message.split('\n')[0] ?? '' })}\n`, exitCode: EXIT.INPUT };
  }
}

async function parseAndRun(argv: readonly string[], env: CliEnv, state: { lang: Lang }): Promise<CliResult> {
  const tr = translator(state.lang);
  const { t } = tr;
  const LIVE_OPTIONS = liveOptions(tr);
  let result: CliResult | undefined;
  const parser = yargs([...argv])
    .locale('en')
    // yargs' types say strings only; y18n also takes { one, other } plurals, as its own locale files do.
    .updateStrings(yargsStrings(tr) as Record<string, string>)
    .scriptName(TOOL_NAME)
    .version(VERSION)
    .usage(`${TOOL_NAME}: ${t('cli.usage')}`)
    .option('lang', { choices: LANGS, describe: t('cli.opt.lang'), global: true })
    .command(
      ['check', '$0'],
      t('cli.cmd.check'),
      (y) => y
        .option('snapshot', { type: 'string', describe: t('cli.opt.snapshot'), requiresArg: true })
        .option('config', { type: 'string', describe: t('cli.opt.config'), requiresArg: true })
        .option('format', { choices: FORMATS, default: 'text' as Format, describe: t('cli.opt.format') })
        .option('output', { type: 'string', describe: t('cli.opt.outputReport'), requiresArg: true })
        .option('color', { type: 'boolean', describe: t('cli.opt.color') })
        .options(LIVE_OPTIONS),
      async (args) => {
        result = await runCheck(args as unknown as CheckArgs, env, state);
      },
    )
    .command(
      'collect',
      t('cli.cmd.collect'),
      (y) => y
        .option('output', { type: 'string', describe: t('cli.opt.outputSnapshot'), requiresArg: true })
        .option('print-script', { type: 'boolean', default: false, describe: t('cli.opt.printScript') })
        .options(LIVE_OPTIONS),
      async (args) => {
        result = await runCollect(args as unknown as CollectArgs, env);
      },
    )
    .command(
      'schedule <action>',
      t('cli.cmd.schedule'),
      (y) => y
        .positional('action', { choices: ['install', 'remove', 'status', 'run'] as const, describe: t('cli.opt.scheduleAction') })
        .option('every', { choices: ['daily', 'hourly'] as const, default: 'daily', describe: t('cli.opt.every') })
        .option('at', { type: 'string', default: '03:00', describe: t('cli.opt.at') })
        .option('report-dir', { type: 'string', describe: t('cli.opt.reportDir'), requiresArg: true })
        .option('keep', { type: 'number', default: 30, describe: t('cli.opt.keep') })
        .option('config', { type: 'string', describe: t('cli.opt.scheduleConfig'), requiresArg: true })
        .option('log-dir', { type: 'string', describe: t('cli.opt.logDir'), requiresArg: true })
        .options(LIVE_OPTIONS),
      async (args) => {
        const a = args as unknown as ScheduleArgs;
        const r = await runSchedule(a, env, () => (a.config ? loadConfigFile(a.config) : resolveConfig()), state);
        result = { stdout: r.stdout, stderr: '', exitCode: r.exitCode };
      },
    )
    .command(
      'summarize <paths..>',
      t('cli.cmd.summarize'),
      (y) => y
        .positional('paths', { type: 'string', array: true, describe: t('cli.opt.paths') })
        .option('format', { choices: SUMMARY_FORMATS, default: 'text' as SummaryFormat, describe: t('cli.opt.format') })
        .option('output', { type: 'string', describe: t('cli.opt.outputSummary'), requiresArg: true }),
      async (args) => {
        // Loaded on demand: judging one machine never needs the fleet code.
        const [{ expandPaths, summarize }, { renderSummary }] = await Promise.all([import('../fleet/summarize.js'), import('../fleet/render.js')]);
        const summary = summarize(expandPaths(args.paths as string[]), { lang: state.lang });
        result = emit(renderSummary(summary, args.format as SummaryFormat), args.output as string | undefined, 0);
      },
    )
    .command(
      'schema [name]',
      t('cli.cmd.schema'),
      (y) => y.positional('name', { choices: SCHEMA_NAMES, default: 'snapshot' as SchemaName }),
      (args) => {
        result = { stdout: `${JSON.stringify(jsonSchema(args.name as SchemaName), null, 2)}\n`, stderr: '', exitCode: 0 };
      },
    )
    .strict()
    .exitProcess(false)
    .help()
    .alias('h', 'help')
    .epilog(t('cli.epilog'))
    // cliui wraps only at spaces: Chinese, which has none, would break at the one space before a
    // Latin word. Unwrapped rows keep their columns aligned (cliui measures CJK as two columns).
    .wrap(state.lang === 'zh-CN' ? null : 100)
    .fail((msg, err) => {
      if (err && !/^YError/.test(String(err.name))) throw err;
      // yargs messages can span lines ("Invalid values:\n  Argument: ..."); we promise one line.
      throw new InputError('error.usage', { message: (msg ?? err?.message ?? 'invalid arguments').replace(/\s*\n\s*/g, ' ') });
    });

  let printed = '';
  await parser.parseAsync([...argv], {}, (_err, _argv, output) => {
    printed = output;
  });
  if (result) return result;
  return { stdout: printed ? `${printed}\n` : '', stderr: '', exitCode: 0 };
}
