// The registry of checks: listed, not discovered, so the bundle holds exactly these and the order of
// the report is the order here (grouped like the four causes in Tencent's FAQ, then pending reboots,
// shutdown and capture, the instances made from the image, what a shared image would give away, and how
// complete the facts were: the order of GROUPS).
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
import { network } from './network.js';
import { remoteAccess } from './remote-access.js';
import { encryption } from './encryption.js';
import { logon } from './logon.js';
import { activationPath } from './activation-path.js';
import { disks } from './disks.js';
import { collectionCompleteness } from './collection-completeness.js';
import { shareTencentCredentials } from './share-tencent-credentials.js';
import { shareCloudCredentials } from './share-cloud-credentials.js';
import { sharePrivateKeys } from './share-private-keys.js';
import { shareAnswerFiles } from './share-answer-files.js';
import { shareShellHistory } from './share-shell-history.js';
import { shareSavedCredentials } from './share-saved-credentials.js';
import { shareScanCoverage } from './share-scan-coverage.js';

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
  network,
  remoteAccess,
  encryption,
  logon,
  activationPath,
  disks,
  // Safe to share (issue 24): only when sharing is intended or the snapshot carries the scan.
  shareTencentCredentials,
  shareCloudCredentials,
  sharePrivateKeys,
  shareAnswerFiles,
  shareShellHistory,
  shareSavedCredentials,
  shareScanCoverage,
  // What the Tencent Cloud API says (check --cloud, capture); a note otherwise.
  cloudCapture,
  collectionCompleteness,
];

for (const check of CHECKS) for (const [id, sentence] of sentencesOf(check)) registerSentence(id, sentence);
for (const [key, sentence] of Object.entries(SHARED_FIXES)) registerSentence(sharedFixId(key), sentence);
