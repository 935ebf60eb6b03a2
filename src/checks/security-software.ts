// Tencent's FAQ, cause 3: antivirus tools or Safedog can block the image creation scripts. Detected by
// process image name, service name and install-path fragment from a table the user can extend.
// Tencent's own agents (host security, monitoring) are never counted as third-party software.
import { defineCheck, type Evidence, type FindingDraft, type MessageRef, type Remediation } from './define-check.js';
import { tencentComponentFilter } from './shared/agent-match.js';
import { detectAll, type Detection } from './shared/security-match.js';
import { serviceFix } from './shared/fixes.js';
import { processEvidence, quotedServiceName, serviceEvidence, serviceState, startMode } from './shared/services.js';
import type { Process, Service } from '../snapshot/schema.js';

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
the capture and put it back afterwards: its Automatic services are set to Manual (\`sc.exe config … start=
demand\`; a stopped service left at Automatic starts again at the next boot, also in the captured image) and
stopped (\`sc.exe stop\`), processes no service of the product hosts (a tray icon, \`SafeDogSiteIIS.exe\`) are
ended by PID (\`taskkill.exe /PID n /F\`); afterwards the start mode goes back (\`auto\` or \`delayed-auto\`) and
the services start. Many products protect themselves against \`sc.exe\`; the product's own console or tray icon
then has to turn it off. \`image-preflight fix\` does the same, reversibly ([docs/fix.md](fix.md)).`,
    'zh-CN': `原因 3：杀毒软件或安全狗可能会拦截创建脚本。根据 \`src/catalog/security-products.ts\` 中的进程映像名、
服务名和安装路径片段检测（安全狗、360 安全卫士 /
杀毒 / 360 Total Security / 主机卫士、火绒、云锁、D 盾、护卫神、金山毒霸、腾讯电脑管家、
奇安信天擎、瑞星、江民、深信服 EDR、Symantec、McAfee/Trellix、Kaspersky、ESET、Trend Micro、
Sophos、CrowdStrike、SentinelOne、Bitdefender、Carbon Black、Cortex XDR、Avast/AVG、Malwarebytes、Microsoft
Defender）。可在配置中用 \`securityProducts\` 扩展或覆盖该列表。腾讯云自己的代理（主机
安全、云监控）从不计入此处。

每个发现项都会指出产品及其进程和服务，并给出在制作镜像期间停止它、之后再恢复的
命令：其启动类型为“自动”的服务改为“手动”（\`sc.exe config … start=
demand\`；已停止但仍为“自动”的服务会在下次启动时再次启动，在制作出的镜像中也是如此）并
停止（\`sc.exe stop\`），不由该产品任何服务承载的进程（托盘图标、\`SafeDogSiteIIS.exe\`）按
PID 结束（\`taskkill.exe /PID n /F\`）；之后恢复启动类型（\`auto\` 或 \`delayed-auto\`）并
启动这些服务。许多产品会防止被 \`sc.exe\` 操作；此时需要在产品自己的控制台或托盘图标中
将其关闭。\`image-preflight fix\` 以可还原的方式执行同样的操作（[docs/fix.md](fix.md)）。`,
    'pt-BR': `Causa 3: antivírus ou o Safedog podem bloquear os scripts de criação. Detectados pelo nome da imagem do processo,
nome do serviço e trecho do caminho de instalação de \`src/catalog/security-products.ts\` (Safedog, 360 Safe Guard /
Antivirus / Total Security / Host Guard, Huorong, Yunsuo, D-Shield, Huweishen, Kingsoft, Tencent PC Manager,
Qi An Xin Tianqing, Rising, Jiangmin, Sangfor EDR, Symantec, McAfee/Trellix, Kaspersky, ESET, Trend Micro,
Sophos, CrowdStrike, SentinelOne, Bitdefender, Carbon Black, Cortex XDR, Avast/AVG, Malwarebytes, Microsoft
Defender). Amplie ou substitua a lista com \`securityProducts\` na configuração. Os agentes da própria Tencent
(segurança do host, monitoramento) nunca são contados aqui.

Cada constatação cita o produto, seus processos e serviços, e dá os comandos para pará-lo durante a captura e
restaurá-lo depois: os serviços dele em Automático passam para Manual (\`sc.exe config … start=
demand\`; um serviço parado que fica em Automático inicia de novo na próxima inicialização, também na imagem
capturada) e são parados (\`sc.exe stop\`); processos que nenhum serviço do produto hospeda (um ícone na bandeja,
\`SafeDogSiteIIS.exe\`) são encerrados pelo PID (\`taskkill.exe /PID n /F\`); depois, o tipo de inicialização volta
(\`auto\` ou \`delayed-auto\`) e os serviços iniciam. Muitos produtos se protegem contra o \`sc.exe\`; nesse caso, o
console do próprio produto ou o ícone na bandeja precisa desligá-lo. \`image-preflight fix\` faz o mesmo, de forma
reversível ([docs/fix.md](fix.md)).`,
    id: `Penyebab 3: antivirus atau Safedog dapat memblokir skrip pembuatan. Dideteksi dari nama image proses, nama layanan,
dan potongan jalur instalasi dari \`src/catalog/security-products.ts\` (Safedog, 360 Safe Guard /
Antivirus / Total Security / Host Guard, Huorong, Yunsuo, D-Shield, Huweishen, Kingsoft, Tencent PC Manager,
Qi An Xin Tianqing, Rising, Jiangmin, Sangfor EDR, Symantec, McAfee/Trellix, Kaspersky, ESET, Trend Micro,
Sophos, CrowdStrike, SentinelOne, Bitdefender, Carbon Black, Cortex XDR, Avast/AVG, Malwarebytes, Microsoft
Defender). Perluas atau ganti daftar itu dengan \`securityProducts\` di konfigurasi. Agen milik Tencent sendiri
(keamanan host, pemantauan) tidak pernah dihitung di sini.

Setiap temuan menyebut produk beserta proses dan layanannya, dan memberi perintah untuk menghentikannya selama
pembuatan citra lalu memulihkannya sesudahnya: layanannya yang Automatic diubah ke Manual (\`sc.exe config … start=
demand\`; layanan yang dihentikan tetapi dibiarkan Automatic akan berjalan lagi pada boot berikutnya, juga di citra
yang dibuat) dan dihentikan (\`sc.exe stop\`), proses yang tidak di-host oleh layanan produk itu (ikon tray,
\`SafeDogSiteIIS.exe\`) diakhiri berdasarkan PID (\`taskkill.exe /PID n /F\`); sesudahnya jenis startup dikembalikan
(\`auto\` atau \`delayed-auto\`) dan layanannya dijalankan. Banyak produk melindungi diri dari \`sc.exe\`; dalam hal itu
konsol atau ikon tray produk itu sendiri yang harus mematikannya. \`image-preflight fix\` melakukan hal yang sama,
secara dapat dibatalkan ([docs/fix.md](fix.md)).`,
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
        id: '{product} diinstal tetapi tidak berjalan',
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
        'zh-CN': '未发现杀毒软件或安全狗（已检查 {count} 款已知产品）',
        'pt-BR': 'Nenhum antivírus ou Safedog encontrado ({count} produtos conhecidos)',
        id: 'Tidak ditemukan antivirus atau Safedog ({count} produk dikenali)',
      },
    },
  },
  messages: {
    stoppedAuto: {
      en: '{product} is installed but not running; its services start Automatic ({services}), so it runs again after the next restart, also on instances made from the image',
      'zh-CN': '{product} 已安装，但未在运行；其服务的启动类型为“自动”（{services}），因此下次重启后会再次运行，用此镜像创建的实例也会如此',
      'pt-BR':
        '{product} está instalado, mas não está em execução; os serviços dele têm inicialização Automática ({services}), então ele volta a funcionar após a próxima reinicialização, também nas instâncias criadas a partir da imagem',
      id: '{product} diinstal tetapi tidak berjalan; jenis startup layanannya Automatic ({services}), sehingga akan berjalan lagi setelah mulai ulang berikutnya, juga pada instans yang dibuat dari citra ini',
    },
    fixKeepStopped: {
      en: 'To keep {product} stopped through restarts until you decide otherwise, set its services to Manual (elevated prompt):',
      'zh-CN': '若要让 {product} 在重启后仍保持停止，直到你另行决定，请将其服务改为“手动”启动（在管理员命令提示符中运行）：',
      'pt-BR':
        'Para manter o {product} parado após reinicializações até você decidir o contrário, passe os serviços dele para Manual (prompt de comando como Administrador):',
      id: 'Agar {product} tetap berhenti setelah mulai ulang sampai Anda memutuskan lain, ubah layanannya ke Manual (prompt perintah sebagai Administrator):',
    },
    fixUndoKeepStopped: {
      en: 'To undo that later (Automatic again, as now):',
      'zh-CN': '以后若要撤销（恢复为现在的“自动”）：',
      'pt-BR': 'Para desfazer depois (Automática de novo, como agora):',
      id: 'Untuk membatalkannya nanti (kembali ke Automatic, seperti sekarang):',
    },
    builtinStopped: {
      en: '{product} is installed but not running',
      'zh-CN': '{product} 已安装，但未在运行',
      'pt-BR': '{product} está instalado, mas não está em execução',
      id: '{product} diinstal tetapi tidak berjalan',
    },
    fixStop: {
      en: 'Before the capture, turn off {product} from its console or tray icon, or stop it with the commands below (elevated prompt): its services are set to Manual so that a restart does not bring them back, and its other processes are ended by PID:',
      'zh-CN':
        '创建镜像前，在 {product} 的控制台或托盘图标中将其关闭，或用下面的命令停止它（在管理员命令提示符中运行）：其服务会改为“手动”启动，以免重启后再次运行，其他进程按 PID 结束：',
      'pt-BR':
        'Antes de criar a imagem, desative o {product} pelo console ou pelo ícone da bandeja, ou pare-o com os comandos abaixo (prompt de comando como Administrador): os serviços dele passam a Manual para que uma reinicialização não os traga de volta, e os outros processos são encerrados pelo PID:',
      id: 'Sebelum pembuatan citra, matikan {product} dari konsol atau ikon bakinya, atau hentikan dengan perintah di bawah (prompt perintah sebagai Administrator): layanannya diubah ke Manual agar tidak kembali saat mulai ulang, dan proses lainnya diakhiri berdasarkan PID:',
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
      en: 'After the capture, put {product} back as it was (start mode, then its services):',
      'zh-CN': '创建镜像后，将 {product} 恢复原样（先恢复启动类型，再启动其服务）：',
      'pt-BR': 'Depois de criar a imagem, deixe o {product} como estava (tipo de inicialização e, depois, os serviços):',
      id: 'Setelah pembuatan citra, kembalikan {product} seperti semula (jenis startup, lalu layanannya):',
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
    const tencent = tencentComponentFilter(config.agents, allServices);
    const services = allServices.filter((s) => !tencent.service(s));
    const processes = allProcesses.filter((p) => !tencent.process(p));

    // Stopped services left at Automatic come back at the next boot, in the captured image too: they are
    // set to Manual for the capture and put back afterwards. Processes no service of the product hosts
    // (a tray icon, Safedog's SafeDogSiteIIS.exe) are ended by PID; they come back with the product.
    const remediation = (d: Detection, changed: Service[], loose: Process[]): Remediation[] => {
      const product = { product: d.product.name };
      const pids = loose.flatMap((p) => (typeof p.ProcessId === 'number' && p.ProcessId > 0 ? [p.ProcessId] : []));
      // Without services to stop, only the product's own console can turn it off: no trailing colon.
      const withCommands = changed.length > 0 || pids.length > 0;
      const stop: MessageRef = d.product.stopHint
        ? text('fixStopHint', { hint: d.product.stopHint })
        : text(withCommands ? 'fixStop' : 'fixStopConsole', product);
      const start: MessageRef = d.product.startHint
        ? text('fixStartHint', { hint: d.product.startHint })
        : text(changed.length > 0 ? 'fixStart' : 'fixStartConsole', product);
      const names = changed.map((s) => s.Name).join(', ');
      const auto = (s: Service) => startMode(s) === 'auto';
      const running = (s: Service) => serviceState(s) === 'running';
      const quoted = changed.map((svc) => ({ svc, name: quotedServiceName(svc.Name) }));
      const each = (command: (svc: Service, name: string) => string[]) =>
        quoted.every((q) => q.name !== undefined) ? quoted.flatMap((q) => command(q.svc, q.name ?? '')) : undefined;
      const stopCommands = each((svc, name) => [
        ...(auto(svc) ? [`sc.exe config ${name} start= demand`] : []),
        ...(running(svc) ? [`sc.exe stop ${name}`] : []),
      ]);
      const startCommands = each((svc, name) => [
        ...(auto(svc) ? [`sc.exe config ${name} start= ${svc.DelayedAutoStart ? 'delayed-auto' : 'auto'}`] : []),
        ...(running(svc) ? [`sc.exe start ${name}`] : []),
      ]);
      const kills = pids.map((pid) => `taskkill.exe /PID ${pid} /F`);
      const stopFallback = d.product.stopHint ? stop : text('fixStopConsole', product);
      const stopFix = serviceFix(stop, names, stopCommands && [...stopCommands, ...kills], stopFallback);
      if (changed.length === 0) return [...stopFix, { message: start }];
      const startFallback = d.product.startHint ? start : text('fixStartConsole', product);
      return [...stopFix, ...serviceFix(start, names, startCommands, startFallback)];
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
            ? finding('builtin-antivirus', params, { evidence, fix: remediation(d, [], []) })
            : findingAs('builtin-antivirus', 'builtinStopped', params, { evidence }),
        );
      } else if (!running) {
        // A stopped product whose services start Automatic is back after the next restart: say so, with
        // the commands that make "stopped" last and the ones that undo that.
        const autoStart = d.services.filter((s) => startMode(s) === 'auto');
        const quoted = autoStart.map((svc) => ({ svc, name: quotedServiceName(svc.Name) }));
        if (autoStart.length === 0) findings.push(finding('installed-stopped', params, { evidence }));
        else {
          const commands = quoted.every((q) => q.name !== undefined);
          findings.push(
            findingAs(
              'installed-stopped',
              'stoppedAuto',
              { ...params, services: autoStart.map((s) => s.Name).join(', ') },
              {
                evidence,
                fix: commands
                  ? [
                      {
                        message: text('fixKeepStopped', params),
                        commands: quoted.map((q) => `sc.exe config ${q.name ?? ''} start= demand`),
                      },
                      {
                        message: text('fixUndoKeepStopped'),
                        commands: quoted.map(
                          (q) => `sc.exe config ${q.name ?? ''} start= ${q.svc.DelayedAutoStart ? 'delayed-auto' : 'auto'}`,
                        ),
                      },
                    ]
                  : undefined,
              },
            ),
          );
        }
      } else {
        findings.push(
          finding(product.kind === 'safedog' ? 'safedog-running' : 'third-party-running', params, {
            evidence,
            fix: remediation(
              d,
              d.services.filter((s) => serviceState(s) === 'running' || startMode(s) === 'auto'),
              d.processes.filter((p) => !runningServices.some((s) => s.ProcessId && s.ProcessId === p.ProcessId)),
            ),
          }),
        );
      }
    }
    if (findings.length === 0) findings.push(finding('none-detected', { count: config.securityProducts.length }));
    return findings;
  },
});
