// Where Tencent Cloud's own agents live on a Windows CVM: what to allow in a security product that cannot
// be turned off for the capture (Tencent's FAQ, cause 3, asks to close antivirus tools and Safedog; where
// a product resists, letting Tencent's agents run is the other way). Tencent publishes no single list
// for image creation [P]; each path below is from the Tencent document named beside it.
export interface TencentPath {
  path: string;
  what: string;
  source: string;
}

export const TENCENT_ALLOW_PATHS: readonly TencentPath[] = [
  {
    path: 'C:\\Windows\\QcloudService.exe',
    what: 'QcloudService',
    source: 'Tencent Cloud CVM FAQ "Windows custom image creation fails" (older versions, agent table)',
  },
  { path: 'C:\\WinAgent\\', what: 'WinAgent', source: 'Tencent Cloud CVM FAQ "Windows custom image creation fails" (older versions)' },
  { path: 'C:\\win-agent\\', what: 'win-agent', source: 'Tencent Cloud CVM FAQ "Windows custom image creation fails" (older versions)' },
  {
    path: 'C:\\Program Files\\QCloud\\',
    what: 'TAT (tat_agent), Cloud Monitor (Stargate, Monitor\\Barad), Cloud Workload Protection (YunJing)',
    source:
      'TAT API docs (default working directory C:\\Program Files\\qcloud\\tat_agent\\workdir); Cloud Monitor agent FAQ ("C:\\Program Files\\QCloud\\Stargate or C:\\Program Files\\QCloud\\Monitor"); CWP "Agent Process Description" (C:\\program files\\qcloud\\yunjing)',
  },
  {
    path: 'C:\\Program Files\\Cloudbase Solutions\\Cloudbase-Init\\',
    what: 'Cloudbase-Init',
    source: 'Tencent Cloud CVM docs on extending a system disk (cloudbase-init.conf under this folder)',
  },
];
