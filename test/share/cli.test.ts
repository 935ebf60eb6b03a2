// check --share / collect --share on the command line: where the scan runs, its budget from the config
// and the run's deadline, and bad input as one line with exit code 3.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { plantShareTree } from '../../scripts/fixtures/share-tree.js';
import { main, type CliEnv } from '../../src/commands/main.js';
import { fixturePath } from '../helpers.js';
import { recording, ReplayRunner, WINDOWS_ENV } from '../collect/replay.js';

const linux: CliEnv = { platform: 'linux', stdoutIsTTY: false, env: {} };
const windows = (): CliEnv => ({
  platform: 'win32',
  stdoutIsTTY: false,
  env: WINDOWS_ENV,
  live: {
    runner: new ReplayRunner({ powershell: { stdout: recording('en-server-2019', 'powershell.stdout') } }),
    arch: 'x64',
    pid: 7312,
    tempDir: tmpdir(),
    fileExists: () => true,
  },
});

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'ipf-share-cli-'));
  plantShareTree(root);
});

const json = (stdout: string) =>
  JSON.parse(stdout) as {
    verdict: string;
    checks: Array<{ id: string; status: string; findings: Array<{ code: string; severity: string; message: string }> }>;
  };
const check = (r: ReturnType<typeof json>, id: string) => r.checks.find((c) => c.id === id)!;

describe('check --share', () => {
  it('judges a snapshot with a scan of a folder put in (a copy of a disk), on any OS', async () => {
    const r = await main(
      ['check', '--snapshot', fixturePath('healthy-server-2019'), '--share', '--share-root', root, '--format', 'json'],
      linux,
    );
    expect(r.exitCode).toBe(2);
    const report = json(r.stdout);
    expect(check(report, 'share-tencent-credentials').status).toBe('fail');
    expect(check(report, 'share-scan-coverage').findings.map((f) => f.code)).toContain('scan-complete');
  });

  it('--share-root alone scans but warns (sharing not intended); --share alone judges the snapshot as it is', async () => {
    const warned = await main(['check', '--snapshot', fixturePath('healthy-server-2019'), '--share-root', root, '--format', 'json'], linux);
    expect(warned.exitCode).toBe(1);
    expect(check(json(warned.stdout), 'share-private-keys').findings.map((f) => f.severity)).toContain('warn');
    const unverified = await main(['check', '--snapshot', fixturePath('healthy-server-2019'), '--share', '--format', 'json'], linux);
    expect(unverified.exitCode).toBe(1);
    expect(check(json(unverified.stdout), 'share-private-keys').findings.map((f) => f.code)).toEqual(['facts-unavailable']);
  });

  it('live: the scan runs beside the collection, with no process of its own', async () => {
    const env = windows();
    const r = await main(['check', '--share', '--share-root', root, '--format', 'json'], env);
    expect(r.exitCode).toBe(2);
    expect((env.live?.runner as ReplayRunner).calls).toHaveLength(1);
    expect(check(json(r.stdout), 'share-answer-files').status).toBe('fail');
  });

  it('a run whose deadline leaves no time for the scan: it stops at once and says it could not verify', async () => {
    const r = await main(
      ['check', '--snapshot', fixturePath('healthy-server-2019'), '--share', '--share-root', root, '--timeout', '1', '--format', 'json'],
      linux,
    );
    const coverage = check(json(r.stdout), 'share-scan-coverage');
    expect(coverage.findings[0]).toMatchObject({ code: 'scan-stopped', severity: 'unknown' });
    expect(coverage.findings[0]?.message).toMatch(/the scan stopped \(time limit\) after 0 file\(s\)/);
  });

  it('the config sets the intent and the budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-share-cfg-'));
    const cfg = join(dir, 'config.json');
    writeFileSync(cfg, JSON.stringify({ share: true, shareScan: { root, maxFiles: 3 } }));
    const r = await main(['check', '--snapshot', fixturePath('healthy-server-2019'), '--config', cfg, '--format', 'json'], linux);
    // The config names a root: a snapshot is judged with a scan of it only when --share-root asks; here
    // the snapshot has no scan, so sharing intended means "could not verify".
    expect(check(json(r.stdout), 'share-tencent-credentials').findings[0]?.code).toBe('facts-unavailable');
    const live = await main(['check', '--config', cfg, '--format', 'json'], windows());
    const coverage = check(json(live.stdout), 'share-scan-coverage');
    expect(coverage.findings[0]?.message).toMatch(/the scan stopped \(file limit\) after 3 file\(s\)/);
  });

  it.each([
    [
      ['check', '--snapshot', fixturePath('healthy-server-2019'), '--share-root', '/nonexistent/disk'],
      'image-preflight: cannot read /nonexistent/disk: no such file or folder\n',
    ],
    [['check', '--share'], 'image-preflight: live collection needs Windows; use --snapshot FILE\n'],
  ])('bad input is one line, exit code 3: %j', async (argv, stderr) => {
    expect(await main(argv, linux)).toEqual({ stdout: '', stderr, exitCode: 3 });
  });

  it('a bad shareScan setting in the config is one line, exit code 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-share-cfg-'));
    const cfg = join(dir, 'bad.json');
    writeFileSync(cfg, JSON.stringify({ shareScan: { maxDepth: -1 } }));
    const r = await main(['check', '--snapshot', fixturePath('healthy-server-2019'), '--config', cfg], linux);
    expect(r.exitCode).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('shareScan.maxDepth');
  });
});

describe('collect --share', () => {
  it('puts the scan in the snapshot (masked); without --share the snapshot has no secrets group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-share-collect-'));
    expect((await main(['collect', '--share', '--share-root', root, '--output', join(dir, 'with.json')], windows())).exitCode).toBe(0);
    expect((await main(['collect', '--output', join(dir, 'without.json')], windows())).exitCode).toBe(0);
    const withScan = JSON.parse(readFileSync(join(dir, 'with.json'), 'utf8'));
    expect(withScan.secrets.findings.length).toBeGreaterThan(20);
    expect(withScan.secrets.scan.root).toBe(root);
    expect(JSON.parse(readFileSync(join(dir, 'without.json'), 'utf8'))).not.toHaveProperty('secrets');
  });

  it('--help names the options', async () => {
    const r = await main(['check', '--help'], linux);
    expect(r.stdout).toMatch(/--share\s+The image will be shared with other accounts/);
    expect(r.stdout).toMatch(/--share-root\s+Scan this folder as the system drive/);
  });
});
