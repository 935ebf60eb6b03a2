import { describe, expect, it } from 'vitest';
import { addProcess, addService, codes, findings, machine, processes, run, setKey } from '../helpers.js';

const POLICIES = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System';
const dword = (name: string, data: number) => ({ name, type: 'REG_DWORD', data });
const sz = (name: string, data: string) => ({ name, type: 'REG_SZ', data });

describe('crash-dialogs', () => {
  const ID = 'crash-dialogs';
  it('notes Windows defaults without flagging them', () => {
    expect(codes(run(machine()), ID)).toEqual(['wer-ui-default:info', 'hard-error-dialogs:info']);
  });
  it('warns on a WerFault.exe dialog in a user session', () => {
    const s = machine();
    addProcess(s, 'WerFault.exe', 'C:\\Windows\\system32\\WerFault.exe', 2);
    const f = findings(run(s), ID)[0]!;
    expect(f).toMatchObject({ code: 'crash-dialog-open', severity: 'warn' });
    // By the dialog's PID: /IM would also end a WerFault.exe writing a service's crash dump.
    expect(f.remediation[0]!.commands).toEqual([`taskkill.exe /PID ${processes(s).at(-1)!.ProcessId} /F`]);
  });
  it('only notes WerFault.exe in session 0 (no desktop there)', () => {
    const s = machine();
    addProcess(s, 'WerFault.exe', 'C:\\Windows\\system32\\WerFault.exe', 0);
    expect(codes(run(s), ID)).toContain('crash-reporting-background:info');
  });
  it('a WerFault.exe in a user session shows no dialog when error-reporting UI is turned off', () => {
    const s = machine();
    addProcess(s, 'WerFault.exe', 'C:\\Windows\\system32\\WerFault.exe', 2);
    setKey(s, 'HKLM\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting', { exists: true, values: [dword('DontShowUI', 1)] });
    expect(codes(run(s), ID)).toEqual(['crash-reporting-background:info', 'wer-ui-suppressed:pass', 'hard-error-dialogs:info']);
  });
  it('passes when error-reporting UI is suppressed by policy and hard errors are logged', () => {
    const s = machine();
    setKey(s, 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\Windows Error Reporting', { exists: true, values: [dword('DontShowUI', 1)] });
    setKey(s, 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Windows', { exists: true, values: [dword('ErrorMode', 2)] });
    expect(codes(run(s), ID)).toEqual(['wer-ui-suppressed:pass']);
  });
  it('could not verify without processes', () => {
    const s = machine();
    delete s.processes;
    expect(codes(run(s), ID)).toEqual(['facts-unavailable:unknown']);
  });
  it('does not pass an unreadable error-reporting key', () => {
    const s = machine();
    setKey(s, 'HKLM\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting', { error: 'Access is denied' });
    expect(codes(run(s), ID)).toContain('registry-unreadable:unknown');
  });
});

describe('system-dialogs', () => {
  const ID = 'system-dialogs';
  it('passes a Tencent public image', () => {
    expect(codes(run(machine()), ID)).toEqual(['uac-default:pass', 'no-logon-notice:pass']);
  });
  it.each([
    [2, 'system-dialogs#uacAlways'],
    [1, 'system-dialogs/uac-prompts'],
    [3, 'system-dialogs/uac-prompts'],
    [4, 'system-dialogs#uacAlways'],
  ])('warns when ConsentPromptBehaviorAdmin=%i', (value, messageId) => {
    const s = machine();
    setKey(s, POLICIES, { exists: true, values: [dword('EnableLUA', 1), dword('ConsentPromptBehaviorAdmin', value)] });
    const f = findings(run(s), ID).find((x) => x.code === 'uac-prompts')!;
    expect(f.severity).toBe('warn');
    expect(f.messageId).toBe(messageId);
  });
  it('passes when UAC is off', () => {
    const s = machine();
    setKey(s, POLICIES, { exists: true, values: [dword('EnableLUA', 0), dword('ConsentPromptBehaviorAdmin', 2)] });
    expect(codes(run(s), ID)).toContain('uac-off:pass');
  });
  it('warns on a logon legal notice, with commands that clear it', () => {
    const s = machine();
    setKey(s, POLICIES, {
      exists: true,
      values: [dword('EnableLUA', 1), sz('legalnoticecaption', 'Authorised use only'), sz('legalnoticetext', 'All activity is monitored.')],
    });
    const f = findings(run(s), ID).find((x) => x.code === 'logon-notice')!;
    expect(f.severity).toBe('warn');
    expect(f.remediation[0]!.commands).toHaveLength(2);
    // Deleted rather than set to "": Windows PowerShell 5.1 would drop the empty argument.
    expect(f.remediation[0]!.commands[0]).toBe(
      'reg.exe delete "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System" /v legalnoticecaption /f',
    );
  });
  it('warns when Interactive Services Detection is running', () => {
    const s = machine();
    addService(s, { Name: 'UI0Detect', State: 'Running', StartMode: 'Manual', PathName: 'C:\\Windows\\system32\\UI0Detect.exe' });
    expect(codes(run(s), ID)).toContain('ui0detect-running:warn');
  });
  it('could not verify without the registry', () => {
    const s = machine();
    s.registry = { collectionError: { message: 'reg.exe failed' } };
    expect(codes(run(s), ID)).toEqual(['facts-unavailable:unknown']);
  });
});

describe('other-sessions', () => {
  const ID = 'other-sessions';
  it("passes with only the admin's own session", () => {
    expect(codes(run(machine()), ID)).toEqual(['no-other-sessions:pass']);
  });
  it("warns on another user's session, with logoff commands", () => {
    const s = machine();
    (s.sessions as unknown[]).push({ sessionId: 5, userName: 'CVM\\bob', state: 'Disconnected' });
    const f = findings(run(s), ID)[0]!;
    expect(f).toMatchObject({ code: 'other-sessions', severity: 'warn' });
    expect(f.remediation[0]!.commands).toEqual(['logoff.exe 5']);
  });
  it('run from session 0 (a scheduled task), any interactive session is another one', () => {
    const s = machine();
    (s.host as { currentSessionId: number }).currentSessionId = 0;
    expect(codes(run(s), ID)).toEqual(['other-sessions:warn']);
  });
  it('could not verify without sessions', () => {
    const s = machine();
    s.sessions = { collectionError: { message: 'Win32_LoggedOnUser failed' } };
    expect(codes(run(s), ID)).toEqual(['facts-unavailable:unknown']);
  });
});

describe('windows-licence', () => {
  const ID = 'windows-licence';
  it('passes an activated Windows', () => {
    expect(codes(run(machine()), ID)).toEqual(['licensed:pass']);
  });
  it('warns when not activated, with Tencent KMS commands', () => {
    const s = machine();
    s.licensing = [{ Name: 'Windows', LicenseStatus: 5, GracePeriodRemaining: 0 }];
    const f = findings(run(s), ID)[0]!;
    expect(f).toMatchObject({ code: 'unlicensed', severity: 'warn' });
    expect(f.remediation[0]!.commands.join('\n')).toContain('kms.tencentyun.com');
  });
  it("activates a Tencent public image's KMS client key against Tencent's KMS, by the recorded Windows folder", () => {
    const s = machine();
    s.licensing = [{ Name: 'Windows', LicenseStatus: 5, GracePeriodRemaining: 0, ProductKeyChannel: 'Volume:GVLK' }];
    (s.host as { systemRoot: string }).systemRoot = 'D:\\Win';
    const f = findings(run(s), ID)[0]!;
    expect(f.remediation).toHaveLength(1);
    expect(f.remediation[0]!.commands).toEqual([
      'cscript.exe //nologo D:\\Win\\System32\\slmgr.vbs /skms kms.tencentyun.com:1688',
      'cscript.exe //nologo D:\\Win\\System32\\slmgr.vbs /ato',
    ]);
  });
  it('sends Windows with a key of its own (BYOL, imported) to its own licence, not to Tencent KMS', () => {
    const s = machine();
    s.licensing = [{ Name: 'Windows', LicenseStatus: 5, GracePeriodRemaining: 0, ProductKeyChannel: 'Retail' }];
    const f = findings(run(s), ID)[0]!;
    expect(f.remediation[0]!.text).toContain('(Retail)');
    expect(f.remediation[0]!.commands).toEqual(['cscript.exe //nologo C:\\Windows\\System32\\slmgr.vbs /ato']);
  });
  it('without the key channel: Tencent KMS for public images only, and the GVLK for this edition if none is installed', () => {
    const s = machine();
    s.licensing = [{ Name: 'Windows', LicenseStatus: 5, GracePeriodRemaining: 0 }];
    const f = findings(run(s), ID)[0]!;
    expect(f.remediation[0]!.text).toMatch(/Tencent Cloud public image.*BYOL/);
    expect(f.remediation[1]!.commands).toEqual([
      'cscript.exe //nologo C:\\Windows\\System32\\slmgr.vbs /ipk WMDGN-G9PQG-XVVXX-R3X43-63DFG',
    ]);
  });
  it('converts an expired evaluation edition with the complete DISM command and the GVLK of its edition and build', () => {
    const s = machine();
    Object.assign(s.host as object, { editionId: 'ServerStandardEval', buildNumber: '20348' });
    s.licensing = [{ Name: 'Windows', LicenseStatus: 5, GracePeriodRemaining: 0 }];
    const f = findings(run(s), ID)[0]!;
    expect(f.code).toBe('evaluation-expired');
    expect(f.remediation[0]!.commands).toEqual([
      'DISM.exe /Online /Set-Edition:ServerStandard /ProductKey:VDYBN-27WPP-V4HQT-9VMD4-VMK7H /AcceptEula',
    ]);
    Object.assign(s.host as object, { buildNumber: '1234' });
    expect(findings(run(s), ID)[0]!.remediation[0]!.commands).toEqual(['DISM.exe /Online /Get-TargetEditions']);
  });
  it('notes an evaluation edition with time left, warns when it is about to end', () => {
    const s = machine();
    (s.host as { editionId: string }).editionId = 'ServerStandardEval';
    s.licensing = [{ Name: 'Windows', LicenseStatus: 1, GracePeriodRemaining: 60 * 24 * 90 }];
    expect(codes(run(s), ID)).toEqual(['evaluation:info']);
    s.licensing = [{ Name: 'Windows', LicenseStatus: 1, GracePeriodRemaining: 300 }];
    expect(codes(run(s), ID)).toEqual(['evaluation-expiring:warn']);
  });
  it('notes a grace period with days left, warns at its end', () => {
    const s = machine();
    s.licensing = [{ Name: 'Windows', LicenseStatus: 2, GracePeriodRemaining: 60 * 24 * 20 }];
    expect(codes(run(s), ID)).toEqual(['grace:info']);
    s.licensing = [{ Name: 'Windows', LicenseStatus: 2, GracePeriodRemaining: 10 }];
    expect(codes(run(s), ID)).toEqual(['grace-ending:warn']);
  });
  it('could not verify without licensing facts', () => {
    const s = machine();
    delete s.licensing;
    expect(codes(run(s), ID)).toEqual(['facts-unavailable:unknown']);
  });
});

describe('system-disk-space', () => {
  const ID = 'system-disk-space';
  const GiB = 1024 ** 3;
  it('passes with room to spare', () => {
    expect(codes(run(machine()), ID)).toEqual(['disk-ok:pass']);
  });
  it('warns below 2 GiB free', () => {
    const s = machine();
    s.systemDisk = { drive: 'C:', sizeBytes: 50 * GiB, freeBytes: 1.5 * GiB };
    expect(codes(run(s), ID)).toEqual(['disk-low:warn']);
  });
  it('warns below 5% on a mid-sized disk but not on a large one with plenty of GiB', () => {
    const s = machine();
    s.systemDisk = { drive: 'C:', sizeBytes: 100 * GiB, freeBytes: 4 * GiB };
    expect(codes(run(s), ID)).toEqual(['disk-low:warn']);
    s.systemDisk = { drive: 'C:', sizeBytes: 1000 * GiB, freeBytes: 40 * GiB };
    expect(codes(run(s), ID)).toEqual(['disk-ok:pass']);
  });
  it('takes thresholds from config', () => {
    const s = machine();
    expect(codes(run(s, { thresholds: { systemDiskMinFreeGiB: 40 } }), ID)).toEqual(['disk-low:warn']);
  });
  it('could not verify without the disk fact', () => {
    const s = machine();
    s.systemDisk = { collectionError: { message: 'Win32_LogicalDisk: Invalid class' } };
    expect(codes(run(s), ID)).toEqual(['facts-unavailable:unknown']);
  });
});
