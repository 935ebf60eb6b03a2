// Built-in tables and defaults merged with the user's config file into what the checks read.
import { DEFAULT_AGENTS, type AgentEntry } from '../catalog/agents.js';
import { DEFAULT_SECURITY_PRODUCTS, type SecurityProduct } from '../catalog/security-products.js';
import { DEFAULT_SCAN_LIMITS, type ScanLimits } from '../collect/share-scan/budget.js';
import type { ConfigFile } from './schema.js';

export interface ResolvedConfig {
  disabledChecks: ReadonlySet<string>;
  severity: Readonly<Record<string, 'fail' | 'warn' | 'info' | 'pass'>>;
  requiredServices: ReadonlyArray<{ name: string; reason?: string }>;
  agents: readonly AgentEntry[];
  securityProducts: readonly SecurityProduct[];
  securityKeywords: readonly string[];
  /** The capture will run Sysprep (config "sysprep" or --sysprep). */
  sysprep: boolean;
  /** What a capture will do, from the command line (check --name, capture): not a config file setting. */
  capture: { imageName: string | null; forcePoweroff: boolean };
  ignoreSoftware: readonly string[];
  pendingFileRenameAllowList: readonly string[];
  /** The image is meant to be shared: secrets fail instead of warning, and a live check scans for them. */
  share: boolean;
  shareScan: { root?: string; extraFolders: readonly string[]; limits: ScanLimits };
  thresholds: {
    systemDiskMinFreeGiB: number;
    systemDiskMinFreePercent: number;
    licenceMinDaysLeft: number;
  };
}

export const DEFAULT_THRESHOLDS: ResolvedConfig['thresholds'] = {
  systemDiskMinFreeGiB: 2,
  systemDiskMinFreePercent: 5,
  licenceMinDaysLeft: 1,
};

/** Entries with an existing id replace it; the rest are appended. */
function mergeById<T extends { id: string }>(base: readonly T[], extra: readonly T[] | undefined): T[] {
  const out = [...base];
  for (const entry of extra ?? []) {
    const at = out.findIndex((e) => e.id === entry.id);
    if (at >= 0) out[at] = entry;
    else out.push(entry);
  }
  return out;
}

export function resolveConfig(file: ConfigFile = {}): ResolvedConfig {
  return {
    disabledChecks: new Set(file.disableChecks ?? []),
    severity: file.severity ?? {},
    requiredServices: file.requiredServices ?? [],
    agents: mergeById(DEFAULT_AGENTS, file.agents),
    securityProducts: mergeById(DEFAULT_SECURITY_PRODUCTS, file.securityProducts),
    securityKeywords: file.securityKeywords ?? [],
    sysprep: file.sysprep ?? false,
    capture: { imageName: null, forcePoweroff: false },
    ignoreSoftware: file.ignoreSoftware ?? [],
    pendingFileRenameAllowList: file.pendingFileRenameAllowList ?? [],
    share: file.share ?? false,
    shareScan: resolveShareScan(file.shareScan),
    thresholds: { ...DEFAULT_THRESHOLDS, ...file.thresholds },
  };
}

function resolveShareScan(scan: ConfigFile['shareScan']): ResolvedConfig['shareScan'] {
  const d = DEFAULT_SCAN_LIMITS;
  return {
    ...(scan?.root ? { root: scan.root } : {}),
    extraFolders: scan?.extraFolders ?? [],
    limits: {
      maxDepth: scan?.maxDepth ?? d.maxDepth,
      maxFileBytes: scan?.maxFileKiB !== undefined ? scan.maxFileKiB * 1024 : d.maxFileBytes,
      maxTotalBytes: scan?.maxTotalMiB !== undefined ? Math.round(scan.maxTotalMiB * 1024 * 1024) : d.maxTotalBytes,
      maxFiles: scan?.maxFiles ?? d.maxFiles,
      maxEntries: scan?.maxEntries ?? d.maxEntries,
      timeLimitMs: scan?.timeLimitSeconds !== undefined ? Math.round(scan.timeLimitSeconds * 1000) : d.timeLimitMs,
    },
  };
}
