// Every fix the tool prints must work on a real server, pasted into cmd.exe or Windows PowerShell 5.1:
// no %VAR% (PowerShell does not expand it), no empty argument (PowerShell 5.1 drops it), no process ended
// by image name, no restart at once, no cleanmgr /sagerun, no incomplete DISM /Set-Edition. This walks
// every remediation of every check on every fixture and on machines built to reach each fix, in every
// language, and every sentence a fix can be worded in.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_PRODUCTS } from '../../src/catalog/security-products.js';
import '../../src/checks/index.js';
import { allRegisteredSentences } from '../../src/messages/sentences.js';
import { LANGS } from '../../src/messages/types.js';
import type { Report } from '../../src/report/build-report.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { commandProblems, DELAYED_RESTART } from '../../src/util/shell-command.js';
import { judge } from '../../src/engine/judge.js';
import { parseConfig } from '../../src/config/load.js';
import { addProcess, addService, FIXTURES, machine, removeService, setKey, setService } from '../helpers.js';

const FIXTURE_NAMES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5));

const POLICIES = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System';
const host = (s: Snapshot) => s.host as Record<string, unknown>;

/** Machines built to reach the fixes no fixture reaches. */
const CRAFTED: Record<string, () => { snapshot: Snapshot; config?: unknown }> = {
  'agent disabled': () => {
    const s = machine('qcloudservice-stopped');
    setService(s, 'QcloudService', { StartMode: 'Disabled' });
    return { snapshot: s };
  },
  'required service stopped': () => {
    const s = machine();
    addService(s, { Name: 'DeployAgent', State: 'Stopped', StartMode: 'Manual' });
    return { snapshot: s, config: { requiredServices: [{ name: 'DeployAgent' }] } };
  },
  'TrustedInstaller stuck': () => {
    const s = machine();
    setService(s, 'TrustedInstaller', { State: 'Start Pending' });
    return { snapshot: s };
  },
  'TrustedInstaller missing': () => {
    const s = machine();
    removeService(s, 'TrustedInstaller');
    return { snapshot: s };
  },
  'TrustedInstaller program missing': () => {
    const s = machine();
    s.files = [{ path: 'C:\\Windows\\servicing\\TrustedInstaller.exe', exists: false }];
    return { snapshot: s };
  },
  'pop-up settings': () => {
    const s = machine();
    setKey(s, POLICIES, {
      values: [
        { name: 'EnableLUA', type: 'REG_DWORD', data: 1 },
        { name: 'ConsentPromptBehaviorAdmin', type: 'REG_DWORD', data: 1 },
        { name: 'legalnoticecaption', type: 'REG_SZ', data: 'Notice' },
        { name: 'legalnoticetext', type: 'REG_SZ', data: 'Authorised use only' },
      ],
    });
    addService(s, { Name: 'UI0Detect', State: 'Running', StartMode: 'Manual' });
    return { snapshot: s };
  },
  'interactive services allowed': () => {
    const s = machine();
    setKey(s, 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Windows', {
      values: [{ name: 'NoInteractiveServices', type: 'REG_DWORD', data: 0 }],
    });
    return { snapshot: s };
  },
  'crash dialog without a PID': () => {
    const s = machine();
    addProcess(s, 'WerFault.exe', null, 2);
    (s.processes as Array<{ ProcessId: number | null }>).at(-1)!.ProcessId = null;
    return { snapshot: s };
  },
  'other sessions': () => {
    const s = machine();
    s.sessions = [
      { sessionId: 2, userName: 'VM\\Administrator', state: 'Active' },
      { sessionId: 5, userName: 'VM\\ops', state: 'Disconnected' },
    ];
    return { snapshot: s };
  },
  ...Object.fromEntries(
    ([null, 'Volume:GVLK', 'Retail', 'Volume:MAK'] as const).map((channel) => [
      `not activated, key channel ${channel ?? 'unknown'}`,
      () => {
        const s = machine();
        s.licensing = [{ Name: 'Windows', LicenseStatus: 5, GracePeriodRemaining: 0, ProductKeyChannel: channel }];
        return { snapshot: s };
      },
    ]),
  ),
  'grace ending': () => {
    const s = machine();
    s.licensing = [{ Name: 'Windows', LicenseStatus: 2, GracePeriodRemaining: 600 }];
    return { snapshot: s };
  },
  'evaluation expiring, unknown build': () => {
    const s = machine();
    Object.assign(host(s), { editionId: 'ServerDatacenterEval', buildNumber: null });
    s.licensing = [{ Name: 'Windows', LicenseStatus: 1, GracePeriodRemaining: 600 }];
    return { snapshot: s };
  },
  'shutdown tracker on (no policy key, as Windows Server leaves it)': () => {
    const s = machine();
    setKey(s, 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability', { exists: false });
    return { snapshot: s };
  },
  'disk low': () => {
    const s = machine();
    s.systemDisk = { drive: 'C:', sizeBytes: 40 * 1024 ** 3, freeBytes: 1024 ** 3 };
    return { snapshot: s };
  },
};

const MACHINES: Array<[string, () => { snapshot: Snapshot; config?: unknown }]> = [
  ...FIXTURE_NAMES.map((name): [string, () => { snapshot: Snapshot }] => [name, () => ({ snapshot: machine(name) })]),
  ...Object.entries(CRAFTED),
];

const NOW = new Date('2026-11-23T00:00:00Z');

/** Sentence-level patterns that would mislead an admin reading the fix, in any language. */
function textProblems(text: string): string[] {
  const out: string[] = [];
  if (/%[A-Za-z_]+%/.test(text)) out.push('%VAR% (not expanded by PowerShell)');
  if (/\/IM\b/i.test(text) && /taskkill/i.test(text)) out.push('taskkill /IM');
  if (/sagerun/i.test(text)) out.push('cleanmgr /sagerun');
  if (/\/t 0\b/.test(text)) out.push('a restart at once');
  return out;
}

describe('every fix command works in cmd.exe and Windows PowerShell 5.1', () => {
  const reports: Array<[string, Report]> = MACHINES.flatMap(([name, make]) =>
    LANGS.map((lang): [string, Report] => {
      const { snapshot, config } = make();
      return [`${name} (${lang})`, judge(snapshot, parseConfig(config ?? {}), { lang, now: NOW })];
    }),
  );

  it('the walk reaches every kind of fix with commands', () => {
    const seen = new Set<string>();
    for (const [, report] of reports)
      for (const check of report.checks)
        for (const f of check.findings) if (f.remediation.some((r) => r.commands.length > 0)) seen.add(`${f.checkId}/${f.code}`);
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'crash-dialogs/crash-dialog-open',
        'crash-dialogs/hard-error-dialogs',
        'crash-dialogs/wer-ui-default',
        'other-sessions/other-sessions',
        'pending-reboot/cbs-reboot-pending',
        'pending-reboot/file-rename-operations',
        'required-services/required-not-running',
        'security-software/safedog-running',
        'security-software/third-party-running',
        'system-dialogs/interactive-services-allowed',
        'system-dialogs/logon-notice',
        'shutdown-readiness/shutdown-tracker-on',
        'shutdown-readiness/shutdown-without-logon-off',
        'shutdown-readiness/not-high-performance',
        'cloudbase-init/disabled',
        'unknown-security-software/unrecognised-running',
        'system-dialogs/uac-prompts',
        'system-dialogs/ui0detect-running',
        'system-disk-space/disk-low',
        'tencent-agents/agent-disabled',
        'tencent-agents/agent-not-running',
        'windows-licence/evaluation-expired',
        'windows-licence/evaluation-expiring',
        'windows-licence/grace-ending',
        'windows-licence/unlicensed',
        'windows-modules-installer/ti-binary-missing',
        'windows-modules-installer/ti-disabled',
        'windows-modules-installer/ti-missing',
        'windows-modules-installer/ti-stuck',
      ]),
    );
  });

  it('no command has a problem in either shell, and no fix sentence suggests one', () => {
    const problems: string[] = [];
    let commands = 0;
    for (const [name, report] of reports)
      for (const check of report.checks)
        for (const f of check.findings)
          for (const r of f.remediation) {
            for (const c of r.commands) {
              commands += 1;
              for (const p of commandProblems(c)) problems.push(`${name} ${f.checkId}/${f.code}: ${c}: ${p}`);
            }
            for (const text of [r.text, r.localizedText])
              for (const p of textProblems(text)) problems.push(`${name} ${f.checkId}/${f.code}: "${text}": ${p}`);
          }
    expect(problems).toEqual([]);
    expect(commands).toBeGreaterThan(200);
  });

  it('no sentence a fix can be worded in, in any language, suggests a broken command (shared fixes, product hints)', () => {
    const problems: string[] = [];
    for (const [id, sentence] of allRegisteredSentences())
      for (const text of Object.values(sentence)) for (const p of textProblems(text)) problems.push(`${id}: ${p}`);
    for (const product of DEFAULT_SECURITY_PRODUCTS)
      for (const hint of [product.stopHint, product.startHint])
        for (const text of hint === undefined ? [] : typeof hint === 'string' ? [hint] : Object.values(hint))
          for (const p of textProblems(text)) problems.push(`${product.id}: ${p}`);
    expect(problems).toEqual([]);
  });
});

describe('the command rules themselves', () => {
  it.each([
    ['cscript.exe //nologo %SystemRoot%\\System32\\slmgr.vbs /ato', /cmd expands/],
    ['reg.exe add "HKLM\\X" /v legalnoticecaption /t REG_SZ /d "" /f', /empty argument/],
    ['taskkill.exe /IM WerFault.exe /F', /PID/],
    ['shutdown.exe /r /t 0', /delayed/],
    ['shutdown.exe /r /t 300', /say why/],
    ['cleanmgr.exe /sagerun:1', /Server Core/],
    ['DISM.exe /Online /Set-Edition:ServerStandard', /ProductKey/],
    ['sc config "X" start= auto', /\.exe/],
    ['sc.exe stop "a$b"', /PowerShell expands/],
    ['sc.exe stop a&b', /interpreted by a shell/],
    ['reg.exe add "HKLM\\X /f', /unbalanced/],
    ['Set-MpPreference -DisableRealtimeMonitoring 1', /\.exe/],
  ])('rejects %s', (command, reason) => {
    expect(commandProblems(command).join('; ')).toMatch(reason);
  });

  it('accepts the commands the tool gives', () => {
    for (const c of [
      DELAYED_RESTART,
      'sc.exe config "Safedog Update Center" start= demand',
      'reg.exe delete "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System" /v legalnoticecaption /f',
      'taskkill.exe /PID 2724 /F',
      'DISM.exe /Online /Set-Edition:ServerStandard /ProductKey:N69G4-B89J2-4G8F4-WWYCC-J464C /AcceptEula',
      'cscript.exe //nologo C:\\Windows\\System32\\slmgr.vbs /skms kms.tencentyun.com:1688',
    ])
      expect(commandProblems(c)).toEqual([]);
  });
});
