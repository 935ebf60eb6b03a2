import { describe, expect, it } from 'vitest';
import { REGISTRY_KEYS as K } from '../../src/catalog/registry-keys.js';
import { codes, findings, machine, removeService, run, setService, setValue } from '../helpers.js';

const ID = 'cloudbase-init';
const PLUGINS = `${K.cloudbaseInit.path}\\ins-8k2fw9qa\\Plugins`;
const cbi = (s: ReturnType<typeof machine>) =>
  s.cloudbaseInit as { confFound: boolean; localScripts: string[]; settings: Record<string, string> };

describe('cloudbase-init', () => {
  it('passes the Tencent public-image fixtures', () => {
    for (const name of ['healthy-server-2019', 'healthy-server-2022-zh-cn', 'portuguese-server-2022', 'server-2012-r2']) {
      expect(codes(run(machine(name)), ID), name).toEqual(['ready:pass']);
    }
  });

  it('blocks when it is missing: instances would not get their password', () => {
    const s = machine();
    removeService(s, 'cloudbase-init');
    removeService(s, 'QcloudService');
    const r = run(s);
    expect(codes(r, ID)).toEqual(['not-installed:fail']);
    expect(r.verdict).toBe('BLOCKED');
  });

  it('only warns when an older Tencent agent is there instead (not confirmed to set passwords)', () => {
    const s = machine();
    removeService(s, 'cloudbase-init');
    expect(codes(run(s), ID)).toEqual(['not-installed-old-agent:warn']);
  });

  it('blocks when it is disabled, warns on Manual and on another account', () => {
    const s = machine();
    setService(s, 'cloudbase-init', { StartMode: 'Disabled' });
    const f = findings(run(s), ID)[0]!;
    expect(f).toMatchObject({ code: 'disabled', severity: 'fail' });
    expect(f.remediation[0]!.commands).toEqual(['sc.exe config "cloudbase-init" start= auto']);
    setService(s, 'cloudbase-init', { StartMode: 'Manual', StartName: '.\\cloudbase-init' });
    expect(codes(run(s), ID)).toEqual(['not-automatic:warn', 'not-local-system:warn']);
    setService(s, 'cloudbase-init', { StartMode: 'Auto', StartName: 'NT AUTHORITY\\SYSTEM' });
    expect(codes(run(s), ID)).toEqual(['ready:pass']);
  });

  it('blocks when the CD-ROM driver is disabled (the config drive is a CD)', () => {
    const s = machine();
    setValue(s, K.cdrom.path, 'Start', 'REG_DWORD', 4);
    const f = findings(run(s), ID)[0]!;
    expect(f).toMatchObject({ code: 'cdrom-disabled', severity: 'fail' });
    expect(f.remediation[0]!.commands).toEqual([
      'reg.exe add "HKLM\\SYSTEM\\CurrentControlSet\\Services\\cdrom" /v Start /t REG_DWORD /d 1 /f',
    ]);
  });

  it('warns when LocalScriptsPlugin is not 2 for an instance', () => {
    const s = machine();
    setValue(s, PLUGINS, 'LocalScriptsPlugin', 'REG_DWORD', 1);
    const f = findings(run(s), ID)[0]!;
    expect(f.message).toBe('LocalScriptsPlugin is 1 for ins-8k2fw9qa, not 2: resetting that instance’s password will fail');
    expect(f.remediation[0]!.commands).toEqual([`reg.exe add "${PLUGINS}" /v LocalScriptsPlugin /t REG_DWORD /d 2 /f`]);
  });

  it("blocks when Tencent's first-boot script is gone; notes another user; warns without a conf file", () => {
    const s = machine();
    cbi(s).localScripts = [];
    expect(codes(run(s), ID)).toEqual(['first-boot-script-missing:fail']);
    cbi(s).localScripts = ['TencentCloudRun.ps1'];
    cbi(s).settings.username = 'ops';
    expect(codes(run(s), ID)).toEqual(['ready:pass', 'other-user:info']);
    cbi(s).confFound = false;
    expect(codes(run(s), ID)).toEqual(['conf-missing:warn']);
  });

  it('still judges the service when the conf facts were not collected', () => {
    const s = machine();
    s.cloudbaseInit = { collectionError: { message: 'not collected' } };
    expect(codes(run(s), ID)).toEqual(['ready:pass']);
  });
});
