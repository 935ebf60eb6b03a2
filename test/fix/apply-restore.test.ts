// fix --apply and restore against a Windows machine in memory (test/fix/fake-windows.ts): every fixture's
// plan is applied, checked, and undone back to exactly the machine it started as; a failure half-way
// stops the run and restore undoes the part that ran; bad journals, other machines and missing elevation
// change nothing.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliEnv } from '../../src/commands/main.js';
import { JOURNAL_FILE, readJournal } from '../../src/fix/journal.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { recording, ReplayRunner, WINDOWS_ENV } from '../collect/replay.js';
import { parseSnapshot } from '../../src/snapshot/load.js';
import { FIXTURES, machine, setKey } from '../helpers.js';
import { FakeWindows, type Injected } from './fake-windows.js';
import type { RunResult } from '../../src/collect/runner.js';

const FIXTURE_NAMES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));

function setup(snapshot: Snapshot, options: { computerName?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ipf-fix-'));
  const file = join(dir, 'snapshot.json');
  writeFileSync(file, JSON.stringify(snapshot));
  const computerName = options.computerName ?? (snapshot.host as { computerName: string }).computerName;
  const win = new FakeWindows(snapshot, computerName);
  const fixDir = join(dir, 'journal');
  const env: CliEnv = {
    platform: 'win32',
    stdoutIsTTY: false,
    env: { ...WINDOWS_ENV, COMPUTERNAME: computerName, ProgramData: 'C:\\ProgramData', LANG: 'en_US.UTF-8' },
    live: { runner: win, arch: 'x64', pid: 7312, tempDir: dir, fileExists: () => true },
    self: { command: 'C:\\Program Files\\image-preflight\\image-preflight.exe', prefixArgs: [] },
    fixDir,
    sleep: async () => {},
  };
  return { dir, file, win, env, fixDir };
}

/** Answers the k-th change (sc.exe other than query, reg.exe add or delete) with `result`; counts the changes asked for. */
function failChange(k: number, result: Partial<RunResult>): { inject: Injected; changes: () => number } {
  let changes = 0;
  const inject: Injected = (req) => {
    const changing =
      (req.file.endsWith('sc.exe') && req.args[0] !== 'query') ||
      (req.file.endsWith('reg.exe') && /^(add|delete)$/.test(req.args[0] ?? ''));
    if (!changing) return undefined;
    changes += 1;
    return changes === k ? result : undefined;
  };
  return { inject, changes: () => changes };
}

/** The Shutdown Event Tracker on as Windows Server leaves it: no policy key (Tencent's images turn it off). */
function trackerOn(s: Snapshot): Snapshot {
  setKey(s, 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability', { exists: false });
  return s;
}

/** A machine with something for every action of the table, apart from other sessions. */
function busyMachine(): Snapshot {
  const s = trackerOn(machine('safedog-running'));
  const svc = s.services as Array<{ Name: string; State: string; StartMode: string }>;
  const qcloud = svc.find((x) => x.Name === 'QcloudService');
  if (qcloud) Object.assign(qcloud, { State: 'Stopped' });
  const ti = svc.find((x) => x.Name === 'TrustedInstaller');
  if (ti) Object.assign(ti, { StartMode: 'Disabled' });
  setKey(s, 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System', {
    values: [
      { name: 'EnableLUA', type: 'REG_DWORD', data: 1 },
      { name: 'legalnoticecaption', type: 'REG_SZ', data: 'Avis "légal" 100% — 仅限授权' },
      { name: 'legalnoticetext', type: 'REG_SZ', data: '' },
    ],
  });
  (s.processes as Array<{ Name: string; ProcessId: number; SessionId: number }>).push({
    Name: 'WerFault.exe',
    ProcessId: 6400,
    SessionId: 2,
  });
  return s;
}

describe('fix --apply, then restore, on every fixture', () => {
  it.each(FIXTURE_NAMES)('%s: applied and checked, then put back exactly', async (name) => {
    const { file, win, env, fixDir } = setup(machine(name));
    const before = win.state();
    const plan = await main(['fix', '--snapshot', file, '--format', 'json'], env);
    expect(plan.exitCode).toBe(0);
    const planned = JSON.parse(plan.stdout) as { actions: Array<{ steps: unknown[]; requires: string | null }> };
    expect(win.calls).toHaveLength(0); // printing the plan runs nothing

    const applied = await main(['fix', '--snapshot', file, '--apply'], env);
    expect(applied.stderr).toBe('');
    expect(applied.exitCode).toBe(0);
    const changing = planned.actions.filter((a) => a.requires === null).length;
    if (changing > 0) {
      expect(applied.stdout).toMatch(/done: /);
      // A path with a space: one line per shell (PowerShell runs a quoted path only after &).
      expect(applied.stdout).toContain('cmd.exe:    "C:\\Program Files\\image-preflight\\image-preflight.exe" restore');
      expect(applied.stdout).toContain('PowerShell: & "C:\\Program Files\\image-preflight\\image-preflight.exe" restore');
      expect(win.state()).not.toEqual(before);
    } else expect(win.state()).toEqual(before);

    const restored = await main(['restore'], env);
    expect(restored.exitCode).toBe(0);
    // Back exactly, but for the processes the plan ended (a crash dialog, a tray icon): those stay ended.
    const ended = planned.actions
      .flatMap((a) => a.steps as Array<{ step: { kind: string; pid?: number } }>)
      .flatMap(({ step }) => (step.kind === 'end-process' ? [step.pid] : []));
    expect({ ...win.state(), processes: [] }).toEqual({ ...before, processes: [] });
    expect(before.processes.filter((p) => !win.state().processes.includes(p))).toEqual(ended.sort((x, y) => (x ?? 0) - (y ?? 0)));
    expect(existsSync(join(fixDir, JOURNAL_FILE))).toBe(false);

    // Idempotent: nothing left to do, nothing run but the checks before.
    const again = await main(['restore'], env);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/Nothing to restore/);
  });
});

describe('a failure half-way through, on every fixture', () => {
  it.each(FIXTURE_NAMES)('%s: the second change fails; restore undoes the first', async (name) => {
    const { file, win, env } = setup(machine(name));
    const before = win.state();
    const fail = failChange(2, { exitCode: 5, stdout: Buffer.from('Access is denied.\r\n') });
    win.inject = fail.inject;
    const r = await main(['fix', '--snapshot', file, '--apply'], env);
    if (fail.changes() < 2) {
      // Fewer than two changes planned: nothing to fail half-way.
      expect(r.exitCode).toBe(0);
    } else {
      expect(r.exitCode).toBe(4);
      expect(r.stdout).toMatch(/FAILED: .*exit code 5/);
    }
    win.inject = undefined;
    expect((await main(['restore'], env)).exitCode).toBe(0);
    expect({ ...win.state(), processes: [] }).toEqual({ ...before, processes: [] });
  });
});

describe('fix --apply on a machine with something for every action', () => {
  it('applies in order, each change journaled before it runs, and restore undoes it all exactly', async () => {
    const { file, win, env, fixDir } = setup(busyMachine());
    const before = win.state();
    const r = await main(['fix', '--snapshot', file, '--apply'], env);
    expect(r.exitCode).toBe(0);
    const svc = (n: string) => win.services.get(n.toLowerCase());
    expect(svc('QcloudService')).toMatchObject({ state: 4, start: 2 });
    expect(svc('TrustedInstaller')).toMatchObject({ start: 3 });
    expect(svc('SafeDogGuardCenter')).toMatchObject({ state: 1, start: 3 });
    expect(svc('Safedog Update Center')).toMatchObject({ state: 1, start: 3 });
    expect(win.processes.has(2724)).toBe(false); // SafeDogSiteIIS.exe: no service hosts it
    expect(win.processes.has(6400)).toBe(false); // the crash dialog, by PID
    expect(win.key('HKLM\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting')?.values.get('dontshowui')?.data).toBe(1);
    expect(win.key('HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System')?.values.has('legalnoticecaption')).toBe(false);
    // No taskkill by image name, and every change ran without a shell.
    expect(win.calls.every((c) => !/cmd\.exe|powershell/i.test(c.file))).toBe(true);
    expect(win.calls.filter((c) => c.file.endsWith('taskkill.exe')).map((c) => c.args)).toEqual([
      ['/PID', '2672', '/F'],
      ['/PID', '2724', '/F'],
      ['/PID', '6400', '/F'],
    ]);
    // Agents first, then servicing, security, pop-ups.
    const order = win.calls.filter((c) => /sc\.exe$/.test(c.file) && c.args[0] !== 'query').map((c) => c.args[1]);
    expect(order.indexOf('QcloudService')).toBeLessThan(order.indexOf('TrustedInstaller'));
    expect(order.indexOf('TrustedInstaller')).toBeLessThan(order.indexOf('SafeDogGuardCenter'));

    const journal = readJournal(fixDir);
    expect(journal?.machine.computerName).toBe('WEB-PROD-03');
    expect(journal?.entries.find((e) => e.step.kind === 'registry' && e.step.name === 'legalnoticecaption')?.previous).toEqual({
      registry: { exists: true, type: 'REG_SZ', data: 'Avis "légal" 100% — 仅限授权' },
    });
    expect(journal?.entries.every((e) => e.status === 'done')).toBe(true);

    const restored = await main(['restore'], env);
    expect(restored.stdout).toMatch(/not undone \(it cannot be\): process SafeDogSiteIIS\.exe \(PID 2724\)/);
    expect(restored.exitCode).toBe(0);
    const after = win.state();
    // Ended processes stay ended; everything else is back exactly, the notice's text and type included.
    expect({ ...after, processes: [] }).toEqual({ ...before, processes: [] });
    expect(before.processes.filter((p) => !after.processes.includes(p))).toEqual([2672, 2724, 6400]);
  });

  it('writes the journal entry before the change it records', async () => {
    const { file, win, env, fixDir } = setup(busyMachine());
    const seen: string[] = [];
    win.inject = (req) => {
      if (req.file.endsWith('sc.exe') && req.args[0] === 'stop') {
        const j = JSON.parse(readFileSync(join(fixDir, JOURNAL_FILE), 'utf8')) as {
          entries: Array<{ step: { name?: string }; status: string }>;
        };
        seen.push(`${req.args[1]}:${j.entries.find((e) => e.step.name === req.args[1])?.status}`);
      }
      return undefined;
    };
    expect((await main(['fix', '--snapshot', file, '--apply'], env)).exitCode).toBe(0);
    expect(seen).toContain('SafeDogGuardCenter:pending');
  });

  it('stops at the first failure (a product refusing sc.exe), says why, and restore undoes the part that ran', async () => {
    const { file, win, env } = setup(busyMachine());
    const before = win.state();
    win.inject = (req) =>
      req.file.endsWith('sc.exe') && req.args[0] === 'stop' && req.args[1] === 'SafeDogGuardCenter'
        ? { exitCode: 5, stdout: Buffer.from('[SC] ControlService FAILED 5:\r\n\r\nAccess is denied.\r\n') }
        : undefined;
    const r = await main(['fix', '--snapshot', file, '--apply'], env);
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toMatch(/FAILED: service SafeDogGuardCenter.*sc\.exe stop failed: exit code 5: \[SC\] ControlService FAILED 5:/);
    expect(r.stdout).toMatch(/Stopped at the first failure/);
    expect(r.stdout).toMatch(/protects itself.*C:\\Program Files\\QCloud\\/s);
    // Nothing after the failure ran: the pop-up settings are untouched.
    expect(win.key('HKLM\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting')?.values.get('dontshowui')).toBeUndefined();
    expect(win.services.get('qcloudservice')?.state).toBe(4);
    // The failed service was set to Manual before its stop failed: restore puts that back too.
    expect(win.services.get('safedogguardcenter')).toMatchObject({ start: 3, state: 4 });
    win.inject = undefined;
    const restored = await main(['restore'], env);
    expect(restored.exitCode).toBe(0);
    expect(win.state()).toEqual(before);
  });

  it.each([2, 5, 9])('a failure at the change number %i: restore brings back the machine as it was', async (k) => {
    const { file, win, env } = setup(busyMachine());
    const before = win.state();
    win.inject = failChange(k, { exitCode: 1, stdout: Buffer.from('ERROR: boom\r\n') }).inject;
    expect((await main(['fix', '--snapshot', file, '--apply'], env)).exitCode).toBe(4);
    win.inject = undefined;
    expect((await main(['restore'], env)).exitCode).toBe(0);
    const after = win.state();
    expect({ ...after, processes: [] }).toEqual({ ...before, processes: [] });
  });

  it('a program that hangs is ended at the deadline; the step fails and restore undoes the rest', async () => {
    const { file, win, env } = setup(busyMachine());
    const before = win.state();
    win.inject = (req) => (req.file.endsWith('reg.exe') && req.args[0] === 'add' ? { exitCode: null, timedOut: true } : undefined);
    const r = await main(['fix', '--snapshot', file, '--apply', '--timeout', '30'], env);
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toMatch(/reg\.exe add failed: timed out/);
    win.inject = undefined;
    expect((await main(['restore'], env)).exitCode).toBe(0);
    expect({ ...win.state(), processes: [] }).toEqual({ ...before, processes: [] });
  });

  it("gives every program at most what is left of --timeout and the deadline's signal", async () => {
    const { file, win, env } = setup(busyMachine());
    await main(['fix', '--snapshot', file, '--apply', '--timeout', '20'], env);
    expect(win.calls.length).toBeGreaterThan(10);
    expect(win.calls.every((c) => c.timeoutMs > 0 && c.timeoutMs <= 20_000 && c.signal !== undefined)).toBe(true);
  });

  it('a refused action (sc.exe config failing, as under Wine) is reported, not crashed on', async () => {
    const { file, win, env } = setup(machine('qcloudservice-stopped'));
    // Wine's sc.exe answers query but refuses config, start and stop.
    win.inject = (req) => (req.file.endsWith('sc.exe') && req.args[0] !== 'query' ? { exitCode: 1, stdout: Buffer.from('') } : undefined);
    const r = await main(['fix', '--snapshot', file, '--apply'], env);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/FAILED: service QcloudService: auto, Stopped: sc\.exe start failed: exit code 1/);
    // Nothing changed, but the journal holds the attempt: restore is still named.
    expect(r.stdout).toMatch(
      /put everything back with:\r?\n\s+cmd\.exe: +"C:\\Program Files\\image-preflight\\image-preflight\.exe" restore/,
    );
  });

  it('creates a missing policy key for its value, and restore removes the key again while it is empty', async () => {
    const s = trackerOn(machine());
    const { file, win, env } = setup(s);
    const key = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability';
    expect(win.key(key)).toBeUndefined();
    const before = win.state();
    expect((await main(['fix', '--snapshot', file, '--apply'], env)).exitCode).toBe(0);
    expect(win.key(key)?.values.get('shutdownreasonon')?.data).toBe(0);
    expect((await main(['restore'], env)).exitCode).toBe(0);
    expect(win.key(key)).toBeUndefined();
    expect(win.state()).toEqual(before);
  });

  it('leaves a created key that something else has put a value in since', async () => {
    const { file, win, env } = setup(trackerOn(machine()));
    const key = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability';
    await main(['fix', '--snapshot', file, '--apply'], env);
    win.setValue(key, 'ShutdownReasonUI', 'REG_DWORD', 1);
    const r = await main(['restore'], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/key HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability is left in place/);
    expect(win.key(key)?.values.has('shutdownreasonon')).toBe(false);
    expect(win.key(key)?.values.get('shutdownreasonui')?.data).toBe(1);
  });

  it('reuses a journal an earlier fix left: the first recorded state is the one restore puts back', async () => {
    const { file, win, env, fixDir } = setup(busyMachine());
    const before = win.state();
    expect((await main(['fix', '--snapshot', file, '--apply'], env)).exitCode).toBe(0);
    // Someone starts Safedog again; a second fix stops it again and must not record "running, Manual" as the original.
    Object.assign(win.services.get('safedogguardcenter') ?? {}, { state: 4 });
    const second = await main(['fix', '--snapshot', file, '--apply'], env);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toMatch(/An earlier fix was not restored/);
    const entries = readJournal(fixDir)?.entries.filter((e) => e.step.kind === 'service' && e.step.name === 'SafeDogGuardCenter');
    expect(entries).toHaveLength(1);
    expect(entries?.[0]?.previous).toEqual({ service: { startType: 'auto', stateCode: 4 } });
    expect((await main(['restore'], env)).exitCode).toBe(0);
    expect({ ...win.state(), processes: [] }).toEqual({ ...before, processes: [] });
  });

  it('is idempotent: restore after a restore by hand changes nothing and reports "already"', async () => {
    const { file, win, env } = setup(machine('qcloudservice-stopped'));
    const before = win.state();
    await main(['fix', '--snapshot', file, '--apply'], env);
    Object.assign(win.services.get('qcloudservice') ?? {}, { state: 1 });
    const calls = win.calls.length;
    const r = await main(['restore'], env);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/already so: service QcloudService/);
    expect(win.calls.slice(calls).filter((c) => c.file.endsWith('sc.exe') && c.args[0] !== 'query')).toEqual([]);
    expect(win.state()).toEqual(before);
  });
});

describe('fix from a live check', () => {
  it('collects (one PowerShell pass), plans and applies in one run, and restore undoes it', async () => {
    const stdout = recording('zh-server-2016', 'powershell.stdout');
    const dir = mkdtempSync(join(tmpdir(), 'ipf-live-'));
    const out = join(dir, 'snapshot.json');
    const replay = new ReplayRunner({ powershell: { stdout } });
    const collected = await main(['collect', '--output', out], {
      platform: 'win32',
      stdoutIsTTY: false,
      env: WINDOWS_ENV,
      live: { runner: replay, arch: 'x64', pid: 7312, tempDir: dir, fileExists: () => true },
    });
    expect(collected.exitCode).toBe(0);
    // The machine the recording describes, answering PowerShell with the recording.
    const { win, env } = setup(parseSnapshot(readFileSync(out)));
    win.inject = (req) => (/powershell\.exe$/i.test(req.file) ? { exitCode: 0, stdout } : undefined);
    const before = win.state();
    const r = await main(['fix', '--apply', '--lang', 'en'], env);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Applying the plan for WIN-HZ-0821 \(from a live check of this machine\)/);
    expect(win.calls.filter((c) => /powershell\.exe$/i.test(c.file))).toHaveLength(1);
    expect((await main(['restore'], env)).exitCode).toBe(0);
    expect({ ...win.state(), processes: [] }).toEqual({ ...before, processes: [] });
  });
});

describe('fix from a live check whose config intends sharing', () => {
  it('scans for secrets too (in Node, no extra process), so the plan names them instead of "could not verify"', async () => {
    const { plantShareTree } = await import('../../scripts/fixtures/share-tree.js');
    const drive = mkdtempSync(join(tmpdir(), 'ipf-fix-drive-'));
    plantShareTree(drive);
    const cfgDir = mkdtempSync(join(tmpdir(), 'ipf-fix-cfg-'));
    const cfg = join(cfgDir, 'config.json');
    writeFileSync(cfg, JSON.stringify({ share: true, shareScan: { root: drive } }));
    const replay = new ReplayRunner({ powershell: { stdout: recording('en-server-2019', 'powershell.stdout') } });
    const r = await main(['fix', '--config', cfg, '--format', 'json', '--lang', 'en'], {
      platform: 'win32',
      stdoutIsTTY: false,
      env: WINDOWS_ENV,
      live: { runner: replay, arch: 'x64', pid: 7312, tempDir: cfgDir, fileExists: () => true },
    });
    expect(r.stderr).toBe('');
    expect(replay.calls.map((c) => c.file.split('\\').pop())).toEqual(['powershell.exe']);
    const unhandled = (JSON.parse(r.stdout) as { unhandled: Array<{ finding: string; severity: string }> }).unhandled;
    expect(unhandled).toContainEqual(expect.objectContaining({ finding: 'share-private-keys/private-key', severity: 'fail' }));
    expect(unhandled.filter((u) => u.finding.startsWith('share-') && u.finding.endsWith('/facts-unavailable'))).toEqual([]);
  });
});

describe('nothing is changed when fix or restore must not run', () => {
  const changes = (win: FakeWindows) =>
    win.calls.filter(
      (c) => (/sc\.exe$/.test(c.file) && c.args[0] !== 'query') || (/reg\.exe$/.test(c.file) && /^(add|delete)$/.test(c.args[0] ?? '')),
    );

  it('not elevated: exit 3 with one line, before anything is read or changed', async () => {
    const { file, win, env } = setup(busyMachine());
    win.elevated = false;
    const r = await main(['fix', '--snapshot', file, '--apply'], env);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe('image-preflight: fix --apply needs an elevated prompt (Run as administrator); nothing was changed\n');
    expect(win.calls.map((c) => c.file.split('\\').pop())).toEqual(['net.exe']);
    expect((await main(['restore'], env)).exitCode).toBe(3);
  });

  it('without --apply: the plan only, no program run, on Linux too', async () => {
    const { file, win, env } = setup(busyMachine());
    const r = await main(['fix', '--snapshot', file], { ...env, platform: 'linux' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Nothing has been changed/);
    expect(win.calls).toEqual([]);
    const apply = await main(['fix', '--snapshot', file, '--apply'], { ...env, platform: 'linux' });
    expect(apply.exitCode).toBe(3);
    expect(apply.stderr).toMatch(/need Windows/);
  });

  it('a corrupt journal: one line, exit 3, for restore and for fix --apply, and nothing changed', async () => {
    const { file, win, env, fixDir } = setup(busyMachine());
    mkdirSync(fixDir, { recursive: true });
    writeFileSync(join(fixDir, JOURNAL_FILE), '{"journalVersion": 1, "entries": [');
    for (const argv of [['restore'], ['fix', '--snapshot', file, '--apply']]) {
      const r = await main(argv, env);
      expect(r.exitCode).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/the fix journal .*journal\.json is damaged \(not valid JSON\); nothing was changed/);
    }
    expect(changes(win)).toEqual([]);
  });

  it('a journal naming a registry value fix never changes is refused (restore writes HKLM as an administrator)', async () => {
    const { win, env, fixDir } = setup(busyMachine());
    mkdirSync(fixDir, { recursive: true });
    const journal = {
      journalVersion: 1,
      tool: { name: 'image-preflight', version: '0.1.0' },
      machine: { computerName: 'WEB-PROD-03', machineGuid: null },
      createdAt: '2026-11-23T00:00:00.000Z',
      updatedAt: '2026-11-23T00:00:00.000Z',
      entries: [
        {
          seq: 1,
          finding: 'x/y',
          step: { kind: 'registry', key: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run', name: 'evil', value: null },
          previous: { registry: { exists: true, type: 'REG_SZ', data: 'C:\\evil.exe' } },
          status: 'done',
          changedAt: '2026-11-23T00:00:00.000Z',
        },
      ],
    };
    writeFileSync(join(fixDir, JOURNAL_FILE), JSON.stringify(journal));
    const r = await main(['restore'], env);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/names HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\evil, which fix never changes/);
    expect(changes(win)).toEqual([]);
  });

  it("refuses another machine's journal, and a plan about another machine", async () => {
    const { file, win, env } = setup(busyMachine());
    expect((await main(['fix', '--snapshot', file, '--apply'], env)).exitCode).toBe(0);
    const calls = win.calls.length;
    const other = { ...env, env: { ...env.env, COMPUTERNAME: 'VM-9-9-WINDOWS' } };
    const r = await main(['restore'], other);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/belongs to WEB-PROD-03, not this machine \(VM-9-9-WINDOWS\)/);
    const plan = await main(['fix', '--snapshot', file, '--apply'], other);
    expect(plan.exitCode).toBe(3);
    expect(plan.stderr).toMatch(/the plan is about WEB-PROD-03, not this machine \(VM-9-9-WINDOWS\)/);
    expect(changes({ calls: win.calls.slice(calls) } as FakeWindows)).toEqual([]);
  });

  it('rejects --snapshot with --report, and --apply with --format ps1', async () => {
    const { file, env } = setup(busyMachine());
    expect((await main(['fix', '--snapshot', file, '--report', file], env)).stderr).toBe(
      'image-preflight: give --snapshot or --report, not both\n',
    );
    expect((await main(['fix', '--snapshot', file, '--apply', '--format', 'ps1'], env)).exitCode).toBe(3);
  });
});

describe('other sessions are logged off only with --logoff-sessions', () => {
  function withSessions() {
    const s = machine();
    s.sessions = [
      { sessionId: 2, userName: 'VM\\Administrator', state: 'Active' },
      { sessionId: 5, userName: 'VM\\ops', state: 'Disconnected' },
    ];
    return s;
  }
  it('skips them by default and says why; logs them off with the flag; restore lists it as not undoable', async () => {
    const { file, win, env } = setup(withSessions());
    const r = await main(['fix', '--snapshot', file, '--apply'], env);
    expect(r.stdout).toMatch(/skipped: session 5 \(VM\\ops\): Not run without --logoff-sessions/);
    expect(win.sessions.has(5)).toBe(true);
    const r2 = await main(['fix', '--snapshot', file, '--apply', '--logoff-sessions'], env);
    expect(r2.exitCode).toBe(0);
    expect(win.sessions.has(5)).toBe(false);
    expect(win.sessions.has(2)).toBe(true);
    expect((await main(['restore'], env)).stdout).toMatch(/not undone \(it cannot be\): session 5 \(VM\\ops\)/);
  });
});

describe('the scheduled check reminds of an unrestored fix', () => {
  it('writes a warning (ID 104) to the Event Log while the journal has changes, and none after restore', async () => {
    const { file, win, env, dir } = setup(busyMachine());
    await main(['fix', '--snapshot', file, '--apply'], env);
    // The scheduled run collects live; this machine answers PowerShell with nothing, so it falls back and judges what it can.
    const sched = { ...env, now: () => new Date(2026, 10, 23, 9, 15) };
    const reportDir = join(dir, 'reports');
    await main(['schedule', 'run', '--report-dir', reportDir, '--log-dir', join(dir, 'logs'), '--timeout', '20'], sched);
    const reminder = win.events.find((e) => e.includes('104'));
    expect(reminder).toBeDefined();
    expect(reminder).toContain('WARNING');
    expect(reminder?.at(-1)).toMatch(/fix --apply changed \d+ settings? on .* and they have not been restored.*image-preflight restore/);
    await main(['restore'], env);
    win.events.length = 0;
    await main(['schedule', 'run', '--report-dir', reportDir, '--log-dir', join(dir, 'logs'), '--timeout', '20'], sched);
    expect(win.events.some((e) => e.includes('104'))).toBe(false);
  });
});
