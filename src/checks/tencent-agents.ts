// Tencent's FAQ, cause 1: QcloudService, WinAgent, win-agent and every official Win_Agent* service
// must be working. Newer documentation dropped that table, so an absent agent is only information,
// but none at all is a risk; an installed agent that is stopped or disabled blocks the capture.
import { defineCheck, type FindingDraft } from './define-check.js';
import { findAgentInstances, type AgentInstance } from './shared/agent-match.js';
import { serviceFix, sharedFix } from './shared/fixes.js';
import { enableAndStartCommands, processEvidence, serviceEvidence, serviceState, startMode, startModeWord } from './shared/services.js';
import { executableOf, expandPath, samePath, type PathContext } from '../util/windows-path.js';
import type { AgentEntry } from '../catalog/agents.js';
import { textIn } from '../messages/format.js';
import type { ParamValue } from '../messages/types.js';

function instanceName(entry: AgentEntry, inst: AgentInstance): ParamValue {
  return inst.service?.Name ?? inst.process?.Name ?? entry.name;
}

function instanceEvidence(inst: AgentInstance) {
  return [inst.service && serviceEvidence(inst.service), inst.process && processEvidence(inst.process)].filter((e) => e !== undefined);
}

export const tencentAgents = defineCheck({
  id: 'tencent-agents',
  group: 'agents',
  needs: ['services'],
  optional: ['processes', 'host', 'files'],
  title: {
    en: 'Tencent agents',
    'zh-CN': '腾讯云代理程序',
    'pt-BR': 'Agentes da Tencent',
    id: 'Agen Tencent',
  },
  description: {
    en: 'QcloudService, WinAgent, win-agent and every Win_Agent* service must be installed in their usual place and running.',
    'zh-CN': 'QcloudService、WinAgent、win-agent 以及所有以 Win_Agent 开头的服务都必须安装在默认位置并正常运行。',
    'pt-BR': 'QcloudService, WinAgent, win-agent e todos os serviços Win_Agent* devem estar instalados no local padrão e em execução.',
    id: 'QcloudService, WinAgent, win-agent, dan setiap layanan Win_Agent* harus diinstal di lokasi standarnya dan berjalan.',
  },
  docs: {
    en: `Cause 1: the Tencent agents must be working: \`QcloudService.exe\` (in \`C:\\Windows\\\`), \`WinAgent.exe\`
(\`C:\\WinAgent\\\`), \`win-agent.exe\` (\`C:\\win-agent\\\`) and every official service whose name starts with
\`Win_Agent\`. Matched by service name, by the executable in \`PathName\` or by process image name, without
regard to case. The FAQ's "services starting with Win_Agent" may mean the display name: a service whose
display name starts with \`Win_Agent\` is matched too, but, display names being text anyone can set, it
only warns when stopped. A running agent whose program file is gone (the collector checks each agent's
executable) fails: nothing can restart it.

The service names \`QcloudService\` and \`WinAgent\` are not confirmed by a public source (the FAQ lists
display names); matching by the executable in \`PathName\` covers a different service name. Tencent's newer
documentation dropped the agent table, so a missing agent is a note and only "none at all" warns. TAT
(\`tatsvc\`, \`%SystemDrive%\\Program Files\\QCloud\\tat_agent\\\`, Tencent/tat-agent install.bat), Cloud
Monitor (\`BaradAgentSvc\`, "QCloud BaradAgent Monitor") and Stargate (\`StargateSvc\`, "QCloud Stargate
Manager") from Tencent's Cloud Monitor install pages, Cloud Workload Protection (\`YDService\`, \`YDLive\`,
\`YDEdr\`, its client process page) and Cloudbase-Init are reported as notes.
The table is data (\`src/catalog/agents.ts\`) and can be extended or overridden by config (\`agents\`).`,
    'zh-CN': `原因 1：腾讯云代理程序必须正常工作：\`QcloudService.exe\`（位于 \`C:\\Windows\\\`）、\`WinAgent.exe\`
（\`C:\\WinAgent\\\`）、\`win-agent.exe\`（\`C:\\win-agent\\\`）以及名称以 \`Win_Agent\` 开头的
所有官方服务。按服务名、\`PathName\` 中的可执行文件或进程映像名匹配，不区分
大小写。FAQ 所说的“以 Win_Agent 开头的服务”可能指显示名称：显示名称以 \`Win_Agent\` 开头的
服务也会被匹配，但由于显示名称是任何人都能设置的文本，它
仅在停止时警告。程序文件已不存在的运行中代理（收集器会检查每个代理的
可执行文件）为 fail：没有任何东西能重新启动它。

服务名 \`QcloudService\` 和 \`WinAgent\` 未经公开来源确认（FAQ 列出的是
显示名称）；按 \`PathName\` 中的可执行文件匹配可覆盖不同的服务名。腾讯云较新的
文档删除了代理列表，因此缺少某个代理为提示，只有“一个都没有”才警告。自动化助手
（\`tatsvc\`、\`%SystemDrive%\\Program Files\\QCloud\\tat_agent\\\`，Tencent/tat-agent install.bat）、云
监控（\`BaradAgentSvc\`，“QCloud BaradAgent Monitor”）和 Stargate（\`StargateSvc\`，“QCloud Stargate
Manager”）来自腾讯云的云监控安装页面，主机安全（\`YDService\`、\`YDLive\`、
\`YDEdr\`，其客户端进程页面）和 Cloudbase-Init 作为提示报告。
该列表是数据（\`src/catalog/agents.ts\`），可通过配置（\`agents\`）扩展或覆盖。`,
    'pt-BR': `Causa 1: os agentes da Tencent precisam estar funcionando: \`QcloudService.exe\` (em \`C:\\Windows\\\`), \`WinAgent.exe\`
(\`C:\\WinAgent\\\`), \`win-agent.exe\` (\`C:\\win-agent\\\`) e todo serviço oficial cujo nome começa com
\`Win_Agent\`. Identificados pelo nome do serviço, pelo executável em \`PathName\` ou pelo nome da imagem do processo,
sem diferenciar maiúsculas e minúsculas. Os "serviços que começam com Win_Agent" do FAQ podem se referir ao nome de
exibição: um serviço cujo nome de exibição começa com \`Win_Agent\` também é identificado, mas, como nomes de exibição
são texto que qualquer um pode definir, ele só gera aviso quando parado. Um agente em execução cujo arquivo de programa
sumiu (o coletor verifica o executável de cada agente) é fail: nada consegue reiniciá-lo.

Os nomes de serviço \`QcloudService\` e \`WinAgent\` não são confirmados por uma fonte pública (o FAQ lista nomes de
exibição); a identificação pelo executável em \`PathName\` cobre um nome de serviço diferente. A documentação mais
recente da Tencent removeu a tabela de agentes, então um agente ausente é uma nota e só "nenhum" gera aviso. O TAT
(\`tatsvc\`, \`%SystemDrive%\\Program Files\\QCloud\\tat_agent\\\`, Tencent/tat-agent install.bat), o Cloud
Monitor (\`BaradAgentSvc\`, "QCloud BaradAgent Monitor") e o Stargate (\`StargateSvc\`, "QCloud Stargate
Manager"), das páginas de instalação do Cloud Monitor da Tencent, o Cloud Workload Protection (\`YDService\`,
\`YDLive\`, \`YDEdr\`, a página de processos do cliente dele) e o Cloudbase-Init são relatados como notas.
A tabela é dado (\`src/catalog/agents.ts\`) e pode ser ampliada ou substituída pela configuração (\`agents\`).`,
    id: `Penyebab 1: agen Tencent harus berfungsi: \`QcloudService.exe\` (di \`C:\\Windows\\\`), \`WinAgent.exe\`
(\`C:\\WinAgent\\\`), \`win-agent.exe\` (\`C:\\win-agent\\\`) dan setiap layanan resmi yang namanya diawali
\`Win_Agent\`. Dicocokkan berdasarkan nama layanan, executable di \`PathName\`, atau nama image proses, tanpa
membedakan huruf besar-kecil. "Layanan yang diawali Win_Agent" di FAQ mungkin berarti display name: layanan yang
display name-nya diawali \`Win_Agent\` juga dicocokkan, tetapi karena display name adalah teks yang dapat diatur siapa
saja, ia hanya memberi peringatan saat berhenti. Agen yang berjalan tetapi berkas programnya sudah hilang (kolektor
memeriksa executable setiap agen) berarti fail: tidak ada yang dapat memulainya ulang.

Nama layanan \`QcloudService\` dan \`WinAgent\` belum dikonfirmasi oleh sumber publik (FAQ mencantumkan display
name); pencocokan berdasarkan executable di \`PathName\` mencakup nama layanan yang berbeda. Dokumentasi Tencent yang
lebih baru menghapus tabel agen, jadi agen yang hilang menjadi catatan dan hanya "tidak ada sama sekali" yang memberi
peringatan. TAT (\`tatsvc\`, \`%SystemDrive%\\Program Files\\QCloud\\tat_agent\\\`, Tencent/tat-agent install.bat),
Cloud Monitor (\`BaradAgentSvc\`, "QCloud BaradAgent Monitor") dan Stargate (\`StargateSvc\`, "QCloud Stargate
Manager") dari halaman instalasi Cloud Monitor Tencent, Cloud Workload Protection (\`YDService\`, \`YDLive\`,
\`YDEdr\`, halaman proses kliennya) dan Cloudbase-Init dilaporkan sebagai catatan.
Tabel ini berupa data (\`src/catalog/agents.ts\`) dan dapat diperluas atau diganti lewat konfigurasi (\`agents\`).`,
  },
  findings: {
    'agent-disabled': {
      severity: 'fail',
      message: {
        en: '{name} is disabled (state {state}): image creation needs it running',
        'zh-CN': '{name} 已被禁用（状态 {state}）：创建镜像需要它处于运行状态',
        'pt-BR': '{name} está desativado (estado {state}): a criação da imagem precisa dele em execução',
        id: '{name} dinonaktifkan (status {state}): pembuatan citra memerlukannya berjalan',
      },
    },
    'agent-not-running': {
      severity: 'fail',
      message: {
        en: '{name} is installed but {state} (start mode {startMode}): image creation needs it running',
        'zh-CN': '{name} 已安装，但状态为 {state}，启动类型为 {startMode}：创建镜像需要它处于运行状态',
        'pt-BR':
          '{name} está instalado, mas com estado {state} e tipo de inicialização {startMode}: a criação da imagem precisa dele em execução',
        id: '{name} diinstal tetapi berstatus {state} dengan jenis startup {startMode}: pembuatan citra memerlukannya berjalan',
      },
    },
    'agent-executable-missing': {
      severity: 'fail',
      message: {
        en: '{name} is {state}, but its program {path} is missing: the agent cannot work',
        'zh-CN': '{name} 的状态为 {state}，但其程序 {path} 不存在：该组件无法正常工作',
        'pt-BR': '{name} está com estado {state}, mas o programa {path} não existe: o agente não pode funcionar',
        id: '{name} berstatus {state}, tetapi programnya {path} tidak ada: agen tidak dapat bekerja',
      },
    },
    'agent-display-name-stopped': {
      severity: 'warn',
      message: {
        en: '{name} ("{displayName}") is {state}: if it is an official Win_Agent service, image creation needs it running',
        'zh-CN': '{name}（“{displayName}”）的状态为 {state}：如果它是官方 Win_Agent 服务，创建镜像需要它处于运行状态',
        'pt-BR':
          '{name} ("{displayName}") está com estado {state}: se for um serviço Win_Agent oficial, a criação da imagem precisa dele em execução',
        id: '{name} ("{displayName}") berstatus {state}: jika ini layanan Win_Agent resmi, pembuatan citra memerlukannya berjalan',
      },
    },
    'agent-unexpected-path': {
      severity: 'warn',
      message: {
        en: '{name} runs from {path}, not from {expected}',
        'zh-CN': '{name} 的运行位置是 {path}，而不是 {expected}',
        'pt-BR': '{name} é executado de {path}, e não de {expected}',
        id: '{name} berjalan dari {path}, bukan dari {expected}',
      },
    },
    'no-agents': {
      severity: 'warn',
      message: {
        en: 'None of the Tencent agents is installed ({names} or a Win_Agent* service)',
        'zh-CN': '未安装任何腾讯云代理程序（{names} 或以 Win_Agent 开头的服务）',
        'pt-BR': 'Nenhum agente da Tencent está instalado ({names} ou um serviço Win_Agent*)',
        id: 'Tidak ada agen Tencent yang diinstal ({names} atau layanan Win_Agent*)',
      },
    },
    'agent-not-installed': {
      severity: 'info',
      message: {
        en: '{name} is not installed (newer Tencent images do without it)',
        'zh-CN': '未安装 {name}（较新的腾讯云镜像不再包含它）',
        'pt-BR': '{name} não está instalado (as imagens mais recentes da Tencent não o incluem)',
        id: '{name} tidak diinstal (citra Tencent yang lebih baru tidak memerlukannya)',
      },
    },
    'tencent-component': {
      severity: 'info',
      message: {
        en: '{product}: {name} is running',
        'zh-CN': '{product}：{name} 正在运行',
        'pt-BR': '{product}: {name} está em execução',
        id: '{product}: {name} sedang berjalan',
      },
    },
    'agent-running': {
      severity: 'pass',
      message: {
        en: '{name} is running (start mode {startMode})',
        'zh-CN': '{name} 正在运行，启动类型为 {startMode}',
        'pt-BR': '{name} está em execução, tipo de inicialização: {startMode}',
        id: '{name} sedang berjalan, jenis startup: {startMode}',
      },
    },
  },
  messages: {
    processRunning: {
      en: '{name} is running',
      'zh-CN': '{name} 正在运行',
      'pt-BR': '{name} está em execução',
      id: '{name} sedang berjalan',
    },
    componentStopped: {
      en: '{product}: {name} is {state}',
      'zh-CN': '{product}：{name} 的状态为 {state}',
      'pt-BR': '{product}: {name} está com estado {state}',
      id: '{product}: {name} berstatus {state}',
    },
    fixReinstall: {
      en: "Check that this is Tencent's agent; reinstall the agent from Tencent Cloud's documentation so it runs from its usual folder.",
      'zh-CN': '请确认这是腾讯云的代理程序；按照腾讯云文档重新安装该代理程序，使其从默认目录运行。',
      'pt-BR':
        'Confirme que este é o agente da Tencent; reinstale o agente conforme a documentação da Tencent Cloud para que ele seja executado da pasta padrão.',
      id: 'Pastikan ini agen milik Tencent; instal ulang agen sesuai dokumentasi Tencent Cloud agar berjalan dari folder standarnya.',
    },
    fixNone: {
      en: 'If this image came from a Tencent public image, reinstall the agents (see Tencent Cloud docs, "Windows custom image creation fails") or contact Tencent Cloud support.',
      'zh-CN':
        '如果此镜像来自腾讯云公共镜像，请重新安装代理程序（参见腾讯云文档“Windows 系统制作自定义镜像失败怎么办？”），或联系腾讯云技术支持。',
      'pt-BR':
        'Se esta imagem veio de uma imagem pública da Tencent, reinstale os agentes (consulte a documentação da Tencent Cloud, "falha na criação de imagem personalizada do Windows") ou entre em contato com o suporte da Tencent Cloud.',
      id: 'Jika citra ini berasal dari citra publik Tencent, instal ulang agen (lihat dokumentasi Tencent Cloud, "pembuatan citra kustom Windows gagal") atau hubungi dukungan Tencent Cloud.',
    },
  },
  run({ services, processes = [], host, files = [] }, { config, finding, findingAs, text }) {
    const paths: PathContext = { systemRoot: host?.systemRoot, systemDrive: host?.systemDrive };
    /** Missing only when the collector looked for the file and did not find it. */
    const fileMissing = (path: string) => files.some((f) => !f.exists && samePath(f.path, path, paths));

    const judgeInstance = (entry: AgentEntry, inst: AgentInstance): FindingDraft => {
      const name = instanceName(entry, inst);
      const evidence = instanceEvidence(inst);
      const svc = inst.service;
      if (svc) {
        const fix = serviceFix(sharedFix(startMode(svc) === 'auto' ? 'start' : 'enableAndStart'), svc.Name, enableAndStartCommands(svc));
        const working = startMode(svc) !== 'disabled' && serviceState(svc) === 'running';
        if (!working && inst.byDisplayName)
          return finding('agent-display-name-stopped', { name, displayName: svc.DisplayName ?? '', state: svc.State }, { evidence, fix });
        if (startMode(svc) === 'disabled') return finding('agent-disabled', { name, state: svc.State }, { evidence, fix });
        if (serviceState(svc) !== 'running')
          return finding('agent-not-running', { name, state: svc.State, startMode: startModeWord(svc) }, { evidence, fix });
      }
      const actual = svc?.PathName ? executableOf(svc.PathName) : (inst.process?.ExecutablePath ?? undefined);
      if (actual && !inst.byDisplayName && fileMissing(actual)) {
        const fileEvidence = { kind: 'file' as const, ref: expandPath(actual, paths), data: { exists: false } };
        return finding(
          'agent-executable-missing',
          { name, state: svc?.State ?? 'Running', path: actual },
          { evidence: [...evidence, fileEvidence], fix: [{ message: text('fixReinstall') }] },
        );
      }
      if (actual && entry.expectedPaths?.length && !entry.expectedPaths.some((p) => samePath(p, actual, paths))) {
        const expected = { list: entry.expectedPaths.map((p) => expandPath(p, paths)), join: 'or' as const };
        return finding('agent-unexpected-path', { name, path: actual, expected }, { evidence, fix: [{ message: text('fixReinstall') }] });
      }
      return svc
        ? finding('agent-running', { name, startMode: startModeWord(svc) }, { evidence })
        : findingAs('agent-running', 'processRunning', { name }, { evidence });
    };

    const findings: FindingDraft[] = [];
    const missing: AgentEntry[] = [];
    let requiredPresent = 0;
    for (const entry of config.agents) {
      const instances = findAgentInstances(entry, services, processes);
      if (entry.role === 'informational') {
        for (const inst of instances) {
          const params = { product: entry.name, name: instanceName(entry, inst), state: inst.service?.State ?? 'Running' };
          const running = inst.service ? serviceState(inst.service) === 'running' : true;
          const evidence = instanceEvidence(inst);
          findings.push(
            running
              ? finding('tencent-component', params, { evidence })
              : findingAs('tencent-component', 'componentStopped', params, { evidence }),
          );
        }
        continue;
      }
      if (instances.length === 0) {
        if (!entry.serviceNamePrefixes?.length) missing.push(entry);
        continue;
      }
      requiredPresent += 1;
      for (const inst of instances) findings.push(judgeInstance(entry, inst));
    }

    if (requiredPresent === 0) {
      findings.unshift(
        finding(
          'no-agents',
          { names: { list: missing.map((m) => m.name), join: 'comma' } },
          {
            evidence: [
              {
                kind: 'fact',
                ref: 'services',
                data: { searched: config.agents.filter((a) => a.role === 'required').map((a) => textIn(a.name, 'en')) },
              },
            ],
            fix: [{ message: text('fixNone') }],
          },
        ),
      );
    } else {
      for (const entry of missing) findings.push(finding('agent-not-installed', { name: entry.name }));
    }
    return findings;
  },
});
