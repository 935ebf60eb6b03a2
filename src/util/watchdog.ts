// The last line of defence behind the deadline: if the run is still going `marginMs` after its deadline
// (something awaited that the deadline's signal does not reach), end the process. The CLI entry passes
// an onExpire that prints one line and exits 3, e.g.
//
//   const dog = startWatchdog({ deadlineMs: timeout * 1000, marginMs: 5000, onExpire: () => {
//     writeSync(2, `image-preflight: gave up ${timeout + 5} s after starting (a process did not end)\n`);
//     process.exit(3);
//   } });
//   try { ... } finally { dog.cancel(); }
//
// writeSync, not process.stderr.write: stderr to a Windows console (or a POSIX pipe) is asynchronous
// and process.exit would drop the line. process.exit runs the 'exit' handlers, which is where the exec runner kills the
// process trees still running.
//
// Limits: the timer is unref'd, so it never keeps the process alive on its own, and it runs on the event
// loop, so it fires while the loop waits on something (a pipe, a child, a socket), not while JavaScript
// is stuck in synchronous code (a busy loop, a blocking fs call on a dead share). Catching that would
// need a worker thread that kills the process from outside the main thread.
import { unrefTimer } from './deadline.js';

export interface WatchdogOptions {
  /** The run's deadline, in ms from now. */
  deadlineMs: number;
  /** How long after the deadline the run may still be finishing before onExpire is called. */
  marginMs: number;
  /** Called once, at deadlineMs + marginMs, unless cancelled. Injected so tests never exit. */
  onExpire: () => void;
}

export interface Watchdog {
  /** The run finished: onExpire will not be called. Safe to call more than once. */
  cancel(): void;
  readonly fired: boolean;
}

export function startWatchdog({ deadlineMs, marginMs, onExpire }: WatchdogOptions): Watchdog {
  if (!Number.isFinite(deadlineMs) || deadlineMs < 0 || !Number.isFinite(marginMs) || marginMs < 0) {
    throw new RangeError(`watchdog: expected finite, non-negative deadlineMs and marginMs, got ${deadlineMs} and ${marginMs}`);
  }
  let fired = false;
  const timer = unrefTimer(() => {
    fired = true;
    onExpire();
  }, deadlineMs + marginMs);
  return {
    cancel: () => {
      timer.cancel();
    },
    get fired() {
      return fired;
    },
  };
}
