// One deadline per command run. The command creates it from --timeout; every probe gets the smaller of
// its own budget and what is left, plus the deadline's signal, so a probe started late cannot outlive
// the command and one that is running when the deadline passes is cut short there and then.

/** setTimeout's longest delay (about 24.8 days): anything longer fires at once, with only a warning. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface Deadline {
  /** When it expires, on the clock passed to createDeadline (Date.now by default). */
  readonly at: number;
  /** Milliseconds left, never negative. */
  remaining(): number;
  readonly expired: boolean;
  /** Aborts at the deadline (reason: a TimeoutError DOMException). Never keeps the process alive. */
  readonly signal: AbortSignal;
  /** A probe's share: min(maxMs, remaining()). */
  budget(maxMs: number): number;
  /** Stops the timer behind `signal` (the run is over); the signal then never fires. */
  dispose(): void;
}

/**
 * `now` is for tests of remaining/budget/expired; the signal always runs on real timers (or vitest's
 * fake ones), from the moment of creation.
 */
export function createDeadline(ms: number, now: () => number = Date.now): Deadline {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`deadline: expected a finite number of milliseconds >= 0, got ${ms}`);
  const at = now() + ms;
  const controller = new AbortController();
  const timer = unrefTimer(() => {
    controller.abort(new DOMException(`deadline of ${ms} ms passed`, 'TimeoutError'));
  }, ms);
  const remaining = () => Math.max(0, at - now());
  return {
    at,
    remaining,
    get expired() {
      return controller.signal.aborted || remaining() === 0;
    },
    signal: controller.signal,
    budget: (maxMs: number) => Math.max(0, Math.min(maxMs, remaining())),
    dispose: () => {
      timer.cancel();
    },
  };
}

/**
 * A timer that does not keep the event loop alive and accepts delays beyond MAX_TIMER_MS (it re-arms
 * itself in steps instead of firing at once).
 */
export function unrefTimer(fn: () => void, ms: number): { cancel(): void } {
  let handle: NodeJS.Timeout | undefined;
  let cancelled = false;
  const arm = (left: number) => {
    handle = setTimeout(
      () => {
        if (cancelled) return;
        if (left > MAX_TIMER_MS) arm(left - MAX_TIMER_MS);
        else fn();
      },
      Math.min(Math.max(0, left), MAX_TIMER_MS),
    );
    handle.unref();
  };
  arm(ms);
  return {
    cancel() {
      cancelled = true;
      clearTimeout(handle);
    },
  };
}
