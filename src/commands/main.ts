// Argument parsing and dispatch. Returns what to print and the exit code; src/cli.ts alone writes to
// stdout/stderr and exits, so this stays testable in-process.
import yargs from 'yargs';
import { FORMATS, judge, render, type Format } from './check.js';
import { loadConfigFile } from '../config/load.js';
import { resolveConfig } from '../config/resolve.js';
import { EXIT, InputError } from '../errors.js';
import { jsonSchema, SCHEMA_NAMES, type SchemaName } from '../snapshot/json-schema.js';
import { readSnapshotFile } from '../snapshot/load.js';
import type { Snapshot } from '../snapshot/schema.js';
import type { CollectOptions } from '../collect/collect.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { TOOL_NAME, VERSION } from '../version.js';

export interface CliEnv {
  platform: NodeJS.Platform;
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
  /** Live collection's surroundings; tests replace them to replay recorded Windows output. */
  live?: Partial<Pick<CollectOptions, 'runner' | 'arch' | 'pid' | 'tempDir' | 'fileExists'>>;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface LiveArgs {
  timeout: number;
  verbose: boolean;
  logFile?: string;
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
  timeout: { type: 'number', default: 60, describe: 'Seconds live collection may take in all (Windows)' },
  verbose: { type: 'boolean', default: false, describe: 'Log each probe (command, duration, exit code, output size) to stderr' },
  'log-file': { type: 'string', describe: 'Append the probe log to this file', requiresArg: true },
} as const;

const EPILOG = `Exit codes: 0 READY, 1 AT RISK, 2 BLOCKED, 3 usage or input error.
Docs: docs/checks.md (what each check means), docs/snapshot.md (the snapshot format).`;

async function collectLive(args: LiveArgs, env: CliEnv): Promise<Snapshot> {
  if (env.platform !== 'win32') throw new InputError('live collection needs Windows; use --snapshot FILE');
  if (!(args.timeout > 0)) throw new InputError(`--timeout must be a positive number of seconds, got ${args.timeout}`);
  // Loaded only here, so `check --snapshot` never evaluates execa or winston.
  const [{ collectSnapshot }, { execRunner }, { createProbeLog }, fs, os] = await Promise.all([
    import('../collect/collect.js'), import('../collect/exec-runner.js'), import('../util/logger.js'), import('node:fs'), import('node:os'),
  ]);
  const log = createProbeLog({ verbose: args.verbose, logFile: args.logFile });
  try {
    const result = await collectSnapshot({
      runner: env.live?.runner ?? execRunner,
      platform: env.platform,
      arch: env.live?.arch ?? process.arch,
      env: env.env,
      pid: env.live?.pid ?? process.pid,
      timeoutMs: args.timeout * 1000,
      tempDir: env.live?.tempDir ?? os.tmpdir(),
      fileExists: env.live?.fileExists ?? fs.existsSync,
      log,
    });
    log.info(`collected by ${result.method} with ${result.processesSpawned} process(es)`);
    return result.snapshot;
  } finally {
    await log.close();
  }
}

async function runCollect(args: CollectArgs, env: CliEnv): Promise<CliResult> {
  let text: string;
  if (args.printScript) {
    const { buildCollectionScript } = await import('../collect/script.js');
    text = buildCollectionScript({ stream: false });
  } else {
    text = `${JSON.stringify(await collectLive(args, env), null, 2)}\n`;
  }
  if (args.output) {
    writeFileAtomic(args.output, text);
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  return { stdout: text, stderr: '', exitCode: 0 };
}

async function runCheck(args: CheckArgs, env: CliEnv): Promise<CliResult> {
  const config = args.config ? loadConfigFile(args.config) : resolveConfig();
  const snapshot = args.snapshot ? readSnapshotFile(args.snapshot) : await collectLive(args, env);
  const report = judge(snapshot, config);
  const noColor = env.env.NO_COLOR !== undefined && env.env.NO_COLOR !== '';
  const color = !noColor && (args.color ?? (env.stdoutIsTTY && !args.output));
  const text = render(report, { format: args.format, color, windowsSymbols: env.platform === 'win32' });
  if (args.output) {
    writeFileAtomic(args.output, text);
    return { stdout: '', stderr: '', exitCode: report.exitCode };
  }
  return { stdout: text, stderr: '', exitCode: report.exitCode };
}

export async function main(argv: readonly string[], env: CliEnv): Promise<CliResult> {
  let result: CliResult | undefined;
  const parser = yargs([...argv])
    .scriptName(TOOL_NAME)
    .version(VERSION)
    .usage(`${TOOL_NAME}: is this Windows CVM ready for a Tencent Cloud custom image? READY, AT RISK or BLOCKED, with fixes.`)
    .command(
      ['check', '$0'],
      'Judge a snapshot (or this machine, on Windows) and print the verdict with findings and fixes',
      (y) => y
        .option('snapshot', { type: 'string', describe: 'Snapshot JSON file to judge instead of collecting live', requiresArg: true })
        .option('config', { type: 'string', describe: 'Config JSON: disable checks, change severities, extend tables', requiresArg: true })
        .option('format', { choices: FORMATS, default: 'text' as Format, describe: 'Output format' })
        .option('output', { type: 'string', describe: 'Write the report to this file (atomically) instead of stdout', requiresArg: true })
        .option('color', { type: 'boolean', describe: 'Colour the text report (default: only on a terminal, never with NO_COLOR)' })
        .options(LIVE_OPTIONS),
      async (args) => {
        result = await runCheck(args as unknown as CheckArgs, env);
      },
    )
    .command(
      'collect',
      'Collect a snapshot of this Windows machine (for offline analysis or a support ticket)',
      (y) => y
        .option('output', { type: 'string', describe: 'Write the snapshot to this file (atomically) instead of stdout', requiresArg: true })
        .option('print-script', { type: 'boolean', default: false, describe: 'Print the PowerShell collection script instead, to run by hand where the agent cannot run' })
        .options(LIVE_OPTIONS),
      async (args) => {
        result = await runCollect(args as unknown as CollectArgs, env);
      },
    )
    .command(
      'schema [name]',
      'Print the JSON Schema of the snapshot or the config file',
      (y) => y.positional('name', { choices: SCHEMA_NAMES, default: 'snapshot' as SchemaName }),
      (args) => {
        result = { stdout: `${JSON.stringify(jsonSchema(args.name as SchemaName), null, 2)}\n`, stderr: '', exitCode: 0 };
      },
    )
    .strict()
    .exitProcess(false)
    .help()
    .alias('h', 'help')
    .epilog(EPILOG)
    .wrap(100)
    .fail((msg, err) => {
      if (err && !/^YError/.test(String(err.name))) throw err;
      // yargs messages can span lines ("Invalid values:\n  Argument: ..."); we promise one line.
      throw new InputError((msg ?? err?.message ?? 'invalid arguments').replace(/\s*\n\s*/g, ' '));
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
    return { stdout: '', stderr: `${TOOL_NAME}: internal error: ${message.split('\n')[0]}\n`, exitCode: EXIT.INPUT };
  }
}
