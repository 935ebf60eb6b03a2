// One deadline per command run (--timeout), owned by the command: every process it starts gets the
// smaller of its own budget and what is left, and the deadline's signal ends whatever is still running
// when time is up. Behind it, a watchdog from the CLI entry ends the whole process a few seconds later
// whatever it is waiting on, so no run outlives its deadline by more than that margin.
import { InputError } from '../errors.js';
import type { Lang } from '../messages/types.js';
import { createDeadline, type Deadline } from '../util/deadline.js';

/** How long after its deadline a run may still be writing its report before the watchdog ends it. */
export const WATCHDOG_MARGIN_MS = 5000;

export interface WatchdogFactory {
  (deadlineMs: number, lang: Lang): { cancel(): void };
}

export interface RunClock {
  deadline: Deadline;
  /** The run is over: the deadline's timer and the watchdog stop. */
  stop(): void;
}

export function startRunClock(timeoutSeconds: number, lang: Lang, watchdog?: WatchdogFactory): RunClock {
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new InputError('error.badTimeout', { value: String(timeoutSeconds) });
  const ms = timeoutSeconds * 1000;
  const deadline = createDeadline(ms);
  const dog = watchdog?.(ms, lang);
  return {
    deadline,
    stop() {
      deadline.dispose();
      dog?.cancel();
    },
  };
}
