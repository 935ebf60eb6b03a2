// The plan: which findings become which actions, in what order, with what commands and undo; the same from
// a snapshot and from a saved report; printed commands that work in both shells; the PowerShell script's
// quoting of machine data.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type CliEnv } from '../../src/commands/main.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { ACTIONS, REGISTRY_TARGETS } from '../../src/fix/actions.js';
import { buildPlan, findingsOfReport } from '../../src/fix/plan.js';
import { psQuote, renderPlanPs1 } from '../../src/fix/ps1.js';
import { LANGS } from '../../src/messages/types.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { commandProblems } from '../../src/util/shell-command.js';
import { addService, FIXTURES, fixturePath, machine, run, setKey } from '../helpers.js';

const FIXTURE_NAMES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));

const env: CliEnv = { platform: 'linux', stdoutIsTTY: false, env: { LANG: 'C.UTF-8' } };
const planOf = (s: Snapshot) =>
  buildPlan(
    findingsOfReport(run(s)),
    { securityProducts: resolveConfig().securityProducts },
    { computerName: 'X', source: { kind: 'live' } },
  );

describe('the action table', () => {
  it('names only finding codes the checks declare (a renamed code would silently lose its action)', async () => {
    const { CHECKS } = await import('../../src/checks/index.js');
    const declared = new Set(CHECKS.flatMap((c) => Object.keys(c.findings).map((code) => `${c.id}/${code}`)));
    expect(Object.keys(ACTIONS).filter((k) => !declared.has(k))).toEqual([]);
  });

  it('owns a short list of registry values, the only ones restore may write', () => {
    expect([...REGISTRY_TARGETS].sort()).toEqual([
      'hklm\\software\\microsoft\\windows nt\\currentversion\\winlogon\\legalnoticecaption',
      'hklm\\software\\microsoft\\windows nt\\currentversion\\winlogon\\legalnoticetext',
      'hklm\\software\\microsoft\\windows\\currentversion\\policies\\system\\legalnoticecaption',
      'hklm\\software\\microsoft\\windows\\currentversion\\policies\\system\\legalnoticetext',
      'hklm\\software\\microsoft\\windows\\currentversion\\policies\\system\\shutdownwithoutlogon',
      'hklm\\software\\microsoft\\windows\\windows error reporting\\dontshowui',
      'hklm\\software\\policies\\microsoft\\windows nt\\reliability\\shutdownreasonon',
      'hklm\\system\\currentcontrolset\\services\\cdrom\\start',
    ]);
  });
});

describe('a plan from the findings', () => {
  it('orders actions agents, servicing, security, pop-ups, sessions, and changes a thing two findings name once', () => {
    const s = machine('safedog-running');
    const svc = s.services as Array<{ Name: string; State: string; StartMode: string }>;
    Object.assign(svc.find((x) => x.Name === 'TrustedInstaller') ?? {}, { StartMode: 'Disabled' });
    Object.assign(svc.find((x) => x.Name === 'QcloudService') ?? {}, { State: 'Stopped' });
    setKey(s, 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability', { exists: false });
    s.sessions = [
      { sessionId: 1, userName: 'A', state: 'Active' },
      { sessionId: 3, userName: 'B', state: 'Active' },
    ];
    const plan = buildPlan(
      findingsOfReport(run(s, { requiredServices: [{ name: 'QcloudService' }] })),
      { securityProducts: resolveConfig().securityProducts },
      { computerName: 'X', source: { kind: 'live' } },
    );
    expect(plan.actions.map((a) => a.finding)).toEqual([
      'tencent-agents/agent-not-running',
      'windows-modules-installer/ti-disabled',
      'security-software/safedog-running',
      'crash-dialogs/wer-ui-default',
      'shutdown-readiness/shutdown-tracker-on',
      'other-sessions/other-sessions',
    ]);
    // required-services names QcloudService too: its action is dropped, the service started once.
    expect(plan.actions.flatMap((a) => a.steps).filter((st) => st.kind === 'service' && st.name === 'QcloudService')).toHaveLength(1);
    expect(plan.actions.at(-1)?.requires).toBe('logoff-sessions');
  });

  it('stops every service of a product, ends by PID only the processes no running service of it hosts', () => {
    const plan = planOf(machine('safedog-running'));
    const steps = plan.actions.find((a) => a.finding === 'security-software/safedog-running')?.steps;
    expect(steps).toEqual([
      { kind: 'service', name: 'Safedog Update Center', startType: 'manual-if-auto', state: 'stopped' },
      { kind: 'service', name: 'SafeDogCloudHelper', startType: 'manual-if-auto', state: 'stopped' },
      { kind: 'service', name: 'SafeDogGuardCenter', startType: 'manual-if-auto', state: 'stopped' },
      { kind: 'end-process', pid: 2672, image: 'SafeDogTray.exe' },
      { kind: 'end-process', pid: 2724, image: 'SafeDogSiteIIS.exe' },
    ]);
  });

  it('says when a product resists sc.exe, with the Tencent paths to allow instead', () => {
    const plan = planOf(machine('safedog-running'));
    const notes = plan.actions.find((a) => a.finding === 'security-software/safedog-running')?.notes;
    expect(notes?.[0]?.id).toBe('fix.note.resists');
    const huorong = planOf(machine('chinese-server-2016-huorong')).actions.find((a) => a.finding.startsWith('security-software/'));
    expect(huorong?.notes.map((n) => n.id)).toEqual(['fix.note.resists']);
  });

  it('lists the warnings and failures it does not act on', () => {
    const plan = planOf(machine('updates-installing'));
    expect(plan.unhandled.map((u) => u.finding)).toContain('pending-reboot/cbs-reboot-pending');
    expect(plan.unhandled.every((u) => ['warn', 'fail', 'unknown'].includes(u.severity))).toBe(true);
  });

  it('a service with a name no shell can take gets a step (run without a shell) but no printed command', async () => {
    const s = machine();
    addService(s, { Name: 'SafeDog$(calc)', State: 'Running', StartMode: 'Auto', PathName: 'C:\\SafeDog\\x.exe', ProcessId: 4321 });
    const dir = mkdtempSync(join(tmpdir(), 'ipf-plan-'));
    writeFileSync(join(dir, 's.json'), JSON.stringify(s));
    const r = await main(['fix', '--snapshot', join(dir, 's.json')], env);
    expect(r.stdout).toContain('no command is printed for service SafeDog$(calc)');
    expect(r.stdout).not.toMatch(/sc\.exe \w+ "SafeDog\$/);
  });
});

describe('the plan as printed', () => {
  it.each(FIXTURE_NAMES)('%s: every command works in both shells, in every language', async (name) => {
    for (const lang of LANGS) {
      const r = await main(['fix', '--snapshot', fixturePath(name), '--lang', lang, '--format', 'json'], env);
      expect(r.exitCode).toBe(0);
      const plan = JSON.parse(r.stdout) as {
        actions: Array<{ steps: Array<{ commands: string[] | null; undoCommands: string[] | null }> }>;
      };
      for (const step of plan.actions.flatMap((a) => a.steps))
        for (const c of [...(step.commands ?? []), ...(step.undoCommands ?? [])]) expect([c, commandProblems(c)]).toEqual([c, []]);
      const text = await main(['fix', '--snapshot', fixturePath(name), '--lang', lang], env);
      expect(text.stdout).not.toMatch(/%[A-Za-z]+%|\/IM |\/t 0\b/);
    }
  });

  it('is the same from a saved JSON report as from its snapshot, in the report language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-plan-'));
    const report = join(dir, 'report.json');
    expect(
      (await main(['check', '--snapshot', fixturePath('safedog-running'), '--format', 'json', '--lang', 'zh-CN', '--output', report], env))
        .exitCode,
    ).toBe(2);
    const fromReport = await main(['fix', '--report', report, '--format', 'json'], env);
    const fromSnapshot = await main(['fix', '--snapshot', fixturePath('safedog-running'), '--format', 'json', '--lang', 'zh-CN'], env);
    const actions = (out: string) => (JSON.parse(out) as { actions: unknown[] }).actions;
    expect(actions(fromReport.stdout)).toEqual(actions(fromSnapshot.stdout));
    expect(JSON.parse(fromReport.stdout).lang).toBe('zh-CN');
    const text = await main(['fix', '--report', report], env);
    expect(text.stdout).toContain('停止 Safedog (安全狗)');
  });

  it('a file that is not a report is one line, exit 3', async () => {
    const r = await main(['fix', '--report', fixturePath('safedog-running')], env);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/^image-preflight: .*safedog-running\.json: a snapshot, not a report/);
  });

  it('shows what it would do, why, the commands and how each step is undone', async () => {
    const r = await main(['fix', '--snapshot', fixturePath('qcloudservice-stopped')], env);
    expect(r.stdout).toContain('1. Start QcloudService and set it to start automatically');
    expect(r.stdout).toMatch(/why: QcloudService is installed but Stopped/);
    expect(r.stdout).toMatch(/do:\n\s+sc\.exe start "QcloudService"\n/);
    expect(r.stdout).toMatch(/undo: image-preflight restore puts it back/);
    expect(r.stdout).toMatch(/undo by hand, as the report saw it:\n\s+sc\.exe stop "QcloudService"/);
    expect(r.stdout).toMatch(/Nothing has been changed/);
  });
});

describe('the PowerShell script', () => {
  it('quotes PowerShell single quotes of every kind by doubling them', () => {
    expect(psQuote("it's")).toBe("'it''s'");
    expect(psQuote('a\u2019b')).toBe("'a\u2019\u2019b'");
    expect(psQuote('$(calc) `whoami` "x"')).toBe('\'$(calc) `whoami` "x"\'');
  });

  it('has -WhatIf and -Confirm (ShouldProcess) for every change, stops at the first failure, and names its machine', () => {
    const ps1 = renderPlanPs1(planOf(machine('safedog-running')), 'en', new Date('2026-11-23T00:00:00Z'));
    expect(ps1).toContain("[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]");
    expect(ps1).toContain('#Requires -RunAsAdministrator');
    const changes = ps1.split('\r\n').filter((l) => /^ {2}& (sc|reg|taskkill|logoff)\.exe/.test(l));
    const guarded = ps1.split('\r\n').filter((l) => l.startsWith('if ($PSCmdlet.ShouldProcess('));
    expect(changes.length).toBeGreaterThan(5);
    expect(guarded).toHaveLength(changes.length);
    expect(ps1).toContain("& sc.exe 'stop' 'Safedog Update Center'");
    expect(ps1).toContain("Wait-IpfService 'Safedog Update Center' 'Stopped'");
    expect(ps1).toMatch(/if \(\$LASTEXITCODE -ne 0 -and \$LASTEXITCODE -ne 1062\) \{ throw/);
    expect(ps1).toContain("if ($env:COMPUTERNAME -ne 'X')");
  });

  it('keeps machine data inside quotes or comments: a name with a quote, a line break or a bidi override cannot run code', () => {
    const s = machine();
    addService(s, { Name: "Safe'Dog$(calc)", State: 'Running', StartMode: 'Auto', PathName: 'C:\\SafeDog\\a.exe', ProcessId: 11 });
    addService(s, {
      Name: 'SafeDog\r\nRemove-Item C:\\',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\SafeDog\\b.exe',
      ProcessId: 12,
    });
    addService(s, { Name: 'SafeDog\u202Egpj.exe', State: 'Running', StartMode: 'Auto', PathName: 'C:\\SafeDog\\c.exe', ProcessId: 13 });
    const ps1 = renderPlanPs1(planOf(s), 'en', new Date());
    expect(ps1).toContain("& sc.exe 'stop' 'Safe''Dog$(calc)'");
    for (const line of ps1.split('\r\n')) {
      if (/Remove-Item|\u202E/.test(line)) expect(line.startsWith('#')).toBe(true);
      expect(line).not.toMatch(/\u202E/);
    }
    expect(ps1).toMatch(/# no command is printed for service SafeDog\\r\\nRemove-Item/);
    expect(ps1).toMatch(/# no command is printed for service SafeDog\\u202egpj\.exe/);
  });

  it('is written with a BOM to a file (Windows PowerShell 5.1 reads a .ps1 without one in the ANSI code page)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-ps1-'));
    const out = join(dir, 'fix.ps1');
    const r = await main(['fix', '--snapshot', fixturePath('chinese-server-2016-huorong'), '--format', 'ps1', '--output', out], env);
    expect(r.exitCode).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toMatch(/停止/);
  });
});
