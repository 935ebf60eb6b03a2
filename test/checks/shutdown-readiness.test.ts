import { describe, expect, it } from 'vitest';
import { POWER_SCHEMES, POWER_SETTINGS, defaultValuesKey, policyKey } from '../../src/catalog/power-settings.js';
import { REGISTRY_KEYS as K } from '../../src/catalog/registry-keys.js';
import { judge } from '../../src/engine/judge.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { codes, deleteValue, findings, machine, run, setKey, setValue } from '../helpers.js';

const ID = 'shutdown-readiness';
const setting = (id: string) => POWER_SETTINGS.find((s) => s.id === id)!;
/** The active scheme's own override of a setting, as powercfg /setacvalueindex writes it. */
const override = (s: ReturnType<typeof machine>, id: string, ac: number, scheme: string = POWER_SCHEMES.highPerformance) => {
  const p = setting(id);
  setValue(s, `${K.powerSchemes.path}\\${scheme}\\${p.subgroup}\\${p.setting}`, 'ACSettingIndex', 'REG_DWORD', ac);
};

describe('shutdown-readiness', () => {
  it('passes every Tencent public-image fixture, in every language', () => {
    for (const name of [
      'healthy-server-2019',
      'healthy-server-2022',
      'healthy-server-2022-zh-cn',
      'portuguese-server-2022',
      'healthy-server-2019-id',
    ]) {
      expect(codes(run(machine(name)), ID), name).toEqual(['shutdown-ready:pass']);
    }
  });

  it('warns when shutdown without logon is off (0), and when unset (Windows Server default)', () => {
    const s = machine();
    setValue(s, K.policiesSystem.path, 'ShutdownWithoutLogon', 'REG_DWORD', 0);
    const r = run(s);
    const f = findings(r, ID).find((x) => x.code === 'shutdown-without-logon-off')!;
    expect(f.severity).toBe('warn');
    expect(f.remediation[0]!.commands).toEqual([
      'reg.exe add "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System" /v ShutdownWithoutLogon /t REG_DWORD /d 1 /f',
    ]);
    // The alternative, with its caveat.
    expect(f.remediation.at(-1)!.text).toMatch(/forced shutdown .*ForcePoweroff=true.* can be lost/);
    expect(r.verdict).toBe('AT RISK');
    deleteValue(s, K.policiesSystem.path, 'ShutdownWithoutLogon');
    expect(codes(run(s), ID)).toContain('shutdown-without-logon-off:warn');
  });

  it('reads the power button from the active scheme, its override first, and names the action', () => {
    const s = machine();
    override(s, 'powerButtonAction', 0);
    const f = findings(run(s), ID).find((x) => x.code === 'power-button-ignored')!;
    expect(f.message).toBe('Pressing the power button makes Windows do nothing, not shut down: the soft shutdown will not stop it');
    expect(f.remediation[0]!.commands).toEqual([
      'powercfg.exe /setacvalueindex SCHEME_CURRENT SUB_BUTTONS PBUTTONACTION 3',
      'powercfg.exe /setactive SCHEME_CURRENT',
    ]);
    expect(f.evidence[0]!.data).toMatchObject({ ACSettingIndex: 0, source: 'scheme' });
  });

  it('Group Policy wins, and its fix says to change the policy', () => {
    const s = machine();
    setKey(s, policyKey(setting('powerButtonAction')), { exists: true, values: [{ name: 'ACSettingIndex', type: 'REG_DWORD', data: 1 }] });
    const f = findings(run(s), ID).find((x) => x.code === 'power-button-ignored')!;
    expect(f.message).toContain('sleep');
    expect(f.remediation[0]!.text).toMatch(/comes from Group Policy/);
    expect(f.remediation[0]!.commands).toEqual([]);
  });

  it('warns on sleep and hibernate timers, notes a display timer', () => {
    const s = machine();
    override(s, 'sleepAfter', 1800);
    override(s, 'hibernateAfter', 3600);
    override(s, 'displayOffAfter', 600);
    const r = run(s);
    expect(codes(r, ID)).toEqual(['sleep-timer:warn', 'sleep-timer:warn', 'display-off-timer:info']);
    expect(findings(r, ID)[0]!.message).toBe('Windows goes to sleep after 30 min idle: asleep, it does not handle the soft shutdown');
  });

  it('warns when the active plan is not High performance, reading Balanced from its defaults', () => {
    const s = machine();
    setValue(s, K.powerSchemes.path, 'ActivePowerScheme', 'REG_SZ', POWER_SCHEMES.balanced);
    const p = setting('displayOffAfter');
    setValue(s, `${defaultValuesKey(p)}\\${POWER_SCHEMES.balanced}`, 'ACSettingIndex', 'REG_DWORD', 600);
    expect(codes(run(s), ID)).toEqual(['not-high-performance:warn', 'display-off-timer:info']);
    expect(findings(run(s), ID)[0]!.message).toContain('Balanced (SCHEME_BALANCED)');
  });

  it('says a value it cannot find is unknown, never assumes it', () => {
    const s = machine();
    const custom = '1ca6081e-7f76-46d1-a2a8-6b6f9b2b2a54';
    setValue(s, K.powerSchemes.path, 'ActivePowerScheme', 'REG_SZ', custom);
    const r = run(s);
    expect(codes(r, ID)).toContain('power-unknown:info');
    expect(codes(r, ID)).not.toContain('power-button-ignored:warn');
  });

  it('warns when the Shutdown Event Tracker is on by policy, or unset on Windows Server', () => {
    const s = machine();
    setKey(s, K.reliabilityPolicy.path, { exists: true, values: [{ name: 'ShutdownReasonOn', type: 'REG_DWORD', data: 1 }] });
    expect(codes(run(s), ID)).toEqual(['shutdown-tracker-on:warn']);
    setKey(s, K.reliabilityPolicy.path, { exists: false });
    expect(codes(run(s), ID)).toEqual(['shutdown-tracker-on:warn']);
  });

  it('warns when services get more than a minute each at shutdown', () => {
    const s = machine();
    setValue(s, K.control.path, 'WaitToKillServiceTimeout', 'REG_SZ', '120000');
    expect(findings(run(s), ID).map((f) => f.message)).toEqual([
      'Windows waits 120 s for each service that does not stop (WaitToKillServiceTimeout): the shutdown can outlast the capture',
    ]);
  });

  it('in Chinese, Portuguese and Indonesian', () => {
    for (const [name, lang, word] of [
      ['healthy-server-2022-zh-cn', 'zh-CN', '不允许在未登录时关机'],
      ['portuguese-server-2022', 'pt-BR', 'desligamento sem fazer logon'],
      ['healthy-server-2019-id', 'id', 'Mematikan tanpa masuk'],
    ] as const) {
      const s = machine(name);
      setValue(s, K.policiesSystem.path, 'ShutdownWithoutLogon', 'REG_DWORD', 0);
      const r = judge(s, resolveConfig(), { lang });
      expect(findings(r, ID)[0]!.localizedMessage, name).toContain(word);
    }
  });

  it('could not verify an unreadable key', () => {
    const s = machine();
    setKey(s, K.policiesSystem.path, { error: 'Access is denied' });
    expect(codes(run(s), ID)).toContain('registry-unreadable:unknown');
  });
});
