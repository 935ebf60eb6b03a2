// Argument parsing and dispatch. Returns what to print and the exit code; src/cli.ts alone writes to
// stdout/stderr and exits, so this stays testable in-process.
import yargs from 'yargs';
import { FORMATS, judge, render, type Format } from './check.js';
import { collectLive, type LiveArgs } from './live.js';
import { runSchedule, type ScheduleArgs, type ScheduleEnv } from './schedule.js';
import { loadConfigFile } from '../config/load.js';
import { resolveConfig } from '../config/resolve.js';
import { EXIT, InputError } from '../errors.js';
import { jsonSchema, SCHEMA_NAMES, type SchemaName } from '../snapshot/json-schema.js';
import { readSnapshotFile } from '../snapshot/load.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { expandPaths, summarize } from '../fleet/summarize.js';
import { renderSummary, SUMMARY_FORMATS, type SummaryFormat } from '../fleet/render.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { formatMessage } from '../messages/format.js';

export interface CliEnv extends ScheduleEnv {
  stdoutIsTTY: boolean;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface CheckArgs extends LiveArgs {
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

const LIVE_OPTIONS = {
  timeout: { type: 'number', default: 60, describe: formatMessage('cli.opt.timeout') },
  verbose: { type: 'boolean', default: false, describe: formatMessage('cli.opt.verbose') },
  'log-file': { type: 'string', describe: formatMessage('cli.opt.logFile'), requiresArg: true },
} as const;


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

async function runCheck(args: CheckArgs, env: CliEnv): Promise<CliResult> {
  const config = args.config ? loadConfigFile(args.config) : resolveConfig();
  const snapshot = args.snapshot ? readSnapshotFile(args.snapshot) : await collectLive(args, env);
  const report = judge(snapshot, config);
  const noColor = env.env.NO_COLOR !== undefined && env.env.NO_COLOR !== '';
  const color = !noColor && (args.color ?? (env.stdoutIsTTY && !args.output));
  return emit(render(report, { format: args.format, color, windowsSymbols: env.platform === 'win32' }), args.output, report.exitCode);
}

export async function main(argv: readonly string[], env: CliEnv): Promise<CliResult> {
  let result: CliResult | undefined;
  const parser = yargs([...argv])
    .scriptName(TOOL_NAME)
    .version(VERSION)
    .usage(`${TOOL_NAME}: ${formatMessage('cli.usage')}`)
    .command(
      ['check', '$0'],
      formatMessage('cli.cmd.check'),
      (y) => y
        .option('snapshot', { type: 'string', describe: formatMessage('cli.opt.snapshot'), requiresArg: true })
        .option('config', { type: 'string', describe: formatMessage('cli.opt.config'), requiresArg: true })
        .option('format', { choices: FORMATS, default: 'text' as Format, describe: formatMessage('cli.opt.format') })
        .option('output', { type: 'string', describe: formatMessage('cli.opt.outputReport'), requiresArg: true })
        .option('color', { type: 'boolean', describe: formatMessage('cli.opt.color') })
        .options(LIVE_OPTIONS),
      async (args) => {
        result = await runCheck(args as unknown as CheckArgs, env);
      },
    )
    .command(
      'collect',
      formatMessage('cli.cmd.collect'),
      (y) => y
        .option('output', { type: 'string', describe: formatMessage('cli.opt.outputSnapshot'), requiresArg: true })
        .option('print-script', { type: 'boolean', default: false, describe: formatMessage('cli.opt.printScript') })
        .options(LIVE_OPTIONS),
      async (args) => {
        result = await runCollect(args as unknown as CollectArgs, env);
      },
    )
    .command(
      'schedule <action>',
      formatMessage('cli.cmd.schedule'),
      (y) => y
        .positional('action', { choices: ['install', 'remove', 'status', 'run'] as const, describe: formatMessage('cli.opt.scheduleAction') })
        .option('every', { choices: ['daily', 'hourly'] as const, default: 'daily', describe: formatMessage('cli.opt.every') })
        .option('at', { type: 'string', default: '03:00', describe: formatMessage('cli.opt.at') })
        .option('report-dir', { type: 'string', describe: formatMessage('cli.opt.reportDir'), requiresArg: true })
        .option('keep', { type: 'number', default: 30, describe: formatMessage('cli.opt.keep') })
        .option('config', { type: 'string', describe: formatMessage('cli.opt.scheduleConfig'), requiresArg: true })
        .option('log-dir', { type: 'string', describe: formatMessage('cli.opt.logDir'), requiresArg: true })
        .options(LIVE_OPTIONS),
      async (args) => {
        const a = args as unknown as ScheduleArgs;
        const r = await runSchedule(a, env, () => (a.config ? loadConfigFile(a.config) : resolveConfig()));
        result = { stdout: r.stdout, stderr: '', exitCode: r.exitCode };
      },
    )
    .command(
      'summarize <paths..>',
      formatMessage('cli.cmd.summarize'),
      (y) => y
        .positional('paths', { type: 'string', array: true, describe: formatMessage('cli.opt.paths') })
        .option('format', { choices: SUMMARY_FORMATS, default: 'text' as SummaryFormat, describe: formatMessage('cli.opt.format') })
        .option('output', { type: 'string', describe: formatMessage('cli.opt.outputSummary'), requiresArg: true }),
      async (args) => {
        const summary = summarize(expandPaths(args.paths as string[]));
        result = emit(renderSummary(summary, args.format as SummaryFormat), args.output as string | undefined, 0);
      },
    )
    .command(
      'schema [name]',
      formatMessage('cli.cmd.schema'),
      (y) => y.positional('name', { choices: SCHEMA_NAMES, default: 'snapshot' as SchemaName }),
      (args) => {
        result = { stdout: `${JSON.stringify(jsonSchema(args.name as SchemaName), null, 2)}\n`, stderr: '', exitCode: 0 };
      },
    )
    .strict()
    .exitProcess(false)
    .help()
    .alias('h', 'help')
    .epilog(formatMessage('cli.epilog'))
    .wrap(100)
    .fail((msg, err) => {
      if (err && !/^YError/.test(String(err.name))) throw err;
      // yargs messages can span lines ("Invalid values:\n  Argument: ..."); we promise one line.
      throw new InputError('error.usage', { message: (msg ?? err?.message ?? 'invalid arguments').replace(/\s*\n\s*/g, ' ') });
    });

  try {
    let printed = '';
    await parser.parseAsync([...argv], {}, (_err, _argv, output) => {
      printed = output;
    });
    if (result) return result;
    return { stdout: printed ? `${printed}\n` : '', stderr: '', exitCode: 0 };
  } catch (err) {
    if (err instanceof InputError) return { stdout: '', stderr: `${TOOL_NAME}: ${err.message}\n`, exitCode: EXIT.INPUT };
    const message = (err as Error)?.message ?? String(err);
    return { stdout: '', stderr: `${TOOL_NAME}: ${formatMessage('error.internal', { message: message.split('\n')[0] ?? '' })}\n`, exitCode: EXIT.INPUT };
  }
}
