// The registry of checks: listed, not discovered, so the bundle holds exactly these and the order of
// the report is the order here (grouped like the four causes in Tencent's FAQ, then pending reboots).
import type { Check } from './define-check.js';
import { tencentAgents } from './tencent-agents.js';
import { requiredServices } from './required-services.js';
import { windowsModulesInstaller } from './windows-modules-installer.js';
import { securitySoftware } from './security-software.js';
import { crashDialogs } from './crash-dialogs.js';
import { systemDialogs } from './system-dialogs.js';
import { otherSessions } from './other-sessions.js';
import { windowsLicence } from './windows-licence.js';
import { systemDiskSpace } from './system-disk-space.js';
import { pendingReboot } from './pending-reboot.js';

export const CHECKS = [
  tencentAgents,
  requiredServices,
  windowsModulesInstaller,
  securitySoftware,
  crashDialogs,
  systemDialogs,
  otherSessions,
  windowsLicence,
  systemDiskSpace,
  pendingReboot,
] as const satisfies readonly Check[];

export type CheckId = (typeof CHECKS)[number]['meta']['id'];
export const CHECK_IDS: readonly string[] = CHECKS.map((c) => c.meta.id);
