// Issue 13, end to end on Linux: a live `check` whose "PowerShell" and fallback "cmd.exe" each start a
// grandchild that holds stdout open and sleeps. The real runner (exec-runner) runs them; only the
// Windows program paths are mapped to these scripts. The run must end within its deadline plus the
// watchdog's margin, say "timed out" in the report, exit with the verdict's code and leave no process.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { execRunner } from '../../src/collect/exec-runner.js';
import type { Runner } from '../../src/collect/runner.js';
import { main, type CliEnv } from '../../src/commands/main.js';
import { WATCHDOG_MARGIN_MS } from '../../src/commands/run-clock.js';
import { isAlive, Survivors, waitGone } from './procs.js';
import { WINDOWS_ENV, healthyNetwork } from '../collect/replay.js';

const survivors = new Survivors();
afterEach(() => survivors.reap());

/** A script that records its own and its grandchild's PID, then sleeps while the grandchild holds stdout. */
function hangingProgram(dir: string, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\necho $$ >> ${dir}/pids\nsh -c 'echo $$ >> ${dir}/pids; exec sleep 60' &\nexec sleep 60\n`);
  chmodSync(path, 0o755);
  return path;
}

describe.skipIf(process.platform === 'win32')('one deadline per run', () => {
  it('a live check whose programs leave grandchildren holding the pipes ends on time, says "timed out", leaves nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-deadline-'));
    const ps = hangingProgram(dir, 'powershell');
    const cmd = hangingProgram(dir, 'cmd');
    const runner: Runner = { run: (req) => execRunner.run({ ...req, file: /powershell/i.test(req.file) ? ps : cmd, args: [] }) };
    let watchdogCancelled = false;
    const env: CliEnv = {
      platform: 'win32',
      stdoutIsTTY: false,
      env: { ...WINDOWS_ENV, LANG: 'C' },
      live: { runner, arch: 'x64', pid: 4242, tempDir: dir, fileExists: () => true, probeNetwork: healthyNetwork },
      watchdog: () => ({
        cancel: () => {
          watchdogCancelled = true;
        },
      }),
    };
    const timeoutS = 3;
    const started = performance.now();
    const r = await main(['check', '--timeout', String(timeoutS), '--format', 'json'], env);
    const elapsedMs = performance.now() - started;

    expect(elapsedMs).toBeLessThan(timeoutS * 1000 + WATCHDOG_MARGIN_MS);
    expect(watchdogCancelled).toBe(true);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe('AT RISK');
    const unverified = report.checks
      .flatMap((c: { findings: Array<{ code: string; message: string }> }) => c.findings)
      .filter((f: { code: string }) => f.code === 'facts-unavailable');
    expect(unverified.length).toBeGreaterThan(0);
    expect(unverified[0].message).toMatch(/timed out|did not finish|no time left/);

    const pids = readFileSync(join(dir, 'pids'), 'utf8').trim().split('\n').map(Number);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    survivors.add(...pids);
    for (const pid of pids) expect(await waitGone(pid), `pid ${pid}`).toBe(true);
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
