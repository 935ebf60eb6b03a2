// Environment variables that hold credentials (TENCENTCLOUD_SECRET_ID and friends), machine-wide and in
// each loaded user hive, reach the snapshot masked on both collection paths: the PowerShell pass masks
// them itself, reg.exe's output (which prints values whole) is masked in Node, and so is anything that
// arrives unmasked. Users whose hive was not loaded are named by the profile list.
import { describe, expect, it } from 'vitest';
import { REGISTRY_KEY_LIST, REGISTRY_KEYS } from '../../src/catalog/registry-keys.js';
import { collectSnapshot } from '../../src/collect/collect.js';
import { keyCommands } from '../../src/collect/fallback/batch.js';
import { groupsFromFallback } from '../../src/collect/fallback/snapshot-from-fallback.js';
import { protectRegistry, protectValue, specMatcher } from '../../src/collect/protect-registry.js';
import { SECRET_SHAPES, secretShape } from '../../src/collect/share-scan/mask.js';
import { lookupKey } from '../../src/snapshot/registry.js';
import type { RegistryKey } from '../../src/snapshot/schema.js';
import { options, recording, ReplayRunner } from './replay.js';

const ID = 'AKIDq3Vb7LmN0pR2sT4uW6xY8zA1cE5gH9kj';
const KEY = 'r8Tq2LmZ0vXb4NcW6yHs1KdP3fGj5AeU';
const SID = 'S-1-5-21-3623811015-3361044348-30300820-1001';

describe('secret shapes and masking', () => {
  it.each([
    [ID, 'tencent-secret-id'],
    ['AKIDmC4n1hQ7wE2rT9yU5iO3pA8sD6fG0hJkLzXcVbNm_qW4eR7tY1uI3oP5aS-d8fGh', 'tencent-temporary-id'],
    ['AKIA2E4RTY7UIOP3ASDF', 'aws-access-key'],
    [KEY, 'secret'],
    ['YOUR_SECRET_ID', 'placeholder'],
    ['AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA', 'placeholder'],
    ['AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******', 'placeholder'],
    ['%MY_ID%', 'placeholder'],
    ['xxxxxxxxxxxxxxxxxxxx', 'placeholder'],
    ['', 'empty'],
    ['set me later', 'other'],
  ])('%s is %s', (value, shape) => {
    expect(secretShape(value)).toBe(shape);
  });

  it('the shape patterns are plain enough to mean the same in .NET (no lookbehind, named groups or flags)', () => {
    for (const { pattern } of SECRET_SHAPES) expect(pattern).not.toMatch(/\(\?[<!=]|\(\?<|\\p\{|\(\?[imsx]/);
  });

  it('protectValue keeps name and type, masks data, records shape and length; non-strings lose their data', () => {
    expect(protectValue({ name: 'TENCENTCLOUD_SECRET_ID', type: 'REG_SZ', data: ID })).toEqual({
      name: 'TENCENTCLOUD_SECRET_ID',
      type: 'REG_SZ',
      data: 'AKID…kj',
      secret: { shape: 'tencent-secret-id', length: 36 },
    });
    expect(protectValue({ name: 'X', type: 'REG_DWORD', data: 5 })).toEqual({ name: 'X', type: 'REG_DWORD', data: null });
    const already = { name: 'X', type: 'REG_SZ' as const, data: 'AKID…kj', secret: { shape: 'tencent-secret-id', length: 36 } };
    expect(protectValue(already)).toBe(already);
  });

  it('a * path matches the keys below the subkeys it names, and only those', () => {
    const users = specMatcher(REGISTRY_KEYS.userEnvironment);
    expect(users(`HKU\\${SID}\\Environment`)).toBe(true);
    expect(users('hku\\.default\\environment')).toBe(true);
    expect(users(`HKU\\${SID}_Classes\\Environment`)).toBe(false);
    expect(users(`HKU\\${SID}\\Software`)).toBe(false);
    expect(specMatcher(REGISTRY_KEYS.machineEnvironment)(REGISTRY_KEYS.machineEnvironment.path.toLowerCase())).toBe(true);
  });

  it('protectRegistry masks only the mask keys, and drops the data of a value of odd shape', () => {
    const registry = {
      keys: [
        {
          path: REGISTRY_KEYS.machineEnvironment.path,
          exists: true,
          values: [
            { name: 'TENCENTCLOUD_SECRET_KEY', type: 'REG_SZ', data: KEY },
            { name: 'odd', data: KEY },
          ],
        },
        {
          path: REGISTRY_KEYS.winlogon.path,
          exists: true,
          values: [{ name: 'LegalNoticeText', type: 'REG_SZ', data: 'Authorised use only' }],
        },
      ],
    };
    const out = JSON.stringify(protectRegistry(registry, REGISTRY_KEY_LIST));
    expect(out).not.toContain(KEY);
    expect(out).toContain('"data":"r8Tq…eU"');
    expect(out).toContain('"name":"odd","data":null');
    expect(out).toContain('Authorised use only');
  });
});

describe('the fallback (reg.exe) path', () => {
  const userEnvIndex = REGISTRY_KEY_LIST.findIndex((k) => k.id === 'userEnvironment');
  const machineEnvIndex = REGISTRY_KEY_LIST.findIndex((k) => k.id === 'machineEnvironment');
  const profileIndex = REGISTRY_KEY_LIST.findIndex((k) => k.id === 'profileList');

  it('batch: a * path lists the parent, then queries below each subkey it lists', () => {
    expect(keyCommands('HKU\\*\\Environment')).toBe(
      'reg.exe query "HKU"\r\nfor /f "delims=" %%k in (\'reg.exe query "HKU" 2^>nul\') do @reg.exe query "%%k\\Environment" 2>nul',
    );
    expect(keyCommands('HKLM\\SOFTWARE\\X')).toBe('reg.exe query "HKLM\\SOFTWARE\\X"');
  });

  /** The recorded English fallback output with the Environment sections replaced. */
  function fallbackWith(sections: Record<number, string>): Buffer {
    let text = recording('en-server-2019', 'fallback.stdout').toString('latin1');
    for (const [i, body] of Object.entries(sections)) {
      text = text.replace(
        new RegExp(`##IPF key ${i}\\r\\n[\\s\\S]*?##IPF exit \\d+\\r\\n`),
        `##IPF key ${i}\r\n${body.replace(/\n/g, '\r\n')}##IPF exit 0\r\n`,
      );
    }
    return Buffer.from(text, 'latin1');
  }

  const sections = {
    [machineEnvIndex]: `\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment\n    TENCENTCLOUD_SECRET_ID    REG_SZ    ${ID}\n    Path    REG_EXPAND_SZ    %SystemRoot%\\system32\n\n`,
    [userEnvIndex]: [
      '',
      'HKEY_USERS\\.DEFAULT',
      'HKEY_USERS\\S-1-5-19',
      `HKEY_USERS\\${SID}`,
      `HKEY_USERS\\${SID}_Classes`,
      'HKEY_USERS\\S-1-5-18',
      '',
      `HKEY_USERS\\${SID}\\Environment`,
      `    TENCENTCLOUD_SECRET_KEY    REG_SZ    ${KEY}`,
      '    TEMP    REG_EXPAND_SZ    %USERPROFILE%\\AppData\\Local\\Temp',
      '',
      'HKEY_USERS\\S-1-5-18\\Environment',
      '    TEMP    REG_EXPAND_SZ    %SystemRoot%\\TEMP',
      '',
      '',
    ].join('\n'),
    [profileIndex]: [
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList',
      '    ProfilesDirectory    REG_EXPAND_SZ    %SystemDrive%\\Users',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-18',
      `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\${SID}`,
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-21-1-2-3-1002',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-18',
      '    ProfileImagePath    REG_EXPAND_SZ    %systemroot%\\system32\\config\\systemprofile',
      '',
      `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\${SID}`,
      '    ProfileImagePath    REG_EXPAND_SZ    C:\\Users\\deploy',
      '',
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-21-1-2-3-1002',
      '    ProfileImagePath    REG_EXPAND_SZ    C:\\Users\\bob',
      '',
    ].join('\n'),
  };

  it('reads the parent, the matching subkeys and the keys below them; a missing one is absent', () => {
    const { groups } = groupsFromFallback(fallbackWith(sections), { keys: REGISTRY_KEY_LIST, pid: 7312 });
    const keys = (groups.registry as { keys: RegistryKey[] }).keys;
    const registry = { keys };
    expect(lookupKey(registry, 'HKU')).toMatchObject({ state: 'present', subkeys: ['.DEFAULT', 'S-1-5-19', SID, 'S-1-5-18'] });
    expect(lookupKey(registry, `HKU\\${SID}\\Environment`)).toMatchObject({
      state: 'present',
      values: [{ name: 'TENCENTCLOUD_SECRET_KEY' }],
    });
    expect(lookupKey(registry, 'HKU\\S-1-5-18\\Environment')).toMatchObject({ state: 'present', values: [] });
    expect(lookupKey(registry, 'HKU\\.DEFAULT\\Environment')).toEqual({ state: 'absent', path: 'HKU\\.DEFAULT\\Environment' });
    expect(keys.some((k) => k.path.includes('_Classes'))).toBe(false);
    const profiles = lookupKey(registry, 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList');
    expect(profiles).toMatchObject({ state: 'present', subkeys: [SID, 'S-1-5-21-1-2-3-1002'] });
    expect(lookupKey(registry, 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\S-1-5-21-1-2-3-1002')).toMatchObject({
      values: [{ name: 'ProfileImagePath', data: 'C:\\Users\\bob' }],
    });
  });

  it('the collected snapshot holds the variables masked, never whole', async () => {
    const runner = new ReplayRunner({ powershell: { startError: 'ENOENT' }, cmd: { stdout: fallbackWith(sections) } });
    const { snapshot } = await collectSnapshot(options(runner));
    const json = JSON.stringify(snapshot);
    expect(json).not.toContain(ID);
    expect(json).not.toContain(KEY);
    const machine = lookupKey(snapshot.registry as { keys: RegistryKey[] }, REGISTRY_KEYS.machineEnvironment.path);
    expect(machine).toMatchObject({
      state: 'present',
      values: [{ name: 'TENCENTCLOUD_SECRET_ID', data: 'AKID…kj', secret: { shape: 'tencent-secret-id', length: 36 } }],
    });
  });
});

describe('the PowerShell path', () => {
  it('values the script did not mask (an older script, a hand-made capture) are masked on arrival', async () => {
    const lines = recording('en-server-2019', 'powershell.stdout').toString('utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"group":"registry"'));
    const doc = JSON.parse(lines[at]!);
    const env = doc.value.keys.find(
      (k: { path: string }) => k.path === `HKU\\${'S-1-5-21-3623811015-3361044348-30300820-500'}\\Environment`,
    );
    env.values = [{ name: 'TENCENTCLOUD_SECRET_ID', type: 'REG_SZ', data: ID }];
    lines[at] = JSON.stringify(doc);
    const runner = new ReplayRunner({ powershell: { stdout: Buffer.from(lines.join('\n')) } });
    const { snapshot } = await collectSnapshot(options(runner));
    expect(JSON.stringify(snapshot)).not.toContain(ID);
    expect(JSON.stringify(snapshot)).toContain('"data":"AKID…kj"');
  });

  it('the script masks in PowerShell: values of mask keys go through Protect-Secret with the shape table', async () => {
    const { buildCollectionScript } = await import('../../src/collect/script.js');
    const script = buildCollectionScript({ stream: true, budgetSeconds: 30 });
    expect(script).toContain('if ($Mask) {');
    expect(script).toContain('$p = Protect-Secret $data');
    expect(script).toContain('"shape": "tencent-secret-id"');
    expect(script).toMatch(/"path": "HKU\\\\\*\\\\Environment",[\s\S]*?"mask": true/);
  });
});
