// The --config file (JSON). Strict: an unknown key is almost always a typo, so it is an error.
import * as z from 'zod/mini';

const SeverityName = z.enum(['fail', 'warn', 'info', 'pass']);

/** Free text in one language, or in several ({"en": …, "zh-CN": …, "pt-BR": …, "id": …}; en is required). */
export const LocalizedTextSchema = z.union([
  z.string(),
  z.strictObject({ en: z.string(), 'zh-CN': z.optional(z.string()), 'pt-BR': z.optional(z.string()), id: z.optional(z.string()) }),
]);

export const AgentEntrySchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.union([z.string().check(z.minLength(1)), LocalizedTextSchema]),
  role: z.enum(['required', 'informational']),
  serviceNames: z.optional(z.array(z.string().check(z.minLength(1)))),
  serviceNamePrefixes: z.optional(z.array(z.string().check(z.minLength(1)))),
  displayNamePrefixes: z.optional(z.array(z.string().check(z.minLength(1)))),
  imageNames: z.optional(z.array(z.string().check(z.minLength(1)))),
  expectedPaths: z.optional(z.array(z.string().check(z.minLength(1)))),
});

export const SecurityProductSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  kind: z.enum(['safedog', 'thirdParty', 'builtin']),
  processes: z.optional(z.array(z.string().check(z.minLength(1)))),
  services: z.optional(z.array(z.string().check(z.minLength(1)))),
  pathFragments: z.optional(z.array(z.string().check(z.minLength(1)))),
  stopHint: z.optional(LocalizedTextSchema),
  startHint: z.optional(LocalizedTextSchema),
  /** It may refuse sc.exe (self-protection): fix says so and gives Tencent's paths to allow instead. */
  selfProtection: z.optional(z.boolean()),
});

export const RequiredServiceSchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  /** Why it matters, shown in the finding. */
  reason: z.optional(z.string()),
});

export const ConfigSchema = z.strictObject({
  $schema: z.optional(z.string()),
  /** Check ids to skip. */
  disableChecks: z.optional(z.array(z.string())),
  /** "checkId" or "checkId/findingCode" -> new severity for its warn/fail findings (or exactly that finding). */
  severity: z.optional(z.record(z.string(), SeverityName)),
  /** Services that must exist and run before a capture, e.g. your own deployment agent. */
  requiredServices: z.optional(z.array(RequiredServiceSchema)),
  /** Added to (or, with the same id, replacing) the built-in Tencent agent table. */
  agents: z.optional(z.array(AgentEntrySchema)),
  /** Added to (or, with the same id, replacing) the built-in security-product table. */
  securityProducts: z.optional(z.array(SecurityProductSchema)),
  /** Words added to the unrecognised-security-software heuristic (display names, descriptions, folders). */
  securityKeywords: z.optional(z.array(z.string().check(z.minLength(2)))),
  /** Services or process images (names, case-insensitive) the heuristic must not report. */
  ignoreSoftware: z.optional(z.array(z.string().check(z.minLength(1)))),
  /** The capture will generalize the image with Sysprep (as --sysprep says): its preconditions are checked. */
  sysprep: z.optional(z.boolean()),
  /** PendingFileRenameOperations source paths to ignore; * matches any run of characters. */
  pendingFileRenameAllowList: z.optional(z.array(z.string().check(z.minLength(1)))),
  /**
   * The image is meant to be shared with other accounts: a credential or private key on the disk fails
   * (warns otherwise), and a live check runs the share-readiness scan (as check --share does).
   */
  share: z.optional(z.boolean()),
  /** Where and how far the share-readiness scan looks (docs/config.md). */
  shareScan: z.optional(
    z.strictObject({
      /** The folder standing for the system drive (default %SystemDrive%\\): a copy of a disk, a mounted image. */
      root: z.optional(z.string().check(z.minLength(1))),
      /** More folders to walk like Desktop: absolute paths. */
      extraFolders: z.optional(z.array(z.string().check(z.minLength(1)))),
      maxDepth: z.optional(z.number().check(z.int()).check(z.gte(0)).check(z.lte(64))),
      maxFileKiB: z.optional(z.number().check(z.int()).check(z.gte(1))),
      maxTotalMiB: z.optional(z.number().check(z.gte(1))),
      maxFiles: z.optional(z.number().check(z.int()).check(z.gte(1))),
      maxEntries: z.optional(z.number().check(z.int()).check(z.gte(1))),
      timeLimitSeconds: z.optional(z.number().check(z.positive())),
    }),
  ),
  thresholds: z.optional(
    z.strictObject({
      systemDiskMinFreeGiB: z.optional(z.number().check(z.positive())),
      systemDiskMinFreePercent: z.optional(z.number().check(z.gte(0)).check(z.lte(100))),
      licenceMinDaysLeft: z.optional(z.number().check(z.gte(0))),
    }),
  ),
});
export type ConfigFile = z.infer<typeof ConfigSchema>;
