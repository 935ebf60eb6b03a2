import { describe, expect, it } from 'vitest';
import { DEFAULT_SECURITY_PRODUCTS } from '../../src/catalog/security-products.js';
import { addProcess, addService, codes, findings, machine, processes, run, setService } from '../helpers.js';

const ID = 'security-software';

describe('security-software', () => {
  it('knows Safedog and at least 20 antivirus/EDR products, Chinese market ones included', () => {
    const ids = DEFAULT_SECURITY_PRODUCTS.map((p) => p.id);
    expect(ids.length).toBeGreaterThanOrEqual(21);
    for (const id of [
      'safedog',
      '360-safe',
      'huorong',
      'yunsuo',
      'd-shield',
      'huweishen',
      'kingsoft',
      'tencent-pc-manager',
      'qianxin-tianqing',
      'crowdstrike',
      'windows-defender',
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('passes with only Windows Defender (information)', () => {
    expect(codes(run(machine()), ID)).toEqual(['builtin-antivirus:info']);
  });

  it('blocks on Safedog found by process name alone', () => {
    const s = machine();
    addProcess(s, 'SafeDogGuardCenter.exe', null);
    const r = run(s);
    expect(codes(r, ID)).toContain('safedog-running:fail');
    expect(r.verdict).toBe('BLOCKED');
  });

  it('blocks on a running Safedog service found by its path', () => {
    const s = machine();
    addService(s, { Name: 'SdSvcX', State: 'Running', StartMode: 'Auto', PathName: '"D:\\Tools\\SafeDog\\svc.exe"', ProcessId: 5555 });
    const f = findings(run(s), ID).find((x) => x.code === 'safedog-running')!;
    // Set to Manual too: a stopped service left at Automatic comes back at the next boot.
    expect(f.remediation[0]!.commands).toEqual(['sc.exe config "SdSvcX" start= demand', 'sc.exe stop "SdSvcX"']);
    expect(f.remediation[1]!.commands).toEqual(['sc.exe config "SdSvcX" start= auto', 'sc.exe start "SdSvcX"']);
  });

  it("ends the product's processes no service hosts by PID, and puts delayed-auto back as it was", () => {
    const s = machine('safedog-running');
    setService(s, 'SafeDogCloudHelper', { DelayedAutoStart: true });
    const f = findings(run(s), ID).find((x) => x.code === 'safedog-running')!;
    const stop = f.remediation[0]!.commands;
    // SafeDogTray.exe and SafeDogSiteIIS.exe run outside the services: by PID, never by image name.
    expect(stop.filter((c) => c.startsWith('taskkill.exe'))).toEqual(['taskkill.exe /PID 2672 /F', 'taskkill.exe /PID 2724 /F']);
    expect(stop).toContain('sc.exe config "SafeDogGuardCenter" start= demand');
    expect(f.remediation[1]!.commands).toContain('sc.exe config "SafeDogCloudHelper" start= delayed-auto');
    expect(f.remediation[1]!.commands.join('\n')).not.toMatch(/taskkill/);
  });

  it('warns on a running third-party product and names it with its evidence', () => {
    const s = machine();
    addProcess(s, 'HipsDaemon.exe', 'C:\\Program Files\\Huorong\\Sysdiag\\bin\\HipsDaemon.exe');
    const f = findings(run(s), ID).find((x) => x.code === 'third-party-running')!;
    expect(f.severity).toBe('warn');
    expect(f.message).toContain('Huorong');
    expect(f.evidence[0]).toMatchObject({ kind: 'process', ref: 'HipsDaemon.exe' });
    // Found by its process only: ended by PID; nothing for sc.exe to start again, so the product's console.
    expect(f.remediation[0]!.commands).toEqual([expect.stringMatching(/^taskkill\.exe \/PID \d+ \/F$/)]);
    expect(f.remediation[1]).toMatchObject({
      text: 'After the capture, turn Huorong Security (火绒) back on from its console.',
      commands: [],
    });
  });

  it('notes a product installed but stopped', () => {
    const s = machine();
    addService(s, {
      Name: 'ZhuDongFangYu',
      State: 'Stopped',
      StartMode: 'Disabled',
      PathName: 'C:\\Program Files (x86)\\360\\360Safe\\deepscan\\ZhuDongFangYu.exe',
    });
    expect(codes(run(s), ID)).toContain('installed-stopped:info');
  });

  it('says a stopped product whose services start Automatic returns at the next restart, with the commands to keep it stopped and to undo that', () => {
    const s = machine();
    addService(s, {
      Name: 'HipsDaemon',
      State: 'Stopped',
      StartMode: 'Auto',
      PathName: 'C:\\Program Files\\Huorong\\Sysdiag\\bin\\HipsDaemon.exe',
    });
    const [f] = findings(run(s), ID).filter((x) => x.code === 'installed-stopped');
    expect(f?.severity).toBe('info');
    expect(f?.message).toMatch(/not running; its services start Automatic \(HipsDaemon\), so it runs again after the next restart/);
    expect(f?.remediation.map((r) => r.commands)).toEqual([
      ['sc.exe config "HipsDaemon" start= demand'],
      ['sc.exe config "HipsDaemon" start= auto'],
    ]);
    // Left at Manual or Disabled, it stays stopped: the plain note, no commands.
    setService(s, 'HipsDaemon', { StartMode: 'Manual' });
    const [plain] = findings(run(s), ID).filter((x) => x.code === 'installed-stopped');
    expect(plain?.message).toMatch(/is installed but not running$/);
    expect(plain?.remediation).toEqual([]);
  });

  it('never counts Tencent host security (YDService) as third-party software', () => {
    const s = machine();
    addProcess(s, 'YDService.exe', 'C:\\Program Files\\QCloud\\YunJing\\YDEyes\\YDService.exe');
    const r = run(s, { securityProducts: [{ id: 'overeager', name: 'Overeager', kind: 'thirdParty', processes: ['YDService'] }] });
    expect(codes(r, ID)).toEqual(['builtin-antivirus:info']);
  });

  it('uses products added by config', () => {
    const s = machine();
    addProcess(s, 'acmeav.exe', 'C:\\Program Files\\Acme\\acmeav.exe');
    const r = run(s, { securityProducts: [{ id: 'acme', name: 'Acme AV', kind: 'thirdParty', processes: ['acmeav'] }] });
    expect(codes(r, ID)).toContain('third-party-running:warn');
  });

  it('could not verify without processes', () => {
    const s = machine();
    s.processes = { collectionError: { message: 'timed out', code: 'timeout' } };
    expect(codes(run(s), ID)).toEqual(['facts-unavailable:unknown']);
  });

  it('passes when nothing at all is found', () => {
    const s = machine();
    s.processes = processes(s).filter((p) => !['MsMpEng.exe', 'NisSrv.exe'].includes(p.Name));
    s.services = (s.services as Array<{ Name: string }>).filter((x) => !['WinDefend', 'WdNisSvc'].includes(x.Name)) as typeof s.services;
    expect(codes(run(s), ID)).toEqual(['none-detected:pass']);
  });

  it('does not take WPS Office, Sangfor VPN clients or Backup Exec for security software', () => {
    const s = machine();
    addService(s, {
      Name: 'wpscloudsvr',
      DisplayName: 'WPS云服务',
      State: 'Running',
      StartMode: 'Auto',
      PathName: '"C:\\Program Files (x86)\\Kingsoft\\WPS Office\\12.1.0\\office6\\wpscloudsvr.exe"',
      ProcessId: 7200,
    });
    addProcess(s, 'wpscloudsvr.exe', 'C:\\Program Files (x86)\\Kingsoft\\WPS Office\\12.1.0\\office6\\wpscloudsvr.exe');
    addProcess(s, 'SangforCSClient.exe', 'C:\\Program Files (x86)\\Sangfor\\SSL\\SangforCSClient\\SangforCSClient.exe', 2);
    addService(s, {
      Name: 'BackupExecAgentAccelerator',
      State: 'Running',
      StartMode: 'Auto',
      PathName: '"C:\\Program Files\\Symantec\\Backup Exec\\RAWS\\beremote.exe"',
      ProcessId: 7201,
    });
    addProcess(s, 'beremote.exe', 'C:\\Program Files\\Symantec\\Backup Exec\\RAWS\\beremote.exe');
    addProcess(s, 'hwsync.exe', 'D:\\hws\\hwsync.exe');
    const r = run(s);
    expect(codes(r, ID)).toEqual(['builtin-antivirus:info']);
    expect(codes(r, 'unknown-security-software')).toEqual(['none-found:pass']);
    expect(r.verdict).toBe('READY');
  });

  it('still finds Kingsoft Antivirus and Sangfor EDR by what is theirs', () => {
    const s = machine();
    addProcess(s, 'kxetray.exe', 'C:\\Program Files (x86)\\kingsoft\\kingsoft antivirus\\kxetray.exe', 2);
    addProcess(s, 'agent.exe', 'C:\\Program Files\\Sangfor\\EDR\\agent\\bin\\agent.exe');
    const found = findings(run(s), ID).map((f) => f.message);
    expect(found.join('\n')).toMatch(/Kingsoft Antivirus/);
    expect(found.join('\n')).toMatch(/Sangfor EDR/);
  });

  it('knows the Alibaba Cloud Security Center agent of servers migrated from Alibaba Cloud', () => {
    const s = machine();
    addService(s, {
      Name: 'AliYunDun',
      DisplayName: 'AliYunDun',
      State: 'Running',
      StartMode: 'Auto',
      PathName: '"C:\\Program Files\\Alibaba\\aegis\\aegis_client\\aegis_11_91\\AliYunDun.exe"',
      ProcessId: 7300,
    });
    const f = findings(run(s), ID).find((x) => x.code === 'third-party-running')!;
    expect(f.message).toContain('Alibaba Cloud Security Center');
    expect(f.remediation.flatMap((x) => x.commands)).toContain('sc.exe stop "AliYunDun"');
  });

  it("matches Safedog's generic CloudHelper.exe only in a Safedog folder", () => {
    const s = machine();
    addProcess(s, 'CloudHelper.exe', 'C:\\Program Files\\SomeSync\\CloudHelper.exe');
    expect(codes(run(s), ID)).toEqual(['builtin-antivirus:info']);
    addProcess(s, 'CloudHelper.exe', 'C:\\Program Files (x86)\\SafeDog\\SafeDogServer\\CloudHelper.exe');
    expect(codes(run(s), ID)).toContain('safedog-running:fail');
  });
});
