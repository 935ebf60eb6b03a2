// Every user-facing sentence, keyed by a stable message id; {name} marks a parameter. Checks and
// renderers refer to ids only, so a translation is one more file of this shape.
export const en = {
  // Groups (Tencent's four causes, then pending reboots)
  'group.agents': 'Tencent agents',
  'group.servicing': 'Windows servicing',
  'group.security': 'Security software',
  'group.popups': 'Pop-ups and interruptions',
  'group.reboot': 'Pending restart',

  // Report frame
  'report.header': 'image-preflight {version} - {computer} ({os}{build}), collected {collectedAt}',
  'report.verdict.READY': 'READY: custom image creation should work.',
  'report.verdict.AT RISK': 'AT RISK: image creation may fail or be interrupted; fix the warnings first.',
  'report.verdict.BLOCKED': 'BLOCKED: image creation will fail; fix the failures first.',
  'report.counts': '{fail} failed, {warn} warnings, {unknown} could not verify, {info} notes',
  'report.fix': 'fix:',
  'report.docs': 'docs:',
  'report.disabled': '{title}: disabled by config',
  'report.notElevated': 'The collector did not run elevated: some facts may be incomplete. Run it as Administrator.',
  'report.collectorNotes': 'collector: {note}',

  // Engine
  'common.factsUnavailable': 'could not verify: {facts}',
  'common.checkError': 'could not verify: the check failed ({error})',
  'common.keyUnreadable': 'could not verify: registry key unreadable: {paths}',

  // tencent-agents
  'agents.title': 'Tencent agents',
  'agents.description': 'QcloudService, WinAgent, win-agent and every Win_Agent* service must be installed in their usual place and running.',
  'agents.disabled': '{name} is disabled (state {state}): image creation needs it running',
  'agents.notRunning': '{name} is installed but {state} (start mode {startMode}): image creation needs it running',
  'agents.unexpectedPath': '{name} runs from {path}, not from {expected}',
  'agents.running': '{name} is running (start mode {startMode})',
  'agents.processRunning': '{name} is running',
  'agents.componentRunning': '{product}: {name} is running',
  'agents.componentStopped': '{product}: {name} is {state}',
  'agents.noneInstalled': 'None of the Tencent agents is installed ({names} or a Win_Agent* service)',
  'agents.notInstalled': '{name} is not installed (newer Tencent images do without it)',

  // required-services
  'required.title': 'Required services (from config)',
  'required.description': 'Services your configuration requires to be running before a capture.',
  'required.missing': 'Required service {name} is not installed {reason}',
  'required.notRunning': 'Required service {name} is {state} (start mode {startMode}) {reason}',
  'required.running': 'Required service {name} is running',

  // windows-modules-installer
  'ti.title': 'Windows Modules Installer',
  'ti.description': 'Image creation relies on the Windows Modules Installer service (TrustedInstaller): it must exist, not be disabled and not be stuck starting or stopping.',
  'ti.missing': 'The Windows Modules Installer service (TrustedInstaller) does not exist',
  'ti.disabled': 'The Windows Modules Installer service (TrustedInstaller) is disabled',
  'ti.stuck': 'The Windows Modules Installer service (TrustedInstaller) is stuck in {state}',
  'ti.binaryMissing': 'The Windows Modules Installer program is missing: {path}',
  'ti.servicingInProgress': 'Windows is installing updates or features right now (TiWorker.exe is running)',
  'ti.automaticRebootPending': 'TrustedInstaller is set to Automatic because an update waits for a restart: normal, do not change it',
  'ti.automatic': 'TrustedInstaller is set to Automatic (default Manual); harmless, Windows uses it while updates are pending',
  'ti.runningIdle': 'TrustedInstaller is {state} (start mode {startMode}); it stops by itself when idle',
  'ti.ok': 'TrustedInstaller is {state}, start mode {startMode} (the healthy default: it starts on demand)',

  // security-software
  'security.title': 'Antivirus and Safedog',
  'security.description': 'Safedog and antivirus tools can block the image creation scripts; stop them for the capture.',
  'security.safedogRunning': '{product} is running: it blocks the image creation scripts',
  'security.thirdPartyRunning': '{product} is running and may block the image creation scripts',
  'security.installedStopped': '{product} is installed but not running',
  'security.builtinRunning': '{product} is running (Windows built-in; rarely a problem)',
  'security.builtinStopped': '{product} is installed but not running',
  'security.noneDetected': 'No antivirus or Safedog found ({count} products known)',

  // crash-dialogs
  'crash.title': 'Crash dialogs',
  'crash.description': 'Open crash dialogs, and whether the next crash will show one.',
  'crash.dialogOpen': '{count} crash dialog(s) open (WerFault.exe in session {sessions})',
  'crash.background': 'Windows Error Reporting is handling a service crash in the background (session 0, no dialog)',
  'crash.werSuppressed': 'Windows Error Reporting dialogs are turned off',
  'crash.werDefault': 'A crash will show a Windows Error Reporting dialog (Windows default)',
  'crash.errorMode': 'Hard-error pop-ups are shown (ErrorMode {mode}; Windows default)',
  'crash.none': 'No crash dialog open',

  // system-dialogs
  'dialogs.title': 'System dialogs',
  'dialogs.description': 'UAC prompts, a logon legal notice, the Shutdown Event Tracker and Interactive Services Detection.',
  'dialogs.uacOff': 'UAC is off: no elevation prompts',
  'dialogs.uacAlways': 'UAC prompts for every elevation, even Windows\' own programs (ConsentPromptBehaviorAdmin={value})',
  'dialogs.uacCredentials': 'UAC asks administrators for credentials (ConsentPromptBehaviorAdmin={value})',
  'dialogs.uacDefault': 'UAC uses its default prompt behaviour (ConsentPromptBehaviorAdmin={value})',
  'dialogs.noLegalNotice': 'No logon legal notice',
  'dialogs.legalNotice': 'A legal notice is shown at logon and must be clicked away',
  'dialogs.trackerOff': 'Shutdown Event Tracker is off',
  'dialogs.trackerOn': 'Shutdown Event Tracker is on (Windows Server default): it asks why after an unexpected shutdown',
  'dialogs.ui0detectRunning': 'Interactive Services Detection is running and shows "a program can\'t display a message" dialogs',
  'dialogs.interactiveServicesAllowed': 'Interactive services are allowed (NoInteractiveServices=0)',

  // other-sessions
  'sessions.title': 'Other logged-on users',
  'sessions.description': 'Other interactive sessions keep programs open that can hold up shutdown with prompts.',
  'sessions.none': 'No other interactive sessions ({count} in all)',
  'sessions.others': '{count} other session(s) logged on: {users}',

  // windows-licence
  'licence.title': 'Windows activation',
  'licence.description': 'Unactivated Windows shows notices; an expired evaluation edition shuts down every hour.',
  'licence.ok': 'Windows is activated',
  'licence.noProduct': 'No Windows licence information was found',
  'licence.evaluation': 'Evaluation edition, {days} day(s) left',
  'licence.evaluationExpiring': 'Evaluation edition expires in {days} day(s): it will then shut down every hour',
  'licence.evaluationExpired': 'Evaluation edition has expired ({status}): Windows shuts down every hour',
  'licence.unlicensed': 'Windows is not activated ({status}): activation notices appear',
  'licence.grace': 'Windows is in its activation grace period ({status}), {days} day(s) left',
  'licence.graceEnding': 'Windows activation grace period ({status}) ends in {days} day(s)',

  // system-disk-space
  'disk.title': 'System disk space',
  'disk.description': 'A nearly full system disk shows low-space notices and leaves the capture scripts no room.',
  'disk.ok': '{drive} has {free} GiB free of {size} GiB ({percent}%)',
  'disk.low': '{drive} has only {free} GiB free of {size} GiB ({percent}%)',

  // pending-reboot
  'reboot.title': 'Pending restart',
  'reboot.description': 'Windows is waiting for a restart; capture after restarting.',
  'reboot.cbsRebootPending': 'Component servicing waits for a restart (CBS RebootPending)',
  'reboot.cbsPackagesPending': 'Component packages wait for a restart (CBS PackagesPending)',
  'reboot.wuRebootRequired': 'Windows Update waits for a restart (RebootRequired)',
  'reboot.fileRenames': '{count} file operation(s) wait for a restart (PendingFileRenameOperations; antivirus and installers also write these)',
  'reboot.updateExeVolatile': 'An update installer waits for a restart (UpdateExeVolatile)',
  'reboot.computerRename': 'The computer name changes at the next restart',
  'reboot.domainJoin': 'A domain join completes at the next restart',
  'reboot.none': 'No restart pending',

  // Fixes
  'fix.enableAndStart': 'Set the service to start automatically and start it (elevated prompt):',
  'fix.agentReinstall': 'Check that this is Tencent\'s agent; reinstall the agent from Tencent Cloud\'s documentation so it runs from its usual folder.',
  'fix.agentsNone': 'If this image came from a Tencent public image, reinstall the agents (see Tencent Cloud docs, "Windows custom image creation fails") or contact Tencent Cloud support.',
  'fix.repairServicing': 'Repair Windows servicing (elevated prompt), then restart:',
  'fix.tiEnable': 'Restore the default start mode (Manual) (elevated prompt):',
  'fix.tiStuck': 'Wait a few minutes and check again; if it stays pending, restart the server:',
  'fix.waitForServicing': 'Wait until Windows finishes installing (TiWorker.exe exits), restart if asked, then run image-preflight again.',
  'fix.securityStop': 'Before the capture, turn off {product} (from its console or tray icon) and stop its services:',
  'fix.securityStopHint': 'Before the capture: {hint}',
  'fix.securityStart': 'After the capture, start {product} again:',
  'fix.securityStartHint': 'After the capture: {hint}',
  'fix.closeCrashDialog': 'Log on to that session and close the dialog, or end it (elevated prompt):',
  'fix.werSuppress': 'Optional: stop crash dialogs from appearing (elevated prompt):',
  'fix.errorMode': 'Optional: log hard errors instead of showing them (elevated prompt):',
  'fix.uacDefault': 'Restore the default UAC prompt behaviour (elevated prompt):',
  'fix.legalNotice': 'Remove the logon notice (elevated prompt; a domain policy may set it again):',
  'fix.trackerOff': 'Optional: turn off the Shutdown Event Tracker by policy (elevated prompt):',
  'fix.ui0detect': 'Stop Interactive Services Detection and return it to Manual (elevated prompt):',
  'fix.noInteractiveServices': 'Optional: block interactive services (elevated prompt):',
  'fix.logoffSessions': 'Ask those users to log off, or log them off (unsaved work is lost):',
  'fix.evaluation': 'Evaluation editions cannot be activated with KMS: convert the edition (DISM /Online /Set-Edition) or build the image from a Tencent Cloud public image.',
  'fix.activate': 'Activate Windows against Tencent Cloud\'s KMS (elevated prompt):',
  'fix.freeDisk': 'Free space on the system disk, for example (elevated prompt):',
  'fix.restart': 'Restart, then run image-preflight again:',
  'fix.restartOrAllowList': 'Restart, then run image-preflight again; if antivirus keeps adding these, allow-list the paths in the config (pendingFileRenameAllowList):',
} as const;

export type MessageId = keyof typeof en;
export type Catalogue = Record<MessageId, string>;
