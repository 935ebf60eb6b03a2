// Registry keys the checks read, as data: the collector queries exactly this list, and the checks look
// keys up by these ids. `values` limits what is read (large keys such as Session Manager); omitted, every
// value of the key is read. `subkeys` also records the names of the key's subkeys.

export interface RegistryKeySpec {
  id: string;
  path: string;
  values?: string[];
  subkeys?: boolean;
}

const CV = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion';

export const REGISTRY_KEYS = {
  cbsRebootPending: { id: 'cbsRebootPending', path: `${CV}\\Component Based Servicing\\RebootPending` },
  cbsPackagesPending: { id: 'cbsPackagesPending', path: `${CV}\\Component Based Servicing\\PackagesPending` },
  wuRebootRequired: { id: 'wuRebootRequired', path: `${CV}\\WindowsUpdate\\Auto Update\\RebootRequired` },
  sessionManager: {
    id: 'sessionManager',
    path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager',
    values: ['PendingFileRenameOperations', 'PendingFileRenameOperations2'],
  },
  updates: { id: 'updates', path: 'HKLM\\SOFTWARE\\Microsoft\\Updates', values: ['UpdateExeVolatile'] },
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
  netlogon: { id: 'netlogon', path: 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon', values: [], subkeys: true },
  policiesSystem: {
    id: 'policiesSystem',
    path: `${CV}\\Policies\\System`,
    values: ['EnableLUA', 'ConsentPromptBehaviorAdmin', 'PromptOnSecureDesktop', 'FilterAdministratorToken', 'legalnoticecaption', 'legalnoticetext'],
  },
  winlogon: {
    id: 'winlogon',
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon',
    values: ['LegalNoticeCaption', 'LegalNoticeText'],
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
  },
  errorReporting: {
    id: 'errorReporting',
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows\\Windows Error Reporting',
    values: ['DontShowUI', 'Disabled'],
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
  },
  currentVersion: {
    id: 'currentVersion',
    path: 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion',
    values: ['ProductName', 'EditionID', 'InstallationType', 'CurrentBuild', 'UBR', 'DisplayVersion'],
  },
  // The system's UI language, for the report's language when the fallback cannot ask Get-UICulture:
  // a language pack chosen for the system (MUI PreferredUILanguages), else the installed language (LCID).
  muiSettings: { id: 'muiSettings', path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\MUI\\Settings', values: ['PreferredUILanguages'] },
  nlsLanguage: { id: 'nlsLanguage', path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\Language', values: ['InstallLanguage', 'Default'] },
} as const satisfies Record<string, RegistryKeySpec>;

export type RegistryKeyId = keyof typeof REGISTRY_KEYS;
export const REGISTRY_KEY_LIST: readonly RegistryKeySpec[] = Object.values(REGISTRY_KEYS);
