import { describe, expect, it } from 'vitest';
import { addProcess, addService, codes, findings, machine, run } from '../helpers.js';

const ID = 'unknown-security-software';

describe('unknown-security-software', () => {
  it('passes on a Tencent public-image machine in every language (Defender, agents, Windows services)', () => {
    for (const name of ['healthy-server-2019', 'healthy-server-2022-zh-cn', 'portuguese-server-2022', 'healthy-server-2019-id']) {
      expect(codes(run(machine(name)), ID), name).toEqual(['none-found:pass']);
    }
  });

  it('warns on an antivirus the table does not know, found by its display name and folder', () => {
    const s = machine();
    addService(s, {
      Name: 'ZGAVSvc',
      DisplayName: 'ZoneGuard Antivirus Real-time Protection',
      State: 'Running',
      StartMode: 'Auto',
      PathName: '"C:\\Program Files\\ZoneGuard\\Antivirus\\zgavsvc.exe" -service',
      ProcessId: 7100,
    });
    addProcess(s, 'zgavsvc.exe', 'C:\\Program Files\\ZoneGuard\\Antivirus\\zgavsvc.exe');
    addProcess(s, 'zgtray.exe', 'C:\\Program Files\\ZoneGuard\\Antivirus\\zgtray.exe', 2);
    const r = run(s);
    const [f] = findings(r, ID);
    expect(f).toMatchObject({ code: 'unrecognised-running', severity: 'warn' });
    expect(f!.message).toBe('Unrecognised security software is running: ZoneGuard Antivirus Real-time Protection (matched "antivirus")');
    // One finding for the product: its service and both processes are its evidence.
    expect(f!.evidence.map((e) => e.ref)).toEqual(['ZGAVSvc', 'zgavsvc.exe', 'zgtray.exe']);
    expect(f!.evidence[0]!.data).toMatchObject({ matched: 'DisplayName: antivirus' });
    expect(f!.remediation.flatMap((x) => x.commands)).toEqual(['sc.exe stop "ZGAVSvc"', 'sc.exe start "ZGAVSvc"']);
    expect(r.verdict).toBe('AT RISK');
  });

  it('warns on one whose display name is Chinese, never blocks', () => {
    const s = machine('healthy-server-2022-zh-cn');
    addService(s, {
      Name: 'XAVRtp',
      DisplayName: '星盾杀毒实时防护服务',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'D:\\XD\\rtp.exe',
      ProcessId: 7300,
    });
    const r = run(s);
    expect(codes(r, ID)).toEqual(['unrecognised-running:warn']);
    expect(findings(r, ID)[0]!.message).toContain('杀毒');
    expect(r.verdict).toBe('AT RISK');
  });

  it('matches descriptions and folders in Portuguese and Indonesian, and EDR as a word', () => {
    const s = machine('portuguese-server-2022');
    addService(s, {
      Name: 'GuardaSvc',
      DisplayName: 'Guarda',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\Guarda\\g.exe',
      ProcessId: 7400,
    });
    const g = s.services as Array<Record<string, unknown>>;
    g[g.length - 1]!.Description = 'Fornece proteção em tempo real contra vírus';
    addService(s, {
      Name: 'AcmeSensor',
      DisplayName: 'Acme EDR Sensor',
      State: 'Stopped',
      StartMode: 'Manual',
      PathName: 'C:\\Acme\\s.exe',
    });
    const r = run(s);
    expect(codes(r, ID)).toEqual(['unrecognised-running:warn', 'unrecognised-installed:info']);
    expect(findings(r, ID)[0]!.evidence[0]!.data).toMatchObject({ matched: 'Description: proteção em tempo real' });
  });

  it('finds a process by its folder alone', () => {
    const s = machine('healthy-server-2019-id');
    addProcess(s, 'agent.exe', 'C:\\Program Files\\Perisai\\Perlindungan Endpoint\\agent.exe');
    expect(codes(run(s), ID)).toEqual(['unrecognised-running:warn']);
  });

  it('does not count words inside other words ("hipster", "credrive") or broad words alone ("security", "防护")', () => {
    const s = machine();
    addService(s, {
      Name: 'Hip',
      DisplayName: 'Hipster Sync',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\Hip\\hip.exe',
      ProcessId: 7500,
    });
    addService(s, {
      Name: 'CredDrive',
      DisplayName: 'Credrive Security Helper',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\Cred\\c.exe',
      ProcessId: 7501,
    });
    addService(s, {
      Name: 'Fh',
      DisplayName: '数据防护同步',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\Fh\\f.exe',
      ProcessId: 7502,
    });
    expect(codes(run(s), ID)).toEqual(['none-found:pass']);
  });

  it('leaves out Windows own services by service name even when their localized names match', () => {
    const s = machine('healthy-server-2022-zh-cn');
    addService(s, {
      Name: 'MDCoreSvc',
      DisplayName: 'Microsoft Defender 防病毒核心服务',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18\\MpDefenderCoreService.exe',
      ProcessId: 7600,
    });
    addService(s, {
      Name: 'webthreatdefsvc',
      DisplayName: 'Web 威胁防御服务',
      State: 'Running',
      StartMode: 'Manual',
      PathName: 'C:\\Windows\\system32\\svchost.exe -k LocalSystemNetworkRestricted -p',
      ProcessId: 7601,
    });
    addService(s, {
      Name: 'SomeHostedSvc',
      DisplayName: 'Antivirus Helper (svchost)',
      State: 'Running',
      StartMode: 'Manual',
      PathName: 'C:\\Windows\\system32\\svchost.exe -k netsvcs',
      ProcessId: 7602,
    });
    expect(codes(run(s), ID)).toEqual(['none-found:pass']);
  });

  it('leaves products the table knows to security-software, and Tencent agents out', () => {
    const s = machine();
    addProcess(s, 'HipsDaemon.exe', 'C:\\Program Files\\Huorong\\Sysdiag\\bin\\HipsDaemon.exe');
    addService(s, {
      Name: 'YDService',
      DisplayName: 'YunJing 主机安全',
      State: 'Running',
      StartMode: 'Auto',
      PathName: '"C:\\Program Files\\QCloud\\YunJing\\YDEyes\\YDService.exe"',
      ProcessId: 7700,
    });
    const r = run(s);
    expect(codes(r, ID)).toEqual(['none-found:pass']);
    expect(codes(r, 'security-software')).toContain('third-party-running:warn');
  });

  it('is silenced for named software by ignoreSoftware and extended by securityKeywords', () => {
    const s = machine();
    addService(s, {
      Name: 'ZGAVSvc',
      DisplayName: 'ZoneGuard Antivirus',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\ZG\\zg.exe',
      ProcessId: 7800,
    });
    addService(s, {
      Name: 'Wachter',
      DisplayName: 'Wächter Schutzdienst',
      State: 'Running',
      StartMode: 'Auto',
      PathName: 'C:\\W\\w.exe',
      ProcessId: 7801,
    });
    expect(codes(run(s, { ignoreSoftware: ['zgavsvc'] }), ID)).toEqual(['none-found:pass']);
    expect(codes(run(s, { ignoreSoftware: ['ZGAVSvc'], securityKeywords: ['schutzdienst'] }), ID)).toEqual(['unrecognised-running:warn']);
  });

  it('says could not verify without services or processes', () => {
    const s = machine();
    s.processes = { collectionError: { message: 'timed out', code: 'timeout' } };
    expect(codes(run(s), ID)).toEqual(['facts-unavailable:unknown']);
  });
});
