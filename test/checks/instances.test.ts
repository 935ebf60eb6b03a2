// The checks of issue 16: will instances made from the image boot and be reachable.
import { describe, expect, it } from 'vitest';
import { REGISTRY_KEYS as K } from '../../src/catalog/registry-keys.js';
import { judge } from '../../src/engine/judge.js';
import { resolveConfig } from '../../src/config/resolve.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { codes, findings, machine, run, setKey, setService, setValue } from '../helpers.js';

const HEALTHY = [
  'healthy-server-2019',
  'healthy-server-2022',
  'healthy-server-2022-zh-cn',
  'portuguese-server-2022',
  'healthy-server-2019-id',
  'server-2012-r2',
];
type Rec = Record<string, unknown>;
const net = (s: Snapshot) => s.network as { adapters: Rec[]; firewall: { currentProfileTypes: number; profiles: Rec[] } };
const RULES = `${K.firewallPolicy.path}\\FirewallRules`;

describe('on every Tencent public-image machine, in every language', () => {
  it.each(HEALTHY)('%s passes network, remote access, encryption, logon, activation and disks', (name) => {
    const r = run(machine(name));
    expect(codes(r, 'network')).toEqual(['dhcp-ok:pass']);
    expect(codes(r, 'remote-access')).toEqual(['rdp-open:pass', 'nla:info']);
    expect(codes(r, 'encryption')).toEqual(['not-encrypted:pass']);
    expect(codes(r, 'logon')).toEqual(['ok:pass']);
    expect(codes(r, 'activation-path')).toEqual(['ok:pass']);
    expect(codes(r, 'disks')).toEqual(['basic-system-disk:pass']);
  });

  it('speaks the reader’s language without reading any localized text', () => {
    for (const [name, lang, word] of [
      ['healthy-server-2022-zh-cn', 'zh-CN', '静态地址'],
      ['portuguese-server-2022', 'pt-BR', 'endereço fixo'],
      ['healthy-server-2019-id', 'id', 'alamat statis'],
    ] as const) {
      const s = machine(name);
      net(s).adapters[0]!.DHCPEnabled = false;
      const r = judge(s, resolveConfig(), { lang });
      expect(findings(r, 'network')[0]!.localizedMessage, name).toContain(word);
      expect(r.verdict).toBe('BLOCKED');
    }
  });
});

describe('network', () => {
  it('blocks a static address on the main adapter, with the netsh commands to go back to DHCP', () => {
    const s = machine();
    net(s).adapters[0]!.DHCPEnabled = false;
    const f = findings(run(s), 'network')[0]!;
    expect(f).toMatchObject({ code: 'static-ip', severity: 'fail' });
    expect(f.message).toContain('10.0.0.12');
    expect(f.remediation[0]!.commands).toEqual([
      'netsh.exe interface ipv4 set address name=6 source=dhcp',
      'netsh.exe interface ipv4 set dnsservers name=6 source=dhcp',
    ]);
  });

  it('only notes a static address on a second adapter without a gateway', () => {
    const s = machine();
    net(s).adapters.push({
      Index: 2,
      InterfaceIndex: 9,
      Description: 'Red Hat VirtIO Ethernet Adapter #2',
      DHCPEnabled: false,
      IPAddress: ['192.168.50.4'],
      IPSubnet: ['255.255.255.0'],
      DefaultIPGateway: null,
      DNSServerSearchOrder: null,
      IPConnectionMetric: 25,
    });
    expect(codes(run(s), 'network')).toEqual(['dhcp-ok:pass', 'static-ip-secondary:info']);
  });

  it('warns when the metadata service did not answer, on persistent routes and on a WinHTTP proxy', () => {
    const s = machine();
    (s.reachability as { metadata: Rec }).metadata = {
      target: 'http://metadata.tencentyun.com/latest/meta-data/instance-id',
      reachable: false,
      ms: null,
      error: 'timeout',
    };
    setKey(s, K.persistentRoutes.path, {
      exists: true,
      values: [{ name: '10.20.0.0,255.255.0.0,10.0.0.254,1', type: 'REG_SZ', data: '' }],
    });
    // flags 3 (direct + manual proxy), proxy "10.0.0.9:3128" (13 bytes).
    const proxy = Buffer.alloc(16 + 13 + 8);
    proxy.writeUInt32LE(0x18, 0);
    proxy.writeUInt32LE(3, 8);
    proxy.writeUInt32LE(13, 12);
    proxy.write('10.0.0.9:3128', 16, 'latin1');
    setValue(s, K.winHttpSettings.path, 'WinHttpSettings', 'REG_BINARY', proxy.toString('hex'));
    const r = run(s);
    expect(codes(r, 'network')).toEqual(['metadata-unreachable:warn', 'persistent-routes:warn', 'winhttp-proxy:warn']);
    expect(findings(r, 'network')[1]!.remediation[0]!.commands).toEqual(['route.exe delete 10.20.0.0']);
    expect(findings(r, 'network')[2]!.message).toContain('10.0.0.9:3128');
  });

  it('takes both forms of direct access for no proxy, and notes DNS servers that are not Tencent’s', () => {
    const s = machine();
    setValue(s, K.winHttpSettings.path, 'WinHttpSettings', 'REG_BINARY', '2800000000000000010000000000000000000000');
    net(s).adapters[0]!.DNSServerSearchOrder = ['8.8.8.8'];
    expect(codes(run(s), 'network')).toEqual(['dhcp-ok:pass', 'dns-not-tencent:info']);
  });
});

describe('remote-access', () => {
  it('blocks when RDP is denied, locally or by policy (policy wins)', () => {
    const s = machine();
    setValue(s, K.terminalServer.path, 'fDenyTSConnections', 'REG_DWORD', 1);
    const f = findings(run(s), 'remote-access')[0]!;
    expect(f).toMatchObject({ code: 'rdp-denied', severity: 'fail' });
    expect(f.remediation[0]!.commands).toEqual([
      'reg.exe add "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server" /v fDenyTSConnections /t REG_DWORD /d 0 /f',
    ]);
    setValue(s, K.terminalServer.path, 'fDenyTSConnections', 'REG_DWORD', 0);
    setValue(s, K.terminalServicesPolicy.path, 'fDenyTSConnections', 'REG_DWORD', 1);
    expect(findings(run(s), 'remote-access')[0]!.message).toContain('by Group Policy');
  });

  it('blocks when TermService is disabled', () => {
    const s = machine();
    setService(s, 'TermService', { StartMode: 'Disabled' });
    expect(codes(run(s), 'remote-access')).toContain('termservice-disabled:fail');
  });

  it('a changed port that the stock rule (LPort=3389) does not follow is blocked; a rule for it opens it', () => {
    const s = machine();
    setValue(s, K.rdpTcp.path, 'PortNumber', 'REG_DWORD', 33890);
    setValue(s, K.rdpTds.path, 'PortNumber', 'REG_DWORD', 33890);
    const r = run(s);
    expect(codes(r, 'remote-access')).toEqual(['port-blocked:fail', 'port-changed:info', 'nla:info']);
    const f = findings(r, 'remote-access')[0]!;
    expect(f.message).toBe(
      'The Windows Firewall blocks the RDP port 33890 on the Public profile: no enabled inbound rule allows TCP 33890',
    );
    expect(f.remediation[0]!.commands).toEqual([
      'netsh.exe advfirewall firewall add rule name="Remote Desktop (image-preflight)" dir=in action=allow protocol=TCP localport=33890',
    ]);
    setValue(s, RULES, 'RDP-33890', 'REG_SZ', 'v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort2_10=33000-34000|Name=RDP custom|');
    expect(codes(run(s), 'remote-access')).toEqual(['rdp-open:pass', 'port-changed:info', 'nla:info']);
  });

  it('a Block rule wins over the Allow rule; a disabled or outbound one does not count', () => {
    const s = machine();
    setValue(s, RULES, 'Harden-RDP', 'REG_SZ', 'v2.30|Action=Block|Active=FALSE|Dir=In|Protocol=6|LPort=3389|Name=x|');
    setValue(s, RULES, 'Out-RDP', 'REG_SZ', 'v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|LPort=3389|Name=x|');
    expect(codes(run(s), 'remote-access')).toEqual(['rdp-open:pass', 'nla:info']);
    setKey(s, `${K.firewallPolicyGp.path}\\FirewallRules`, {
      exists: true,
      values: [
        {
          name: 'RemoteDesktop-UserMode-In-TCP',
          type: 'REG_SZ',
          data: 'v2.28|Action=Block|Active=TRUE|Dir=In|Protocol=6|Profile=Public|LPort=3389|',
        },
      ],
    });
    const f = findings(run(s), 'remote-access')[0]!;
    expect(f.code).toBe('port-blocked');
    expect(f.message).toContain('the Block rule RemoteDesktop-UserMode-In-TCP covers it');
  });

  it('passes with the firewall off on the active profile, or allowing inbound by default; not verified without its state', () => {
    const s = machine();
    net(s).firewall.profiles = net(s).firewall.profiles.map((p) => ({ ...p, enabled: p.type !== 4 }));
    setKey(s, RULES, { exists: true, values: [] });
    expect(codes(run(s), 'remote-access')).toEqual(['rdp-open:pass', 'nla:info']);
    (s.network as Rec).firewall = { error: 'Class not registered' };
    expect(codes(run(s), 'remote-access')).toEqual(['rdp-open:pass', 'firewall-unknown:info', 'nla:info']);
  });

  it('warns when the two port settings disagree', () => {
    const s = machine();
    setValue(s, K.rdpTds.path, 'PortNumber', 'REG_DWORD', 3390);
    expect(codes(run(s), 'remote-access')).toContain('port-mismatch:warn');
  });
});

describe('encryption', () => {
  const volume = (over: Rec) => ({
    driveLetter: 'C:',
    volumeType: 0,
    protectionStatus: 0,
    conversionStatus: 0,
    encryptionPercentage: 0,
    keyProtectorTypes: [],
    ...over,
  });
  it.each([
    [{ protectionStatus: 1, conversionStatus: 1, encryptionPercentage: 100, keyProtectorTypes: [1, 3] }, 'tpm-protected:fail'],
    [{ protectionStatus: 0, conversionStatus: 2, encryptionPercentage: 40, keyProtectorTypes: [1] }, 'converting:fail'],
    [{ protectionStatus: 1, conversionStatus: 1, keyProtectorTypes: [8, 3] }, 'password-protected:warn'],
    [{ protectionStatus: 0, conversionStatus: 1, keyProtectorTypes: [1] }, 'not-encrypted:pass'],
  ])('%o gives %s', (v, code) => {
    const s = machine();
    s.bitlocker = { available: true, volumes: [volume(v)] };
    expect(codes(run(s), 'encryption')[0]).toBe(code);
  });

  it('notes a suspended system volume and an encrypted data volume', () => {
    const s = machine();
    s.bitlocker = {
      available: true,
      volumes: [
        volume({ conversionStatus: 1, keyProtectorTypes: [1] }),
        volume({ driveLetter: 'D:', volumeType: 1, protectionStatus: 1, conversionStatus: 1 }),
      ],
    };
    expect(codes(run(s), 'encryption')).toEqual(['not-encrypted:pass', 'suspended:info', 'data-encrypted:info']);
  });
});

describe('logon', () => {
  const admin = (s: Snapshot) => (s.accounts as { builtinAdministrator: Rec }).builtinAdministrator;
  it('blocks a disabled Administrator that Cloudbase-Init sets the password of', () => {
    const s = machine();
    admin(s).disabled = true;
    const f = findings(run(s), 'logon')[0]!;
    expect(f).toMatchObject({ code: 'administrator-disabled', severity: 'fail' });
    expect(f.remediation[0]!.commands).toEqual(['net.exe user "Administrator" /active:yes']);
  });

  it('warns on a renamed Administrator', () => {
    const s = machine();
    admin(s).name = 'ops-admin';
    expect(codes(run(s), 'logon')).toEqual(['administrator-renamed:warn']);
  });

  it('warns on AutoLogon and its plain-text password, without ever showing the password', () => {
    const s = machine();
    setValue(s, K.winlogon.path, 'AutoAdminLogon', 'REG_SZ', '1');
    setValue(s, K.winlogon.path, 'DefaultUserName', 'REG_SZ', 'Administrator');
    const keys = s.registry as { keys: Array<{ path: string; values?: Rec[] }> };
    keys.keys
      .find((k) => k.path === K.winlogon.path)!
      .values!.push({ name: 'DefaultPassword', type: 'REG_SZ', data: null, redacted: true });
    const r = run(s);
    expect(codes(r, 'logon')).toEqual(['autologon:warn', 'autologon-password:warn']);
    expect(findings(r, 'logon')[1]!.remediation[0]!.commands).toContain(`reg.exe delete "${K.winlogon.path}" /v DefaultPassword /f`);
  });
});

describe('activation-path', () => {
  it('warns when sppsvc is disabled, and when a KMS client cannot reach Tencent’s KMS', () => {
    const s = machine();
    setService(s, 'sppsvc', { StartMode: 'Disabled' });
    (s.licensing as Rec[])[0]!.ProductKeyChannel = 'Volume:GVLK';
    (s.reachability as { kms: Rec }).kms = { target: 'kms.tencentyun.com:1688', reachable: false, ms: null, error: 'timeout' };
    expect(codes(run(s), 'activation-path')).toEqual(['sppsvc-disabled:warn', 'kms-unreachable:warn']);
  });

  it('flags port 1668 (a typo in Tencent’s pages) and notes a key of its own', () => {
    const s = machine();
    setValue(s, K.softwareProtection.path, 'KeyManagementServicePort', 'REG_SZ', '1668');
    (s.licensing as Rec[])[0]!.ProductKeyChannel = 'Retail';
    const r = run(s);
    expect(codes(r, 'activation-path')).toEqual(['kms-port-1668:warn', 'own-licence:info']);
    expect(findings(r, 'activation-path')[0]!.remediation[0]!.commands).toEqual([
      'cscript.exe //nologo C:\\Windows\\System32\\slmgr.vbs /skms kms.tencentyun.com:1688',
    ]);
  });
});

describe('disks', () => {
  const d = (s: Snapshot) => s.disks as { disks: Rec[]; partitions: Rec[]; volumes: Rec[] };
  it('blocks a dynamic system disk', () => {
    const s = machine();
    d(s).partitions[0]!.MbrType = 0x42;
    expect(codes(run(s), 'disks')).toEqual(['dynamic-system-disk:fail']);
  });

  it('blocks Windows installed on another disk than the one it boots from', () => {
    const s = machine();
    d(s).disks.push({ Number: 1, IsBoot: false, IsSystem: false, PartitionStyle: 2, Size: 107374182400, BusType: 6 });
    d(s).partitions[0]!.IsBoot = false;
    d(s).partitions.push({
      DiskNumber: 1,
      PartitionNumber: 2,
      DriveLetter: 'C',
      Size: 100000000000,
      IsBoot: true,
      IsSystem: false,
      IsActive: false,
      MbrType: null,
      GptType: '{ebd0a0a2-b9e5-4433-87c0-68b6b72699c7}',
    });
    expect(codes(run(s), 'disks')).toContain('boot-split:fail');
  });

  it('notes volumes of other disks with their sizes', () => {
    const s = machine();
    d(s).volumes.push({ DeviceID: 'D:', Size: 107374182400, FreeSpace: 53687091200, FileSystem: 'NTFS' });
    const r = run(s);
    expect(codes(r, 'disks')).toEqual(['basic-system-disk:pass', 'other-volumes:info']);
    expect(findings(r, 'disks')[1]!.message).toBe('Not in the image unless captured as data disks: D: 100 GiB (50 GiB used)');
  });
});
