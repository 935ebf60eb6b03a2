// Files the collector looks for, as data. Environment variables are expanded on the machine. The
// collector adds the program of every Tencent agent service it finds (src/catalog/agents.ts).

/** Files whose existence the checks need: TrustedInstaller's program, the Tencent agents' usual places. */
export const FILE_PROBES: readonly string[] = [
  '%SystemRoot%\\servicing\\TrustedInstaller.exe',
  '%SystemRoot%\\QcloudService.exe',
  '%SystemDrive%\\WinAgent\\WinAgent.exe',
  '%SystemDrive%\\win-agent\\win-agent.exe',
  '%SystemDrive%\\Program Files\\QCloud\\tat_agent\\tat_agent.exe',
];

/**
 * The cloudbase-init.conf settings the checks read (Tencent's conf for imported images, doc "Windows 操作系统
 * 安装 Cloudbase-Init"); nothing else of the file is collected.
 */
export const CLOUDBASE_INIT_SETTINGS: readonly string[] = [
  'username',
  'groups',
  'inject_user_password',
  'first_logon_behaviour',
  'metadata_services',
  'plugins',
  'local_scripts_path',
  'config_drive_cdrom',
  'allow_reboot',
  'activate_windows',
  'kms_host',
];

/** The script Tencent's images run at first boot through Cloudbase-Init's LocalScriptsPlugin. */
export const TENCENT_FIRST_BOOT_SCRIPT = 'TencentCloudRun.ps1';
