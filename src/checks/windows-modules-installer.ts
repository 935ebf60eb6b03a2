// Tencent's FAQ, cause 2: image creation relies on the Windows Modules Installer (TrustedInstaller).
// Its default is Manual and Stopped (it starts on demand); Windows itself switches it to Automatic while
// an update waits for a restart (KB 968440), so that is normal and must not be "fixed".
import { defineCheck, type FindingDraft } from './define-check.js';
import { findService, processEvidence, serviceEvidence, serviceState, startMode, startModeWord } from './shared/services.js';
import { servicingRebootPending } from './shared/pending-reboot.js';
import { sharedFix } from './shared/fixes.js';
import { DELAYED_RESTART } from '../util/shell-command.js';
import { executableOf, imageKey, samePath } from '../util/windows-path.js';

const SERVICE = 'TrustedInstaller';
/** Worker processes that mean a servicing operation is running right now. */
const SERVICING_WORKERS = new Set(['tiworker']);
const REPAIR = ['DISM.exe /Online /Cleanup-Image /RestoreHealth', 'sfc.exe /scannow'];

export const windowsModulesInstaller = defineCheck({
  id: 'windows-modules-installer',
  group: 'servicing',
  needs: ['services'],
  optional: ['processes', 'registry', 'files', 'host'],
  title: {
    en: 'Windows Modules Installer',
    'zh-CN': 'Windows 模块安装程序服务',
    'pt-BR': 'Instalador de Módulos do Windows',
    id: 'Layanan Windows Modules Installer',
  },
  description: {
    en: 'Image creation relies on the Windows Modules Installer service (TrustedInstaller): it must exist, not be disabled and not be stuck starting or stopping.',
    'zh-CN':
      '创建自定义镜像依赖 Windows 模块安装程序服务（Windows Modules Installer，服务名 TrustedInstaller）：该服务必须存在、未被禁用，且没有卡在启动或停止过程中。',
    'pt-BR':
      'A criação da imagem depende do serviço Instalador de Módulos do Windows (TrustedInstaller): ele deve existir, não pode estar desativado nem preso em inicialização ou parada.',
    id: 'Pembuatan citra bergantung pada layanan Windows Modules Installer (TrustedInstaller) dari Microsoft: layanan ini harus ada, tidak dinonaktifkan, dan tidak macet saat dimulai atau dihentikan.',
  },
  docs: {
    en: `Cause 2: image creation relies on the Windows Modules Installer, service \`TrustedInstaller\`. Its default
is start mode Manual, state Stopped: it starts on demand. Windows switches it to Automatic itself while
an update waits for a restart (Microsoft KB 968440), and setting it back to Manual then blocks later
updates, so that is reported as normal. A missing program file is read from the snapshot's \`files\`
group; \`TiWorker.exe\` running means Windows is installing right now.`,
    'zh-CN': `原因 2：镜像制作依赖 Windows 模块安装程序，服务 \`TrustedInstaller\`。其默认
启动类型为“手动”，状态为“已停止”：它按需启动。当有更新等待重启时，Windows 会自行将其切换为“自动”
（Microsoft KB 968440），此时再改回“手动”会阻止之后的
更新，因此这种情况报告为正常。程序文件缺失从快照的 \`files\`
组读取；\`TiWorker.exe\` 正在运行表示 Windows 此刻正在安装。`,
    'pt-BR': `Causa 2: a criação de imagens depende do Instalador de Módulos do Windows, serviço \`TrustedInstaller\`. O padrão dele é
tipo de inicialização Manual, estado Parado: ele inicia sob demanda. O próprio Windows o muda para Automático enquanto
uma atualização espera uma reinicialização (Microsoft KB 968440), e voltá-lo para Manual nesse momento bloqueia
atualizações posteriores, então isso é relatado como normal. Um arquivo de programa ausente é lido do grupo \`files\`
do snapshot; \`TiWorker.exe\` em execução significa que o Windows está instalando algo agora.`,
    id: `Penyebab 2: pembuatan citra bergantung pada Windows Modules Installer, layanan \`TrustedInstaller\`. Bawaannya
adalah jenis startup Manual, status Stopped: layanan ini dimulai saat dibutuhkan. Windows sendiri mengubahnya ke
Automatic selama ada pembaruan yang menunggu mulai ulang (Microsoft KB 968440), dan mengembalikannya ke Manual saat itu
justru memblokir pembaruan berikutnya, jadi hal itu dilaporkan sebagai normal. Berkas program yang hilang dibaca dari
grup \`files\` snapshot; \`TiWorker.exe\` yang berjalan berarti Windows sedang menginstal sesuatu saat ini.`,
  },
  findings: {
    'ti-missing': {
      severity: 'fail',
      message: {
        en: 'The Windows Modules Installer service (TrustedInstaller) does not exist',
        'zh-CN': 'Windows 模块安装程序服务（TrustedInstaller）不存在',
        'pt-BR': 'O serviço Instalador de Módulos do Windows (TrustedInstaller) não existe',
        id: 'Layanan Windows Modules Installer (TrustedInstaller) tidak ada',
      },
    },
    'ti-disabled': {
      severity: 'fail',
      message: {
        en: 'The Windows Modules Installer service (TrustedInstaller) is disabled',
        'zh-CN': 'Windows 模块安装程序服务（TrustedInstaller）已被禁用',
        'pt-BR': 'O serviço Instalador de Módulos do Windows (TrustedInstaller) está desativado',
        id: 'Layanan Windows Modules Installer (TrustedInstaller) dinonaktifkan',
      },
    },
    'ti-stuck': {
      severity: 'fail',
      message: {
        en: 'The Windows Modules Installer service (TrustedInstaller) is stuck in {state}',
        'zh-CN': 'Windows 模块安装程序服务（TrustedInstaller）卡在 {state} 状态',
        'pt-BR': 'O serviço Instalador de Módulos do Windows (TrustedInstaller) está preso no estado {state}',
        id: 'Layanan Windows Modules Installer (TrustedInstaller) macet dalam status {state}',
      },
    },
    'ti-binary-missing': {
      severity: 'fail',
      message: {
        en: 'The Windows Modules Installer program is missing: {path}',
        'zh-CN': 'Windows 模块安装程序的程序文件缺失：{path}',
        'pt-BR': 'O programa do Instalador de Módulos do Windows está ausente: {path}',
        id: 'Program Windows Modules Installer tidak ditemukan: {path}',
      },
    },
    'servicing-in-progress': {
      severity: 'warn',
      message: {
        en: 'Windows is installing updates or features right now (TiWorker.exe is running)',
        'zh-CN': 'Windows 正在安装更新或功能（TiWorker.exe 正在运行）',
        'pt-BR': 'O Windows está instalando atualizações ou recursos neste momento (TiWorker.exe em execução)',
        id: 'Windows sedang menginstal pembaruan atau fitur saat ini (TiWorker.exe sedang berjalan)',
      },
    },
    'ti-automatic-reboot-pending': {
      severity: 'info',
      message: {
        en: 'TrustedInstaller is set to Automatic because an update waits for a restart: normal, do not change it',
        'zh-CN': 'TrustedInstaller 的启动类型为“自动”，因为有更新在等待重启：这是正常现象，请勿修改',
        'pt-BR': 'O TrustedInstaller está como Automático porque uma atualização aguarda reinicialização: é normal, não altere',
        id: 'TrustedInstaller diatur ke Automatic karena ada pembaruan yang menunggu mulai ulang: normal, jangan diubah',
      },
    },
    'ti-automatic': {
      severity: 'info',
      message: {
        en: 'TrustedInstaller is set to Automatic (default Manual); harmless, Windows uses it while updates are pending',
        'zh-CN': 'TrustedInstaller 的启动类型为“自动”（默认为“手动”）；无害，Windows 在有待安装更新时会这样设置',
        'pt-BR':
          'O TrustedInstaller está como Automático (o padrão é Manual); inofensivo, o Windows faz isso enquanto há atualizações pendentes',
        id: 'TrustedInstaller diatur ke Automatic (bawaannya Manual); tidak berbahaya, Windows memakainya selama ada pembaruan tertunda',
      },
    },
    'ti-ok': {
      severity: 'pass',
      message: {
        en: 'TrustedInstaller is {state}, start mode {startMode} (the healthy default: it starts on demand)',
        'zh-CN': 'TrustedInstaller 的状态为 {state}，启动类型为 {startMode}（正常的默认设置：按需启动）',
        'pt-BR': 'O TrustedInstaller está com estado {state}, tipo de inicialização: {startMode} (o padrão normal: inicia sob demanda)',
        id: 'TrustedInstaller berstatus {state}, jenis startup {startMode} (bawaan yang sehat: dimulai saat diperlukan)',
      },
    },
  },
  messages: {
    runningIdle: {
      en: 'TrustedInstaller is {state} (start mode {startMode}); it stops by itself when idle',
      'zh-CN': 'TrustedInstaller 的状态为 {state}，启动类型为 {startMode}；空闲时会自行停止',
      'pt-BR': 'O TrustedInstaller está com estado {state} e tipo de inicialização {startMode}; ele para sozinho quando ocioso',
      id: 'TrustedInstaller berstatus {state} dengan jenis startup {startMode}; layanan ini berhenti sendiri saat tidak digunakan',
    },
    fixRepair: {
      en: 'Repair Windows servicing (elevated prompt), then restart:',
      'zh-CN': '修复 Windows 组件存储（在管理员命令提示符中运行），然后重启：',
      'pt-BR': 'Repare o repositório de componentes do Windows (prompt de comando como Administrador) e reinicie:',
      id: 'Perbaiki pemeliharaan Windows (prompt perintah sebagai Administrator), lalu mulai ulang:',
    },
    fixEnable: {
      en: 'Restore the default start mode (Manual) (elevated prompt):',
      'zh-CN': '恢复默认启动类型“手动”（在管理员命令提示符中运行）：',
      'pt-BR': 'Restaure o tipo de inicialização padrão (Manual) (prompt de comando como Administrador):',
      id: 'Kembalikan jenis startup bawaan (Manual) (prompt perintah sebagai Administrator):',
    },
    fixStuck: {
      en: 'Wait a few minutes and check again; if it stays pending, restart the server. {caveat}',
      'zh-CN': '等待几分钟后再次检查；如果仍卡在启动或停止状态，请重启服务器。{caveat}',
      'pt-BR': 'Aguarde alguns minutos e verifique de novo; se continuar pendente, reinicie o servidor. {caveat}',
      id: 'Tunggu beberapa menit lalu periksa lagi; jika tetap tertunda, mulai ulang server. {caveat}',
    },
    fixWait: {
      en: 'Wait until Windows finishes installing (TiWorker.exe exits), restart if asked, then run image-preflight again.',
      'zh-CN': '等待 Windows 安装完成（TiWorker.exe 退出），如有提示请重启，然后再次运行 image-preflight。',
      'pt-BR':
        'Aguarde o Windows terminar a instalação (o TiWorker.exe encerrar), reinicie se for solicitado e execute o image-preflight de novo.',
      id: 'Tunggu hingga Windows selesai menginstal (TiWorker.exe keluar), mulai ulang jika diminta, lalu jalankan image-preflight lagi.',
    },
  },
  run({ services, processes = [], registry, files, host }, { finding, findingAs, text }) {
    const svc = findService(services, SERVICE);
    if (!svc) {
      return [
        finding(
          'ti-missing',
          {},
          {
            evidence: [{ kind: 'fact', ref: 'services', data: { searched: SERVICE, servicesListed: services.length } }],
            fix: [{ message: text('fixRepair'), commands: REPAIR }],
          },
        ),
      ];
    }
    const evidence = [serviceEvidence(svc)];
    const mode = startMode(svc);
    const state = serviceState(svc);
    if (mode === 'disabled') {
      return [
        finding(
          'ti-disabled',
          {},
          { evidence, fix: [{ message: text('fixEnable'), commands: ['sc.exe config TrustedInstaller start= demand'] }] },
        ),
      ];
    }
    if (state === 'start-pending' || state === 'stop-pending') {
      return [
        finding(
          'ti-stuck',
          { state: svc.State },
          {
            evidence,
            fix: [
              {
                message: text('fixStuck', { caveat: sharedFix('delayedRestart') }),
                commands: ['sc.exe queryex TrustedInstaller', DELAYED_RESTART],
              },
            ],
          },
        ),
      ];
    }

    if (files && svc.PathName) {
      const exe = executableOf(svc.PathName);
      const file = files.find((f) => samePath(f.path, exe, { systemRoot: host?.systemRoot, systemDrive: host?.systemDrive }));
      if (file && !file.exists) {
        return [
          finding(
            'ti-binary-missing',
            { path: exe },
            {
              evidence: [...evidence, { kind: 'file', ref: file.path, data: { exists: false } }],
              fix: [{ message: text('fixRepair'), commands: REPAIR }],
            },
          ),
        ];
      }
    }

    const findings: FindingDraft[] = [];
    const workers = processes.filter((p) => SERVICING_WORKERS.has(imageKey(p.Name)));
    if (workers.length > 0) {
      findings.push(
        finding(
          'servicing-in-progress',
          {},
          { evidence: [...evidence, ...workers.map(processEvidence)], fix: [{ message: text('fixWait') }] },
        ),
      );
    }
    if (mode === 'auto') {
      const pending = registry ? servicingRebootPending(registry) : false;
      findings.push(finding(pending ? 'ti-automatic-reboot-pending' : 'ti-automatic', {}, { evidence }));
    } else if (workers.length === 0) {
      const params = { state: svc.State, startMode: startModeWord(svc) };
      findings.push(state === 'running' ? findingAs('ti-ok', 'runningIdle', params, { evidence }) : finding('ti-ok', params, { evidence }));
    }
    return findings;
  },
});
