// The snapshot is the contract between the collector and the checks. This zod schema is its single
// source of truth: the TypeScript types, the loader's validation and schema/snapshot.schema.json all
// come from it. Win32 objects keep their CIM property names so an admin can paste a capture of their own.
import * as z from 'zod/mini';
import { CloudFactsSchema } from '../cloud/snapshot-schema.js';
import { CollectionErrorSchema, MessageRefSchema } from './collection-error-schema.js';

export { CollectionErrorSchema, MessageRefSchema };

/**
 * zod compiles a parser for each object schema on its first parse (new Function): worth it when many
 * objects are parsed (a snapshot of a big machine), not for the one ordinary snapshot a run reads, where
 * it costs a tenth of the start-up. zod decides when a schema is built, from its global config, unless
 * the parse itself says `jitless`: so the choice is made per parse. Measured in `npm run bench`.
 */
export const parseContext = (compile: boolean) => ({ jitless: !compile }) as const;

export const SUPPORTED_SCHEMA_VERSIONS = [1] as const;

export type CollectionError = z.infer<typeof CollectionErrorSchema>;

const nullableString = z.optional(z.nullable(z.string()));
const nullableInt = z.optional(z.nullable(z.number().check(z.int())));

export const HostSchema = z.looseObject({
  computerName: z.string(),
  osCaption: z.string(),
  osVersion: nullableString,
  buildNumber: nullableString,
  /** EditionID from HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion, e.g. ServerStandardEval. */
  editionId: nullableString,
  /** "Server" or "Server Core" (InstallationType). */
  installationType: nullableString,
  powershellVersion: nullableString,
  uiCulture: nullableString,
  elevated: z.optional(z.nullable(z.boolean())),
  lastBootUpTime: nullableString,
  systemRoot: nullableString,
  systemDrive: nullableString,
  /** Session the collector ran in; 0 when run as a service or scheduled task. */
  currentSessionId: nullableInt,
  currentUser: nullableString,
  /** The running account's UI language (Get-UICulture); uiCulture is the system's (InstalledUICulture). */
  userUiCulture: nullableString,
  /** PowerShell's language mode (FullLanguage; ConstrainedLanguage stops the script before this). */
  languageMode: nullableString,
  /** The console output code page PowerShell started with (936 on Chinese Windows). */
  consoleCodePage: nullableInt,
  /** Win32_ComputerSystem.PartOfDomain / Domain (the workgroup's name when not joined) / DomainRole. */
  partOfDomain: z.optional(z.nullable(z.boolean())),
  domain: nullableString,
  /** 0 standalone workstation, 1 member workstation, 2 standalone server, 3 member server, 4 backup DC, 5 primary DC. */
  domainRole: nullableInt,
});
export type Host = z.infer<typeof HostSchema>;

/** Get-CimInstance Win32_Service | Select-Object Name,DisplayName,State,StartMode,PathName,ProcessId,DelayedAutoStart,StartName,Description */
export const ServiceSchema = z.looseObject({
  Name: z.string(),
  DisplayName: nullableString,
  State: z.string(),
  StartMode: z.string(),
  PathName: nullableString,
  ProcessId: nullableInt,
  DelayedAutoStart: z.optional(z.nullable(z.boolean())),
  /** The account the service runs as (LocalSystem, NT AUTHORITY\\NetworkService, .\\user). */
  StartName: nullableString,
  /** The service's description, in the server's language: only ever a heuristic's evidence. */
  Description: nullableString,
});
export type Service = z.infer<typeof ServiceSchema>;

/** Get-CimInstance Win32_Process | Select-Object Name,ProcessId,ExecutablePath,SessionId */
export const ProcessSchema = z.looseObject({
  Name: z.string(),
  ProcessId: nullableInt,
  ExecutablePath: nullableString,
  SessionId: nullableInt,
});
export type Process = z.infer<typeof ProcessSchema>;

export const REGISTRY_VALUE_TYPES = [
  'REG_SZ',
  'REG_EXPAND_SZ',
  'REG_MULTI_SZ',
  'REG_DWORD',
  'REG_QWORD',
  'REG_BINARY',
  'REG_NONE',
] as const;

export const RegistryValueSchema = z.looseObject({
  /** "" is the key's default value. */
  name: z.string(),
  type: z.enum(REGISTRY_VALUE_TYPES),
  /** DWORD/QWORD as unsigned numbers, MULTI_SZ as a string array, BINARY as a hex string. */
  data: z.union([z.string(), z.number(), z.array(z.string()), z.null()]),
  /**
   * Set when the collector masked a secret-bearing value (TENCENTCLOUD_SECRET_ID and the like): `data`
   * then holds the masked form (at most the first 4 and last 2 characters), never the value.
   */
  secret: z.optional(
    z.looseObject({
      /** What the value looked like: tencent-secret-id, tencent-temporary-id, secret, placeholder, empty. */
      shape: z.string(),
      length: z.number().check(z.int()).check(z.nonnegative()),
    }),
  ),
  /** A secret (an AutoLogon password): its presence and type were collected, never its data. */
  redacted: z.optional(z.boolean()),
});
export type RegistryValue = z.infer<typeof RegistryValueSchema>;

export const RegistryKeySchema = z.looseObject({
  /** HKLM\SOFTWARE\... (HKEY_LOCAL_MACHINE\ and HKLM:\ are accepted too). */
  path: z.string(),
  /** Omitted means true when the entry has values, subkeys or no error. */
  exists: z.optional(z.boolean()),
  values: z.optional(z.array(RegistryValueSchema)),
  subkeys: z.optional(z.array(z.string())),
  /** Why this key could not be read (access denied, timeout). */
  error: z.optional(z.string()),
  /** A deep read stopped at its size limit: subkeys past it were not read (not absent). */
  truncated: z.optional(z.boolean()),
});
export type RegistryKey = z.infer<typeof RegistryKeySchema>;

export const RegistrySchema = z.looseObject({
  /** Every key the collector queried. A key that is not listed is treated as absent. */
  keys: z.array(RegistryKeySchema),
});
export type Registry = z.infer<typeof RegistrySchema>;

/** Interactive logon sessions (console or RDP), one per session id. */
export const SessionSchema = z.looseObject({
  sessionId: z.number().check(z.int()),
  userName: nullableString,
  /** The owner's SID: S-1-5-21-…-500 is the built-in Administrator. */
  userSid: nullableString,
  /** Active | Disconnected, where known. */
  state: nullableString,
});
export type Session = z.infer<typeof SessionSchema>;

export const SystemDiskSchema = z.looseObject({
  drive: z.string(),
  sizeBytes: z.number().check(z.nonnegative()),
  freeBytes: z.number().check(z.nonnegative()),
});
export type SystemDisk = z.infer<typeof SystemDiskSchema>;

/** SoftwareLicensingProduct rows for Windows with a product key installed. */
export const LicenceProductSchema = z.looseObject({
  Name: nullableString,
  /** 0 unlicensed, 1 licensed, 2 OOB grace, 3 OOT grace, 4 non-genuine grace, 5 notification, 6 extended grace. */
  LicenseStatus: z.number().check(z.int()),
  /** Minutes. */
  GracePeriodRemaining: nullableInt,
  /** Retail, OEM_DM, Volume:GVLK (a KMS client), Volume:MAK… */
  ProductKeyChannel: nullableString,
});
export type LicenceProduct = z.infer<typeof LicenceProductSchema>;

export const FileFactSchema = z.looseObject({
  path: z.string(),
  exists: z.boolean(),
});
export type FileFact = z.infer<typeof FileFactSchema>;

const stringList = z.optional(z.nullable(z.array(z.string())));

/** Cloudbase-Init as its conf file sets it up: only the settings the checks read (catalog/file-probes.ts). */
export const CloudbaseInitSchema = z.looseObject({
  confPath: nullableString,
  confFound: z.boolean(),
  /** Lower-cased setting name -> value as written in the file. */
  settings: z.record(z.string(), z.string()),
  localScriptsPath: nullableString,
  /** File names in the LocalScripts folder (100 at most). */
  localScripts: z.array(z.string()),
});
export type CloudbaseInit = z.infer<typeof CloudbaseInitSchema>;

/** Win32_NetworkAdapterConfiguration of IP-enabled adapters, by CIM property name. */
export const NetworkAdapterSchema = z.looseObject({
  Index: nullableInt,
  InterfaceIndex: nullableInt,
  Description: nullableString,
  MACAddress: nullableString,
  DHCPEnabled: z.optional(z.nullable(z.boolean())),
  IPAddress: stringList,
  IPSubnet: stringList,
  DefaultIPGateway: stringList,
  DNSServerSearchOrder: stringList,
  IPConnectionMetric: nullableInt,
});
export type NetworkAdapter = z.infer<typeof NetworkAdapterSchema>;

export const FirewallProfileSchema = z.looseObject({
  /** NET_FW_PROFILE_TYPE2: 1 domain, 2 private, 4 public. */
  type: z.number().check(z.int()),
  enabled: z.boolean(),
  blockAllInbound: z.optional(z.boolean()),
  /** NET_FW_ACTION: 0 block, 1 allow. */
  defaultInboundAction: nullableInt,
});

export const NetworkSchema = z.looseObject({
  adapters: z.array(NetworkAdapterSchema),
  /** HNetCfg.FwPolicy2: the effective state (Group Policy merged in), or `error`: why it could not be read. */
  firewall: z.optional(
    z.nullable(
      z.looseObject({
        /** NET_FW_PROFILE_TYPE2 bits of the profiles in force. */
        currentProfileTypes: z.optional(z.number().check(z.int())),
        profiles: z.optional(z.array(FirewallProfileSchema)),
        error: z.optional(z.string()),
      }),
    ),
  ),
});
export type Network = z.infer<typeof NetworkSchema>;

export const AccountsSchema = z.looseObject({
  /** The local account whose SID ends in -500, whatever its name; null when there is none (a DC). */
  builtinAdministrator: z.nullable(
    z.looseObject({
      name: z.string(),
      sid: nullableString,
      disabled: z.boolean(),
      lockout: z.optional(z.nullable(z.boolean())),
      passwordAgeSeconds: z.optional(z.nullable(z.number())),
    }),
  ),
});
export type Accounts = z.infer<typeof AccountsSchema>;

export const EncryptableVolumeSchema = z.looseObject({
  driveLetter: nullableString,
  /** 0 OS volume, 1 fixed data, 2 portable. */
  volumeType: nullableInt,
  /** 0 off (or suspended), 1 on, 2 unknown (locked). */
  protectionStatus: nullableInt,
  /** 0 fully decrypted, 1 fully encrypted, 2 encrypting, 3 decrypting, 4 encryption paused, 5 decryption paused. */
  conversionStatus: nullableInt,
  encryptionPercentage: z.optional(z.nullable(z.number())),
  /** 1 TPM, 2 external key, 3 numerical password, 4 TPM+PIN, 5 TPM+startup key, 6 TPM+PIN+startup key, 7 public key, 8 passphrase, 9 TPM certificate, 10 SID. */
  keyProtectorTypes: z.optional(z.nullable(z.array(z.number().check(z.int())))),
});
export type EncryptableVolume = z.infer<typeof EncryptableVolumeSchema>;

export const BitLockerSchema = z.looseObject({
  /** False when the BitLocker feature (its WMI namespace) is not installed. */
  available: z.boolean(),
  volumes: z.array(EncryptableVolumeSchema),
});
export type BitLocker = z.infer<typeof BitLockerSchema>;

export const DisksSchema = z.looseObject({
  /** MSFT_Disk: PartitionStyle 1 MBR, 2 GPT, 3 RAW. */
  disks: z.array(
    z.looseObject({
      Number: z.number().check(z.int()),
      IsBoot: z.optional(z.nullable(z.boolean())),
      IsSystem: z.optional(z.nullable(z.boolean())),
      PartitionStyle: nullableInt,
      Size: z.optional(z.nullable(z.number())),
      BusType: nullableInt,
    }),
  ),
  /** MSFT_Partition: MbrType 0x42 (66) and the LDM GptTypes mark a dynamic disk. */
  partitions: z.array(
    z.looseObject({
      DiskNumber: z.number().check(z.int()),
      PartitionNumber: nullableInt,
      DriveLetter: nullableString,
      Size: z.optional(z.nullable(z.number())),
      IsBoot: z.optional(z.nullable(z.boolean())),
      IsSystem: z.optional(z.nullable(z.boolean())),
      IsActive: z.optional(z.nullable(z.boolean())),
      MbrType: nullableInt,
      GptType: nullableString,
    }),
  ),
  /** Win32_LogicalDisk, fixed disks (DriveType 3). */
  volumes: z.array(
    z.looseObject({
      DeviceID: z.string(),
      Size: z.optional(z.nullable(z.number())),
      FreeSpace: z.optional(z.nullable(z.number())),
      FileSystem: nullableString,
    }),
  ),
});
export type Disks = z.infer<typeof DisksSchema>;

/** SoftwareLicensingService: the rearm count Sysprep needs, and the KMS host Windows was told or found. */
export const ActivationSchema = z.looseObject({
  RemainingWindowsReArmCount: nullableInt,
  KeyManagementServiceMachine: nullableString,
  KeyManagementServicePort: nullableInt,
  DiscoveredKeyManagementServiceMachineName: nullableString,
  DiscoveredKeyManagementServiceMachinePort: nullableInt,
});
export type Activation = z.infer<typeof ActivationSchema>;

/** Who this machine is, from Tencent's metadata service (http://metadata.tencentyun.com/latest/meta-data/). */
export const InstanceSchema = z.looseObject({
  instanceId: z.string(),
  region: z.string(),
  zone: nullableString,
  localIpv4: nullableString,
  imageId: nullableString,
  camRoleName: nullableString,
  source: z.optional(z.string()),
});
export type Instance = z.infer<typeof InstanceSchema>;

const ProbeSchema = z.looseObject({
  target: z.string(),
  reachable: z.boolean(),
  ms: z.optional(z.nullable(z.number())),
  /** Why not: timeout | dns | refused | http-<status> | error. */
  error: nullableString,
});
export type Probe = z.infer<typeof ProbeSchema>;

/** What the guest could reach while it was checked, with short timeouts (Node, no extra process). */
export const ReachabilitySchema = z.looseObject({
  metadata: z.optional(ProbeSchema),
  kms: z.optional(ProbeSchema),
});
export type Reachability = z.infer<typeof ReachabilitySchema>;

/** One secret an image would give away, as the share-readiness scan found it: never the secret itself. */
export const SecretFindingSchema = z.looseObject({
  /** tencent-secret-id, tencent-temporary-id, private-key, answer-file-password, history-password… (docs/snapshot.md). */
  kind: z.string(),
  /** The file (or folder, for counted items) it is in. */
  path: z.string(),
  /** 1-based line in the file, when it has one. */
  line: z.optional(z.nullable(z.number().check(z.int()))),
  /** The secret masked: at most its first 4 and last 2 characters. */
  masked: z.optional(z.nullable(z.string())),
  /** What it belongs to: tccli, coscmd, coscli, tencentcloud-sdk, aws-cli, azure-cli, aliyun-cli, ssh, answer-file, psreadline, credential-manager, chrome, edge, firefox, scan. */
  source: z.string(),
  /** The user profile it is in (the profile folder's name), if any. */
  user: z.optional(z.nullable(z.string())),
  /** A field name, pattern or profile: what the hit is, never secret. */
  detail: z.optional(z.nullable(z.string())),
  /** For counted items (saved credentials): how many. */
  count: z.optional(z.number().check(z.int()).check(z.nonnegative())),
});
export type SecretFinding = z.infer<typeof SecretFindingSchema>;

const count = z.number().check(z.int()).check(z.nonnegative());

/** What the scan looked at and where it stopped, so a clean result can be told from an unfinished one. */
export const SecretScanSchema = z.looseObject({
  /** The folder that stood for the system drive (C:\\ on the machine itself). */
  root: z.string(),
  /** User profiles looked at (folder names; SYSTEM for the system profile). */
  profiles: z.array(z.string()),
  /** Folders walked by the bounded text scan. */
  folders: z.array(z.string()),
  filesRead: count,
  bytesRead: count,
  entriesSeen: count,
  durationMs: z.number().check(z.nonnegative()),
  /** Why the whole scan stopped early: deadline | max-files | max-bytes | max-entries; null when it finished. */
  stoppedBy: z.nullable(z.string()),
  /** Folders left unfinished because each may use only a share of the budget. */
  cutShort: z.array(z.string()),
  limits: z.looseObject({
    maxDepth: count,
    maxFileBytes: count,
    maxTotalBytes: count,
    maxFiles: count,
    maxEntries: count,
    timeLimitMs: count,
  }),
  /** Files and folders not read: larger than maxFileBytes, binary, unreadable, links (never followed). */
  skipped: z.looseObject({ tooLarge: count, binary: count, unreadable: count, links: count }),
  /** The first unreadable paths, with the error code (EACCES, EBUSY…). */
  unreadable: z.array(z.looseObject({ path: z.string(), code: z.string() })),
  /** The first files skipped for their size. */
  tooLarge: z.array(z.string()),
  /** Hits beyond the cap on findings kept (the first ones are kept). */
  findingsDropped: count,
});
export type SecretScan = z.infer<typeof SecretScanSchema>;

export const SecretsSchema = z.looseObject({
  scan: SecretScanSchema,
  findings: z.array(SecretFindingSchema),
});
export type Secrets = z.infer<typeof SecretsSchema>;

function factGroup<T extends z.ZodMiniType>(value: T) {
  return z.optional(z.union([CollectionErrorSchema, value]));
}

export const CollectorInfoSchema = z.looseObject({
  name: z.optional(z.string()),
  version: z.optional(z.string()),
  /** powershell | fallback | manual */
  method: z.optional(z.string()),
  durationMs: z.optional(z.number()),
  processesSpawned: z.optional(z.number().check(z.int())),
  notes: z.optional(z.array(z.string())),
  /** Catalogue id and parameters of each note, in the same order, for reports in other languages. */
  noteRefs: z.optional(z.array(MessageRefSchema)),
  /** Milliseconds each fact group took to collect (PowerShell pass). */
  groupTimings: z.optional(z.record(z.string(), z.number())),
});
export type CollectorInfo = z.infer<typeof CollectorInfoSchema>;

/** Each fact group's schema when collected. One table, so the snapshot schema and the checks' types agree. */
const FACT_SCHEMAS = {
  host: HostSchema,
  services: z.array(ServiceSchema),
  processes: z.array(ProcessSchema),
  registry: RegistrySchema,
  sessions: z.array(SessionSchema),
  systemDisk: SystemDiskSchema,
  licensing: z.array(LicenceProductSchema),
  files: z.array(FileFactSchema),
  cloudbaseInit: CloudbaseInitSchema,
  network: NetworkSchema,
  accounts: AccountsSchema,
  bitlocker: BitLockerSchema,
  disks: DisksSchema,
  activation: ActivationSchema,
  instance: InstanceSchema,
  reachability: ReachabilitySchema,
  /** What the Tencent Cloud API says about the instance, the region's image quota and its custom images
   * (check --cloud, capture): added by the command, never by the guest's collector. */
  cloud: CloudFactsSchema,
  secrets: SecretsSchema,
};

/** Each fact group's value once collected: what a check's run() receives. Written from the table, not
 * by indexing the snapshot type (which TypeScript would expand into every combination of the groups). */
export type FactValues = { [K in keyof typeof FACT_SCHEMAS]: z.infer<(typeof FACT_SCHEMAS)[K]> };

export const SnapshotSchema = z.looseObject({
  $schema: z.optional(z.string()),
  schemaVersion: z.literal(1),
  collectedAt: z.string(),
  /** The machine's offset from UTC at collectedAt, in minutes (480 for China Standard Time): reports show its local time. */
  utcOffsetMinutes: z.optional(z.number().check(z.int()).check(z.gte(-840)).check(z.lte(840))),
  collector: z.optional(CollectorInfoSchema),
  host: factGroup(FACT_SCHEMAS.host),
  services: factGroup(FACT_SCHEMAS.services),
  processes: factGroup(FACT_SCHEMAS.processes),
  registry: factGroup(FACT_SCHEMAS.registry),
  sessions: factGroup(FACT_SCHEMAS.sessions),
  systemDisk: factGroup(FACT_SCHEMAS.systemDisk),
  licensing: factGroup(FACT_SCHEMAS.licensing),
  files: factGroup(FACT_SCHEMAS.files),
  cloudbaseInit: factGroup(FACT_SCHEMAS.cloudbaseInit),
  network: factGroup(FACT_SCHEMAS.network),
  accounts: factGroup(FACT_SCHEMAS.accounts),
  bitlocker: factGroup(FACT_SCHEMAS.bitlocker),
  disks: factGroup(FACT_SCHEMAS.disks),
  activation: factGroup(FACT_SCHEMAS.activation),
  instance: factGroup(FACT_SCHEMAS.instance),
  reachability: factGroup(FACT_SCHEMAS.reachability),
  cloud: factGroup(FACT_SCHEMAS.cloud),
  /** The share-readiness scan (check --share, collect --share): present only when it was asked for. */
  secrets: factGroup(FACT_SCHEMAS.secrets),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Fact groups a check can require; each may be a value, a collectionError, or missing. */
export const FACT_NAMES = [
  'host',
  'services',
  'processes',
  'registry',
  'sessions',
  'systemDisk',
  'licensing',
  'files',
  'cloudbaseInit',
  'network',
  'accounts',
  'bitlocker',
  'disks',
  'activation',
  'instance',
  'reachability',
  'secrets',
  'cloud',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** Groups gathered only when asked for, absent otherwise and never "not collected": the share-readiness
 * scan, and the cloud group (check --cloud, capture), which is not the machine's: the command adds it
 * from the Tencent Cloud API, never the guest's collector, and fixtures leave it out. */
export const ON_REQUEST_FACTS = ['secrets', 'cloud'] as const satisfies readonly FactName[];
export type CollectorFactName = Exclude<FactName, (typeof ON_REQUEST_FACTS)[number]>;
const onRequest: ReadonlySet<FactName> = new Set(ON_REQUEST_FACTS);
/** Groups every collection gathers (the PowerShell pass or the native tools, and Node's network probe). */
export const COLLECTOR_FACTS: readonly CollectorFactName[] = FACT_NAMES.filter((n): n is CollectorFactName => !onRequest.has(n));
/** The value of each group every collection gathers (see FactValues). */
export type CollectorFactValues = { [K in CollectorFactName]: FactValues[K] };

/** Groups that PowerShell's ConvertTo-Json emits as a bare object when they hold one item. */
export const ARRAY_FACTS: readonly FactName[] = ['services', 'processes', 'sessions', 'licensing', 'files'];

/**
 * Each fact group as a CVM made from a Tencent public image reports it: what the fixture generator gives
 * every machine that does not say otherwise, so adding a group never makes a healthy fixture AT RISK.
 * TypeScript requires an entry for every group the collector always gathers.
 */
export const HEALTHY_EXAMPLES: CollectorFactValues = {
  host: {
    computerName: 'VM-0-12-WINDOWS',
    osCaption: 'Microsoft Windows Server 2019 Datacenter',
    osVersion: '10.0.17763',
    buildNumber: '17763',
    editionId: 'ServerDatacenter',
    installationType: 'Server',
    powershellVersion: '5.1.17763.4252',
    uiCulture: 'en-US',
    elevated: true,
    systemRoot: 'C:\\Windows',
    systemDrive: 'C:',
    currentSessionId: 2,
  },
  services: [
    {
      Name: 'TrustedInstaller',
      DisplayName: 'Windows Modules Installer',
      State: 'Stopped',
      StartMode: 'Manual',
      PathName: 'C:\\Windows\\servicing\\TrustedInstaller.exe',
      ProcessId: 0,
    },
  ],
  processes: [{ Name: 'System', ProcessId: 4, ExecutablePath: null, SessionId: 0 }],
  registry: { keys: [] },
  sessions: [{ sessionId: 2, userName: 'VM-0-12-WINDOWS\\Administrator', state: 'Active' }],
  systemDisk: { drive: 'C:', sizeBytes: 53_687_091_200, freeBytes: 31_457_280_000 },
  licensing: [{ Name: 'Windows(R), ServerDatacenter edition', LicenseStatus: 1, GracePeriodRemaining: 251_340 }],
  files: [{ path: 'C:\\Windows\\servicing\\TrustedInstaller.exe', exists: true }],
  // Tencent's Cloudbase-Init setup (its install guide for imported images, doc 213/32364).
  cloudbaseInit: {
    confPath: 'C:\\Program Files\\Cloudbase Solutions\\Cloudbase-Init\\conf\\cloudbase-init.conf',
    confFound: true,
    settings: {
      username: 'Administrator',
      groups: 'Administrators',
      inject_user_password: 'true',
      first_logon_behaviour: 'no',
      metadata_services: 'cloudbaseinit.metadata.services.configdrive.ConfigDriveService',
      plugins:
        'cloudbaseinit.plugins.windows.extendvolumes.ExtendVolumesPlugin,cloudbaseinit.plugins.common.networkconfig.NetworkConfigPlugin,cloudbaseinit.plugins.common.sethostname.SetHostNamePlugin,cloudbaseinit.plugins.common.setuserpassword.SetUserPasswordPlugin,cloudbaseinit.plugins.common.localscripts.LocalScriptsPlugin,cloudbaseinit.plugins.common.userdata.UserDataPlugin',
      local_scripts_path: 'C:\\Program Files\\Cloudbase Solutions\\Cloudbase-Init\\LocalScripts\\',
      config_drive_cdrom: 'true',
      allow_reboot: 'false',
      activate_windows: 'true',
      kms_host: '"kms.tencentyun.com"',
    },
    localScriptsPath: 'C:\\Program Files\\Cloudbase Solutions\\Cloudbase-Init\\LocalScripts\\',
    localScripts: ['TencentCloudRun.ps1'],
  },
  network: {
    adapters: [
      {
        Index: 1,
        InterfaceIndex: 6,
        Description: 'Red Hat VirtIO Ethernet Adapter',
        MACAddress: '52:54:00:3A:6F:21',
        DHCPEnabled: true,
        IPAddress: ['10.0.0.12', 'fe80::5d2e:3c1a:9b7f:21a4'],
        IPSubnet: ['255.255.255.0', '64'],
        DefaultIPGateway: ['10.0.0.1'],
        DNSServerSearchOrder: ['183.60.83.19', '183.60.82.98'],
        IPConnectionMetric: 15,
      },
    ],
    firewall: {
      currentProfileTypes: 4,
      profiles: [
        { type: 1, enabled: true, blockAllInbound: false, defaultInboundAction: 0 },
        { type: 2, enabled: true, blockAllInbound: false, defaultInboundAction: 0 },
        { type: 4, enabled: true, blockAllInbound: false, defaultInboundAction: 0 },
      ],
    },
  },
  accounts: {
    builtinAdministrator: {
      name: 'Administrator',
      sid: 'S-1-5-21-3623811015-3361044348-30300820-500',
      disabled: false,
      lockout: false,
      passwordAgeSeconds: 864_000,
    },
  },
  bitlocker: { available: false, volumes: [] },
  disks: {
    disks: [{ Number: 0, IsBoot: true, IsSystem: true, PartitionStyle: 1, Size: 53_687_091_200, BusType: 6 }],
    partitions: [
      {
        DiskNumber: 0,
        PartitionNumber: 1,
        DriveLetter: 'C',
        Size: 53_684_994_048,
        IsBoot: true,
        IsSystem: true,
        IsActive: true,
        MbrType: 7,
        GptType: null,
      },
    ],
    volumes: [{ DeviceID: 'C:', Size: 53_684_994_048, FreeSpace: 31_457_280_000, FileSystem: 'NTFS' }],
  },
  activation: {
    RemainingWindowsReArmCount: 1000,
    KeyManagementServiceMachine: 'kms.tencentyun.com',
    KeyManagementServicePort: 1688,
    DiscoveredKeyManagementServiceMachineName: null,
    DiscoveredKeyManagementServiceMachinePort: 0,
  },
  instance: {
    instanceId: 'ins-8k2fw9qa',
    region: 'ap-guangzhou',
    zone: 'ap-guangzhou-3',
    localIpv4: '10.0.0.12',
    imageId: 'img-9id7emv7',
    camRoleName: null,
    source: 'metadata',
  },
  reachability: {
    metadata: { target: 'http://metadata.tencentyun.com/latest/meta-data/instance-id', reachable: true, ms: 3, error: null },
    kms: { target: 'kms.tencentyun.com:1688', reachable: true, ms: 6, error: null },
  },
};
