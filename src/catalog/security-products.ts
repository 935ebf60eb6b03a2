// Security products that can block Tencent's image creation scripts, as data. Config can add entries
// or override one by id. Process and service names are case-insensitive (".exe" optional); path
// fragments are case-insensitive substrings of Win32_Service.PathName or Win32_Process.ExecutablePath.
// Sources: shared/reference/windows-facts.md section 3 ([A] Aabyss-Team/Antivirus-Scan auto.json, [G]
// Goqi/AvHunt), vendors' pages where named, community scripts marked [P]; [U] = no public source found.
// Service names there are mostly unverified, so detection leans on process names and path fragments.
// A path fragment must name the security product, not its vendor: WPS Office lives under \Kingsoft\,
// Sangfor's VPN clients under \Sangfor\SSL\, Backup Exec under \Symantec\ (docs/checks.md).

import type { LocalizedText } from '../messages/types.js';

export interface SecurityProduct {
  id: string;
  name: string;
  /** safedog: Tencent names it; running blocks. thirdParty: running is a risk. builtin: Windows' own. */
  kind: 'safedog' | 'thirdParty' | 'builtin';
  processes?: string[];
  services?: string[];
  pathFragments?: string[];
  /** Product-specific advice for stopping it during the capture (self-protection, console switch). */
  stopHint?: string | LocalizedText;
  /** Product-specific advice for turning it back on. */
  startHint?: string | LocalizedText;
  /**
   * It protects its own services and may refuse `sc.exe config/stop` even to an administrator: `fix`
   * says so before it tries, and gives the other way (allow Tencent's agents in the product). [U] for
   * most products: their vendors document self-protection or tamper protection, not sc.exe's answer.
   */
  selfProtection?: boolean;
}

export const DEFAULT_SECURITY_PRODUCTS: SecurityProduct[] = [
  {
    id: 'safedog',
    name: 'Safedog (安全狗)',
    kind: 'safedog',
    selfProtection: true,
    processes: [
      'SafeDogGuardCenter',
      'SafeDogUpdateCenter',
      'SafeDogTray',
      'SafeDogServerUI',
      'SafeDogSiteIIS',
      'SafeDogSiteApache',
      'safedog',
      'SafeDogCloudHelper',
      'SafeDogGuardHelper',
      // Its real helper is CloudHelper.exe [A], a name too generic to match alone: the \safedog path finds it.
    ],
    services: ['SafeDogGuardCenter', 'Safedog Update Center', 'SafeDogCloudHelper', 'SafeDogGuardHelper'],
    pathFragments: ['safedog'],
    stopHint: {
      en: 'Exit Safedog from its tray icon or console (its self-protection can refuse sc.exe), then stop its services.',
      'zh-CN': '先从托盘图标或安全狗控制台退出安全狗（其自我保护可能会拒绝 sc.exe），再停止其服务。',
      'pt-BR':
        'Saia do Safedog pelo ícone da bandeja ou pelo console (a autoproteção dele pode recusar o sc.exe) e depois pare os serviços dele.',
      id: 'Keluar dari Safedog melalui ikon baki atau konsolnya (perlindungan dirinya dapat menolak sc.exe), lalu hentikan layanannya.',
    },
  },
  {
    id: '360-safe',
    name: '360 Safe Guard / 360 Antivirus (360安全卫士/360杀毒)',
    kind: 'thirdParty',
    selfProtection: true,
    processes: ['360sd', '360tray', 'ZhuDongFangYu', '360rp', '360rps', '360safe', '360safebox', '360skylarsvc', 'LiveUpdate360'],
    services: ['ZhuDongFangYu'],
    pathFragments: ['\\360safe\\', '\\360sd\\'],
    stopHint: {
      en: 'Exit 360 from its tray icon (right-click, Exit); its self-protection refuses sc.exe stop.',
      'zh-CN': '右键单击 360 托盘图标，选择“退出”；其自我保护会拒绝 sc.exe stop。',
      'pt-BR': 'Saia do 360 pelo ícone da bandeja (clique com o botão direito, Sair); a autoproteção dele recusa o sc.exe stop.',
      id: 'Keluar dari 360 melalui ikon bakinya (klik kanan, Keluar); perlindungan dirinya menolak sc.exe stop.',
    },
  },
  {
    id: '360-total-security',
    name: '360 Total Security',
    kind: 'thirdParty',
    selfProtection: true,
    processes: ['QHSafeMain', 'QHSafeTray', 'QHWatchdog', 'QHActiveDefense'],
    pathFragments: ['\\360totalsecurity\\'],
  },
  {
    id: '360-host-guard',
    name: '360 Host Guard (360主机卫士)',
    kind: 'thirdParty',
    processes: ['360WebSafe', 'QHSrv', 'QHWebshellGuard'],
    pathFragments: ['\\360websafe\\'],
  },
  {
    id: 'huorong',
    name: 'Huorong Security (火绒)',
    kind: 'thirdParty',
    selfProtection: true,
    processes: ['HipsDaemon', 'HipsTray', 'HipsMain', 'HipsLog', 'wsctrl', 'wsctrlsvc', 'usysdiag'],
    services: ['HipsDaemon', 'wsctrlsvc'],
    pathFragments: ['\\huorong\\'],
    stopHint: {
      en: 'Open Huorong, turn off its protection, or exit it from the tray icon.',
      'zh-CN': '打开火绒，关闭防护，或从托盘图标退出火绒。',
      'pt-BR': 'Abra o Huorong e desative a proteção, ou saia dele pelo ícone da bandeja.',
      id: 'Buka Huorong dan matikan perlindungannya, atau keluar melalui ikon baki.',
    },
  },
  {
    id: 'yunsuo',
    name: 'Yunsuo (云锁)',
    kind: 'thirdParty',
    processes: ['yunsuo_agent_service', 'yunsuo_agent_daemon', 'wsssr_defence_daemon', 'wsssr_defence_service', 'YSUpdate'],
    // [A][G] process names; services named like the processes [P]. YunSuoAgent/YunSuoDaemon: named in
    // our issue tracker, no public source found [U].
    services: ['yunsuo_agent_service', 'yunsuo_agent_daemon', 'YunSuoAgent', 'YunSuoDaemon'],
    pathFragments: ['yunsuo'],
  },
  {
    id: 'wangfang-g01',
    name: 'Wangfang G01 (网防G01)',
    kind: 'thirdParty',
    // The government edition of Yunsuo [A]; services named like the processes [P].
    processes: ['gov_defence_service', 'gov_defence_daemon'],
    services: ['gov_defence_service', 'gov_defence_daemon'],
  },
  {
    id: 'd-shield',
    name: 'D-Shield (D盾)',
    kind: 'thirdParty',
    processes: ['D_Safe_Manage', 'd_manage'], // [A][G]
    services: ['d_safe'], // [U]
    pathFragments: ['\\d_safe'],
  },
  {
    id: 'huweishen',
    name: 'Huweishen (护卫神)',
    kind: 'thirdParty',
    processes: ['HwsPanel', 'hws_ui', 'hws', 'hwsd', 'HwsHostPanel', 'HwsHostMaster'], // [A][G]
    services: ['hws', 'hwsd'], // [P]
    // Not "\hws\": a generic folder name.
    pathFragments: ['huweishen'],
  },
  {
    id: 'kingsoft',
    name: 'Kingsoft Antivirus (金山毒霸)',
    kind: 'thirdParty',
    // By process only [A][G]: "\kingsoft\" is also WPS Office's folder (wpscloudsvr, "WPS云服务").
    processes: ['kxetray', 'kxescore', 'kupdata', 'kwsprotect64', 'kxecenter', 'kxemain', 'KSafeSvc', 'KSafeTray', 'KWatch'],
  },
  {
    id: 'tencent-pc-manager',
    name: 'Tencent PC Manager (腾讯电脑管家)',
    kind: 'thirdParty',
    processes: ['QQPCRTP', 'QQPCTray', 'QQPCMgr', 'QQPCNetFlow', 'QQPCRealTimeSpeedup'],
    services: ['QQPCRTP'],
    pathFragments: ['\\qqpcmgr\\'],
  },
  {
    id: 'qianxin-tianqing',
    name: 'Qi An Xin Tianqing (奇安信天擎)',
    kind: 'thirdParty',
    processes: ['TQClient', 'TQTray', 'QaxEngManager', 'TQDefender', '360EntClient'],
    pathFragments: ['\\qianxin\\', '\\360entclient\\'],
  },
  {
    id: 'rising',
    name: 'Rising Antivirus (瑞星)',
    kind: 'thirdParty',
    processes: ['RavMonD', 'rstray', 'RsMgrSvc'],
    pathFragments: ['\\rising\\'],
  },
  {
    id: 'jiangmin',
    name: 'Jiangmin Antivirus (江民)',
    kind: 'thirdParty',
    processes: ['KVMonXP', 'KVSrvXP'],
  },
  {
    id: 'sangfor-edr',
    name: 'Sangfor EDR (深信服)',
    kind: 'thirdParty',
    processes: ['edr_agent', 'edr_monitor', 'edr_sec_plan'], // [A]
    // Only the EDR's folder [P]: Sangfor's VPN clients (EasyConnect, aTrust) live under \Sangfor\SSL\ etc.
    pathFragments: ['\\sangfor\\edr\\'],
  },
  {
    id: 'symantec',
    name: 'Symantec Endpoint Protection / Norton',
    kind: 'thirdParty',
    processes: ['ccSvcHst', 'ccSetMgr', 'Smc', 'SmcGui', 'Rtvscan', 'SymCorpUI'],
    services: ['SepMasterService'], // [P]
    // Not "\symantec\": old Backup Exec agents (beremote.exe) live there too.
    pathFragments: ['\\symantec endpoint protection\\', '\\norton security\\', '\\norton antivirus\\', '\\norton 360\\'],
  },
  {
    id: 'mcafee',
    name: 'McAfee / Trellix Endpoint Security',
    kind: 'thirdParty',
    processes: ['Mcshield', 'mfemms', 'mfevtps', 'mfeesp', 'masvc', 'macmnsvc', 'FrameworkService'],
    // McAfee Agent service names from DISA STIG text and community lists [P].
    services: ['masvc', 'macmnsvc', 'macompatsvc', 'mfefire', 'McShield', 'mfemms'],
    pathFragments: ['\\mcafee\\', '\\trellix\\'],
  },
  {
    id: 'kaspersky',
    name: 'Kaspersky',
    kind: 'thirdParty',
    selfProtection: true,
    processes: ['avp', 'avpui', 'kavfs', 'kavfswp', 'klnagent'],
    services: ['klnagent', 'KAVFS', 'KAVFSGT', 'AVP'], // [P] community scripts (net start klnagent)
    pathFragments: ['\\kaspersky lab\\'],
  },
  {
    id: 'eset',
    name: 'ESET',
    kind: 'thirdParty',
    selfProtection: true,
    processes: ['ekrn', 'egui', 'eguiProxy', 'EShaSrv'],
    services: ['ekrn'],
    pathFragments: ['\\eset\\'],
  },
  {
    id: 'trend-micro',
    name: 'Trend Micro (Apex One / Deep Security)',
    kind: 'thirdParty',
    processes: ['ntrtscan', 'TMBMSRV', 'PccNTMon', 'coreServiceShell', 'ds_agent'],
    // WFBS agent services (gist) and Deep Security's ds_agent (its puppet module) [P].
    services: ['ntrtscan', 'tmlisten', 'TmCCSF', 'TmProxy', 'TMBMServer', 'ds_agent'],
    pathFragments: ['\\trend micro\\'],
  },
  {
    id: 'sophos',
    name: 'Sophos',
    kind: 'thirdParty',
    selfProtection: true,
    processes: ['SophosFS', 'SophosHealth', 'SophosFileScanner', 'SophosNtpService', 'SEDService', 'SSPService', 'McsAgent', 'ALsvc'],
    services: ['SAVService', 'SAVAdminService', 'Sophos MCS Agent', 'Sophos Endpoint Defense Service'], // [P]
    pathFragments: ['\\sophos\\'],
  },
  {
    id: 'crowdstrike',
    name: 'CrowdStrike Falcon',
    kind: 'thirdParty',
    selfProtection: true,
    processes: ['CSFalconService', 'CSFalconContainer'],
    services: ['CSFalconService'],
    pathFragments: ['\\crowdstrike\\'],
  },
  {
    id: 'sentinelone',
    name: 'SentinelOne',
    kind: 'thirdParty',
    selfProtection: true,
    processes: ['SentinelAgent', 'SentinelAgentWorker', 'SentinelServiceHost', 'SentinelStaticEngine', 'SentinelUI'],
    services: ['SentinelAgent', 'SentinelStaticEngine'], // [P]
    pathFragments: ['\\sentinelone\\'],
  },
  {
    id: 'bitdefender',
    name: 'Bitdefender',
    kind: 'thirdParty',
    processes: ['bdagent', 'vsserv', 'bdservicehost', 'bdredline'],
    pathFragments: ['\\bitdefender\\'],
  },
  {
    id: 'carbon-black',
    name: 'VMware Carbon Black',
    kind: 'thirdParty',
    processes: ['RepMgr', 'RepUtils'],
    services: ['CbDefense', 'CarbonBlack'],
    pathFragments: ['\\confer\\', '\\carbonblack\\'],
  },
  {
    id: 'cortex-xdr',
    name: 'Palo Alto Networks Cortex XDR',
    kind: 'thirdParty',
    processes: ['cyserver', 'cytray', 'cyveraservice'],
    pathFragments: ['\\palo alto networks\\traps\\'],
  },
  {
    id: 'avast-avg',
    name: 'Avast / AVG',
    kind: 'thirdParty',
    processes: ['AvastSvc', 'AvastUI', 'AVGSvc', 'AVGUI'],
    pathFragments: ['\\avast software\\', '\\avg\\antivirus\\'],
  },
  {
    id: 'malwarebytes',
    name: 'Malwarebytes',
    kind: 'thirdParty',
    processes: ['MBAMService', 'mbamtray'],
    pathFragments: ['\\malwarebytes\\'],
  },
  {
    id: 'aliyun-security-center',
    name: 'Alibaba Cloud Security Center agent (阿里云盾)',
    kind: 'thirdParty',
    // Common on servers migrated from Alibaba Cloud. Services and folders: Alibaba Cloud help doc 68611
    // (AliYunDun in ...\Alibaba\aegis\aegis_client, AliYunDunUpdate in ...\aegis\aegis_update); processes [A].
    processes: ['AliYunDun', 'AliYunDunUpdate', 'AliYunDunMonitor', 'AliHips', 'AliNet', 'AliSecGuard'],
    services: ['AliYunDun', 'AliYunDunUpdate'],
    pathFragments: ['\\alibaba\\aegis\\'],
  },
  {
    id: 'qingteng',
    name: 'Qingteng (青藤云安全)',
    kind: 'thirdParty',
    processes: ['TitanAgent', 'TitanMonitor'], // [A]
    services: ['TitanAgent'], // [U]
  },
  {
    id: 'windows-defender',
    name: 'Microsoft Defender Antivirus',
    kind: 'builtin',
    processes: ['MsMpEng', 'NisSrv', 'MsSense'],
    services: ['WinDefend', 'WdNisSvc', 'Sense'],
    stopHint: {
      en: 'Defender rarely blocks the capture; if it does, pause real-time protection in an elevated PowerShell (not cmd.exe): Set-MpPreference -DisableRealtimeMonitoring $true',
      'zh-CN':
        'Defender 很少阻止镜像创建；如果确有阻止，请在管理员 PowerShell（不是 cmd.exe）中暂停实时保护：Set-MpPreference -DisableRealtimeMonitoring $true',
      'pt-BR':
        'O Defender raramente bloqueia a criação da imagem; se bloquear, pause a proteção em tempo real num PowerShell como Administrador (não no cmd.exe): Set-MpPreference -DisableRealtimeMonitoring $true',
      id: 'Defender jarang memblokir pembuatan citra; jika terjadi, jeda perlindungan real-time di PowerShell sebagai Administrator (bukan cmd.exe): Set-MpPreference -DisableRealtimeMonitoring $true',
    },
    startHint: {
      en: 'in an elevated PowerShell (not cmd.exe): Set-MpPreference -DisableRealtimeMonitoring $false',
      'zh-CN': '在管理员 PowerShell（不是 cmd.exe）中运行：Set-MpPreference -DisableRealtimeMonitoring $false',
      'pt-BR': 'num PowerShell como Administrador (não no cmd.exe): Set-MpPreference -DisableRealtimeMonitoring $false',
      id: 'di PowerShell sebagai Administrator (bukan cmd.exe): Set-MpPreference -DisableRealtimeMonitoring $false',
    },
  },
];
