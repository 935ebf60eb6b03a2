// The hard watchdog: onExpire once, deadline + margin after the start, unless cancelled; never the
// reason the process stays alive.
import { describe, expect, it, vi } from 'vitest';
import { startWatchdog } from '../../src/util/watchdog.js';
import { activeResources } from './procs.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startWatchdog', () => {
  it('calls onExpire once, not before deadline + margin', async () => {
    const onExpire = vi.fn();
    const started = performance.now();
    const dog = startWatchdog({ deadlineMs: 40, marginMs: 40, onExpire });
    await sleep(20);
    expect(onExpire).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(onExpire).toHaveBeenCalledTimes(1), { timeout: 3000, interval: 10 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(60);
    expect(dog.fired).toBe(true);
    await sleep(100);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('cancel() when the run finishes in time: onExpire is never called', async () => {
    const onExpire = vi.fn();
    const dog = startWatchdog({ deadlineMs: 20, marginMs: 20, onExpire });
    dog.cancel();
    dog.cancel();
    await sleep(120);
    expect(onExpire).not.toHaveBeenCalled();
    expect(dog.fired).toBe(false);
  });

  it('does not keep the event loop alive on its own', () => {
    const before = activeResources().Timeout ?? 0;
    const dog = startWatchdog({ deadlineMs: 60_000, marginMs: 5000, onExpire: () => {} });
    try {
      expect(activeResources().Timeout ?? 0).toBe(before);
    } finally {
      dog.cancel();
    }
  });

  it('rejects negative or non-finite times', () => {
    expect(() => startWatchdog({ deadlineMs: -1, marginMs: 0, onExpire: () => {} })).toThrow(RangeError);
    expect(() => startWatchdog({ deadlineMs: 0, marginMs: Number.NaN, onExpire: () => {} })).toThrow(RangeError);
  });
});
