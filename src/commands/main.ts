// Argument parsing and dispatch. Returns what to print and the exit code; src/cli.ts alone writes to
// stdout/stderr and exits, so this stays testable in-process. Commands return an Outcome that carries
// the language it was worded in; the report file, if any, is written here.
import { appendFileSync } from 'node:fs';
import yargs from 'yargs';
import { EXIT, InputError } from '../errors.js';
import { SUMMARY_FORMATS } from '../fleet/formats.js';
import { translator, type Translator } from '../messages/format.js';
import { isLang, resolveLang } from '../messages/lang.js';
import { LANGS, type Lang } from '../messages/types.js';
import type { MessageId } from '../messages/en.js';
import { INSPECT_FORMATS } from '../report/inspection-formats.js';
import { FORMATS } from '../report/render.js';
import { jsonSchema, SCHEMA_NAMES } from '../snapshot/json-schema.js';
import { DEFAULT_KEEP } from '../schedule/history.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { visible } from '../util/safe-text.js';
import { TOOL_NAME, VERSION } from '../version.js';
import type { CaptureArgs, CaptureEnv } from './capture.js';
import type { FleetEnv, FleetRunArgs } from './fleet.js';
import { runCheck, type CheckArgs, type CheckEnv } from './check.js';
import { runCollect, type CollectArgs } from './collect.js';
import { FIX_FORMATS, runFix, runRestore, type FixArgs, type FixEnv, type RestoreArgs } from './fix.js';
import { runInspect, type InspectArgs } from './inspect.js';
import { repeatedOption } from './options.js';
import { forReaders, printed, type Outcome } from './outcome.js';
import { runSchedule, type ScheduleArgs, type ScheduleEnv } from './schedule.js';
import { runSummarize, type SummarizeArgs } from './summarize.js';
import { yargsStrings } from './yargs-strings.js';

export interface CliEnv extends CheckEnv, ScheduleEnv, FixEnv, CaptureEnv, FleetEnv {}

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** fix --apply and restore start many programs one after another (and wait for services to stop). */
const FIX_TIMEOUT_SECONDS = 300;
/** Tencent: a capture takes "ten minutes or more"; a large system disk much more. */
const CAPTURE_WAIT_SECONDS = 7200;
/** fleet run: TAT invocations in flight at once (each up to 200 instances). */
const FLEET_CONCURRENCY = 3;
/** fleet run: TAT's Timeout per instance. A live check takes its own 60 s at most; a download more. */
const FLEET_INSTANCE_TIMEOUT = 600;

const liveOptions = ({ t }: Translator) =>
  ({
    timeout: { type: 'number', default: 60, describe: t('cli.opt.timeout') },
    verbose: { type: 'boolean', default: false, describe: t('cli.opt.verbose') },
    'log-file': { type: 'string', describe: t('cli.opt.logFile'), requiresArg: true },
  }) as const;

/** Which instance, region and credentials the cloud options name; each needs --cloud on check. */
const cloudOptions = ({ t }: Translator) =>
  ({
    cloud: { type: 'boolean', describe: t('cli.opt.cloud') },
    region: { type: 'string', describe: t('cli.opt.region'), requiresArg: true, implies: 'cloud' },
    'instance-id': { type: 'string', describe: t('cli.opt.instanceId'), requiresArg: true, implies: 'cloud' },
    profile: { type: 'string', describe: t('cli.opt.profile'), requiresArg: true, implies: 'cloud' },
  }) as const;

/**
 * --lang is read before yargs runs: the help text and yargs' own messages are worded in it. A bad
 * value is reported in the language the environment asks for (the caller's language so far).
 */
function langFlag(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === undefined) continue;
    if (!isLang(value)) throw new InputError('error.badLang', { langs: LANGS.join(', '), value });
    return value;
  }
  return undefined;
}

const errorLine = (err: InputError, lang: Lang): CliResult => ({
  stdout: '',
  // One line, whatever a file name or argument in it holds: escapes and line breaks are shown, not obeyed.
  stderr: `${TOOL_NAME}: ${visible(translator(lang).ref(err.ref))}\n`,
  exitCode: EXIT.INPUT,
});

/** An outcome as the CLI shows it: the report to its file or stdout, diagnostics under --verbose or to the log file. */
function deliver(outcome: Outcome, verbose: boolean, logFile: string | undefined, windows: boolean): CliResult {
  const diagnostics = outcome.diagnostics ?? [];
  if (outcome.error) {
    // What was already said stays (a capture's report before its failure); the error is the one line.
    const line = errorLine(outcome.error, outcome.lang);
    const stderr = verbose ? diagnostics.map((d) => `${TOOL_NAME}: ${d}\n`).join('') : '';
    // The command's exit code: 3 for most, 4 for a fleet run interrupted with its state saved.
    return {
      ...line,
      stdout: forReaders(outcome.text, outcome.style, windows, false),
      stderr: `${stderr}${line.stderr}`,
      exitCode: outcome.exitCode,
    };
  }
  if (logFile && diagnostics.length > 0) {
    try {
      appendFileSync(logFile, diagnostics.map((d) => `${new Date().toISOString()} ${d}\n`).join(''));
    } catch {
      // The report matters more than its diagnostics; --verbose still shows them.
    }
  }
  const text = forReaders(outcome.text, outcome.style, windows, outcome.output !== undefined);
  try {
    if (outcome.output) writeFileAtomic(outcome.output, text);
  } catch (err) {
    if (err instanceof InputError) return errorLine(err, outcome.lang);
    throw err;
  }
  const stderr = verbose ? diagnostics.map((d) => `${TOOL_NAME}: ${d}\n`).join('') : '';
  return { stdout: outcome.output ? '' : text, stderr, exitCode: outcome.exitCode };
}

export async function main(argv: readonly string[], env: CliEnv): Promise<CliResult> {
  // Errors before a snapshot is read are worded in --lang or the environment's language.
  let lang = resolveLang({ env: env.env });
  try {
    lang = langFlag(argv) ?? lang;
    const repeated = repeatedOption(argv);
    if (repeated) throw new InputError('error.repeatedOption', { option: repeated });
    return await parseAndRun(argv, env, lang);
  } catch (err) {
    if (err instanceof InputError) return errorLine(err, lang);
    const message = err instanceof Error ? err.message : String(err);
    const stack = err instanceof Error && argv.includes('--verbose') ? `${err.stack ?? ''}\n` : '';
    return {
      stdout: '',
      stderr: `${TOOL_NAME}: ${visible(translator(lang).t('error.internal', { message: message.split('\n')[0] ?? '' }))}\n${stack}`,
      exitCode: EXIT.INPUT,
    };
  }
}

/**
 * `check` is the default command: `image-preflight check --snapshot F` and `image-preflight --snapshot F`
 * are the same. Naming it costs yargs a rendering of the whole help text (it caches help for every
 * command named), a fifth of a cold start, so the name is dropped unless help was asked for.
 */
export function withoutDefaultCommand(argv: readonly string[]): string[] {
  const args = [...argv];
  if (args[0] === 'check' && !args.some((a) => a === '--help' || a === '-h' || a === '--')) args.shift();
  return args;
}

/** The message for a command that was given without the positional it needs. */
const NEEDS_POSITIONAL: Record<string, MessageId> = {
  schedule: 'error.needScheduleAction',
  summarize: 'error.needSummarizePaths',
  inspect: 'error.needInspectFile',
};
const commandOf = (argv: readonly string[]) => argv.find((a) => !a.startsWith('-')) ?? '';

async function parseAndRun(argv: readonly string[], env: CliEnv, lang: Lang): Promise<CliResult> {
  const tr = translator(lang);
  const { t } = tr;
  // yargs' words for a missing positional, as it fills them in (got 0, need at least 1).
  const tooFewPositionals = t('yargs.tooFewPositionals').replace('%s', '0').replace('%s', '1');
  const LIVE_OPTIONS = liveOptions(tr);
  let outcome: Outcome | undefined;
  let verbose = false;
  let logFile: string | undefined;
  let crlf: boolean | undefined;
  const live = (args: { timeout: number; verbose: boolean; logFile?: string }) => {
    verbose = args.verbose;
    logFile = args.logFile;
    return { timeout: args.timeout, verbose: args.verbose, logFile: args.logFile };
  };
  // The arguments yargs parses are the ones parseAsync is given below (they override these).
  const cliArgs = withoutDefaultCommand(argv);
  const parser = yargs(cliArgs)
    .locale('en')
    // yargs' types say strings only; y18n also takes { one, other } plurals, as its own locale files do.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- the library's types are narrower than y18n
    .updateStrings(yargsStrings(tr) as Record<string, string>)
    .scriptName(TOOL_NAME)
    .version(VERSION)
    .usage(`${TOOL_NAME}: ${t('cli.usage')}`)
    .option('lang', { choices: LANGS, describe: t('cli.opt.lang'), global: true })
    .option('crlf', { type: 'boolean', describe: t('cli.opt.crlf'), global: true })
    .middleware((args) => {
      crlf = typeof args.crlf === 'boolean' ? args.crlf : undefined;
    })
    .command(
      ['check', '$0'],
      t('cli.cmd.check'),
      (y) =>
        y
          .option('snapshot', { type: 'string', describe: t('cli.opt.snapshot'), requiresArg: true })
          .option('config', { type: 'string', describe: t('cli.opt.config'), requiresArg: true })
          .option('format', { choices: FORMATS, default: 'text' as const, describe: t('cli.opt.format') })
          .option('output', { type: 'string', describe: t('cli.opt.outputReport'), requiresArg: true })
          .option('color', { type: 'boolean', describe: t('cli.opt.color') })
          .option('sysprep', { type: 'boolean', describe: t('cli.opt.sysprep') })
          .option('compact', { type: 'boolean', describe: t('cli.opt.compact') })
          .options(cloudOptions(tr))
          .option('name', { type: 'string', describe: t('cli.opt.imageName'), requiresArg: true, implies: 'cloud' })
          .option('share', { type: 'boolean', default: false, describe: t('cli.opt.share') })
          .option('share-root', { type: 'string', describe: t('cli.opt.shareRoot'), requiresArg: true })
          .options(LIVE_OPTIONS),
      async (args) => {
        const checkArgs: CheckArgs = {
          sysprep: args.sysprep,
          compact: args.compact,
          cloud: args.cloud,
          target: { region: args.region, instanceId: args.instanceId, profile: args.profile },
          imageName: args.name,
          ...live(args),
          lang: args.lang,
          snapshot: args.snapshot,
          config: args.config,
          format: args.format,
          output: args.output,
          color: args.color,
          share: args.share,
          shareRoot: args.shareRoot,
        };
        outcome = await runCheck(checkArgs, env, lang);
      },
    )
    .command(
      'collect',
      t('cli.cmd.collect'),
      (y) =>
        y
          .option('output', { type: 'string', describe: t('cli.opt.outputSnapshot'), requiresArg: true })
          .option('print-script', { type: 'boolean', default: false, describe: t('cli.opt.printScript') })
          .option('batch', { type: 'boolean', default: false, describe: t('cli.opt.batch') })
          .option('record', { type: 'string', describe: t('cli.opt.record'), requiresArg: true })
          .option('redact', { type: 'boolean', default: false, describe: t('cli.opt.redact') })
          .option('share', { type: 'boolean', default: false, describe: t('cli.opt.collectShare') })
          .option('share-root', { type: 'string', describe: t('cli.opt.shareRoot'), requiresArg: true })
          .options(LIVE_OPTIONS),
      async (args) => {
        const collectArgs: CollectArgs = {
          ...live(args),
          output: args.output,
          printScript: args.printScript,
          batch: args.batch,
          record: args.record,
          redact: args.redact,
          share: args.share,
          shareRoot: args.shareRoot,
        };
        outcome = await runCollect(collectArgs, env, lang);
      },
    )
    .command(
      'schedule <action>',
      t('cli.cmd.schedule'),
      (y) =>
        y
          .positional('action', {
            choices: ['install', 'remove', 'status', 'run'] as const,
            describe: t('cli.opt.scheduleAction'),
            demandOption: true,
          })
          .option('every', { choices: ['daily', 'hourly'] as const, default: 'daily' as const, describe: t('cli.opt.every') })
          .option('at', { type: 'string', default: '03:00', describe: t('cli.opt.at') })
          .option('report-dir', { type: 'string', describe: t('cli.opt.reportDir'), requiresArg: true })
          .option('keep', { type: 'number', default: DEFAULT_KEEP, describe: t('cli.opt.keep') })
          .option('config', { type: 'string', describe: t('cli.opt.scheduleConfig'), requiresArg: true })
          .option('log-dir', { type: 'string', describe: t('cli.opt.logDir'), requiresArg: true })
          .options(LIVE_OPTIONS),
      async (args) => {
        const scheduleArgs: ScheduleArgs = {
          ...live(args),
          action: args.action,
          every: args.every,
          at: args.at,
          reportDir: args.reportDir,
          keep: args.keep,
          config: args.config,
          logDir: args.logDir,
          lang: args.lang,
        };
        outcome = await runSchedule(scheduleArgs, env, lang);
      },
    )
    .command(
      'fix',
      t('cli.cmd.fix'),
      (y) =>
        y
          .option('snapshot', { type: 'string', describe: t('cli.opt.snapshot'), requiresArg: true })
          .option('report', { type: 'string', describe: t('cli.opt.report'), requiresArg: true })
          .option('config', { type: 'string', describe: t('cli.opt.config'), requiresArg: true })
          .option('apply', { type: 'boolean', default: false, describe: t('cli.opt.apply') })
          .option('logoff-sessions', { type: 'boolean', default: false, describe: t('cli.opt.logoffSessions') })
          .option('format', { choices: FIX_FORMATS, default: 'text' as const, describe: t('cli.opt.fixFormat') })
          .option('output', { type: 'string', describe: t('cli.opt.outputPlan'), requiresArg: true })
          .options({
            ...LIVE_OPTIONS,
            timeout: { ...LIVE_OPTIONS.timeout, default: FIX_TIMEOUT_SECONDS, describe: t('cli.opt.fixTimeout') },
          }),
      async (args) => {
        const fixArgs: FixArgs = {
          ...live(args),
          lang: args.lang,
          snapshot: args.snapshot,
          report: args.report,
          config: args.config,
          apply: args.apply,
          logoffSessions: args.logoffSessions,
          format: args.format,
          output: args.output,
        };
        outcome = await runFix(fixArgs, env, lang);
      },
    )
    .command(
      'restore',
      t('cli.cmd.restore'),
      (y) =>
        y.option('output', { type: 'string', describe: t('cli.opt.outputRestore'), requiresArg: true }).options({
          ...LIVE_OPTIONS,
          timeout: { ...LIVE_OPTIONS.timeout, default: FIX_TIMEOUT_SECONDS, describe: t('cli.opt.fixTimeout') },
        }),
      async (args) => {
        const restoreArgs: RestoreArgs = { ...live(args), lang: args.lang, output: args.output };
        outcome = await runRestore(restoreArgs, env, lang);
      },
    )
    .command(
      'capture',
      t('cli.cmd.capture'),
      (y) =>
        y
          .option('name', { type: 'string', describe: t('cli.opt.captureName'), requiresArg: true, demandOption: true })
          .option('description', { type: 'string', describe: t('cli.opt.description'), requiresArg: true })
          .option('sysprep', { type: 'boolean', default: false, describe: t('cli.opt.captureSysprep') })
          .option('force-poweroff', { type: 'boolean', default: false, describe: t('cli.opt.forcePoweroff') })
          .option('data-disks', { type: 'string', describe: t('cli.opt.dataDisks'), requiresArg: true })
          .option('accept-risk', { type: 'boolean', default: false, describe: t('cli.opt.acceptRisk') })
          .option('dry-run', { type: 'boolean', default: false, describe: t('cli.opt.dryRun') })
          .option('region', { ...cloudOptions(tr).region, implies: undefined })
          .option('instance-id', { ...cloudOptions(tr)['instance-id'], describe: t('cli.opt.captureInstanceId'), implies: undefined })
          .option('profile', { ...cloudOptions(tr).profile, implies: undefined })
          .option('snapshot', { type: 'string', describe: t('cli.opt.captureSnapshot'), requiresArg: true })
          .option('config', { type: 'string', describe: t('cli.opt.config'), requiresArg: true })
          .option('wait-timeout', { type: 'number', default: CAPTURE_WAIT_SECONDS, describe: t('cli.opt.waitTimeout') })
          .options(LIVE_OPTIONS),
      async (args) => {
        const captureArgs: CaptureArgs = {
          ...live(args),
          lang: args.lang,
          snapshot: args.snapshot,
          config: args.config,
          name: args.name,
          description: args.description,
          sysprep: args.sysprep,
          forcePoweroff: args.forcePoweroff,
          dataDisks: args.dataDisks,
          acceptRisk: args.acceptRisk,
          dryRun: args.dryRun,
          target: { region: args.region, instanceId: args.instanceId, profile: args.profile },
          waitTimeout: args.waitTimeout,
        };
        const { runCapture } = await import('./capture.js');
        outcome = await runCapture(captureArgs, env, lang);
      },
    )
    .command(
      'fleet <action>',
      t('cli.cmd.fleet'),
      (y) =>
        y
          .positional('action', { choices: ['run'] as const, describe: t('cli.opt.fleetAction'), demandOption: true })
          .option('instances', { type: 'string', describe: t('cli.opt.instances'), requiresArg: true })
          .option('tag', { type: 'string', describe: t('cli.opt.tag'), requiresArg: true })
          .option('instances-file', { type: 'string', describe: t('cli.opt.instancesFile'), requiresArg: true })
          .option('region', { type: 'string', describe: t('cli.opt.fleetRegion'), requiresArg: true })
          .option('profile', { ...cloudOptions(tr).profile, implies: undefined })
          .option('exe-url', { type: 'string', describe: t('cli.opt.exeUrl'), requiresArg: true })
          .option('exe-sha256', { type: 'string', describe: t('cli.opt.exeSha256'), requiresArg: true })
          .option('concurrency', { type: 'number', default: FLEET_CONCURRENCY, describe: t('cli.opt.concurrency') })
          .option('instance-timeout', { type: 'number', default: FLEET_INSTANCE_TIMEOUT, describe: t('cli.opt.instanceTimeout') })
          .option('report-dir', { type: 'string', describe: t('cli.opt.fleetReportDir'), requiresArg: true })
          .option('output-cos', { type: 'string', describe: t('cli.opt.outputCos'), requiresArg: true })
          .option('resume', { type: 'boolean', default: false, describe: t('cli.opt.resume') })
          .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: t('cli.opt.format') })
          .option('output', { type: 'string', describe: t('cli.opt.outputSummary'), requiresArg: true })
          .option('verbose', LIVE_OPTIONS.verbose)
          .option('log-file', LIVE_OPTIONS['log-file']),
      async (args) => {
        verbose = args.verbose;
        logFile = args.logFile;
        const fleetArgs: FleetRunArgs = {
          lang: args.lang,
          instances: args.instances,
          tag: args.tag,
          instancesFile: args.instancesFile,
          region: args.region,
          profile: args.profile,
          exeUrl: args.exeUrl,
          exeSha256: args.exeSha256,
          concurrency: args.concurrency,
          instanceTimeout: args.instanceTimeout,
          reportDir: args.reportDir,
          outputCos: args.outputCos,
          resume: args.resume,
          format: args.format,
          output: args.output,
        };
        const { runFleetCommand } = await import('./fleet.js');
        outcome = await runFleetCommand(fleetArgs, env, lang);
      },
    )
    .command(
      'inspect <file>',
      t('cli.cmd.inspect'),
      (y) =>
        y
          .positional('file', { type: 'string', describe: t('cli.opt.imageFile'), demandOption: true })
          .option('format', { choices: INSPECT_FORMATS, default: 'text' as const, describe: t('cli.opt.format') })
          .option('output', { type: 'string', describe: t('cli.opt.outputReport'), requiresArg: true }),
      async (args) => {
        const inspectArgs: InspectArgs = { file: args.file, format: args.format, output: args.output };
        outcome = await runInspect(inspectArgs, env, lang);
      },
    )
    .command(
      'summarize <paths..>',
      t('cli.cmd.summarize'),
      (y) =>
        y
          .positional('paths', { type: 'string', array: true, describe: t('cli.opt.paths'), demandOption: true })
          .option('format', { choices: SUMMARY_FORMATS, default: 'text' as const, describe: t('cli.opt.format') })
          .option('output', { type: 'string', describe: t('cli.opt.outputSummary'), requiresArg: true }),
      async (args) => {
        const summarizeArgs: SummarizeArgs = { paths: args.paths, format: args.format, output: args.output };
        outcome = await runSummarize(summarizeArgs, lang);
      },
    )
    .command(
      'explain [topic]',
      t('cli.cmd.explain'),
      (y) => y.positional('topic', { type: 'string', describe: t('cli.opt.topic') }),
      async (args) => {
        const { runExplain } = await import('./explain.js');
        outcome = runExplain({ topic: args.topic }, lang);
      },
    )
    .command(
      'schema [name]',
      t('cli.cmd.schema'),
      (y) => y.positional('name', { choices: SCHEMA_NAMES, default: 'snapshot' as const }),
      (args) => {
        outcome = printed(`${JSON.stringify(jsonSchema(args.name), null, 2)}\n`, lang);
      },
    )
    .strict()
    .exitProcess(false)
    .help()
    .alias('h', 'help')
    .epilog(t('cli.epilog'))
    // cliui wraps only at spaces: Chinese, which has none, would break at the one space before a
    // Latin word. Unwrapped rows keep their columns aligned (cliui measures CJK as two columns).
    .wrap(lang === 'zh-CN' ? null : 100)
    // yargs calls this with msg or err undefined, whatever its types say.
    .fail((msg: string | undefined, err: Error | undefined) => {
      if (err && !err.name.startsWith('YError')) throw err;
      // A command run without its positional: say what it needs, not yargs' count of arguments.
      const needs = msg === tooFewPositionals ? NEEDS_POSITIONAL[commandOf(argv)] : undefined;
      if (needs) throw new InputError(needs);
      // yargs messages can span lines ("Invalid values:\n  Argument: ..."); we promise one line.
      throw new InputError('error.usage', { message: (msg ?? err?.message ?? 'invalid arguments').replace(/\s*\n\s*/g, ' ') });
    });

  let help = '';
  await parser.parseAsync(cliArgs, {}, (_err, _argv, output) => {
    help = output;
  });
  // Files for Windows eyes: CRLF where Notepad on older Windows needs it, unless --no-crlf.
  if (outcome) return deliver(outcome, verbose, logFile, crlf ?? env.platform === 'win32');
  return { stdout: help ? `${help}\n` : '', stderr: '', exitCode: 0 };
}
