// The snapshot is the contract between the collector and the checks. This zod schema is its single
// source of truth: the TypeScript types, the loader's validation and schema/snapshot.schema.json all
// come from it. Win32 objects keep their CIM property names so an admin can paste a capture of their own.
import * as z from 'zod';

export const SUPPORTED_SCHEMA_VERSIONS = [1] as const;

/** Stands in for a fact group whose collection failed, so "could not read" is never "absent". */
/** A catalogue message as the collector records it: id and parameters, one of which may be a message itself. */
const FlatParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
const RefParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.looseObject({ id: z.string(), params: FlatParamsSchema.optional() })]),
);
export const MessageRefSchema = z.looseObject({ id: z.string(), params: RefParamsSchema.optional() });

export const CollectionErrorSchema = z.looseObject({
  collectionError: z.looseObject({
    message: z.string(),
    /** The probe that failed, e.g. "Win32_Service" or "sc.exe queryex". */
    source: z.string().optional(),
    /** timeout | access-denied | not-supported | parse-error | failed */
    code: z.string().optional(),
    /** The message's catalogue id and parameters, so a report can word it in the reader's language. */
    messageId: z.string().optional(),
    params: RefParamsSchema.optional(),
  }),
});
export type CollectionError = z.infer<typeof CollectionErrorSchema>;

const nullableString = z.string().nullable().optional();
const nullableInt = z.number().int().nullable().optional();

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
  elevated: z.boolean().nullable().optional(),
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
});
export type Host = z.infer<typeof HostSchema>;

/** Get-CimInstance Win32_Service | Select-Object Name,DisplayName,State,StartMode,PathName,ProcessId,DelayedAutoStart */
export const ServiceSchema = z.looseObject({
  Name: z.string(),
  DisplayName: nullableString,
  State: z.string(),
  StartMode: z.string(),
  PathName: nullableString,
  ProcessId: nullableInt,
  DelayedAutoStart: z.boolean().nullable().optional(),
  /** The account the service runs as (LocalSystem, NT AUTHORITY\\NetworkService, .\\user). */
  StartName: nullableString,
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
  secret: z
    .looseObject({
      /** What the value looked like: tencent-secret-id, tencent-temporary-id, secret, placeholder, empty. */
      shape: z.string(),
      length: z.number().int().nonnegative(),
    })
    .optional(),
});
export type RegistryValue = z.infer<typeof RegistryValueSchema>;

export const RegistryKeySchema = z.looseObject({
  /** HKLM\SOFTWARE\... (HKEY_LOCAL_MACHINE\ and HKLM:\ are accepted too). */
  path: z.string(),
  /** Omitted means true when the entry has values, subkeys or no error. */
  exists: z.boolean().optional(),
  values: z.array(RegistryValueSchema).optional(),
  subkeys: z.array(z.string()).optional(),
  /** Why this key could not be read (access denied, timeout). */
  error: z.string().optional(),
});
export type RegistryKey = z.infer<typeof RegistryKeySchema>;

export const RegistrySchema = z.looseObject({
  /** Every key the collector queried. A key that is not listed is treated as absent. */
  keys: z.array(RegistryKeySchema),
});
export type Registry = z.infer<typeof RegistrySchema>;

/** Interactive logon sessions (console or RDP), one per session id. */
export const SessionSchema = z.looseObject({
  sessionId: z.number().int(),
  userName: nullableString,
  /** The owner's SID: S-1-5-21-…-500 is the built-in Administrator. */
  userSid: nullableString,
  /** Active | Disconnected, where known. */
  state: nullableString,
});
export type Session = z.infer<typeof SessionSchema>;

export const SystemDiskSchema = z.looseObject({
  drive: z.string(),
  sizeBytes: z.number().nonnegative(),
  freeBytes: z.number().nonnegative(),
});
export type SystemDisk = z.infer<typeof SystemDiskSchema>;

/** SoftwareLicensingProduct rows for Windows with a product key installed. */
export const LicenceProductSchema = z.looseObject({
  Name: nullableString,
  /** 0 unlicensed, 1 licensed, 2 OOB grace, 3 OOT grace, 4 non-genuine grace, 5 notification, 6 extended grace. */
  LicenseStatus: z.number().int(),
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

/** One secret an image would give away, as the share-readiness scan found it: never the secret itself. */
export const SecretFindingSchema = z.looseObject({
  /** tencent-secret-id, tencent-temporary-id, private-key, answer-file-password, history-password… (docs/snapshot.md). */
  kind: z.string(),
  /** The file (or folder, for counted items) it is in. */
  path: z.string(),
  /** 1-based line in the file, when it has one. */
  line: z.number().int().nullable().optional(),
  /** The secret masked: at most its first 4 and last 2 characters. */
  masked: z.string().nullable().optional(),
  /** What it belongs to: tccli, coscmd, coscli, tencentcloud-sdk, aws-cli, azure-cli, aliyun-cli, ssh, answer-file, psreadline, credential-manager, chrome, edge, firefox, scan. */
  source: z.string(),
  /** The user profile it is in (the profile folder's name), if any. */
  user: z.string().nullable().optional(),
  /** A field name, pattern or profile: what the hit is, never secret. */
  detail: z.string().nullable().optional(),
  /** For counted items (saved credentials): how many. */
  count: z.number().int().nonnegative().optional(),
});
export type SecretFinding = z.infer<typeof SecretFindingSchema>;

const count = z.number().int().nonnegative();

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
  durationMs: z.number().nonnegative(),
  /** Why the whole scan stopped early: deadline | max-files | max-bytes | max-entries; null when it finished. */
  stoppedBy: z.string().nullable(),
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

function factGroup<T extends z.ZodType>(value: T) {
  return z.union([CollectionErrorSchema, value]).optional();
}

export const CollectorInfoSchema = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  /** powershell | fallback | manual */
  method: z.string().optional(),
  durationMs: z.number().optional(),
  processesSpawned: z.number().int().optional(),
  notes: z.array(z.string()).optional(),
  /** Catalogue id and parameters of each note, in the same order, for reports in other languages. */
  noteRefs: z.array(MessageRefSchema).optional(),
  /** Milliseconds each fact group took to collect (PowerShell pass). */
  groupTimings: z.record(z.string(), z.number()).optional(),
});

export const SnapshotSchema = z.looseObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  collectedAt: z.string(),
  collector: CollectorInfoSchema.optional(),
  host: factGroup(HostSchema),
  services: factGroup(z.array(ServiceSchema)),
  processes: factGroup(z.array(ProcessSchema)),
  registry: factGroup(RegistrySchema),
  sessions: factGroup(z.array(SessionSchema)),
  systemDisk: factGroup(SystemDiskSchema),
  licensing: factGroup(z.array(LicenceProductSchema)),
  files: factGroup(z.array(FileFactSchema)),
  /** The share-readiness scan (check --share, collect --share): present only when it was asked for. */
  secrets: factGroup(SecretsSchema),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Fact groups a check can require; each may be a value, a collectionError, or missing. */
export const FACT_NAMES = ['host', 'services', 'processes', 'registry', 'sessions', 'systemDisk', 'licensing', 'files', 'secrets'] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** Groups gathered only when asked for (the share-readiness scan): absent otherwise, never "not collected". */
export const ON_REQUEST_FACTS = ['secrets'] as const satisfies readonly FactName[];
export type CollectorFactName = Exclude<FactName, (typeof ON_REQUEST_FACTS)[number]>;
const onRequest: ReadonlySet<FactName> = new Set(ON_REQUEST_FACTS);
/** Groups every collection gathers (the PowerShell pass or the native tools). */
export const COLLECTOR_FACTS: readonly CollectorFactName[] = FACT_NAMES.filter((n): n is CollectorFactName => !onRequest.has(n));

/** Groups that PowerShell's ConvertTo-Json emits as a bare object when they hold one item. */
export const ARRAY_FACTS: readonly FactName[] = ['services', 'processes', 'sessions', 'licensing', 'files'];

type FactGroupValue<K extends FactName> = Exclude<NonNullable<Snapshot[K]>, CollectionError>;

/**
 * Each fact group as a CVM made from a Tencent public image reports it: what the fixture generator gives
 * every machine that does not say otherwise, so adding a group never makes a healthy fixture AT RISK.
 * TypeScript requires an entry for every group the collector always gathers.
 */
export const HEALTHY_EXAMPLES: { [K in CollectorFactName]: FactGroupValue<K> } = {
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
};
