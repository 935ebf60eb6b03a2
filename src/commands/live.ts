// Live collection for the CLI commands. Everything here is loaded on demand, so `check --snapshot`
// never evaluates the process runner or the logger.
import type { CollectOptions } from '../collect/collect.js';
import type { NetworkFacts, NetworkProbe } from '../collect/net-probes.js';
import type { Runner } from '../collect/runner.js';
import { InputError } from '../errors.js';
import type { Snapshot } from '../snapshot/schema.js';
import type { Deadline } from '../util/deadline.js';
import type { Lang } from '../messages/types.js';
import { startRunClock, type WatchdogFactory } from './run-clock.js';
import type { ClosableLog } from '../util/logger.js';

export interface LiveEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Live collection's surroundings; tests replace them to replay recorded Windows output. */
  live?: Partial<Pick<CollectOptions, 'runner' | 'arch' | 'pid' | 'tempDir' | 'fileExists' | 'probeNetwork'>>;
  /** Ends the process a margin after a run's deadline (the CLI entry's; tests leave it out). */
  watchdog?: WatchdogFactory;
}

/** Runs `body` within one deadline of `timeoutSeconds`, the watchdog behind it. */
export async function withDeadline<T>(
  timeoutSeconds: number,
  lang: Lang,
  env: LiveEnv,
  body: (deadline: Deadline) => Promise<T>,
): Promise<T> {
  const clock = startRunClock(timeoutSeconds, lang, env.watchdog);
  try {
    return await body(clock.deadline);
  } finally {
    clock.stop();
  }
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

export interface CollectRun {
  deadline: Deadline;
  /** Kept back from collection for what the command does after it (the scheduled run's Event Log entry). */
  reserveMs?: number;
  /** Log to this one (the scheduled run's) instead of one of its own. */
  log?: ClosableLog;
  /** Save every probe to this folder (collect --record). */
  record?: { dir: string; redact: boolean };
}

/** Collects this machine's snapshot within the command's deadline. */
export async function collectLive(args: LiveArgs, env: LiveEnv, run: CollectRun): Promise<Snapshot> {
  if (env.platform !== 'win32') throw new InputError('error.needsWindows');
  const sharedLog = run.log;
  const [{ collectSnapshot }, fs, os] = await Promise.all([import('../collect/collect.js'), import('node:fs'), import('node:os')]);
  const log = sharedLog ?? (await openLog(args));
  try {
    const live = await liveRunner(env);
    const timeoutMs = Math.max(1000, run.deadline.remaining() - (run.reserveMs ?? 0));
    const recorder = run.record ? (await import('../collect/recording.js')).recordingRunner(live) : undefined;
    const probe = env.live?.probeNetwork ?? (await import('../collect/net-probes.js')).networkProbe(env.env);
    let network: NetworkFacts | undefined;
    const probeNetwork: NetworkProbe = async (signal) => (network = await probe(signal));
    const result = await collectSnapshot({
      runner: recorder?.runner ?? live,
      platform: env.platform,
      arch: env.live?.arch ?? process.arch,
      env: env.env,
      pid: env.live?.pid ?? process.pid,
      timeoutMs,
      signal: run.deadline.signal,
      tempDir: env.live?.tempDir ?? os.tmpdir(),
      fileExists: env.live?.fileExists ?? fs.existsSync,
      log,
      probeNetwork,
    });
    log.info(`collected by ${result.method} with ${result.processesSpawned} process(es)`);
    if (recorder && run.record) {
      const { writeRecording } = await import('../collect/recording.js');
      writeRecording(run.record.dir, recorder.calls, result.snapshot, {
        redact: run.record.redact,
        platform: env.platform,
        arch: env.live?.arch ?? process.arch,
        timeoutMs,
        network,
      });
    }
    return result.snapshot;
  } finally {
    if (!sharedLog) await log.close();
  }
}
