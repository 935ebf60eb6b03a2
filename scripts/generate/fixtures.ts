// Writes fixtures/snapshots/*.json: whole-machine scenarios, each a stock machine plus the one thing the
// scenario is about. The JSON files are what tests read; this script documents how each was made.
// Run by `npm run generate` (through scripts/run-ts.mjs).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { EXAMPLE_ADMIN_SID, REGISTRY_KEYS } from '../../src/catalog/registry-keys.js';
import { protectValue } from '../../src/collect/protect-registry.js';
import { scanForSecretsSync } from '../../src/collect/share-scan/scan.js';
import type { Secrets } from '../../src/snapshot/schema.js';
import {
  addProcess,
  addService,
  localizeDisplayNames,
  machine,
  setKey,
  setService,
  type Machine,
  type MachineOptions,
} from '../fixtures/machines.js';
import { PLANTED, plantLookAlikes, plantShareTree } from '../fixtures/share-tree.js';

const OUT = 'fixtures/snapshots/';
const scenarios: Record<string, Machine> = {};

const server2019 = (name: string, extra: Partial<MachineOptions> = {}) =>
  machine({
    computerName: name,
    caption: 'Microsoft Windows Server 2019 Datacenter',
    version: '10.0.17763',
    build: '17763',
    ubr: 6189,
    editionId: 'ServerDatacenter',
    lastBoot: '2026-11-18T02:14:09.500000+08:00',
    collectedAt: '2026-11-20T09:30:12.114Z',
    ...extra,
  });
const server2022 = (name: string, extra: Partial<MachineOptions> = {}) =>
  machine({
    computerName: name,
    caption: 'Microsoft Windows Server 2022 Datacenter',
    version: '10.0.20348',
    build: '20348',
    ubr: 2849,
    editionId: 'ServerDatacenter',
    displayVersion: '21H2',
    psVersion: '5.1.20348.2849',
    lastBoot: '2026-11-19T21:02:44.125000+08:00',
    collectedAt: '2026-11-20T10:05:55.870Z',
    ...extra,
  });

scenarios['healthy-server-2019'] = server2019('VM-0-12-WINDOWS');
scenarios['healthy-server-2022'] = server2022('VM-16-4-WINDOWS');

{
  const s = server2019('WEB-PROD-03');
  for (const row of [
    [
      'SafeDogGuardCenter',
      'SafeDogGuardCenter',
      'Running',
      'Auto',
      '"C:\\Program Files (x86)\\SafeDog\\SafeDogServer\\SafeDogGuardCenter.exe"',
    ],
    [
      'Safedog Update Center',
      'Safedog Update Center',
      'Running',
      'Auto',
      '"C:\\Program Files (x86)\\SafeDog\\SafeDogServer\\SafeDogUpdateCenter.exe"',
    ],
    ['SafeDogCloudHelper', 'SafeDogCloudHelper', 'Running', 'Auto', '"C:\\Program Files (x86)\\SafeDog\\SafeDogServer\\CloudHelper.exe"'],
  ]) {
    const svc = addService(s, row);
    s.processes.push({
      Name: svc.PathName.split('\\').pop().replace('"', ''),
      ProcessId: svc.ProcessId,
      ExecutablePath: svc.PathName.replace(/"/g, ''),
      SessionId: 0,
    });
  }
  addProcess(s, 'SafeDogTray.exe', 'C:\\Program Files (x86)\\SafeDog\\SafeDogServer\\SafeDogTray.exe', 2);
  addProcess(s, 'SafeDogSiteIIS.exe', 'C:\\Program Files (x86)\\SafeDog\\SafeDogSiteIIS\\SafeDogSiteIIS.exe', 0);
  scenarios['safedog-running'] = s;
}

{
  const s = server2019('APP-02');
  setService(s, 'QcloudService', { State: 'Stopped', ProcessId: 0 });
  s.processes = s.processes.filter((p) => p.Name !== 'QcloudService.exe');
  scenarios['qcloudservice-stopped'] = s;
}

{
  const s = server2022('DB-01');
  setService(s, 'TrustedInstaller', { StartMode: 'Disabled' });
  scenarios['trustedinstaller-disabled'] = s;
}

{
  const s = server2019('VM-0-33-WINDOWS');
  setService(s, 'TrustedInstaller', { State: 'Running', StartMode: 'Auto', ProcessId: 6120 });
  setService(s, 'wuauserv', { State: 'Running', ProcessId: 1088 });
  setService(s, 'BITS', { State: 'Running', ProcessId: 1088 });
  s.processes.push({
    Name: 'TrustedInstaller.exe',
    ProcessId: 6120,
    ExecutablePath: 'C:\\Windows\\servicing\\TrustedInstaller.exe',
    SessionId: 0,
  });
  addProcess(
    s,
    'TiWorker.exe',
    'C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.17763.6189_none_7fcf6f3e8c0ae1e2\\TiWorker.exe',
    0,
  );
  addProcess(s, 'MoUsoCoreWorker.exe', 'C:\\Windows\\uus\\AMD64\\MoUsoCoreWorker.exe', 0);
  setKey(s, 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\PackagesPending', {
    exists: true,
    values: [],
    subkeys: ['Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.6532.1.9'],
  });
  setKey(s, 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending', { exists: true, values: [] });
  setKey(s, 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager', {
    exists: true,
    values: [
      {
        name: 'PendingFileRenameOperations',
        type: 'REG_MULTI_SZ',
        data: [
          '\\??\\C:\\Windows\\WinSxS\\Temp\\PendingDeletes\\$$DeleteMe.wcp.dll.01db3c5e1a2f4b70.0000',
          '',
          '\\??\\C:\\Windows\\WinSxS\\Temp\\PendingRenames\\8a0f4c1e2f3bd901.ntoskrnl.exe',
          '!\\??\\C:\\Windows\\System32\\ntoskrnl.exe',
        ],
      },
    ],
  });
  scenarios['updates-installing'] = s;
}

{
  const s = server2022('REPORTS-01');
  addProcess(s, 'ReportWorker.exe', 'D:\\apps\\reports\\ReportWorker.exe', 2);
  addProcess(s, 'WerFault.exe', 'C:\\Windows\\system32\\WerFault.exe', 2);
  scenarios['crash-dialog-open'] = s;
}

{
  const s = server2019('FILES-07');
  addService(s, [
    'ZhuDongFangYu',
    '360主动防御服务模块',
    'Stopped',
    'Disabled',
    '"C:\\Program Files (x86)\\360\\360Safe\\deepscan\\ZhuDongFangYu.exe"',
  ]);
  addService(s, ['360rp', '360杀毒实时防护加载服务', 'Stopped', 'Manual', '"C:\\Program Files (x86)\\360\\360sd\\360rps.exe"']);
  scenarios['360-installed-stopped'] = s;
}

{
  // Portuguese (pt-BR) Server 2022: display names are translated, service names are not.
  const s = server2022('SRV-SAOPAULO-1', {
    culture: 'pt-BR',
    caption: 'Microsoft Windows Server 2022 Standard',
    editionId: 'ServerStandard',
  });
  localizeDisplayNames(s, 'pt-BR');
  s.sessions = [{ sessionId: 2, userName: 'SRV-SAOPAULO-1\\Administrador', state: 'Active' }];
  s.host.currentUser = 'SRV-SAOPAULO-1\\Administrador';
  scenarios['portuguese-server-2022'] = s;
}

{
  // Chinese (zh-CN) Server 2022 as Tencent's public image leaves it: nothing to fix.
  const s = server2022('VM-8-3-WINDOWS', { culture: 'zh-CN' });
  localizeDisplayNames(s, 'zh-CN');
  s.host.userUiCulture = 'zh-CN';
  s.host.consoleCodePage = 936;
  scenarios['healthy-server-2022-zh-cn'] = s;
}

{
  // An Indonesian admin's Server 2019: Windows Server has no Indonesian UI, so the UI and the display
  // names are English and the regional format is id-ID; the report is asked for with --lang id.
  const s = server2019('VM-2-15-WINDOWS', { culture: 'en-US' });
  s.host.userUiCulture = 'en-US';
  scenarios['healthy-server-2019-id'] = s;
}

{
  // A Chinese server with an antivirus the product table does not know: found by its name and folder.
  const s = server2022('WIN-SZ-0415', { culture: 'zh-CN' });
  localizeDisplayNames(s, 'zh-CN');
  const svc = addService(s, [
    'XDAVRtp',
    '星盾杀毒实时防护服务',
    'Running',
    'Auto',
    '"C:\\Program Files\\XingDun\\Antivirus\\xdrtp.exe" -service',
  ]);
  s.processes.push({
    Name: 'xdrtp.exe',
    ProcessId: svc.ProcessId,
    ExecutablePath: 'C:\\Program Files\\XingDun\\Antivirus\\xdrtp.exe',
    SessionId: 0,
  });
  addProcess(s, 'xdtray.exe', 'C:\\Program Files\\XingDun\\Antivirus\\xdtray.exe', 2);
  scenarios['unknown-antivirus-zh-cn'] = s;
}

{
  // A Chinese office server with WPS Office: its cloud service lives under \Kingsoft\, which is not
  // Kingsoft Antivirus.
  const s = server2019('OA-FILES-02', { culture: 'zh-CN' });
  localizeDisplayNames(s, 'zh-CN');
  const wps = 'C:\\Program Files (x86)\\Kingsoft\\WPS Office\\12.1.0.18608\\office6\\wpscloudsvr.exe';
  const svc = addService(s, ['wpscloudsvr', 'WPS云服务', 'Running', 'Auto', `"${wps}"`]);
  s.processes.push({ Name: 'wpscloudsvr.exe', ProcessId: svc.ProcessId, ExecutablePath: wps, SessionId: 0 });
  addProcess(s, 'wps.exe', 'C:\\Program Files (x86)\\Kingsoft\\WPS Office\\12.1.0.18608\\office6\\wps.exe', 2);
  scenarios['wps-office-server'] = s;
}

{
  // A jump server with Sangfor's EasyConnect VPN client: \Sangfor\SSL\ is not Sangfor EDR.
  const s = server2022('JUMP-01');
  const vpn = 'C:\\Program Files (x86)\\Sangfor\\SSL\\SangforCSClient\\SangforCSClient.exe';
  addProcess(s, 'SangforCSClient.exe', vpn, 2);
  const svc = addService(s, [
    'SangforSP',
    'Sangfor SSL VPN Service',
    'Running',
    'Auto',
    '"C:\\Program Files (x86)\\Sangfor\\SSL\\SangforServiceClient\\SangforServiceClient.exe"',
  ]);
  s.processes.push({
    Name: 'SangforServiceClient.exe',
    ProcessId: svc.ProcessId,
    ExecutablePath: 'C:\\Program Files (x86)\\Sangfor\\SSL\\SangforServiceClient\\SangforServiceClient.exe',
    SessionId: 0,
  });
  scenarios['sangfor-vpn-server'] = s;
}

{
  // A CVM whose soft shutdown Windows would discard: shutdown without logon is off (as on a stock
  // Windows Server) and the plan was switched back to Balanced.
  const s = server2019('APP-BAL-01');
  const uac = s.registry.keys.find((k) => k.path.endsWith('\\Policies\\System'));
  if (uac?.values) uac.values = uac.values.map((v) => (v.name === 'ShutdownWithoutLogon' ? { ...v, data: 0 } : v));
  const schemes = s.registry.keys.find((k) => k.path.endsWith('\\Power\\User\\PowerSchemes'));
  if (schemes) schemes.values = [{ name: 'ActivePowerScheme', type: 'REG_SZ', data: '381b4222-f694-41f0-9685-ff5bb260df2e' }];
  scenarios['soft-shutdown-ignored'] = s;
}

{
  // Someone disabled Cloudbase-Init "because it was not needed": instances made from this image come up
  // without the password the admin sets in the console.
  const s = server2022('WEB-TPL-02');
  setService(s, 'cloudbase-init', { StartMode: 'Disabled' });
  scenarios['cloudbase-init-disabled'] = s;
}

{
  // A Windows whose Setup pass failed: Microsoft says it must be reinstalled.
  const s = server2019('VM-0-41-WINDOWS');
  setKey(s, 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Setup\\State', {
    exists: true,
    values: [{ name: 'ImageState', type: 'REG_SZ', data: 'IMAGE_STATE_UNDEPLOYABLE' }],
  });
  scenarios['image-undeployable'] = s;
}

{
  // Collected from a prompt that was not elevated: SYSTEM's process paths are hidden and a policy key is
  // denied. Everything visible looks healthy, which is why the verdict must not be READY.
  const s = server2022('VM-16-9-WINDOWS');
  s.host.elevated = false;
  s.processes = s.processes.map((p) => (p.SessionId === 0 ? { ...p, ExecutablePath: null } : p));
  setKey(s, 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability', { error: 'Requested registry access is not allowed.' });
  scenarios['collected-not-elevated'] = s;
}

{
  // Someone gave the template machine a fixed address "to be safe": every instance made from it would
  // come up with 10.0.1.25 and no network.
  const s = server2022('TPL-STATIC');
  const adapter = s.network && !('collectionError' in s.network) ? s.network.adapters[0] : undefined;
  if (adapter)
    Object.assign(adapter, { DHCPEnabled: false, IPAddress: ['10.0.1.25'], IPSubnet: ['255.255.255.0'], DefaultIPGateway: ['10.0.1.1'] });
  scenarios['static-ip-template'] = s;
}

{
  // RDP moved to port 33890 (Tencent's port-change guide), but the firewall's rule still opens 3389.
  const s = server2019('VM-5-10-WINDOWS');
  for (const k of s.registry.keys)
    if (/\\(RDP-Tcp|Tds\\tcp)$/.test(k.path)) k.values = (k.values ?? []).map((v) => (v.name === 'PortNumber' ? { ...v, data: 33890 } : v));
  scenarios['rdp-port-not-in-firewall'] = s;
}

{
  // BitLocker with a TPM protector on C:: a new instance has another TPM and stops at the recovery screen.
  const s = server2022('SEC-BASELINE-01');
  s.bitlocker = {
    available: true,
    volumes: [
      { driveLetter: 'C:', volumeType: 0, protectionStatus: 1, conversionStatus: 1, encryptionPercentage: 100, keyProtectorTypes: [1, 3] },
    ],
  };
  scenarios['bitlocker-system-volume'] = s;
}

{
  // Chinese (zh-CN) Server 2016 with Huorong running: detected by process and path, never by display name.
  const s = machine({
    computerName: 'WIN-HZ-0821',
    caption: 'Microsoft Windows Server 2016 Datacenter',
    version: '10.0.14393',
    build: '14393',
    ubr: 7515,
    editionId: 'ServerDatacenter',
    psVersion: '5.1.14393.7515',
    culture: 'zh-CN',
    lastBoot: '2026-11-02T08:00:31.000000+08:00',
    collectedAt: '2026-11-20T03:11:40.021Z',
  });
  const zh = {
    TrustedInstaller: 'Windows Modules Installer',
    wuauserv: 'Windows Update',
    Winmgmt: 'Windows Management Instrumentation',
    Schedule: 'Task Scheduler',
    EventLog: 'Windows Event Log',
    Spooler: 'Print Spooler',
    BITS: 'Background Intelligent Transfer Service',
    Dnscache: 'DNS Client',
    Dhcp: 'DHCP Client',
    LanmanServer: 'Server',
    WerSvc: 'Windows Error Reporting Service',
    QcloudService: 'Qcloud服务',
  };
  const zhNames = {
    Winmgmt: 'Windows Management Instrumentation',
    Schedule: '任务计划程序',
    EventLog: 'Windows Event Log',
    Spooler: '打印后台处理程序',
    Dnscache: 'DNS Client',
    LanmanServer: 'Server',
    WerSvc: 'Windows 错误报告服务',
    BITS: 'Background Intelligent Transfer Service',
  };
  for (const [name, display] of Object.entries({ ...zh, ...zhNames })) setService(s, name, { DisplayName: display });
  addService(s, ['UI0Detect', 'Interactive Services Detection', 'Stopped', 'Manual', 'C:\\Windows\\system32\\UI0Detect.exe']);
  const hips = addService(s, [
    'HipsDaemon',
    '火绒安全 - 主程序',
    'Running',
    'Auto',
    '"C:\\Program Files (x86)\\Huorong\\Sysdiag\\bin\\HipsDaemon.exe"',
  ]);
  s.processes.push({
    Name: 'HipsDaemon.exe',
    ProcessId: hips.ProcessId,
    ExecutablePath: 'C:\\Program Files (x86)\\Huorong\\Sysdiag\\bin\\HipsDaemon.exe',
    SessionId: 0,
  });
  addProcess(s, 'HipsTray.exe', 'C:\\Program Files (x86)\\Huorong\\Sysdiag\\bin\\HipsTray.exe', 2);
  addProcess(s, 'usysdiag.exe', 'C:\\Program Files (x86)\\Huorong\\Sysdiag\\bin\\usysdiag.exe', 0);
  s.sessions = [{ sessionId: 2, userName: 'WIN-HZ-0821\\Administrator', state: 'Active' }];
  scenarios['chinese-server-2016-huorong'] = s;
}

{
  const s = server2019('VM-0-7-WINDOWS');
  s.services = {
    collectionError: {
      message: 'Get-CimInstance Win32_Service: Timed out after 20 s (WMI provider not responding)',
      source: 'Win32_Service',
      code: 'timeout',
    },
  };
  scenarios['services-unreadable'] = s;
}

{
  // Server 2012 R2: PowerShell 4, no DelayedAutoStart on older WMI builds, no Defender, UI0Detect present.
  const s = machine({
    computerName: 'LEGACY-ERP',
    caption: 'Microsoft Windows Server 2012 R2 Standard',
    version: '6.3.9600',
    build: '9600',
    ubr: 22074,
    editionId: 'ServerStandard',
    psVersion: '4.0',
    lastBoot: '2026-10-30T23:45:12.000000+08:00',
    collectedAt: '2026-11-20T06:40:03.552Z',
    defender: false,
  });
  const drop = new Set([
    'AJRouter',
    'CDPSvc',
    'CoreMessagingRegistrar',
    'DiagTrack',
    'DsmSvc',
    'StateRepository',
    'StorSvc',
    'TimeBrokerSvc',
    'UserManager',
    'UsoSvc',
    'WpnService',
    'ClipSVC',
    'AppXSvc',
  ]);
  s.services = s.services.filter((x) => !drop.has(x.Name));
  for (const x of s.services) delete x.DelayedAutoStart;
  addService(s, ['UI0Detect', 'Interactive Services Detection', 'Stopped', 'Manual', 'C:\\Windows\\system32\\UI0Detect.exe']);
  for (const x of s.services) delete x.DelayedAutoStart;
  s.processes = s.processes.filter(
    (p) => !['Registry', 'sihost.exe', 'ctfmon.exe', 'RuntimeBroker.exe', 'fontdrvhost.exe', 'tat_agent.exe'].includes(p.Name),
  );
  s.licensing = [{ Name: 'Windows(R), ServerStandard edition', LicenseStatus: 1, GracePeriodRemaining: 240_115 }];
  scenarios['server-2012-r2'] = s;
}

{
  // Evaluation edition past its end: Windows shuts down every hour.
  const s = server2022('TEST-EVAL', { caption: 'Microsoft Windows Server 2022 Datacenter Evaluation', editionId: 'ServerDatacenterEval' });
  s.licensing = [{ Name: 'Windows(R), ServerDatacenterEval edition', LicenseStatus: 5, GracePeriodRemaining: 0 }];
  scenarios['evaluation-expired'] = s;
}

{
  // Antivirus filled PendingFileRenameOperations and a second admin is still logged on; disk nearly full.
  const s = server2019('WEB-PROD-09');
  setKey(s, 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager', {
    exists: true,
    values: [
      { name: 'PendingFileRenameOperations', type: 'REG_MULTI_SZ', data: ['\\??\\C:\\ProgramData\\Vendor\\AV\\Temp\\scan0912.tmp', ''] },
    ],
  });
  s.sessions.push({ sessionId: 3, userName: 'WEB-PROD-09\\deploy', state: 'Disconnected' });
  addProcess(s, 'explorer.exe', 'C:\\Windows\\Explorer.EXE', 3);
  s.systemDisk = { drive: 'C:', sizeBytes: 53_687_091_200, freeBytes: 734_003_200 };
  scenarios['busy-web-server'] = s;
}

// Share readiness (issue 24): the secrets group as the scan records it, from a system drive planted by
// scripts/fixtures/share-tree.ts in a temporary folder, with the folder's paths written as C:\ paths.
function scannedAs(plant: (root: string) => void): Secrets {
  const root = mkdtempSync(join(tmpdir(), 'ipf-fixture-share-'));
  try {
    plant(root);
    const scanned = scanForSecretsSync({ root, systemDrive: 'C:' });
    const win = (p: string) => `C:${p.slice(root.length).split(sep).join('\\')}`.replace(/^C:$/, 'C:\\');
    return {
      scan: {
        ...scanned.scan,
        root: 'C:\\',
        folders: scanned.scan.folders.map(win),
        cutShort: scanned.scan.cutShort.map(win),
        unreadable: scanned.scan.unreadable.map((u) => ({ ...u, path: win(u.path) })),
        tooLarge: scanned.scan.tooLarge.map(win),
        durationMs: 412,
      },
      findings: scanned.findings.map((f) => ({ ...f, path: win(f.path) })),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

{
  // A web server whose admins left keys behind: tccli, coscmd and coscli configured, keys in notes and
  // web.config, an SSH key, an answer file with passwords, PowerShell history, saved credentials; the
  // key also set as environment variables, and a second user whose hive is not loaded. Look-alikes too.
  const s = server2022('WEB-SHARE-01');
  s.secrets = scannedAs((root) => plantShareTree(root, { links: true }));
  const deploy = 'S-1-5-21-3623811015-3361044348-30300820-1001';
  setKey(s, REGISTRY_KEYS.machineEnvironment.path, {
    exists: true,
    values: [protectValue({ name: 'TENCENTCLOUD_SECRET_ID', type: 'REG_SZ', data: PLANTED.tccliId })],
  });
  setKey(s, `HKU\\${EXAMPLE_ADMIN_SID}\\Environment`, {
    exists: true,
    values: [
      protectValue({ name: 'TENCENTCLOUD_SECRET_KEY', type: 'REG_SZ', data: PLANTED.tccliKey }),
      protectValue({ name: 'TENCENTCLOUD_SECRET_ID', type: 'REG_SZ', data: 'YOUR_SECRET_ID' }),
    ],
  });
  setKey(s, 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList', {
    exists: true,
    values: [],
    subkeys: [EXAMPLE_ADMIN_SID, deploy],
  });
  setKey(s, `HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\${deploy}`, {
    exists: true,
    values: [{ name: 'ProfileImagePath', type: 'REG_EXPAND_SZ', data: 'C:\\Users\\deploy' }],
  });
  scenarios['secrets-on-disk'] = s;
}

{
  // Ready to share: the scan ran and found only look-alikes (documentation examples, placeholders).
  const s = server2022('VM-SHARE-READY');
  s.secrets = scannedAs((root) => plantLookAlikes(root));
  scenarios['share-ready'] = s;
}

mkdirSync(OUT, { recursive: true });
for (const [name, snapshot] of Object.entries(scenarios)) {
  writeFileSync(`${OUT}${name}.json`, `${JSON.stringify(snapshot, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(scenarios).length} fixtures`);
