// Built-in tables and defaults merged with the user's config file into what the checks read.
import { DEFAULT_AGENTS, type AgentEntry } from '../catalog/agents.js';
import { DEFAULT_SECURITY_PRODUCTS, type SecurityProduct } from '../catalog/security-products.js';
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
    thresholds: { ...DEFAULT_THRESHOLDS, ...file.thresholds },
  };
}
