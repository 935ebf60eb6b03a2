// Registry keys the checks read, as data: the collector queries exactly this list, and the checks look
// keys up by these ids. `values` limits what is read (large keys such as Session Manager); omitted, every
// value of the key is read. `subkeys` also records the names of the key's subkeys. `depth` reads the
// subkeys too, that many levels down, each as its own entry (`childValues` limits their values), for keys
// whose children are named by the machine (power schemes, Cloudbase-Init's instance ids). `redact` names
// values whose data is a secret: only their presence and type are collected. A path with a `*` segment
// reads that key under every subkey (whose name matches `match`) of the part before it, and records the
// part before it with those subkeys' names; `mask` marks values that may hold secrets, which are read
// and masked (never whole; unlike `redact`, their shape is kept). `healthy` is what a CVM made from a
// Tencent public image holds (absent when not given): the fixture generator's default, so a key added
// here never makes the healthy fixtures look broken. [U] marks a healthy value no source confirms.
import { POWER_SCHEMES, POWER_SCHEMES_KEY, POWER_SETTINGS, defaultValuesKey, policyKey } from './power-settings.js';
import type { RegistryKey, RegistryValue } from '../snapshot/schema.js';

export interface RegistryKeySpec {
  id: string;
  path: string;
  values?: string[];
  subkeys?: boolean;
  depth?: number;
  childValues?: string[];
  redact?: string[];
  /** With a `*` segment: the subkey names it stands for (a regular expression, the same in .NET and JavaScript). */
  match?: string;
  /** Values that may hold a secret: stored masked (data holds at most 4 + 2 characters; `secret` says its shape). */
  mask?: boolean;
  healthy?: {
    values: RegistryValue[];
    subkeys?: string[];
    /** With `depth`: the subkeys' own entries. */
    children?: RegistryKey[];
    /** With a `*` segment: the subkeys it stands for, each with the values of the key below it. */
    instances?: Array<{ name: string; values: RegistryValue[] }>;
  };
}

/** Entries a deep read (`depth`) or a `*` segment may return for one key at most: a hostile tree cannot flood the snapshot. */
export const MAX_KEYS_PER_TREE = 400;

/** Environment variables the Tencent Cloud SDKs, tccli and COS tools read credentials from, and AWS's. */
export const SECRET_ENVIRONMENT_VARIABLES = [
  'TENCENTCLOUD_SECRET_ID',
  'TENCENTCLOUD_SECRET_KEY',
  'TENCENTCLOUD_SESSION_TOKEN',
  'TENCENTCLOUD_SECURITY_TOKEN',
  'QCLOUD_SECRET_ID',
  'QCLOUD_SECRET_KEY',
  'COS_SECRET_ID',
  'COS_SECRET_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
];

/** The built-in Administrator of the example machine the fixtures start from (HEALTHY_EXAMPLES.accounts has the same SID). */
export const EXAMPLE_ADMIN_SID = 'S-1-5-21-3623811015-3361044348-30300820-500';

const dword = (name: string, data: number): RegistryValue => ({ name, type: 'REG_DWORD', data });
const sz = (name: string, data: string): RegistryValue => ({ name, type: 'REG_SZ', data });

const CV = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion';
const CCS = 'HKLM\\SYSTEM\\CurrentControlSet';
const TS = `${CCS}\\Control\\Terminal Server`;
const CLOUDBASE = 'HKLM\\SOFTWARE\\Cloudbase Solutions\\Cloudbase-Init';
/** An instance id as Tencent's password-reset page shows them under the Cloudbase-Init key. */
const HEALTHY_INSTANCE = 'ins-8k2fw9qa';
const HP = POWER_SCHEMES.highPerformance;
const FIREWALL = `${CCS}\\Services\\SharedAccess\\Parameters\\FirewallPolicy`;
/** A firewall profile's key as Windows leaves it: on. */
const profile = (name: string): RegistryKey => ({ path: `${FIREWALL}\\${name}`, exists: true, values: [dword('EnableFirewall', 1)] });
const ac = (data: number) => [dword('ACSettingIndex', data), dword('DCSettingIndex', data)];

/** Healthy AC values per setting on a Tencent public image: button shuts down, no sleep, no hibernation,
 * display never off ([U] Tencent's power script is not public; doc 213/2756 asks for High performance
 * and never-off idle timers). */
const HEALTHY_POWER: Record<string, number> = { powerButtonAction: 3, sleepAfter: 0, hibernateAfter: 0, displayOffAfter: 0 };

const powerKeys = Object.fromEntries(
  POWER_SETTINGS.flatMap((setting) => [
    [
      `powerDefault_${setting.id}`,
      {
        id: `powerDefault_${setting.id}`,
        path: defaultValuesKey(setting),
        values: [],
        depth: 1,
        childValues: ['ACSettingIndex', 'DCSettingIndex'],
        healthy: {
          values: [],
          subkeys: Object.values(POWER_SCHEMES),
          children: Object.values(POWER_SCHEMES).map((scheme) => ({
            path: `${defaultValuesKey(setting)}\\${scheme}`,
            exists: true,
            values: ac(HEALTHY_POWER[setting.id] ?? 0),
          })),
        },
      },
    ],
    [
      `powerPolicy_${setting.id}`,
      { id: `powerPolicy_${setting.id}`, path: policyKey(setting), values: ['ACSettingIndex', 'DCSettingIndex'] },
    ],
  ]),
) as Record<string, RegistryKeySpec>;

export const REGISTRY_KEYS = {
  cbsRebootPending: { id: 'cbsRebootPending', path: `${CV}\\Component Based Servicing\\RebootPending` },
  cbsPackagesPending: { id: 'cbsPackagesPending', path: `${CV}\\Component Based Servicing\\PackagesPending` },
  wuRebootRequired: { id: 'wuRebootRequired', path: `${CV}\\WindowsUpdate\\Auto Update\\RebootRequired` },
  // Further pending-reboot markers (community.windows win_pending_reboot_info, atc0005/check-restart).
  cbsRebootInProgress: { id: 'cbsRebootInProgress', path: `${CV}\\Component Based Servicing\\RebootInProgress` },
  wuServicesPending: { id: 'wuServicesPending', path: `${CV}\\WindowsUpdate\\Services\\Pending`, values: [], subkeys: true },
  wuPostRebootReporting: { id: 'wuPostRebootReporting', path: `${CV}\\WindowsUpdate\\Auto Update\\PostRebootReporting` },
  serverManagerRebootAttempts: {
    id: 'serverManagerRebootAttempts',
    path: 'HKLM\\SOFTWARE\\Microsoft\\ServerManager\\CurrentRebootAttempts',
    values: [],
    subkeys: true,
  },
  runOnce: { id: 'runOnce', path: `${CV}\\RunOnce`, values: ['DVDRebootSignal'], healthy: { values: [] } },
  sessionManager: {
    id: 'sessionManager',
    path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager',
    values: ['PendingFileRenameOperations', 'PendingFileRenameOperations2'],
    healthy: { values: [] },
  },
  updates: { id: 'updates', path: 'HKLM\\SOFTWARE\\Microsoft\\Updates', values: ['UpdateExeVolatile'], healthy: { values: [] } },
  activeComputerName: {
    id: 'activeComputerName',
    path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ActiveComputerName',
    values: ['ComputerName'],
  },
  pendingComputerName: {
    id: 'pendingComputerName',
    path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName',
    values: ['ComputerName'],
  },
  netlogon: {
    id: 'netlogon',
    path: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon',
    values: [],
    subkeys: true,
    healthy: { values: [], subkeys: ['Parameters'] },
  },
  policiesSystem: {
    id: 'policiesSystem',
    path: `${CV}\\Policies\\System`,
    values: [
      'EnableLUA',
      'ConsentPromptBehaviorAdmin',
      'PromptOnSecureDesktop',
      'FilterAdministratorToken',
      'legalnoticecaption',
      'legalnoticetext',
      'ShutdownWithoutLogon',
    ],
    healthy: {
      values: [
        dword('EnableLUA', 1),
        dword('ConsentPromptBehaviorAdmin', 5),
        dword('PromptOnSecureDesktop', 1),
        dword('FilterAdministratorToken', 0),
        sz('legalnoticecaption', ''),
        sz('legalnoticetext', ''),
        // Tencent's public images allow "shutdown while user is not logged in" (doc 213/2917, English).
        dword('ShutdownWithoutLogon', 1),
      ],
    },
  },
  winlogon: {
    id: 'winlogon',
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon',
    values: ['LegalNoticeCaption', 'LegalNoticeText', 'AutoAdminLogon', 'DefaultUserName', 'DefaultDomainName', 'DefaultPassword'],
    // An AutoLogon password is kept in plain text here: the collector records only that it exists.
    redact: ['DefaultPassword'],
    healthy: { values: [sz('LegalNoticeCaption', ''), sz('LegalNoticeText', ''), sz('AutoAdminLogon', '0')] },
  },
  reliabilityPolicy: {
    id: 'reliabilityPolicy',
    path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability',
    values: ['ShutdownReasonOn', 'ShutdownReasonUI'],
    // Tencent's public images turn the Shutdown Event Tracker off (doc 213/2917); [U] by this policy.
    healthy: { values: [dword('ShutdownReasonOn', 0)] },
  },
  reliability: {
    id: 'reliability',
    path: `${CV}\\Reliability`,
    values: ['ShutdownReasonOn', 'ShutdownReasonUI'],
    healthy: { values: [] },
  },
  errorReporting: {
    id: 'errorReporting',
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting',
    values: ['DontShowUI', 'Disabled'],
    healthy: { values: [] },
  },
  errorReportingPolicy: {
    id: 'errorReportingPolicy',
    path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\Windows Error Reporting',
    values: ['DontShowUI', 'Disabled'],
  },
  controlWindows: {
    id: 'controlWindows',
    path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Windows',
    values: ['ErrorMode', 'NoInteractiveServices'],
    healthy: { values: [dword('ErrorMode', 0), dword('NoInteractiveServices', 1)] },
  },
  control: {
    id: 'control',
    path: `${CCS}\\Control`,
    values: ['WaitToKillServiceTimeout'],
    // [P] 5000 ms on current Windows (20000 on old releases); what Tencent's images hold is unknown.
    healthy: { values: [sz('WaitToKillServiceTimeout', '5000')] },
  },
  powerSchemes: {
    id: 'powerSchemes',
    path: POWER_SCHEMES_KEY,
    values: ['ActivePowerScheme'],
    depth: 3,
    childValues: ['ACSettingIndex', 'DCSettingIndex'],
    healthy: {
      values: [sz('ActivePowerScheme', HP)],
      subkeys: Object.values(POWER_SCHEMES),
      children: Object.values(POWER_SCHEMES).map((scheme) => ({
        path: `${POWER_SCHEMES_KEY}\\${scheme}`,
        exists: true,
        values: [],
        subkeys: [],
      })),
    },
  },
  ...powerKeys,
  cloudbaseInit: {
    id: 'cloudbaseInit',
    path: CLOUDBASE,
    values: [],
    depth: 2,
    healthy: {
      values: [],
      subkeys: [HEALTHY_INSTANCE],
      children: [
        { path: `${CLOUDBASE}\\${HEALTHY_INSTANCE}`, exists: true, values: [], subkeys: ['Plugins'] },
        {
          path: `${CLOUDBASE}\\${HEALTHY_INSTANCE}\\Plugins`,
          exists: true,
          // Plugin state (cloudbase-init plugins/common/base.py): 1 done, 2 run again at next boot; Tencent's
          // password-reset troubleshooting page requires LocalScriptsPlugin = 2.
          values: [
            dword('ExtendVolumesPlugin', 1),
            dword('NetworkConfigPlugin', 1),
            dword('SetHostNamePlugin', 1),
            dword('SetUserPasswordPlugin', 1),
            dword('LocalScriptsPlugin', 2),
            dword('UserDataPlugin', 1),
          ],
        },
      ],
    },
  },
  // The CD-ROM driver: Tencent delivers Cloudbase-Init's config drive as a CD (config_drive_cdrom=true).
  cdrom: { id: 'cdrom', path: `${CCS}\\Services\\cdrom`, values: ['Start'], healthy: { values: [dword('Start', 1)] } },
  setupState: {
    id: 'setupState',
    path: `${CV}\\Setup\\State`,
    values: ['ImageState'],
    healthy: { values: [sz('ImageState', 'IMAGE_STATE_COMPLETE')] },
  },
  sysprepStatus: {
    id: 'sysprepStatus',
    path: 'HKLM\\SYSTEM\\Setup\\Status\\SysprepStatus',
    values: ['GeneralizationState', 'CleanupState'],
    // 7: what cloudbase-init waits for (osutils/windows.py wait_for_boot_completion).
    healthy: { values: [dword('GeneralizationState', 7), dword('CleanupState', 2)] },
  },
  terminalServer: { id: 'terminalServer', path: TS, values: ['fDenyTSConnections'], healthy: { values: [dword('fDenyTSConnections', 0)] } },
  terminalServicesPolicy: {
    id: 'terminalServicesPolicy',
    path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services',
    values: ['fDenyTSConnections', 'UserAuthentication', 'SecurityLayer'],
  },
  rdpTcp: {
    id: 'rdpTcp',
    path: `${TS}\\WinStations\\RDP-Tcp`,
    values: ['PortNumber', 'UserAuthentication', 'SecurityLayer'],
    // [U] NLA on Tencent's images: Windows' default (1) assumed.
    healthy: { values: [dword('PortNumber', 3389), dword('UserAuthentication', 1), dword('SecurityLayer', 2)] },
  },
  rdpTds: { id: 'rdpTds', path: `${TS}\\Wds\\rdpwd\\Tds\\tcp`, values: ['PortNumber'], healthy: { values: [dword('PortNumber', 3389)] } },
  // Firewall rules as Windows stores them ("v2.30|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=3389|…",
  // [MS-GPFAS] 2.2.2), read by port and action, never by their localized names; the profiles' own
  // values too. Local rules, then Group Policy's.
  firewallPolicy: {
    id: 'firewallPolicy',
    path: FIREWALL,
    values: [],
    depth: 1,
    healthy: {
      values: [],
      subkeys: ['DomainProfile', 'FirewallRules', 'PublicProfile', 'StandardProfile'],
      children: [
        profile('DomainProfile'),
        {
          path: `${FIREWALL}\\FirewallRules`,
          exists: true,
          values: [
            sz(
              'RemoteDesktop-UserMode-In-TCP',
              'v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=6|LPort=3389|App=%SystemRoot%\\system32\\svchost.exe|Svc=termservice|Name=@FirewallAPI.dll,-28775|Desc=@FirewallAPI.dll,-28756|EmbedCtxt=@FirewallAPI.dll,-28752|',
            ),
            sz(
              'RemoteDesktop-UserMode-In-UDP',
              'v2.10|Action=Allow|Active=TRUE|Dir=In|Protocol=17|LPort=3389|App=%SystemRoot%\\system32\\svchost.exe|Svc=termservice|Name=@FirewallAPI.dll,-28776|Desc=@FirewallAPI.dll,-28777|EmbedCtxt=@FirewallAPI.dll,-28752|',
            ),
            sz(
              'FPS-ICMP4-ERQ-In',
              'v2.10|Action=Allow|Active=FALSE|Dir=In|Protocol=1|ICMP4=8:*|Name=@FirewallAPI.dll,-28543|Desc=@FirewallAPI.dll,-28544|EmbedCtxt=@FirewallAPI.dll,-28502|',
            ),
          ],
        },
        profile('PublicProfile'),
        profile('StandardProfile'),
      ],
    },
  },
  firewallPolicyGp: { id: 'firewallPolicyGp', path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall', values: [], depth: 1 },
  // Activation: the KMS host Windows uses (slmgr /skms writes it here); Tencent's public images point at
  // kms.tencentyun.com:1688 (Tencent's image install script; cloudbase-init.conf kms_host).
  softwareProtection: {
    id: 'softwareProtection',
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform',
    values: ['KeyManagementServiceName', 'KeyManagementServicePort'],
    healthy: { values: [sz('KeyManagementServiceName', 'kms.tencentyun.com'), sz('KeyManagementServicePort', '1688')] },
  },
  persistentRoutes: { id: 'persistentRoutes', path: `${CCS}\\Services\\Tcpip\\Parameters\\PersistentRoutes`, healthy: { values: [] } },
  // WinHTTP's machine-wide proxy (netsh winhttp set proxy); direct access is a 20-byte structure with flag 1.
  winHttpSettings: {
    id: 'winHttpSettings',
    path: `${CV}\\Internet Settings\\Connections`,
    values: ['WinHttpSettings'],
    healthy: { values: [{ name: 'WinHttpSettings', type: 'REG_BINARY', data: '1800000000000000010000000000000000000000' }] },
  },
  currentVersion: {
    id: 'currentVersion',
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
    values: ['ProductName', 'EditionID', 'InstallationType', 'CurrentBuild', 'UBR', 'DisplayVersion'],
  },
  // The system's UI language, for the report's language when the fallback cannot ask Get-UICulture:
  // a language pack chosen for the system (MUI PreferredUILanguages), else the installed language (LCID).
  muiSettings: {
    id: 'muiSettings',
    path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\MUI\\Settings',
    values: ['PreferredUILanguages'],
    healthy: { values: [] },
  },
  nlsLanguage: {
    id: 'nlsLanguage',
    path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\Language',
    values: ['InstallLanguage', 'Default'],
  },
  // Share readiness: environment variables set for the machine and for each user whose hive is loaded
  // (HKU\<SID>: signed-in users, services' accounts, the default profile), and the profiles on disk, to
  // name the users whose hive was not loaded (their variables could not be read).
  machineEnvironment: {
    id: 'machineEnvironment',
    path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment',
    values: SECRET_ENVIRONMENT_VARIABLES,
    mask: true,
    healthy: { values: [] },
  },
  userEnvironment: {
    id: 'userEnvironment',
    path: 'HKU\\*\\Environment',
    match: '^(\\.DEFAULT|S-1-5-(18|19|20)|S-1-5-21-[0-9-]+)$',
    values: SECRET_ENVIRONMENT_VARIABLES,
    mask: true,
    healthy: {
      values: [],
      instances: ['.DEFAULT', 'S-1-5-19', 'S-1-5-20', EXAMPLE_ADMIN_SID, 'S-1-5-18'].map((name) => ({ name, values: [] })),
    },
  },
  profileList: {
    id: 'profileList',
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\*',
    match: '^S-1-5-21-[0-9-]+$',
    values: ['ProfileImagePath'],
    healthy: {
      values: [],
      instances: [
        { name: EXAMPLE_ADMIN_SID, values: [{ name: 'ProfileImagePath', type: 'REG_EXPAND_SZ', data: 'C:\\Users\\Administrator' }] },
      ],
    },
  },
} as const satisfies Record<string, RegistryKeySpec>;

export const REGISTRY_KEY_LIST: readonly RegistryKeySpec[] = Object.values(REGISTRY_KEYS);
