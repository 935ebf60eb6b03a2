// Service paths as the Service Control Manager stores them.
import { describe, expect, it } from 'vitest';
import { baseName, executableOf, expandPath, imageKey, samePath } from '../../src/util/windows-path.js';

describe('executableOf (Win32_Service.PathName)', () => {
  it.each([
    ['"C:\\Program Files\\QCloud\\tat_agent\\tat_agent.exe"', 'C:\\Program Files\\QCloud\\tat_agent\\tat_agent.exe'],
    ['"C:\\Program Files (x86)\\SafeDog\\x.exe" -service', 'C:\\Program Files (x86)\\SafeDog\\x.exe'],
    ['C:\\Windows\\system32\\svchost.exe -k netsvcs -p', 'C:\\Windows\\system32\\svchost.exe'],
    // Unquoted with spaces: the SCM tries each prefix; ".exe" ends the binary in practice.
    ['C:\\Program Files\\Vendor App\\svc.exe --run now', 'C:\\Program Files\\Vendor App\\svc.exe'],
    ['C:\\Windows\\System32\\drivers\\null.sys', 'C:\\Windows\\System32\\drivers\\null.sys'],
    ['  "C:\\unterminated\\quote.exe', 'C:\\unterminated\\quote.exe'],
    ['', ''],
  ])('%s -> %s', (pathName, exe) => {
    expect(executableOf(pathName)).toBe(exe);
  });
});

describe('expandPath and samePath', () => {
  const ctx = { systemRoot: 'D:\\WINDOWS', systemDrive: 'D:' };
  it.each([
    ['%SystemRoot%\\QcloudService.exe', 'D:\\WINDOWS\\QcloudService.exe'],
    ['%windir%\\servicing\\TrustedInstaller.exe', 'D:\\WINDOWS\\servicing\\TrustedInstaller.exe'],
    ['%ProgramFiles%\\QCloud\\tat_agent\\tat_agent.exe', 'D:\\Program Files\\QCloud\\tat_agent\\tat_agent.exe'],
    ['\\SystemRoot\\System32\\drivers\\x.sys', 'D:\\WINDOWS\\System32\\drivers\\x.sys'],
    ['System32\\drivers\\x.sys', 'D:\\WINDOWS\\System32\\drivers\\x.sys'],
    ['\\??\\C:\\Temp\\a.exe', 'C:\\Temp\\a.exe'],
    ['C:/Windows/x.exe', 'C:\\Windows\\x.exe'],
    ['%UNKNOWN%\\x.exe', '%UNKNOWN%\\x.exe'],
  ])('%s -> %s', (path, expanded) => {
    expect(expandPath(path, ctx)).toBe(expanded);
  });
  it('defaults to C:\\Windows when the snapshot has no system root', () => {
    expect(expandPath('%SystemRoot%\\x.exe')).toBe('C:\\Windows\\x.exe');
  });
  it('compares without case and across spellings', () => {
    expect(samePath('%SystemRoot%\\QcloudService.exe', 'c:\\windows\\qcloudservice.exe')).toBe(true);
    expect(samePath('%SystemDrive%\\WinAgent\\WinAgent.exe', 'C:\\Temp\\WinAgent.exe')).toBe(false);
  });
});

describe('image names', () => {
  it('compare without case, folder or .exe', () => {
    expect(imageKey('C:\\Windows\\System32\\WerFault.EXE')).toBe('werfault');
    expect(imageKey('HipsDaemon')).toBe('hipsdaemon');
    expect(baseName('C:/a/b/c.exe')).toBe('c.exe');
  });
});
