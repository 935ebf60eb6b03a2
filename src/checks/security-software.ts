// Tencent's FAQ, cause 3: antivirus tools or Safedog can block the image creation scripts. Detected by
// process image name, service name and install-path fragment from a table the user can extend.
// Tencent's own agents (host security, monitoring) are never counted as third-party software.
import { defineCheck, type Evidence, type FindingDraft, type MessageRef, type Remediation } from './define-check.js';
import { tencentComponentFilter } from './shared/agent-match.js';
import { detectAll, type Detection } from './shared/security-match.js';
import { serviceFix } from './shared/fixes.js';
import { processEvidence, scCommands, serviceEvidence, serviceState } from './shared/services.js';
import type { Service } from '../snapshot/schema.js';

export const securitySoftware = defineCheck({
  id: 'security-software',
  group: 'security',
  needs: ['services', 'processes'],
  title: {
    en: 'Antivirus and Safedog',
    'zh-CN': '杀毒软件与安全狗',
    'pt-BR': 'Antivírus e Safedog',
    id: 'Antivirus dan Safedog',
  },
  description: {
    en: 'Safedog and antivirus tools can block the image creation scripts; stop them for the capture.',
    'zh-CN': '安全狗和部分杀毒软件可能会拦截自定义镜像创建脚本；创建镜像期间请关闭它们。',
    'pt-BR': 'O Safedog e ferramentas antivírus podem bloquear os scripts de criação de imagem; desative-os durante a criação.',
    id: 'Safedog dan alat antivirus dapat memblokir skrip pembuatan citra; hentikan selama pembuatan citra.',
  },
  docs: {
    en: `Cause 3: antivirus tools or Safedog may block the creation scripts. Detected by process image name,
service name and install-path fragment from \`src/catalog/security-products.ts\` (Safedog, 360 Safe Guard /
Antivirus / Total Security / Host Guard, Huorong, Yunsuo, D-Shield, Huweishen, Kingsoft, Tencent PC Manager,
Qi An Xin Tianqing, Rising, Jiangmin, Sangfor EDR, Symantec, McAfee/Trellix, Kaspersky, ESET, Trend Micro,
Sophos, CrowdStrike, SentinelOne, Bitdefender, Carbon Black, Cortex XDR, Avast/AVG, Malwarebytes, Microsoft
Defender). Extend or override it with \`securityProducts\` in the config. Tencent's own agents (host
security, monitoring) are never counted here.

Each finding names the product and its processes and services, and gives the commands to stop it for
the capture (\`sc.exe stop\`) and start it again afterwards (\`sc.exe start\`). Many products protect
themselves against \`sc.exe\`; the product's own console or tray icon then has to turn it off.`,
  },
  findings: {
    'safedog-running': {
      severity: 'fail',
      message: {
        en: '{product} is running: it blocks the image creation scripts',
        'zh-CN': '{product} 正在运行：它会拦截镜像创建脚本',
        'pt-BR': '{product} está em execução: ele bloqueia os scripts de criação de imagem',
        id: '{product} sedang berjalan: aplikasi ini memblokir skrip pembuatan citra',
      },
    },
    'third-party-running': {
      severity: 'warn',
      message: {
        en: '{product} is running and may block the image creation scripts',
        'zh-CN': '{product} 正在运行，可能会拦截镜像创建脚本',
        'pt-BR': '{product} está em execução e pode bloquear os scripts de criação de imagem',
        id: '{product} sedang berjalan dan dapat memblokir skrip pembuatan citra',
      },
    },
    'installed-stopped': {
      severity: 'info',
      message: {
        en: '{product} is installed but not running',
        'zh-CN': '{product} 已安装，但未在运行',
        'pt-BR': '{product} está instalado, mas não está em execução',
        id: '{product} terpasang tetapi tidak berjalan',
      },
    },
    'builtin-antivirus': {
      severity: 'info',
      message: {
        en: '{product} is running (Windows built-in; rarely a problem)',
        'zh-CN': '{product} 正在运行（Windows 自带，很少造成问题）',
        'pt-BR': '{product} está em execução (integrado ao Windows; raramente é um problema)',
        id: '{product} sedang berjalan (bawaan Windows; jarang menjadi masalah)',
      },
    },
    'none-detected': {
      severity: 'pass',
      message: {
        en: 'No antivirus or Safedog found ({count} products known)',
        'zh-CN': '未发现杀毒软件或安全狗（已知产品 {count} 款）',
        'pt-BR': 'Nenhum antivírus ou Safedog encontrado ({count} produtos conhecidos)',
        id: 'Tidak ditemukan antivirus atau Safedog ({count} produk dikenali)',
      },
    },
  },
  messages: {
    builtinStopped: {
      en: '{product} is installed but not running',
      'zh-CN': '{product} 已安装，但未在运行',
      'pt-BR': '{product} está instalado, mas não está em execução',
      id: '{product} terpasang tetapi tidak berjalan',
    },
    fixStop: {
      en: 'Before the capture, turn off {product} (from its console or tray icon) and stop its services:',
      'zh-CN': '创建镜像前，关闭 {product}（在其控制台或托盘图标中操作）并停止其服务：',
      'pt-BR': 'Antes de criar a imagem, desative o {product} (pelo console ou pelo ícone da bandeja) e pare os serviços dele:',
      id: 'Sebelum pembuatan citra, matikan {product} (dari konsol atau ikon baki) dan hentikan layanannya:',
    },
    fixStopHint: {
      en: 'Before the capture: {hint}',
      'zh-CN': '创建镜像前：{hint}',
      'pt-BR': 'Antes de criar a imagem: {hint}',
      id: 'Sebelum pembuatan citra: {hint}',
    },
    fixStopConsole: {
      en: 'Before the capture, turn off {product} from its console or tray icon.',
      'zh-CN': '创建镜像前，在 {product} 的控制台或托盘图标中将其关闭。',
      'pt-BR': 'Antes de criar a imagem, desative o {product} pelo console ou pelo ícone da bandeja.',
      id: 'Sebelum pembuatan citra, matikan {product} dari konsol atau ikon bakinya.',
    },
    fixStart: {
      en: 'After the capture, start {product} again:',
      'zh-CN': '创建镜像后，重新启动 {product}：',
      'pt-BR': 'Depois de criar a imagem, inicie o {product} de novo:',
      id: 'Setelah pembuatan citra, jalankan {product} lagi:',
    },
    fixStartHint: {
      en: 'After the capture: {hint}',
      'zh-CN': '创建镜像后：{hint}',
      'pt-BR': 'Depois de criar a imagem: {hint}',
      id: 'Setelah pembuatan citra: {hint}',
    },
    fixStartConsole: {
      en: 'After the capture, turn {product} back on from its console.',
      'zh-CN': '创建镜像后，在 {product} 的控制台中重新开启它。',
      'pt-BR': 'Depois de criar a imagem, reative o {product} pelo console.',
      id: 'Setelah pembuatan citra, aktifkan kembali {product} dari konsolnya.',
    },
  },
  run({ services: allServices, processes: allProcesses }, { config, finding, findingAs, text }) {
    const tencent = tencentComponentFilter(config.agents);
    const services = allServices.filter((s) => !tencent.service(s));
    const processes = allProcesses.filter((p) => !tencent.process(p));

    const remediation = (d: Detection, runningServices: Service[]): Remediation[] => {
      const product = { product: d.product.name };
      // Without services to stop, only the product's own console can turn it off: no trailing colon.
      const withCommands = runningServices.length > 0;
      const stop: MessageRef = d.product.stopHint
        ? text('fixStopHint', { hint: d.product.stopHint })
        : text(withCommands ? 'fixStop' : 'fixStopConsole', product);
      const start: MessageRef = d.product.startHint
        ? text('fixStartHint', { hint: d.product.startHint })
        : text(withCommands ? 'fixStart' : 'fixStartConsole', product);
      const names = runningServices.map((s) => s.Name).join(', ');
      const stopCommands = scCommands(runningServices, (name) => [`sc.exe stop ${name}`]);
      const startCommands = scCommands(runningServices, (name) => [`sc.exe start ${name}`]);
      return [
        ...serviceFix(stop, names, stopCommands, d.product.stopHint ? stop : text('fixStopConsole', product)),
        ...serviceFix(start, names, startCommands, d.product.startHint ? start : text('fixStartConsole', product)),
      ];
    };

    const findings: FindingDraft[] = [];
    for (const d of detectAll(config.securityProducts, services, processes)) {
      const { product } = d;
      if (d.processes.length === 0 && d.services.length === 0) continue;
      const runningServices = d.services.filter((s) => serviceState(s) === 'running');
      const running = d.processes.length > 0 || runningServices.length > 0;
      const evidence: Evidence[] = [...d.services.map(serviceEvidence), ...d.processes.map(processEvidence)];
      const params = { product: product.name };
      if (product.kind === 'builtin') {
        findings.push(
          running
            ? finding('builtin-antivirus', params, { evidence, fix: remediation(d, []) })
            : findingAs('builtin-antivirus', 'builtinStopped', params, { evidence }),
        );
      } else if (!running) {
        findings.push(finding('installed-stopped', params, { evidence }));
      } else {
        findings.push(
          finding(product.kind === 'safedog' ? 'safedog-running' : 'third-party-running', params, {
            evidence,
            fix: remediation(d, runningServices),
          }),
        );
      }
    }
    if (findings.length === 0) findings.push(finding('none-detected', { count: config.securityProducts.length }));
    return findings;
  },
});
