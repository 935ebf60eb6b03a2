// The CLI's live paths in-process, with recorded Windows output in place of real processes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliEnv } from '../../src/commands/main.js';
import { parseSnapshot } from '../../src/snapshot/load.js';
import { recording, ReplayRunner, WINDOWS_ENV, healthyNetwork } from './replay.js';

function windows(runner: ReplayRunner): CliEnv {
  return {
    platform: 'win32',
    stdoutIsTTY: false,
    env: WINDOWS_ENV,
    live: { runner, arch: 'x64', pid: 7312, tempDir: tmpdir(), fileExists: () => true, probeNetwork: healthyNetwork },
  };
}

describe('live check and collect', () => {
  it('check without --snapshot collects live and judges', async () => {
    const r = await main(
      ['check', '--format', 'json'],
      windows(new ReplayRunner({ powershell: { stdout: recording('zh-server-2016', 'powershell.stdout') } })),
    );
    expect(r.exitCode).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      verdict: 'AT RISK',
      snapshot: { computerName: 'WIN-HZ-0821', collectorMethod: 'powershell' },
    });
  });

  it('collect --output writes a snapshot that check --snapshot accepts', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'ipf-')), 'snap.json');
    const r = await main(
      ['collect', '--output', out],
      windows(new ReplayRunner({ powershell: { stdout: recording('en-server-2019', 'powershell.stdout') } })),
    );
    expect(r).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(parseSnapshot(readFileSync(out)).collector?.method).toBe('powershell');
  });

  it("--log-file records each probe's command, duration, exit code and output size", async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'ipf-')), 'probe.log');
    const runner = new ReplayRunner({
      powershell: { startError: 'ENOENT' },
      cmd: { stdout: recording('en-server-2019', 'fallback.stdout'), durationMs: 812 },
    });
    await main(['check', '--log-file', log], windows(runner));
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const probes = lines.filter((l) => l.probe).map((l) => l.probe);
    expect(probes).toHaveLength(2);
    expect(probes[0]).toMatchObject({ startError: 'ENOENT' });
    expect(probes[0].command).toMatch(/^powershell\.exe -NoProfile .* -EncodedCommand <bootstrap>, script on stdin \(\d+ chars\)$/);
    expect(probes[1]).toMatchObject({
      command: expect.stringMatching(/^cmd\.exe \/d \/c /),
      durationMs: 812,
      exitCode: 0,
      stdoutBytes: recording('en-server-2019', 'fallback.stdout').length,
    });
  });

  it('bad --timeout and an unwritable --log-file are one-line input errors', async () => {
    const env = windows(new ReplayRunner({}));
    expect(await main(['check', '--timeout', '0'], env)).toMatchObject({
      exitCode: 3,
      stderr: 'image-preflight: --timeout must be a positive number of seconds, got 0\n',
    });
    expect((await main(['check', '--log-file', '/nonexistent/dir/x.log'], env)).stderr).toMatch(
      /^image-preflight: cannot write log file \/nonexistent\/dir\/x\.log: no such file\n$/,
    );
  });

  it('collect --print-script works on any OS and needs no Windows', async () => {
    const r = await main(['collect', '--print-script'], { platform: 'linux', stdoutIsTTY: false, env: {} });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('$IpfStream = $false');
  });

  it('live check and collect on Linux exit 3 with one line', async () => {
    for (const args of [['check'], ['collect']]) {
      const r = await main(args, { platform: 'linux', stdoutIsTTY: false, env: {} });
      expect(r).toEqual({ stdout: '', stderr: 'image-preflight: live collection needs Windows; use --snapshot FILE\n', exitCode: 3 });
    }
  });
});
