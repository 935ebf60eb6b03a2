// The watchdog as the CLI will use it, in a real Node process: it ends a run stuck on a probe, exits 3
// with one line, and the exit takes the probe's process tree with it. A finished run exits at once
// although its watchdog is still pending.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Survivors, waitGone } from './procs.js';

const dir = mkdtempSync(join(tmpdir(), 'ipf-watchdog-'));
const script = join(dir, 'hung-run.mjs');
const survivors = new Survivors();
afterEach(() => survivors.reap());

beforeAll(async () => {
  await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/hung-run.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    logLevel: 'silent',
  });
});

function runNode(args: string[]) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { ...r, wallMs: performance.now() - started };
}

describe.skipIf(process.platform === 'win32')('watchdog in a real process', () => {
  it('ends a run stuck past its deadline: one line, exit 3, and the probe tree is killed on the way out', async () => {
    const pidFile = join(dir, 'pids');
    const r = runNode(['hang', pidFile, '300']);
    const pids = readFileSync(pidFile, 'utf8').trim().split('\n').map(Number);
    survivors.add(...pids);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('image-preflight: gave up: a process did not end\n');
    expect(r.stdout).toBe('');
    // 300 ms deadline + 300 ms margin, plus Node's start-up on a busy machine.
    expect(r.wallMs).toBeLessThan(600 + 5000);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(await waitGone(pid)).toBe(true);
  });

  it('a run that finishes exits at once, although its watchdog is still pending', () => {
    const r = runNode(['quick', '/dev/null', '60000']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('done 0\n');
    expect(r.wallMs).toBeLessThan(10_000);
  });
});
