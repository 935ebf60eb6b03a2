// Tencent agents, as data. Config can add entries or override one by id (see docs/config.md).
// [U] marks a name no public source confirms: a wrong guess here is a data change, not a code change.

import type { LocalizedText } from '../messages/types.js';

export interface AgentEntry {
  id: string;
  /** Shown to the admin; a descriptive name may be given per language. */
  name: string | LocalizedText;
  /**
   * required: Tencent's image-failure FAQ lists it; stopped or disabled blocks the capture.
   * informational: a Tencent agent worth reporting that the FAQ does not require (TAT, monitoring, CWP).
   */
  role: 'required' | 'informational';
  /** Exact service names, case-insensitive. */
  serviceNames?: string[];
  /** Service-name prefixes, case-insensitive; every matching service is its own agent instance. */
  serviceNamePrefixes?: string[];
  /**
   * Display-name prefixes, case-insensitive. A display name is text anyone can set (and Windows may
   * translate), so an instance found only this way can warn but never block.
   */
  displayNamePrefixes?: string[];
  /** Executable file names, matched against Win32_Service.PathName and Win32_Process.Name. */
  imageNames?: string[];
  /** Where Tencent installs the executable (environment variables allowed). Elsewhere is suspicious. */
  expectedPaths?: string[];
}

export const DEFAULT_AGENTS: AgentEntry[] = [
  {
    id: 'qcloud-service',
    name: 'QcloudService',
    role: 'required',
    serviceNames: ['QcloudService'], // [U] the FAQ gives only the display name "Qcloud service"
    imageNames: ['QcloudService.exe'],
    expectedPaths: ['%SystemRoot%\\QcloudService.exe'],
  },
  {
    id: 'winagent',
    name: 'WinAgent',
    role: 'required',
    serviceNames: ['WinAgent'], // [U] the FAQ gives only "WinAgent Display Name"
    imageNames: ['WinAgent.exe'],
    expectedPaths: ['%SystemDrive%\\WinAgent\\WinAgent.exe'],
  },
  {
    id: 'win-agent',
    name: 'win-agent',
    role: 'required',
    serviceNames: ['win-agent'],
    imageNames: ['win-agent.exe'],
    expectedPaths: ['%SystemDrive%\\win-agent\\win-agent.exe'],
  },
  {
    id: 'win-agent-family',
    name: 'Win_Agent*',
    role: 'required',
    // The FAQ says "services starting with Win_Agent" without saying whether the service name or the
    // display name does: both are matched, the display name only to warn.
    serviceNamePrefixes: ['Win_Agent'],
    displayNamePrefixes: ['Win_Agent'],
  },
  {
    id: 'tat-agent',
    name: {
      en: 'TencentCloud Automation Tools agent (TAT)',
      'zh-CN': '腾讯云自动化助手（TAT）',
      'pt-BR': 'agente do TencentCloud Automation Tools (TAT)',
      id: 'agen TencentCloud Automation Tools (TAT)',
    },
    role: 'informational',
    // Tencent/tat-agent install/install.bat: sc.exe create tatsvc binPath= "%SystemDrive%\Program Files\QCloud\tat_agent\tat_agent.exe".
    serviceNames: ['tatsvc'],
    imageNames: ['tat_agent.exe'],
    expectedPaths: ['%SystemDrive%\\Program Files\\QCloud\\tat_agent\\tat_agent.exe'],
  },
  {
    id: 'barad-agent',
    name: {
      en: 'Cloud Monitor agent (Barad)',
      'zh-CN': '云监控组件（Barad）',
      'pt-BR': 'agente do Cloud Monitor (Barad)',
      id: 'agen Cloud Monitor (Barad)',
    },
    role: 'informational',
    // Tencent Cloud Monitor docs (install / uninstall the CVM monitoring components): service
    // BaradAgentSvc, "QCloud BaradAgent Monitor", process BaradAgent, folder C:\Program Files\QCloud\Monitor\Barad.
    serviceNames: ['BaradAgentSvc'],
    imageNames: ['BaradAgent.exe'],
  },
  {
    id: 'stargate-agent',
    name: {
      en: 'Stargate agent (sgagent)',
      'zh-CN': 'Stargate 组件（sgagent）',
      'pt-BR': 'agente Stargate (sgagent)',
      id: 'agen Stargate (sgagent)',
    },
    role: 'informational',
    // Same pages: service StargateSvc, "QCloud Stargate Manager", process sgagent, folder C:\Program Files\QCloud\Stargate.
    serviceNames: ['StargateSvc'],
    imageNames: ['sgagent.exe'],
  },
  {
    id: 'cwp-agent',
    name: {
      en: 'Cloud Workload Protection agent (YunJing)',
      'zh-CN': '主机安全（云镜）客户端',
      'pt-BR': 'agente do Cloud Workload Protection (YunJing)',
      id: 'agen Cloud Workload Protection (YunJing)',
    },
    role: 'informational',
    // Tencent Cloud Workload Protection, "client process description": registered services YDService,
    // YDLive, YDEdr; folder C:\Program Files\QCloud\YunJing.
    serviceNames: ['YDService', 'YDLive', 'YDEdr'],
    imageNames: ['YDService.exe', 'YDLive.exe', 'YDEdr.exe'],
  },
  {
    id: 'cloudbase-init',
    name: 'Cloudbase-Init',
    role: 'informational',
    serviceNames: ['cloudbase-init'],
  },
];
