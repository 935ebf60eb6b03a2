// Where an image's secrets are, as data: the files tools keep credentials in (by profile and
// system-wide), and the folders the bounded text scan walks. Paths are name segments below a user
// profile or the system drive's root; `*` matches any run of characters; names match without regard to
// case. Sources for each location: docs/checks.md (share-* checks).
import type { FileFormat, SecretKind } from './detect.js';

export interface KnownFile {
  segments: readonly string[];
  /** How the file is read: a format for detectSecrets, a private key by name, or not read at all. */
  read: FileFormat | 'ssh-key' | 'present' | 'count';
  /** The hit a 'present' or 'count' entry makes. */
  kind?: SecretKind;
  source: string;
}

const PSREADLINE = ['AppData', 'Roaming', 'Microsoft', 'Windows', 'PowerShell', 'PSReadLine'];

/** Below each user profile (C:\Users\<name>, and the system profile). */
export const PROFILE_FILES: readonly KnownFile[] = [
  // tccli: ~/.tccli/<profile>.credential (JSON); the Python SDK: ~/.tencentcloud/credentials (INI).
  { segments: ['.tccli', '*.credential'], read: 'tccli', source: 'tccli' },
  { segments: ['.tencentcloud', 'credentials'], read: 'text', source: 'tencentcloud-sdk' },
  // coscmd: ~/.cos.conf, which on Windows its documentation also places in Documents; coscli: ~/.cos.yaml.
  { segments: ['.cos.conf'], read: 'text', source: 'coscmd' },
  { segments: ['Documents', '.cos.conf'], read: 'text', source: 'coscmd' },
  { segments: ['.cos.yaml'], read: 'coscli', source: 'coscli' },
  { segments: ['.aws', 'credentials'], read: 'text', source: 'aws-cli' },
  { segments: ['.aws', 'config'], read: 'text', source: 'aws-cli' },
  { segments: ['.azure', 'accessTokens.json'], read: 'azure', source: 'azure-cli' },
  { segments: ['.azure', 'msal_token_cache.json'], read: 'azure', source: 'azure-cli' },
  { segments: ['.azure', 'service_principal_entries.json'], read: 'azure', source: 'azure-cli' },
  { segments: ['.azure', 'msal_token_cache.bin'], read: 'present', kind: 'azure-token-encrypted', source: 'azure-cli' },
  { segments: ['.azure', 'service_principal_entries.bin'], read: 'present', kind: 'azure-token-encrypted', source: 'azure-cli' },
  { segments: ['.aliyun', 'config.json'], read: 'aliyun', source: 'aliyun-cli' },
  { segments: ['.ssh', 'id_*'], read: 'ssh-key', source: 'ssh' },
  { segments: [...PSREADLINE, '*_history.txt'], read: 'history', source: 'psreadline' },
  // Windows Credential Manager (saved RDP passwords are TERMSRV/<host> entries): DPAPI blobs, counted.
  {
    segments: ['AppData', 'Local', 'Microsoft', 'Credentials', '*'],
    read: 'count',
    kind: 'credential-manager',
    source: 'credential-manager',
  },
  {
    segments: ['AppData', 'Roaming', 'Microsoft', 'Credentials', '*'],
    read: 'count',
    kind: 'credential-manager',
    source: 'credential-manager',
  },
  // Browsers' saved-password stores: presence only (SQLite/JSON, encrypted with the user's keys).
  {
    segments: ['AppData', 'Local', 'Google', 'Chrome', 'User Data', '*', 'Login Data'],
    read: 'present',
    kind: 'browser-passwords',
    source: 'chrome',
  },
  {
    segments: ['AppData', 'Local', 'Microsoft', 'Edge', 'User Data', '*', 'Login Data'],
    read: 'present',
    kind: 'browser-passwords',
    source: 'edge',
  },
  {
    segments: ['AppData', 'Roaming', 'Mozilla', 'Firefox', 'Profiles', '*', 'logins.json'],
    read: 'present',
    kind: 'browser-passwords',
    source: 'firefox',
  },
];

/** Below the system drive's root: answer files Windows Setup and Sysprep read or cache. */
export const SYSTEM_FILES: readonly KnownFile[] = [
  { segments: ['*unattend*.xml'], read: 'unattend', source: 'answer-file' },
  { segments: ['Windows', 'Panther', '*unattend*.xml'], read: 'unattend', source: 'answer-file' },
  { segments: ['Windows', 'Panther', 'Unattend', '*.xml'], read: 'unattend', source: 'answer-file' },
  { segments: ['Windows', 'Panther', 'UnattendGC', '*.xml'], read: 'unattend', source: 'answer-file' },
  { segments: ['Windows', 'System32', 'Sysprep', '*.xml'], read: 'unattend', source: 'answer-file' },
  { segments: ['Windows', 'System32', 'Sysprep', 'Panther', '*unattend*.xml'], read: 'unattend', source: 'answer-file' },
  { segments: ['sysprep.inf'], read: 'sysprep-inf', source: 'answer-file' },
  { segments: ['sysprep', 'sysprep.inf'], read: 'sysprep-inf', source: 'answer-file' },
  { segments: ['sysprep', '*.xml'], read: 'unattend', source: 'answer-file' },
];

/** Where the user profiles are, below the system drive's root; and the SYSTEM account's own profile. */
export const USERS_FOLDER = ['Users'];
export const SYSTEM_PROFILE = ['Windows', 'System32', 'config', 'systemprofile'];
/** IIS's configuration: its sites' physicalPath attributes are the web roots. */
export const IIS_CONFIG = ['Windows', 'System32', 'inetsrv', 'config', 'applicationHost.config'];

export interface ScanFolder {
  segments: readonly string[];
  /** any-text: every file that is text; config: only files whose names look like configuration. */
  mode: 'any-text' | 'config';
  /** Levels below the folder; 0 reads only the files directly in it. Defaults to the scan's maxDepth. */
  depth?: number;
  /** Subfolder names not entered (read elsewhere, or large and never holding hand-made files). */
  skip?: readonly string[];
}

export const PROFILE_FOLDERS: readonly ScanFolder[] = [
  { segments: [], mode: 'any-text', depth: 0 },
  { segments: ['Desktop'], mode: 'any-text' },
  { segments: ['Documents'], mode: 'any-text' },
  { segments: ['Downloads'], mode: 'any-text' },
  { segments: ['AppData', 'Roaming'], mode: 'config', depth: 4, skip: ['Microsoft'] },
];

export const ROOT_FOLDERS: readonly ScanFolder[] = [
  { segments: [], mode: 'any-text', depth: 0 },
  { segments: ['inetpub'], mode: 'any-text' },
  { segments: ['ProgramData'], mode: 'config', depth: 4, skip: ['Microsoft', 'Package Cache', 'regid.1991-06.com.microsoft'] },
];

/** Folders the walk never enters: tools' caches and version-control objects, large and machine-made. */
export const NEVER_ENTER: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '__pycache__',
  '$recycle.bin',
  'system volume information',
]);

/** Extensions that are never text: skipped without opening them. */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set(
  (
    'exe dll sys drv ocx cpl scr msi msp msu cab zip 7z rar gz tgz bz2 xz iso vhd vhdx vmdk img wim esd png jpg jpeg gif bmp ico ' +
    'tif tiff webp mp3 mp4 avi mkv mov wav wma wmv flac pdf doc docx xls xlsx ppt pptx db sqlite mdb accdb ldf mdf ndf bak pst ost ' +
    'lnk woff woff2 ttf otf eot jar class pyc pyd obj lib pdb nupkg etl evtx dat cat mui chm dmp hdmp blf regtrans-ms'
  ).split(' '),
);

/** Extensions (and extension-less names) a configuration file has, for folders read in `config` mode. */
export const CONFIG_EXTENSIONS: ReadonlySet<string> = new Set(
  'json ini conf cfg config yaml yml xml toml properties env txt ps1 psm1 psd1 bat cmd sh py js reg credential credentials ppk pem key'.split(
    ' ',
  ),
);

/** PKCS#12 containers: a certificate with its private key; noted by name, never read. */
export const KEY_CONTAINER_EXTENSIONS: ReadonlySet<string> = new Set(['pfx', 'p12']);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}
