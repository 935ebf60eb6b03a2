// The live runner: raw bytes out (we decode deliberately: UTF-8 from PowerShell, the console code page
// from the native tools), no console window, stdin closed, and a timeout that is final. When the time is
// up (or the command's deadline signal fires) it ends the child's whole process tree, stops reading the
// pipes and settles at once with what had arrived, whatever the tree does next (issue 13: schtasks under
// Wine left a process holding the pipes and `schedule status` hung for 14 minutes past its 30 s).
//
// Why node:child_process and not execa, the project's usual choice: execa's promise settles only once
// stdout and stderr have ended (it promises complete output), its timeout and cancelSignal signal only
// the direct child, `detached` switches its exit cleanup off, and forceKillAfterDelay does nothing on
// Windows. Never waiting would mean abandoning its promise and redoing timeout, tree kill, buffering and
// exit cleanup beside it. Its other help is not needed here: callers pass absolute paths to .exe files
// (no PATHEXT lookup, no .cmd shims), and on Windows execa (cross-spawn) runs a file it cannot find
// through cmd.exe, so a missing program came back as cmd's exit code 1 instead of ENOENT.
import { spawn, type ChildProcess } from 'node:child_process';
import { win32 } from 'node:path';
import { unrefTimer } from '../util/deadline.js';
import { errnoCode, errorMessage } from '../util/guards.js';
import type { RunRequest, RunResult, Runner } from './runner.js';

/** Per stream. Beyond it the process tree is ended and the first MAX_OUTPUT_BYTES are kept. */
export const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export interface ExecRunnerOptions {
  /** Per stream; default MAX_OUTPUT_BYTES. */
  maxOutputBytes?: number;
  /** POSIX: SIGTERM to the process group, SIGKILL this much later (default 1000). */
  killGraceMs?: number;
  /** After the child exits, how long descendants may keep its pipes open before they are ended (default 1000). */
  exitLingerMs?: number;
}

const EMPTY = new Uint8Array(0);
const isWindows = process.platform === 'win32';
const TASKKILL_TIMEOUT_MS = 5000;

export function createExecRunner(options: ExecRunnerOptions = {}): Runner {
  const settings = {
    maxOutputBytes: options.maxOutputBytes ?? MAX_OUTPUT_BYTES,
    killGraceMs: options.killGraceMs ?? 1000,
    exitLingerMs: options.exitLingerMs ?? 1000,
  };
  return { run: (request) => run(request, settings) };
}

export const execRunner: Runner = createExecRunner();

type Flags = Pick<RunResult, 'aborted' | 'truncated'> & { timedOut?: boolean };

function run({ file, args, timeoutMs, signal, env, stdin }: RunRequest, settings: Required<ExecRunnerOptions>): Promise<RunResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  if (signal?.aborted)
    return Promise.resolve({ exitCode: null, stdout: EMPTY, stderr: EMPTY, timedOut: true, aborted: true, durationMs: 0 });

  let child: ChildProcess;
  try {
    child = spawn(file, isWindows && /^cmd(\.exe)?$/i.test(win32.basename(file)) ? ['/q', ...args] : args, {
      stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      windowsHide: true,
      env: env ?? process.env,
      // POSIX: a session and process group of its own, so the whole tree is signalled as -pid. Not on
      // Windows: a detached child leaves libuv's kill-on-close job (it would outlive us) and its console.
      detached: !isWindows,
    });
  } catch (err) {
    // Thrown rather than emitted: bad arguments, or Windows refusing outright (blocked by policy).
    return Promise.resolve({
      exitCode: null,
      stdout: EMPTY,
      stderr: EMPTY,
      timedOut: false,
      startError: errorText(err),
      durationMs: elapsed(),
    });
  }

  return new Promise<RunResult>((resolve) => {
    const stdout = new Capture(settings.maxOutputBytes);
    const stderr = new Capture(settings.maxOutputBytes);
    let spawned = false;
    let exited = false;
    let exitCode: number | null = null;
    let openPipes = 2;
    let done = false;
    let linger: NodeJS.Timeout | undefined;
    const killNow = () => {
      killTreeNow(child);
    };
    atExit(killNow);

    const finish = (result: Omit<RunResult, 'stdout' | 'stderr' | 'durationMs'>) => {
      if (done) return;
      done = true;
      timer.cancel();
      clearTimeout(linger);
      signal?.removeEventListener('abort', onAbort);
      exitHooks.delete(killNow);
      // Closing our ends is what stops the wait: a descendant may hold the other ends open for ever.
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({ ...result, stdout: stdout.bytes(), stderr: stderr.bytes(), durationMs: elapsed() });
    };

    /** Settles with what has arrived; ends whatever is still running and holding our pipes. */
    const end = (flags: Flags) => {
      if (done) return;
      if (!exited && child.pid !== undefined) {
        killTree(child, settings.killGraceMs);
        // A child that will not die must not keep this process alive.
        child.unref();
      } else if (openPipes > 0 && !isWindows && child.pid !== undefined) {
        // The child is gone but descendants in its group still hold the pipes. (On Windows its PID may
        // already belong to someone else, so there is nothing safe to aim taskkill at.)
        signalGroup(child.pid, 'SIGKILL');
      }
      const { timedOut = false, ...rest } = flags;
      finish({ exitCode: exited ? exitCode : null, timedOut, ...rest });
    };

    // After the child exits, the timeout still bounds the wait for its pipes, but it is no longer a
    // timeout of the child: it finished in time.
    const timer = unrefTimer(() => {
      end({ timedOut: !exited });
    }, timeoutMs);
    const onAbort = () => {
      end(exited ? {} : { timedOut: true, aborted: true });
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.once('spawn', () => {
      spawned = true;
    });
    if (stdin && child.stdin) {
      // A child that exits without reading (PowerShell 2.0 printing its marker) closes the pipe: EPIPE
      // then says nothing the exit code does not.
      child.stdin.on('error', () => {});
      child.stdin.end(stdin);
    }
    child.on('error', (err) => {
      // ENOENT, EACCES: emitted instead of 'spawn'. Later errors (a failed kill) change nothing.
      if (!spawned) finish({ exitCode: null, timedOut: false, startError: errorText(err) });
    });
    child.once('exit', (code) => {
      exited = true;
      exitCode = code;
      if (openPipes === 0) end({});
      else
        linger = setTimeout(() => {
          end({});
        }, settings.exitLingerMs).unref();
    });
    // stdio is ['ignore', 'pipe', 'pipe'], so both streams exist.
    for (const [stream, capture] of [
      [child.stdout, stdout],
      [child.stderr, stderr],
    ] as const) {
      if (!stream) continue;
      stream.on('data', (chunk: Buffer) => {
        if (!done && !capture.add(chunk)) end({ truncated: true });
      });
      stream.on('error', () => {});
      stream.once('close', () => {
        openPipes -= 1;
        if (exited && openPipes === 0) end({});
      });
    }
  });
}

class Capture {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  constructor(private readonly max: number) {}

  /** false once the limit is passed (what fits is kept). */
  add(chunk: Buffer): boolean {
    const room = this.max - this.length;
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (kept.length > 0) {
      this.chunks.push(kept);
      this.length += kept.length;
    }
    return kept === chunk;
  }

  bytes(): Uint8Array {
    return this.length === 0 ? EMPTY : Buffer.concat(this.chunks, this.length);
  }
}

function errorText(err: unknown): string {
  return errnoCode(err) ?? errorMessage(err);
}

/** Kills still owed when this process exits (process.exit from the watchdog included). */
const exitHooks = new Set<() => void>();
let hooked = false;
function atExit(kill: () => void): void {
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const hook of exitHooks) hook();
      exitHooks.clear();
    });
  }
  exitHooks.add(kill);
}

function signalGroup(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, sig);
    return true;
  } catch {
    return false; // ESRCH: the group is empty already
  }
}

/**
 * Ends the child and everything it started, without waiting for any of it.
 *
 * POSIX: SIGTERM to the group, SIGKILL to the group after a grace. While any member is alive its PGID
 * cannot be reused; once all are gone a new group leader could in theory get the number within the
 * grace, which we accept. A descendant that called setsid() has left the group and is out of reach;
 * our pipes are closed all the same.
 *
 * Windows: taskkill /T /F by PID (never by image name) walks the tree by parent PID, so it runs while
 * the child is still alive to anchor it; the child alone is terminated if taskkill fails. A job object
 * with KILL_ON_JOB_CLOSE would catch every descendant, but Node cannot create or assign one without
 * native code; libuv's own job holds only direct children (their children break away silently) and
 * acts only when we exit. Descendants whose parent already died are invisible to /T. Wine 8's
 * taskkill rejects /T (exit 1): there only the child is ended, and the run still returns on time.
 */
function killTree(child: ChildProcess, graceMs: number): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (isWindows) {
    const fallback = () => child.kill();
    const k = taskkill(pid);
    if (!k) {
      fallback();
      return;
    }
    const stop = setTimeout(() => {
      k.kill();
      fallback();
    }, TASKKILL_TIMEOUT_MS).unref();
    k.once('error', () => {
      clearTimeout(stop);
      fallback();
    });
    k.once('exit', (code) => {
      clearTimeout(stop);
      if (code !== 0) fallback();
    });
    return;
  }
  if (!signalGroup(pid, 'SIGTERM')) {
    child.kill('SIGKILL');
    return;
  }
  // The SIGKILL is owed even if we exit first: the timer is unref'd, the exit hook is not skipped.
  const force = () => {
    exitHooks.delete(force);
    signalGroup(pid, 'SIGKILL');
  };
  atExit(force);
  setTimeout(force, graceMs).unref();
}

/** At exit: no grace, no waiting. */
function killTreeNow(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  if (isWindows)
    taskkill(child.pid); // libuv's job ends the child itself as we exit
  else if (!signalGroup(child.pid, 'SIGKILL')) child.kill('SIGKILL');
}

/**
 * Fire and forget: no pipes of ours (stdio ignored), detached so that it is outside libuv's job and
 * finishes even if we exit right after starting it, unref'd so it never holds us up.
 */
function taskkill(pid: number): ChildProcess | undefined {
  const exe = win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'taskkill.exe');
  try {
    const k = spawn(exe, ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true, detached: true });
    k.on('error', () => {});
    k.unref();
    return k;
  } catch {
    return undefined;
  }
}
