import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { splitSections } from '../../src/collect/fallback/batch.js';
import { parseRegQuery } from '../../src/collect/fallback/parse-reg.js';
import { parseScQueryEx } from '../../src/collect/fallback/parse-sc.js';
import { parseTasklist } from '../../src/collect/fallback/parse-tasklist.js';
import { decodeConsoleOutput } from '../../src/collect/fallback/snapshot-from-fallback.js';
import { parseStream } from '../../src/collect/parse-stream.js';

describe('sc.exe queryex parser', () => {
  it('reads names, numeric states and PIDs whatever the labels say (German)', () => {
    const text = [
      '',
      'DIENSTNAME: Dhcp',
      'ANZEIGENAME: DHCP-Client',
      '        TYP                : 20  WIN32_SHARE_PROCESS',
      '        STATUS             : 4  RUNNING',
      '                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)',
      '        WIN32_EXITCODE     : 0  (0x0)',
      '        DIENST_EXITCODE    : 0  (0x0)',
      '        CHECKPOINT         : 0x0',
      '        WAIT_HINT          : 0x0',
      '        PID                : 1288',
      '        FLAGS              :',
      '',
      'DIENSTNAME: TrustedInstaller',
      'ANZEIGENAME: Windows Modules Installer: Dienst',
      '        TYP                : 10  WIN32_OWN_PROCESS',
      '        STATUS             : 3  STOP_PENDING',
      '        WIN32_EXITCODE     : 0  (0x0)',
      '        DIENST_EXITCODE    : 0  (0x0)',
      '        CHECKPOINT         : 0x1',
      '        WAIT_HINT          : 0x7530',
      '        PID                : 4411',
      '        FLAGS              :',
      '',
    ].join('\r\n');
    expect(parseScQueryEx(text)).toEqual([
      { name: 'Dhcp', displayName: 'DHCP-Client', type: 20, stateCode: 4, pid: 1288 },
      { name: 'TrustedInstaller', displayName: 'Windows Modules Installer: Dienst', type: 10, stateCode: 3, pid: 4411 },
    ]);
  });
  it('returns nothing for an error message', () => {
    expect(parseScQueryEx('[SC] EnumQueryServicesStatus:OpenSCManager FAILED 5:\r\n\r\nAccess is denied.\r\n')).toHaveLength(0);
  });
});

describe('reg.exe query parser', () => {
  it('reads value types, hex DWORDs, multi-strings with empty entries, and empty strings', () => {
    const text = [
      '',
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager',
      '    (默认)    REG_SZ    ',
      '    PendingFileRenameOperations    REG_MULTI_SZ    \\??\\C:\\a.tmp\\0\\0\\??\\C:\\b.new\\0!\\??\\C:\\b.dll',
      '    ErrorMode    REG_DWORD    0xffffffff',
      '    Caption    REG_SZ    ',
      '    Blob    REG_BINARY    01AB',
      '',
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment',
      '',
    ].join('\r\n');
    const [key, sub] = parseRegQuery(text);
    expect(key!.path).toBe('HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager');
    expect(key!.values).toEqual([
      { name: '(默认)', type: 'REG_SZ', data: '' },
      { name: 'PendingFileRenameOperations', type: 'REG_MULTI_SZ', data: ['\\??\\C:\\a.tmp', '', '\\??\\C:\\b.new', '!\\??\\C:\\b.dll'] },
      { name: 'ErrorMode', type: 'REG_DWORD', data: 4294967295 },
      { name: 'Caption', type: 'REG_SZ', data: '' },
      { name: 'Blob', type: 'REG_BINARY', data: '01ab' },
    ]);
    expect(sub!.path).toMatch(/Environment$/);
  });
});

describe('tasklist CSV parser', () => {
  it('reads image name, PID and session number, ignoring localized columns', () => {
    expect(
      parseTasklist('"System Idle Process","0","Services","0","8 K"\r\n"a, b.exe","4410","RDP-Tcp#12","2","12.345 K"\r\nINFO: nothing\r\n'),
    ).toEqual([
      { Name: 'System Idle Process', ProcessId: 0, SessionId: 0 },
      { Name: 'a, b.exe', ProcessId: 4410, SessionId: 2 },
    ]);
  });
});

describe('fallback output', () => {
  it('is decoded with the code page the machine reports (936 = GBK)', () => {
    const bytes = iconv.encode(
      '##IPF codepage\r\n    OEMCP    REG_SZ    936\r\n##IPF exit 0\r\n##IPF sc\r\n显示名称: 任务计划程序\r\n',
      'cp936',
    );
    const { text, codePage } = decodeConsoleOutput(bytes);
    expect(codePage).toBe(936);
    expect(text).toContain('任务计划程序');
  });
  it('splits at markers and marks a section cut short', () => {
    const { sections, done } = splitSections('##IPF a\r\nx\r\n##IPF exit 0\r\n##IPF b\r\ny');
    expect(sections.get('a')).toEqual({ name: 'a', body: 'x', exitCode: 0 });
    expect(sections.get('b')!.exitCode).toBeNull();
    expect(done).toBe(false);
  });
});

describe('stream parser', () => {
  it('keeps known groups, counts bad lines, spots the too-old marker and the end', () => {
    const p = parseStream(
      '\uFEFF{"group":"host","ms":3,"value":{"computerName":"A","osCaption":"B"}}\r\n{"group":"bogus","value":1}\r\nnot json\r\n{"done":true}\r\n',
    );
    expect(p.groups).toEqual({ host: { computerName: 'A', osCaption: 'B' } });
    expect(p.timings).toEqual({ host: 3 });
    expect(p.badLines).toBe(2);
    expect(p.done).toBe(true);
    expect(parseStream('{"imagePreflightCollector":"powershell-too-old","powershellVersion":"2.0"}').tooOld).toBe('2.0');
  });
});

describe('fallback batch', () => {
  it('runs each tool once, with markers, CRLF line ends and a large sc.exe buffer', async () => {
    const { buildFallbackBatch } = await import('../../src/collect/fallback/batch.js');
    const { REGISTRY_KEY_LIST } = await import('../../src/catalog/registry-keys.js');
    const batch = buildFallbackBatch(REGISTRY_KEY_LIST);
    expect(batch).toContain('\r\nsc.exe queryex type= service state= all bufsize= 262144\r\n');
    expect(batch).toContain('\r\nreg.exe query "HKLM\\SYSTEM\\CurrentControlSet\\Services" /s\r\n');
    expect(batch).toContain('\r\ntasklist.exe /fo csv /nh\r\n');
    expect(batch.match(/^reg\.exe query /gm)).toHaveLength(REGISTRY_KEY_LIST.length + 2);
    expect(batch.split('\r\n').filter((l) => l.startsWith('echo ##IPF exit'))).toHaveLength(REGISTRY_KEY_LIST.length + 5);
  });
});
