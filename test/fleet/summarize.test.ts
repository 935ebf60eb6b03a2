import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/commands/main.js';
import { renderCsv } from '../../src/fleet/render.js';
import { expandPaths, summarize } from '../../src/fleet/summarize.js';
import type { Report } from '../../src/report/build-report.js';
import { machine, run } from '../helpers.js';

const FIXTURE_VERDICTS = [
  'healthy-server-2019',
  'safedog-running',
  'updates-installing',
  'crash-dialog-open',
  'trustedinstaller-disabled',
] as const;

/** n reports from fixture machines under distinct names, as a fleet would send them. */
function fleet(dir: string, n: number): Report[] {
  const base = FIXTURE_VERDICTS.map((name) => run(machine(name)));
  const reports: Report[] = [];
  for (let i = 0; i < n; i++) {
    const r = structuredClone(base[i % base.length]!);
    r.snapshot.computerName = `CVM-${String(i).padStart(5, '0')}`;
    r.snapshot.instanceId = `ins-${String(i).padStart(8, '0')}`;
    writeFileSync(join(dir, `${r.snapshot.computerName}.json`), JSON.stringify(r));
    reports.push(r);
  }
  return reports;
}

const env = { platform: 'linux' as const, stdoutIsTTY: false, env: {} };

describe('summarize', () => {
  it('1,000 reports: counts by verdict, most frequent problems, machines by verdict', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    fleet(dir, 1000);
    const s = summarize(expandPaths([dir]));
    expect(s.reportsRead).toBe(1000);
    expect(s.machines).toBe(1000);
    expect(s.byVerdict).toEqual({ BLOCKED: 400, 'AT RISK': 400, READY: 200 });
    expect(s.topProblems[0]).toMatchObject({ machines: 200 });
    expect(s.topProblems.map((p) => p.problem)).toEqual(
      expect.arrayContaining([
        'security-software/safedog-running',
        'windows-modules-installer/ti-disabled',
        'crash-dialogs/crash-dialog-open',
        'pending-reboot/cbs-reboot-pending',
      ]),
    );
    expect(s.machinesByVerdict.READY).toHaveLength(200);
    expect(s.rows[0]!.verdict).toBe('BLOCKED');
    expect(s.skipped).toEqual([]);
  });

  it('lists damaged and foreign files as skipped with the reason, never dropping them silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    fleet(dir, 3);
    writeFileSync(join(dir, 'truncated.json'), '{"reportVersion": 1, "tool": {"name": "image-pre');
    writeFileSync(join(dir, 'empty.json'), '');
    writeFileSync(join(dir, 'other-tool.json'), JSON.stringify({ name: 'eslint', results: [] }));
    writeFileSync(join(dir, 'future.json'), JSON.stringify({ reportVersion: 9, tool: { name: 'image-preflight' } }));
    writeFileSync(join(dir, 'a-snapshot.json'), JSON.stringify(machine()));
    writeFileSync(join(dir, 'no-verdict.json'), JSON.stringify({ reportVersion: 1, tool: { name: 'image-preflight' }, checks: [] }));
    writeFileSync(join(dir, 'array.json'), '[1,2]');
    writeFileSync(join(dir, 'binary.json'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a]));
    writeFileSync(join(dir, 'notes.txt'), 'not json, not looked at');
    const s = summarize(expandPaths([dir]));
    expect(s.machines).toBe(3);
    const reasons = Object.fromEntries(s.skipped.map((k) => [k.file.split('/').pop(), k.reason]));
    expect(reasons).toEqual({
      'a-snapshot.json': 'a snapshot, not a report (judge it with check --snapshot first)',
      'array.json': 'not an image-preflight report (not a JSON object)',
      'binary.json': expect.stringMatching(/not valid UTF-8/),
      'empty.json': 'the file is empty',
      'future.json': 'reportVersion 9 is not supported (this version reads 1)',
      'no-verdict.json': 'damaged report (no verdict or checks)',
      'other-tool.json': 'not an image-preflight report',
      'truncated.json': expect.stringMatching(/not valid JSON/),
    });
  });

  it('counts a machine once, by its newest report (a history folder)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    const sub = join(dir, 'CVM-A');
    mkdirSync(sub);
    const old = run(machine('safedog-running'));
    old.snapshot.computerName = 'CVM-A';
    old.generatedAt = '2026-11-20T03:00:00.000Z';
    const fresh = run(machine('healthy-server-2019'));
    fresh.snapshot.computerName = 'cvm-a';
    fresh.generatedAt = '2026-11-23T03:00:00.000Z';
    writeFileSync(join(sub, '20261120T030000Z.json'), JSON.stringify(old));
    writeFileSync(join(sub, 'latest.json'), JSON.stringify(fresh));
    const s = summarize(expandPaths([dir]));
    expect(s).toMatchObject({ reportsRead: 2, machines: 1, supersededReports: 1, byVerdict: { READY: 1, BLOCKED: 0 } });
  });

  it('keys a machine on its instance ID: two CVMs with one computer name are two machines', async () => {
    // Every CVM made from one image starts with the image's computer name.
    const dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    const blocked = run(machine('safedog-running'));
    const healthy = run(machine('healthy-server-2019'));
    for (const [r, id] of [
      [blocked, 'ins-7aa1bb2c'],
      [healthy, 'ins-7dd3ee4f'],
    ] as const) {
      r.snapshot.computerName = 'VM-0-7-WINDOWS';
      r.snapshot.instanceId = id;
      writeFileSync(join(dir, `${id}.json`), JSON.stringify(r));
    }
    const s = summarize(expandPaths([dir]));
    expect(s).toMatchObject({ reportsRead: 2, machines: 2, supersededReports: 0, byVerdict: { BLOCKED: 1, 'AT RISK': 0, READY: 1 } });
    expect(s.rows.map((r) => [r.computerName, r.instanceId, r.verdict])).toEqual([
      ['VM-0-7-WINDOWS', 'ins-7aa1bb2c', 'BLOCKED'],
      ['VM-0-7-WINDOWS', 'ins-7dd3ee4f', 'READY'],
    ]);
    const text = (await main(['summarize', dir], env)).stdout;
    expect(text).toMatch(/^2 machines from 2 reports\nBLOCKED 1 {3}AT RISK 0 {3}READY 1\n/);
    expect(text).toContain('BLOCKED (1):\n  VM-0-7-WINDOWS  ins-7aa1bb2c\n');
    expect(text).toContain('READY (1):\n  VM-0-7-WINDOWS  ins-7dd3ee4f\n');

    // A newer report of the same instance still replaces the older one, whatever the name says.
    const later = run(machine('healthy-server-2019'));
    later.snapshot.computerName = 'RENAMED-AFTER-CAPTURE';
    later.snapshot.instanceId = 'ins-7aa1bb2c';
    later.generatedAt = '2026-12-01T00:00:00.000Z';
    writeFileSync(join(dir, 'later.json'), JSON.stringify(later));
    expect(summarize(expandPaths([dir]))).toMatchObject({ machines: 2, supersededReports: 1, byVerdict: { BLOCKED: 0, READY: 2 } });
  });

  it('without instance IDs (reports of older versions, machines off Tencent Cloud) a machine is its computer name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    for (const [name, fixture] of [
      ['A', 'safedog-running'],
      ['a', 'healthy-server-2019'],
    ] as const) {
      const r = run(machine(fixture));
      r.snapshot.computerName = name;
      r.snapshot.instanceId = `ins-${name.toLowerCase()}`;
      r.snapshot.instanceId = null;
      r.generatedAt = name === 'a' ? '2026-12-01T00:00:00.000Z' : '2026-11-01T00:00:00.000Z';
      writeFileSync(join(dir, `${name}-${fixture}.json`), JSON.stringify(r));
    }
    expect(summarize(expandPaths([dir]))).toMatchObject({ machines: 1, supersededReports: 1, byVerdict: { READY: 1 } });
  });

  it('a could-not-verify finding keeps its worded text when its parameters are too deep to reword', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    const r = run(machine('services-unreadable'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(r));
    const unverified = r.checks.flatMap((c) => c.findings).find((f) => f.code === 'facts-unavailable')!;
    const s = summarize(expandPaths([dir]), { lang: 'zh-CN' });
    const p = s.topProblems.find((x) => x.problem.endsWith('/facts-unavailable'))!;
    expect(p.message).toBe(unverified.message);
    expect(p.message).not.toContain('{');
    expect(p.localizedMessage).not.toContain('{');
  });

  it('CSV has one row per machine and defuses spreadsheet formulas', () => {
    const r = run(machine());
    r.snapshot.computerName = '=HYPERLINK("x")';
    const dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(r));
    const csv = renderCsv(summarize(expandPaths([dir])));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('computerName,verdict,failures,warnings,couldNotVerify,problems,generatedAt,collectedAt,os,file,instanceId');
    expect(lines[1]!.endsWith(',"ins-8k2fw9qa"')).toBe(true);
    expect(lines[1]!.startsWith('"\'=HYPERLINK(""x"")","READY","0","0","0",')).toBe(true);
  });

  it('CLI: text by default, json and csv on request; a missing path is one line, exit 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    fleet(dir, 5);
    const text = await main(['summarize', dir], env);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/^5 machines from 5 reports\nBLOCKED 2 {3}AT RISK 2 {3}READY 1\n/);
    expect(JSON.parse((await main(['summarize', dir, '--format', 'json'], env)).stdout).summaryVersion).toBe(1);
    expect((await main(['summarize', dir, '--format', 'csv'], env)).stdout.split('\r\n')).toHaveLength(7);
    expect(await main(['summarize', join(dir, 'nope')], env)).toEqual({
      stdout: '',
      stderr: `image-preflight: cannot read ${join(dir, 'nope')}: no such file or folder\n`,
      exitCode: 3,
    });
  });

  it('lists what blocks a capture first, however few machines have it, worded for a named machine at its worst', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    const write = (name: string, fixture: string) => {
      const r = run(machine(fixture));
      r.snapshot.computerName = name;
      r.snapshot.instanceId = `ins-${name.toLowerCase()}`;
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(r));
    };
    // Three machines installing updates (a warning), one with Safedog running (a failure).
    for (const name of ['UPD-1', 'UPD-2', 'UPD-3']) write(name, 'updates-installing');
    write('DOG-1', 'safedog-running');
    const s = summarize(expandPaths([dir]));
    expect(s.topProblems[0]).toMatchObject({
      problem: 'security-software/safedog-running',
      severity: 'fail',
      machines: 1,
      example: 'DOG-1',
    });
    expect(s.topProblems.findIndex((p) => p.severity !== 'fail')).toBeGreaterThan(0);
    expect(s.topProblems.filter((p) => p.severity === 'warn').every((p) => p.example.startsWith('UPD-'))).toBe(true);
  });

  it('reading no report at all is an error (exit 3), whether the folder is empty or holds no report', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    expect(await main(['summarize', empty], env)).toEqual({
      stdout: '',
      stderr: `image-preflight: summarize found no report to read in ${empty}\n`,
      exitCode: 3,
    });
    const snapshots = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
    writeFileSync(join(snapshots, 'a.json'), JSON.stringify(machine()));
    const r = await main(['summarize', snapshots, '--lang', 'en'], env);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe(
      `image-preflight: summarize read no report; ${join(snapshots, 'a.json')}: a snapshot, not a report (judge it with check --snapshot first) (files skipped: 1)\n`,
    );
  });

  it("without paths says what summarize needs, in the reader's language, not yargs' argument count", async () => {
    expect(await main(['summarize'], env)).toEqual({
      stdout: '',
      stderr:
        'image-preflight: summarize needs the reports to read, as files or folders (for example: image-preflight summarize C:\\ProgramData\\image-preflight\\reports)\n',
      exitCode: 3,
    });
    expect((await main(['summarize', '--format', 'csv', '--lang', 'zh-CN'], env)).stderr).toMatch(
      /^image-preflight: summarize 需要指定要读取的报告文件或文件夹/,
    );
  });
});
