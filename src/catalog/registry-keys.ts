// Registry keys the checks read, as data: the collector queries exactly this list, and the checks look
// keys up by these ids. `values` limits what is read (large keys such as Session Manager); omitted, every
// value of the key is read. `subkeys` also records the names of the key's subkeys. `healthy` is what a
// CVM made from a Tencent public image holds (absent when not given): the fixture generator's default,
// so a key added here never makes the healthy fixtures look broken.
import type { RegistryValue } from '../snapshot/schema.js';

export interface RegistryKeySpec {
  id: string;
  path: string;
  values?: string[];
  subkeys?: boolean;
  healthy?: { values: RegistryValue[]; subkeys?: string[] };
}

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
} as const satisfies Record<string, RegistryKeySpec>;

export const REGISTRY_KEY_LIST: readonly RegistryKeySpec[] = Object.values(REGISTRY_KEYS);
