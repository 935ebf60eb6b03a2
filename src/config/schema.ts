// The --config file (JSON). Strict: an unknown key is almost always a typo, so it is an error.
import * as z from 'zod';

const SeverityName = z.enum(['fail', 'warn', 'info', 'pass']);

/** Free text in one language, or in several ({"en": …, "zh-CN": …, "pt-BR": …, "id": …}; en is required). */
export const LocalizedTextSchema = z.union([
  z.string(),
  z.strictObject({ en: z.string(), 'zh-CN': z.string().optional(), 'pt-BR': z.string().optional(), id: z.string().optional() }),
]);

export const AgentEntrySchema = z.strictObject({
  id: z.string().min(1),
  name: z.union([z.string().min(1), LocalizedTextSchema]),
  role: z.enum(['required', 'informational']),
  serviceNames: z.array(z.string().min(1)).optional(),
  serviceNamePrefixes: z.array(z.string().min(1)).optional(),
  displayNamePrefixes: z.array(z.string().min(1)).optional(),
  imageNames: z.array(z.string().min(1)).optional(),
  expectedPaths: z.array(z.string().min(1)).optional(),
});

export const SecurityProductSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['safedog', 'thirdParty', 'builtin']),
  processes: z.array(z.string().min(1)).optional(),
  services: z.array(z.string().min(1)).optional(),
  pathFragments: z.array(z.string().min(1)).optional(),
  stopHint: LocalizedTextSchema.optional(),
  startHint: LocalizedTextSchema.optional(),
  /** It may refuse sc.exe (self-protection): fix says so and gives Tencent's paths to allow instead. */
  selfProtection: z.boolean().optional(),
});

export const RequiredServiceSchema = z.strictObject({
  name: z.string().min(1),
  /** Why it matters, shown in the finding. */
  reason: z.string().optional(),
});

export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Check ids to skip. */
  disableChecks: z.array(z.string()).optional(),
  /** "checkId" or "checkId/findingCode" -> new severity for its warn/fail findings (or exactly that finding). */
  severity: z.record(z.string(), SeverityName).optional(),
  /** Services that must exist and run before a capture, e.g. your own deployment agent. */
  requiredServices: z.array(RequiredServiceSchema).optional(),
  /** Added to (or, with the same id, replacing) the built-in Tencent agent table. */
  agents: z.array(AgentEntrySchema).optional(),
  /** Added to (or, with the same id, replacing) the built-in security-product table. */
  securityProducts: z.array(SecurityProductSchema).optional(),
  /** Words added to the unrecognised-security-software heuristic (display names, descriptions, folders). */
  securityKeywords: z.array(z.string().min(2)).optional(),
  /** Services or process images (names, case-insensitive) the heuristic must not report. */
  ignoreSoftware: z.array(z.string().min(1)).optional(),
  /** The capture will generalize the image with Sysprep (as --sysprep says): its preconditions are checked. */
  sysprep: z.boolean().optional(),
  /** PendingFileRenameOperations source paths to ignore; * matches any run of characters. */
  pendingFileRenameAllowList: z.array(z.string().min(1)).optional(),
  /**
   * The image is meant to be shared with other accounts: a credential or private key on the disk fails
   * (warns otherwise), and a live check runs the share-readiness scan (as check --share does).
   */
  share: z.boolean().optional(),
  /** Where and how far the share-readiness scan looks (docs/config.md). */
  shareScan: z
    .strictObject({
      /** The folder standing for the system drive (default %SystemDrive%\\): a copy of a disk, a mounted image. */
      root: z.string().min(1).optional(),
      /** More folders to walk like Desktop: absolute paths. */
      extraFolders: z.array(z.string().min(1)).optional(),
      maxDepth: z.number().int().min(0).max(64).optional(),
      maxFileKiB: z.number().int().min(1).optional(),
      maxTotalMiB: z.number().min(1).optional(),
      maxFiles: z.number().int().min(1).optional(),
      maxEntries: z.number().int().min(1).optional(),
      timeLimitSeconds: z.number().positive().optional(),
    })
    .optional(),
  thresholds: z
    .strictObject({
      systemDiskMinFreeGiB: z.number().positive().optional(),
      systemDiskMinFreePercent: z.number().min(0).max(100).optional(),
      licenceMinDaysLeft: z.number().min(0).optional(),
    })
    .optional(),
});
export type ConfigFile = z.infer<typeof ConfigSchema>;
