import { describe, expect, it } from 'vitest';
import { parseFileRenames } from '../../src/checks/shared/pending-reboot.js';
import { codes, findings, machine, registryKeys, run, setKey } from '../helpers.js';

const ID = 'pending-reboot';
const CV = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion';
const SM = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager';
const pfro = (...data: string[]) => ({ exists: true, values: [{ name: 'PendingFileRenameOperations', type: 'REG_MULTI_SZ', data }] });

describe('pending-reboot', () => {
  it('passes when nothing is pending', () => {
    expect(codes(run(machine()), ID)).toEqual(['no-reboot-pending:pass']);
  });

  it.each([
    ['cbs-reboot-pending', `${CV}\\Component Based Servicing\\RebootPending`],
    ['cbs-packages-pending', `${CV}\\Component Based Servicing\\PackagesPending`],
    ['wu-reboot-required', `${CV}\\WindowsUpdate\\Auto Update\\RebootRequired`],
  ])('warns on %s, with the key as evidence', (code, path) => {
    const s = machine();
    setKey(s, path, { exists: true, values: [] });
    const f = findings(run(s), ID);
    expect(f.map((x) => `${x.code}:${x.severity}`)).toEqual([`${code}:warn`]);
    expect(f[0]!.evidence[0]!.ref).toBe(path);
    // Delayed and announced: never a restart at once of a production server.
    expect(f[0]!.remediation[0]!.commands).toEqual([expect.stringMatching(/^shutdown\.exe \/r \/t 300 \/c "[^"%$]+"$/)]);
    expect(f[0]!.remediation[0]!.text).toMatch(/never force a power-off/);
  });

  it('lists PendingFileRenameOperations entries as a warning', () => {
    const s = machine();
    setKey(s, SM, pfro('\\??\\C:\\Temp\\a.tmp', '', '\\??\\C:\\Temp\\b.new', '!\\??\\C:\\App\\b.dll'));
    const [f] = findings(run(s), ID);
    expect(f).toMatchObject({ code: 'file-rename-operations', severity: 'warn', params: { count: 2 } });
    expect(f!.evidence.slice(1)).toEqual([
      { kind: 'file', ref: 'C:\\Temp\\a.tmp', data: { deleteAtBoot: true } },
      { kind: 'file', ref: 'C:\\Temp\\b.new', data: { renameTo: 'C:\\App\\b.dll' } },
    ]);
  });

  it('ignores allow-listed PendingFileRenameOperations paths', () => {
    const s = machine();
    setKey(s, SM, pfro('\\??\\C:\\ProgramData\\AV\\x.tmp', ''));
    expect(codes(run(s, { pendingFileRenameAllowList: ['C:\\ProgramData\\AV\\*'] }), ID)).toEqual(['no-reboot-pending:pass']);
  });

  it('warns on UpdateExeVolatile other than 0', () => {
    const s = machine();
    setKey(s, 'HKLM\\SOFTWARE\\Microsoft\\Updates', { exists: true, values: [{ name: 'UpdateExeVolatile', type: 'REG_DWORD', data: 1 }] });
    expect(codes(run(s), ID)).toEqual(['update-exe-volatile:warn']);
  });

  it('warns on a pending computer rename; one Cloudbase-Init made at first boot is a note', () => {
    const s = machine();
    setKey(s, 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName', {
      exists: true,
      values: [{ name: 'ComputerName', type: 'REG_SZ', data: 'NEW-NAME' }],
    });
    // A Tencent public-image CVM: Cloudbase-Init's SetHostNamePlugin ran (allow_reboot=false leaves the restart to us).
    const r = run(s);
    expect(codes(r, ID)).toEqual(['computer-rename-first-boot:info']);
    expect(r.verdict).toBe('READY');
    // Without Cloudbase-Init's mark, a rename is someone's and waits for a restart.
    registryKeys(s).splice(0, registryKeys(s).length, ...registryKeys(s).filter((k) => !/Cloudbase-Init\\/i.test(k.path)));
    expect(codes(run(s), ID)).toEqual(['computer-rename:warn']);
  });

  it.each([
    [
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootInProgress',
      { exists: true, values: [] },
      'cbs-reboot-in-progress:warn',
    ],
    [
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\PostRebootReporting',
      { exists: true, values: [] },
      'wu-post-reboot-reporting:warn',
    ],
    [
      'HKLM\\SOFTWARE\\Microsoft\\ServerManager\\CurrentRebootAttempts',
      { exists: true, values: [], subkeys: [] },
      'server-manager-reboot:warn',
    ],
    [
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
      { exists: true, values: [{ name: 'DVDRebootSignal', type: 'REG_BINARY', data: '02000000' }] },
      'dvd-reboot-signal:warn',
    ],
    [
      'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Services\\Pending',
      { exists: true, values: [], subkeys: ['7971f918-a847-4430-9279-4a52d1efe18d'] },
      'wu-services-pending:warn',
    ],
  ])('warns on %s', (path, entry, code) => {
    const s = machine();
    setKey(s, path, entry);
    expect(codes(run(s), ID)).toEqual([code]);
  });

  it('ignores the Services\\Pending subkey known to stay on machines that need no restart', () => {
    const s = machine();
    setKey(s, 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Services\\Pending', {
      exists: true,
      values: [],
      subkeys: ['117cab2d-82b1-4b5a-a08c-4d62dbee7782'],
    });
    expect(codes(run(s), ID)).toEqual(['no-reboot-pending:pass']);
  });

  it('warns on a pending domain join', () => {
    const s = machine();
    setKey(s, 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon', { exists: true, values: [], subkeys: ['Parameters', 'JoinDomain'] });
    expect(codes(run(s), ID)).toEqual(['domain-join:warn']);
  });

  it('gives one finding per source', () => {
    const s = machine();
    setKey(s, `${CV}\\Component Based Servicing\\RebootPending`, { exists: true });
    setKey(s, `${CV}\\WindowsUpdate\\Auto Update\\RebootRequired`, { exists: true });
    setKey(s, SM, pfro('\\??\\C:\\x', ''));
    expect(codes(run(s), ID)).toEqual(['cbs-reboot-pending:warn', 'wu-reboot-required:warn', 'file-rename-operations:warn']);
  });

  it('says which key it could not read instead of passing', () => {
    const s = machine();
    setKey(s, `${CV}\\Component Based Servicing\\RebootPending`, { error: 'Access is denied.' });
    expect(codes(run(s), ID)).toEqual(['registry-unreadable:unknown']);
    expect(findings(run(s), ID)[0]?.message).toContain('Component Based Servicing\\RebootPending');
    expect(run(s).verdict).toBe('AT RISK');
  });

  it('accepts HKEY_LOCAL_MACHINE\\ and HKLM:\\ spellings of a key', () => {
    const s = machine();
    setKey(s, `HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired`, { exists: true });
    expect(codes(run(s), ID)).toEqual(['wu-reboot-required:warn']);
  });

  it('could not verify without the registry', () => {
    const s = machine();
    delete s.registry;
    expect(codes(run(s), ID)).toEqual(['facts-unavailable:unknown']);
  });

  it('parses rename pairs, dropping the \\??\\ and ! prefixes', () => {
    expect(parseFileRenames(['\\??\\C:\\a', '', '\\??\\C:\\b', '!\\??\\C:\\c'])).toEqual([
      { from: 'C:\\a', to: '' },
      { from: 'C:\\b', to: 'C:\\c' },
    ]);
  });
});
