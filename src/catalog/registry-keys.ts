// Registry keys the checks read, as data: the collector queries exactly this list, and the checks look
// keys up by these ids. `values` limits what is read (large keys such as Session Manager); omitted, every
// value of the key is read. `subkeys` also records the names of the key's subkeys. `healthy` is what a
// CVM made from a Tencent public image holds (absent when not given): the fixture generator's default,
// so a key added here never makes the healthy fixtures look broken. A path with a `*` segment reads that
// key under every subkey (whose name matches `match`) of the part before it, and records the part before
// it with those subkeys' names; `mask` marks values that may hold secrets, which the collector masks.
import type { RegistryValue } from '../snapshot/schema.js';

export interface RegistryKeySpec {
  id: string;
  path: string;
  values?: string[];
  subkeys?: boolean;
  /** With a `*` segment: the subkey names it stands for (a regular expression, the same in .NET and JavaScript). */
  match?: string;
  /** Values that may hold a secret: stored masked (data holds at most 4 + 2 characters; `secret` says its shape). */
  mask?: boolean;
  healthy?: { values: RegistryValue[]; subkeys?: string[]; instances?: Array<{ name: string; values: RegistryValue[] }> };
}

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

/** The built-in Administrator of the example machine the fixtures start from. */
export const EXAMPLE_ADMIN_SID = 'S-1-5-21-1004336348-1177238915-682003330-500';

const dword = (name: string, data: number): RegistryValue => ({ name, type: 'REG_DWORD', data });
const sz = (name: string, data: string): RegistryValue => ({ name, type: 'REG_SZ', data });

const CV = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion';

export const REGISTRY_KEYS = {
  cbsRebootPending: { id: 'cbsRebootPending', path: `${CV}\\Component Based Servicing\\RebootPending` },
  cbsPackagesPending: { id: 'cbsPackagesPending', path: `${CV}\\Component Based Servicing\\PackagesPending` },
  wuRebootRequired: { id: 'wuRebootRequired', path: `${CV}\\WindowsUpdate\\Auto Update\\RebootRequired` },
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
    ],
    healthy: {
      values: [
        dword('EnableLUA', 1),
        dword('ConsentPromptBehaviorAdmin', 5),
        dword('PromptOnSecureDesktop', 1),
        dword('FilterAdministratorToken', 0),
        sz('legalnoticecaption', ''),
        sz('legalnoticetext', ''),
      ],
    },
  },
  winlogon: {
    id: 'winlogon',
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon',
    values: ['LegalNoticeCaption', 'LegalNoticeText'],
    healthy: { values: [sz('LegalNoticeCaption', ''), sz('LegalNoticeText', '')] },
  },
  reliabilityPolicy: {
    id: 'reliabilityPolicy',
    path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability',
    values: ['ShutdownReasonOn', 'ShutdownReasonUI'],
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
