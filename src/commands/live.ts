// Live collection for the CLI commands. Everything here is loaded on demand, so `check --snapshot`
// never evaluates the process runner or the logger.
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { CollectOptions } from '../collect/collect.js';
import type { NetworkFacts, NetworkProbe } from '../collect/net-probes.js';
import type { Runner } from '../collect/runner.js';
import { InputError } from '../errors.js';
import type { Snapshot } from '../snapshot/schema.js';
import type { Deadline } from '../util/deadline.js';
import type { Lang } from '../messages/types.js';
import { startRunClock, type WatchdogFactory } from './run-clock.js';
import type { ClosableLog } from '../util/logger.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { CollectLog } from '../collect/collect.js';

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
  /** Run the share-readiness scan beside the collection (check --share, collect --share, config share). */
  share?: ShareScanRequest;
}

export interface ShareScanRequest {
  /** The folder standing for the system drive; default %SystemDrive%\. */
  root?: string;
  extraFolders: readonly string[];
  limits: ResolvedConfig['shareScan']['limits'];
}

/** The scan a command asks for: when sharing is intended (flag or config) or a root to scan was given.
 * A root that is not a folder is an input error, raised here before anything runs. */
export function shareScanRequest(config: ResolvedConfig, flags: { share?: boolean; shareRoot?: string }): ShareScanRequest | undefined {
  const root = flags.shareRoot ?? config.shareScan.root;
  if (!flags.share && !config.share && flags.shareRoot === undefined) return undefined;
  // A folder the user named that is not there would scan as clean: say so instead.
  if (root !== undefined && !isFolder(root)) throw new InputError('error.noSuchPath', { path: root });
  return { ...(root !== undefined ? { root } : {}), extraFolders: config.shareScan.extraFolders, limits: config.shareScan.limits };
}

function isFolder(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Time kept back from the scan for what follows it (judging, rendering, writing the report). */
const SCAN_RESERVE_MS = 2000;

/**
 * The share-readiness scan, within what is left of the deadline: in Node, no process started. A scan
 * that fails outright becomes the group's collection error, so the checks say "could not verify".
 */
export async function runShareScan(
  request: ShareScanRequest,
  env: LiveEnv,
  deadline: Deadline,
  log?: CollectLog,
): Promise<NonNullable<Snapshot['secrets']>> {
  const [{ scanForSecrets }, { formatRef }] = await Promise.all([import('../collect/share-scan/scan.js'), import('../messages/format.js')]);
  const systemDrive = env.env.SystemDrive ?? 'C:';
  const root = request.root ?? `${systemDrive}\\`;
  const timeLimitMs = Math.max(0, Math.min(request.limits.timeLimitMs, deadline.remaining() - SCAN_RESERVE_MS));
  try {
    const secrets = await scanForSecrets({
      root,
      systemDrive,
      extraFolders: request.extraFolders,
      limits: { ...request.limits, timeLimitMs },
      signal: deadline.signal,
    });
    const s = secrets.scan;
    log?.info(
      `share scan of ${root}: ${s.filesRead} file(s), ${s.bytesRead} bytes, ${secrets.findings.length} finding(s) in ${s.durationMs} ms${s.stoppedBy ? `, stopped: ${s.stoppedBy}` : ''}`,
    );
    return secrets;
  } catch (err) {
    const message = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
    log?.info(`share scan failed: ${message}`);
    const params = { error: message };
    return {
      collectionError: {
        message: formatRef({ id: 'collector.scanFailed', params }),
        source: 'share-scan',
        code: 'failed',
        messageId: 'collector.scanFailed',
        params,
      },
    };
  }
}

/** Collects this machine's snapshot within the command's deadline. */
export async function collectLive(args: LiveArgs, env: LiveEnv, run: CollectRun): Promise<Snapshot> {
  if (env.platform !== 'win32') throw new InputError('error.needsWindows');
  const sharedLog = run.log;
  const { collectSnapshot } = await import('../collect/collect.js');
  const log = sharedLog ?? (await openLog(args));
  try {
    // The scan walks the disk in Node while PowerShell (or cmd.exe) runs: no process of its own.
    const scanning = run.share ? runShareScan(run.share, env, run.deadline, log) : undefined;
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
    return scanning ? withSecrets(result.snapshot, await scanning) : result.snapshot;
  } finally {
    if (!sharedLog) await log.close();
  }
}

/** The snapshot with the scan's group in it (replacing any it had). */
export function withSecrets(snapshot: Snapshot, secrets: Snapshot['secrets']): Snapshot {
  return { ...snapshot, secrets };
}
