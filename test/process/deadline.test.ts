// One deadline per command run: what is left, a probe's share, and a signal that fires at the end.
import { describe, expect, it } from 'vitest';
import { createDeadline, MAX_TIMER_MS } from '../../src/util/deadline.js';
import { activeResources } from './procs.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createDeadline', () => {
  it('counts down on the clock it is given; a probe gets the smaller of its budget and what is left', () => {
    let now = 1_000_000;
    const deadline = createDeadline(60_000, () => now);
    try {
      expect(deadline.at).toBe(1_060_000);
      expect(deadline.remaining()).toBe(60_000);
      expect(deadline.budget(30_000)).toBe(30_000);
      now += 45_000;
      expect(deadline.remaining()).toBe(15_000);
      expect(deadline.budget(30_000)).toBe(15_000);
      expect(deadline.expired).toBe(false);
      now += 20_000;
      expect(deadline.remaining()).toBe(0);
      expect(deadline.budget(30_000)).toBe(0);
      expect(deadline.expired).toBe(true);
    } finally {
      deadline.dispose();
    }
  });

  it('aborts its signal at the deadline, with a TimeoutError', async () => {
    const deadline = createDeadline(30);
    expect(deadline.signal.aborted).toBe(false);
    await new Promise((resolve) => deadline.signal.addEventListener('abort', resolve, { once: true }));
    expect(deadline.expired).toBe(true);
    expect((deadline.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('dispose() stops the signal from firing', async () => {
    const deadline = createDeadline(20);
    deadline.dispose();
    await sleep(80);
    expect(deadline.signal.aborted).toBe(false);
  });

  it('never keeps the process alive on its own', () => {
    const before = activeResources().Timeout ?? 0;
    const deadline = createDeadline(60_000);
    try {
      expect(activeResources().Timeout ?? 0).toBe(before);
    } finally {
      deadline.dispose();
    }
  });

  it("a deadline beyond setTimeout's limit does not fire at once", async () => {
    const deadline = createDeadline(MAX_TIMER_MS + 1000);
    try {
      await sleep(50);
      expect(deadline.signal.aborted).toBe(false);
    } finally {
      deadline.dispose();
    }
  });

  it('rejects a deadline that is not a finite, non-negative number of milliseconds', () => {
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) expect(() => createDeadline(bad)).toThrow(RangeError);
  });
});
