// Live collection for the CLI commands. Everything here is loaded on demand, so `check --snapshot`
// never evaluates the process runner or the logger.
import type { CollectOptions } from '../collect/collect.js';
import type { Runner } from '../collect/runner.js';
import { InputError } from '../errors.js';
import type { Snapshot } from '../snapshot/schema.js';
import type { ClosableLog } from '../util/logger.js';

export interface LiveEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Live collection's surroundings; tests replace them to replay recorded Windows output. */
  live?: Partial<Pick<CollectOptions, 'runner' | 'arch' | 'pid' | 'tempDir' | 'fileExists'>>;
}

export interface LiveArgs {
  timeout: number;
  verbose: boolean;
  logFile?: string;
}

export async function liveRunner(env: LiveEnv): Promise<Runner> {
  return env.live?.runner ?? (await import('../collect/exec-runner.js')).execRunner;
}

export async function openLog(args: LiveArgs, rotateDir?: string): Promise<ClosableLog> {
  const { createProbeLog } = await import('../util/logger.js');
  return createProbeLog({ verbose: args.verbose, logFile: args.logFile, rotateDir });
}

/** Collects this machine's snapshot; logs to `log` when given, else to a log of its own. */
export async function collectLive(args: LiveArgs, env: LiveEnv, sharedLog?: ClosableLog): Promise<Snapshot> {
  if (env.platform !== 'win32') throw new InputError('error.needsWindows');
  if (!(args.timeout > 0)) throw new InputError('error.badTimeout', { value: String(args.timeout) });
  const [{ collectSnapshot }, fs, os] = await Promise.all([import('../collect/collect.js'), import('node:fs'), import('node:os')]);
  const log = sharedLog ?? (await openLog(args));
  try {
    const result = await collectSnapshot({
      runner: await liveRunner(env),
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
    if (!sharedLog) await log.close();
  }
}
