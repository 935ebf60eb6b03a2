// The registry of checks: listed, not discovered, so the bundle holds exactly these and the order of
// the report is the order here (grouped like the four causes in Tencent's FAQ, then pending reboots).
// Adding a check is one line here; docs/checks.md#adding-a-check walks through the rest.
import { registerSentence } from '../messages/sentences.js';
import { sentencesOf, type Check } from './define-check.js';
import { SHARED_FIXES, sharedFixId } from './shared/fixes.js';
import { tencentAgents } from './tencent-agents.js';
import { requiredServices } from './required-services.js';
import { windowsModulesInstaller } from './windows-modules-installer.js';
import { securitySoftware } from './security-software.js';
import { unknownSecuritySoftware } from './unknown-security-software.js';
import { crashDialogs } from './crash-dialogs.js';
import { systemDialogs } from './system-dialogs.js';
import { otherSessions } from './other-sessions.js';
import { windowsLicence } from './windows-licence.js';
import { systemDiskSpace } from './system-disk-space.js';
import { pendingReboot } from './pending-reboot.js';
import { shutdownReadiness } from './shutdown-readiness.js';
import { imageState } from './image-state.js';
import { cloudbaseInit } from './cloudbase-init.js';
import { cloudCapture } from './cloud-capture.js';
import { collectionCompleteness } from './collection-completeness.js';

export const CHECKS: readonly Check[] = [
  tencentAgents,
  requiredServices,
  windowsModulesInstaller,
  securitySoftware,
  unknownSecuritySoftware,
  crashDialogs,
  systemDialogs,
  otherSessions,
  windowsLicence,
  systemDiskSpace,
  pendingReboot,
  shutdownReadiness,
  imageState,
  cloudbaseInit,
  cloudCapture,
  collectionCompleteness,
];

for (const check of CHECKS) for (const [id, sentence] of sentencesOf(check)) registerSentence(id, sentence);
for (const [key, sentence] of Object.entries(SHARED_FIXES)) registerSentence(sharedFixId(key), sentence);
