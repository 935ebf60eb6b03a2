import { describe, expect, it } from 'vitest';
import { addProcess, codes, findings, machine, removeService, run, setKey, setService } from '../helpers.js';

const ID = 'windows-modules-installer';
const REBOOT_PENDING = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending';

describe('windows-modules-installer', () => {
  it('passes Stopped + Manual, the default', () => {
    expect(codes(run(machine()), ID)).toEqual(['ti-ok:pass']);
  });

  it('passes Running without a servicing worker (it stops when idle)', () => {
    const s = machine();
    setService(s, 'TrustedInstaller', { State: 'Running', ProcessId: 4000 });
    expect(codes(run(s), ID)).toEqual(['ti-ok:pass']);
  });

  it('blocks when Disabled, with the command that restores Manual', () => {
    const s = machine();
    setService(s, 'TrustedInstaller', { StartMode: 'Disabled' });
    const [f] = findings(run(s), ID);
    expect(f!.code).toBe('ti-disabled');
    expect(f!.severity).toBe('fail');
    expect(f!.remediation[0]!.commands).toEqual(['sc.exe config TrustedInstaller start= demand']);
  });

  it('blocks when missing', () => {
    const s = machine();
    removeService(s, 'TrustedInstaller');
    expect(codes(run(s), ID)).toEqual(['ti-missing:fail']);
  });

  it.each(['Start Pending', 'Stop Pending', 'StopPending'])('blocks when stuck in %s', (state) => {
    const s = machine();
    setService(s, 'TrustedInstaller', { State: state });
    expect(codes(run(s), ID)).toEqual(['ti-stuck:fail']);
  });

  it('blocks when its program file is missing', () => {
    const s = machine();
    s.files = [{ path: 'C:\\Windows\\servicing\\TrustedInstaller.exe', exists: false }];
    expect(codes(run(s), ID)).toEqual(['ti-binary-missing:fail']);
  });

  it('warns while TiWorker.exe is servicing', () => {
    const s = machine();
    setService(s, 'TrustedInstaller', { State: 'Running' });
    addProcess(s, 'TiWorker.exe', 'C:\\Windows\\WinSxS\\x\\TiWorker.exe');
    expect(codes(run(s), ID)).toEqual(['servicing-in-progress:warn']);
  });

  it('does not flag Automatic while a servicing reboot is pending, and says why', () => {
    const s = machine();
    setService(s, 'TrustedInstaller', { StartMode: 'Auto' });
    setKey(s, REBOOT_PENDING, { exists: true, values: [] });
    const r = run(s);
    expect(codes(r, ID)).toEqual(['ti-automatic-reboot-pending:info']);
    expect(findings(r, ID)[0]!.message).toMatch(/waits for a restart/);
  });

  it('notes Automatic without a pending reboot, without flagging it', () => {
    const s = machine();
    setService(s, 'TrustedInstaller', { StartMode: 'Automatic' });
    expect(codes(run(s), ID)).toEqual(['ti-automatic:info']);
  });

  it('could not verify without services', () => {
    const s = machine();
    delete s.services;
    expect(codes(run(s), ID)).toEqual(['facts-unavailable:unknown']);
    expect(run(s).verdict).toBe('AT RISK');
  });
});
