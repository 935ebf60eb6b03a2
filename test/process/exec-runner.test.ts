// The live runner against real processes (POSIX shells; the Windows path is smoke-tested under Wine).
// Issue 13: a probe whose descendants keep its pipes open must still come back at its timeout, and
// leave nothing running. Time bounds here are loose on purpose (busy two-core machines): they tell
// "returned at the timeout" from "waited for the 30 s sleep", nothing finer.
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createExecRunner, execRunner, MAX_OUTPUT_BYTES } from '../../src/collect/exec-runner.js';
import type { RunRequest, RunResult } from '../../src/collect/runner.js';
import { createDeadline } from '../../src/util/deadline.js';
import { activeResources, isAlive, pidOf, Survivors, waitGone } from './procs.js';

const TIMEOUT = 1000;
/** Whatever the machine's load, far below the 30 s the stuck descendants would hold us. */
const SLACK = 4000;

const survivors = new Survivors();
afterEach(() => survivors.reap());

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const sh = (script: string, timeoutMs = TIMEOUT, extra: Partial<RunRequest> = {}): RunRequest => ({
  file: 'sh',
  args: ['-c', script],
  timeoutMs,
  ...extra,
});

async function timed(promise: Promise<RunResult>): Promise<RunResult & { wallMs: number }> {
  const started = performance.now();
  const r = await promise;
  return { ...r, wallMs: performance.now() - started };
}

/** The child prints its PID, starts a grandchild (which prints its own) that keeps stdout and stderr open. */
const childWithGrandchild = (grandchild: string) => `echo child $$; ${grandchild} & exec sleep 30`;
const GRANDCHILD = `sh -c 'echo grandchild $$; exec sleep 30'`;

describe.skipIf(process.platform === 'win32')('exec runner, real processes', () => {
  it('returns stdout, stderr and exit code 0', async () => {
    const r = await execRunner.run(sh('printf hello; printf oops >&2'));
    expect(r).toMatchObject({ exitCode: 0, timedOut: false });
    expect(r.startError).toBeUndefined();
    expect(text(r.stdout)).toBe('hello');
    expect(text(r.stderr)).toBe('oops');
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes raw bytes through undecoded', async () => {
    const r = await execRunner.run(sh(`printf '\\377\\376\\000A'`));
    expect([...r.stdout]).toEqual([0xff, 0xfe, 0x00, 0x41]);
  });

  it('reports a non-zero exit code', async () => {
    const r = await execRunner.run(sh('echo failing >&2; exit 7'));
    expect(r).toMatchObject({ exitCode: 7, timedOut: false });
    expect(text(r.stderr)).toBe('failing\n');
  });

  it('gives the child no stdin (cat sees end of input at once)', async () => {
    const r = await execRunner.run({ file: 'cat', args: [], timeoutMs: 10_000 });
    expect(r).toMatchObject({ exitCode: 0, timedOut: false });
    expect(r.stdout.length).toBe(0);
  });

  it('startError ENOENT for a program that does not exist, not a timeout', async () => {
    const r = await execRunner.run({ file: '/nonexistent/image-preflight-no-such-program', args: [], timeoutMs: TIMEOUT });
    expect(r).toMatchObject({ exitCode: null, timedOut: false, startError: 'ENOENT' });
    expect(r.stdout.length + r.stderr.length).toBe(0);
  });

  it('startError EACCES for a file that is not executable', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ipf-runner-')), 'not-executable');
    writeFileSync(file, '#!/bin/sh\necho hi\n');
    chmodSync(file, 0o644);
    const r = await execRunner.run({ file, args: [], timeoutMs: TIMEOUT });
    expect(r).toMatchObject({ exitCode: null, timedOut: false, startError: 'EACCES' });
  });

  it('timeout: returns on time although a grandchild holds stdout open, and kills the tree', async () => {
    const r = await timed(execRunner.run(sh(childWithGrandchild(GRANDCHILD))));
    const child = pidOf(r.stdout, 'child');
    const grandchild = pidOf(r.stdout, 'grandchild');
    survivors.add(child, grandchild);
    expect(r).toMatchObject({ exitCode: null, timedOut: true });
    expect(r.aborted).toBeUndefined();
    expect(r.durationMs).toBeGreaterThanOrEqual(TIMEOUT - 50);
    expect(r.wallMs).toBeLessThan(TIMEOUT + SLACK);
    expect(await waitGone(child)).toBe(true);
    expect(await waitGone(grandchild)).toBe(true);
  });

  it('timeout: a grandchild that ignores SIGTERM is SIGKILLed after the grace, without holding up the result', async () => {
    const r = await timed(execRunner.run(sh(childWithGrandchild(`sh -c 'trap "" TERM; echo grandchild $$; exec sleep 30'`))));
    const child = pidOf(r.stdout, 'child');
    const grandchild = pidOf(r.stdout, 'grandchild');
    survivors.add(child, grandchild);
    expect(r.timedOut).toBe(true);
    expect(r.wallMs).toBeLessThan(TIMEOUT + SLACK);
    // Returned before the SIGKILL: the grandchild has shrugged off the SIGTERM and is still there.
    expect(isAlive(grandchild)).toBe(true);
    expect(await waitGone(child)).toBe(true);
    expect(await waitGone(grandchild)).toBe(true);
  });

  it('timeout: a grandchild that called setsid() escapes the kill (known limit), but the run still returns and holds nothing', async () => {
    const before = activeResources();
    const r = await timed(execRunner.run(sh(childWithGrandchild(`setsid ${GRANDCHILD}`))));
    const child = pidOf(r.stdout, 'child');
    const grandchild = pidOf(r.stdout, 'grandchild');
    survivors.add(child, grandchild);
    expect(r.timedOut).toBe(true);
    expect(r.wallMs).toBeLessThan(TIMEOUT + SLACK);
    expect(await waitGone(child)).toBe(true);
    // Out of the process group, out of reach: it lives on with its end of a pipe we no longer read.
    expect(isAlive(grandchild)).toBe(true);
    // Nothing of the run (child handle, pipes) keeps our event loop alive once the closed pipes have
    // finished closing (a loop turn or so), while the grandchild still has 29 s to go.
    await vi.waitFor(
      () => {
        const after = activeResources();
        expect(after.ProcessWrap ?? 0).toBeLessThanOrEqual(before.ProcessWrap ?? 0);
        expect(after.PipeWrap ?? 0).toBeLessThanOrEqual(before.PipeWrap ?? 0);
      },
      { timeout: SLACK, interval: 20 },
    );
  });

  it('child exits but a grandchild keeps the pipes: returns after the linger with the exit code, and ends the grandchild', async () => {
    const r = await timed(execRunner.run(sh(`${GRANDCHILD} & echo done; exit 5`, 30_000)));
    const grandchild = pidOf(r.stdout, 'grandchild');
    survivors.add(grandchild);
    expect(r).toMatchObject({ exitCode: 5, timedOut: false });
    expect(text(r.stdout)).toContain('done\n');
    // 1 s linger, nowhere near the 30 s timeout.
    expect(r.wallMs).toBeLessThan(1000 + SLACK);
    expect(await waitGone(grandchild)).toBe(true);
  });

  it('output beyond the cap: keeps exactly the cap, ends the process, truncated (default cap 256 MiB)', async () => {
    expect(MAX_OUTPUT_BYTES).toBe(256 * 1024 * 1024);
    const cap = 64 * 1024;
    // The PID goes to a file: once stdout passes the cap, what stderr had not yet delivered is dropped.
    const pidFile = join(mkdtempSync(join(tmpdir(), 'ipf-runner-')), 'pid');
    const r = await timed(createExecRunner({ maxOutputBytes: cap }).run(sh(`echo child $$ > ${pidFile}; exec yes`, 30_000)));
    const child = pidOf(readFileSync(pidFile, 'utf8'), 'child');
    survivors.add(child);
    expect(r).toMatchObject({ exitCode: null, timedOut: false, truncated: true });
    expect(r.stdout.length).toBe(cap);
    expect(text(r.stdout).replaceAll('y\n', '')).toBe('');
    expect(r.wallMs).toBeLessThan(SLACK);
    expect(await waitGone(child)).toBe(true);
  });

  it('output of exactly the cap is not truncated', async () => {
    const r = await createExecRunner({ maxOutputBytes: 4 }).run(sh('printf abcd'));
    expect(r).toMatchObject({ exitCode: 0, timedOut: false });
    expect(r.truncated).toBeUndefined();
    expect(text(r.stdout)).toBe('abcd');
  });

  it("the command's deadline cuts a probe with a longer budget short", async () => {
    const deadline = createDeadline(TIMEOUT);
    try {
      const timeoutMs = deadline.budget(30_000);
      expect(timeoutMs).toBeLessThanOrEqual(TIMEOUT);
      // Its own timeout is left long: the signal alone must end it.
      const r = await timed(execRunner.run(sh(childWithGrandchild(GRANDCHILD), 30_000, { signal: deadline.signal })));
      const child = pidOf(r.stdout, 'child');
      const grandchild = pidOf(r.stdout, 'grandchild');
      survivors.add(child, grandchild);
      expect(r).toMatchObject({ exitCode: null, timedOut: true, aborted: true });
      expect(r.wallMs).toBeLessThan(TIMEOUT + SLACK);
      expect(deadline.expired).toBe(true);
      expect(await waitGone(child)).toBe(true);
      expect(await waitGone(grandchild)).toBe(true);
    } finally {
      deadline.dispose();
    }
  });

  it('an already expired deadline starts nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-runner-'));
    const controller = new AbortController();
    controller.abort();
    const r = await execRunner.run(sh(`touch ${join(dir, 'ran')}`, TIMEOUT, { signal: controller.signal }));
    expect(r).toMatchObject({ exitCode: null, timedOut: true, aborted: true, durationMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(existsSync(join(dir, 'ran'))).toBe(false);
  });
});
