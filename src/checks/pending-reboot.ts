// A restart Windows is waiting for: capturing now bakes half-finished servicing into the image, and
// the capture's own restart may stall on "Configuring updates". One finding per source, with evidence.
// PendingFileRenameOperations is filled by antivirus and installers too, so it is allow-listable.
import { defineCheck, type FindingDraft } from './define-check.js';
import { REGISTRY_UNREADABLE } from './shared/findings.js';
import { pendingRebootSources } from './shared/pending-reboot.js';
import { sharedFix } from './shared/fixes.js';
import { DELAYED_RESTART } from '../util/shell-command.js';

const RESTART = [DELAYED_RESTART];
const SHOWN_RENAMES = 10;

export const pendingReboot = defineCheck({
  id: 'pending-reboot',
  group: 'reboot',
  needs: ['registry'],
  title: {
    en: 'Pending restart',
    'zh-CN': '等待重启',
    'pt-BR': 'Reinicialização pendente',
    id: 'Menunggu mulai ulang',
  },
  description: {
    en: 'Windows is waiting for a restart; capture after restarting.',
    'zh-CN': 'Windows 正在等待重启；请重启后再创建镜像。',
    'pt-BR': 'O Windows aguarda uma reinicialização; crie a imagem depois de reiniciar.',
    id: 'Windows sedang menunggu mulai ulang; buat citra setelah memulai ulang.',
  },
  docs: {
    en: `Windows waits for a restart: capturing now bakes half-finished servicing into the image and the capture's
restart may stall on "Configuring updates". One finding per source, each a warning with the registry
evidence and the restart command:

| code | source |
| --- | --- |
| cbs-reboot-pending | key \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending\` |
| cbs-packages-pending | key \`...\\Component Based Servicing\\PackagesPending\` |
| cbs-reboot-in-progress | key \`...\\Component Based Servicing\\RebootInProgress\` (community.windows win_pending_reboot_info) |
| wu-services-pending | subkeys of \`...\\WindowsUpdate\\Services\\Pending\`, except \`117cab2d-82b1-4b5a-a08c-4d62dbee7782\`, present on machines that need no restart (atc0005/check-restart) |
| wu-post-reboot-reporting | key \`...\\WindowsUpdate\\Auto Update\\PostRebootReporting\` (win_pending_reboot_info) |
| server-manager-reboot | key \`HKLM\\SOFTWARE\\Microsoft\\ServerManager\\CurrentRebootAttempts\`: a role or feature install waits (win_pending_reboot_info; note the often-copied misspelling "CurrentRebootAttemps") |
| dvd-reboot-signal | value \`DVDRebootSignal\` under \`...\\CurrentVersion\\RunOnce\` (win_pending_reboot_info) |
| wu-reboot-required | key \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired\` |
| file-rename-operations | value \`PendingFileRenameOperations\` (and \`...2\`) under \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\`; entries listed; antivirus fills it too, so paths can be allow-listed (\`pendingFileRenameAllowList\`) |
| update-exe-volatile | value \`UpdateExeVolatile\` under \`HKLM\\SOFTWARE\\Microsoft\\Updates\` other than 0 |
| computer-rename | \`ActiveComputerName\` differs from \`ComputerName\` under \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\` |
| computer-rename-first-boot (info) | the same, when Cloudbase-Init's \`SetHostNamePlugin\` has run: Cloudbase-Init names a new CVM at first boot and, with Tencent's \`allow_reboot=false\`, leaves the restart to you (cloudbase-init utils/hostname.py); restart once before the capture |
| domain-join | subkey \`JoinDomain\` or \`AvoidSpnSet\` under \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon\` |

A key that could not be read gives a \`registry-unreadable\` finding (could not verify), never a pass.`,
    'zh-CN': `Windows 正在等待重启：此时制作镜像会把未完成的维护操作固化到镜像中，而制作时的
重启可能卡在“正在配置更新”。每个来源一个发现项，均为警告，附注册表
证据和重启命令：

| 代码 | 来源 |
| --- | --- |
| cbs-reboot-pending | 项 \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending\` |
| cbs-packages-pending | 项 \`...\\Component Based Servicing\\PackagesPending\` |
| cbs-reboot-in-progress | 项 \`...\\Component Based Servicing\\RebootInProgress\`（community.windows win_pending_reboot_info） |
| wu-services-pending | \`...\\WindowsUpdate\\Services\\Pending\` 的子项，\`117cab2d-82b1-4b5a-a08c-4d62dbee7782\` 除外，它在无需重启的计算机上也存在（atc0005/check-restart） |
| wu-post-reboot-reporting | 项 \`...\\WindowsUpdate\\Auto Update\\PostRebootReporting\`（win_pending_reboot_info） |
| server-manager-reboot | 项 \`HKLM\\SOFTWARE\\Microsoft\\ServerManager\\CurrentRebootAttempts\`：有角色或功能的安装在等待（win_pending_reboot_info；注意常被照抄的错误拼写“CurrentRebootAttemps”） |
| dvd-reboot-signal | \`...\\CurrentVersion\\RunOnce\` 下的值 \`DVDRebootSignal\`（win_pending_reboot_info） |
| wu-reboot-required | 项 \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired\` |
| file-rename-operations | \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\` 下的值 \`PendingFileRenameOperations\`（及 \`...2\`）；列出各条目；杀毒软件也会写入它，因此可将路径加入允许列表（\`pendingFileRenameAllowList\`） |
| update-exe-volatile | \`HKLM\\SOFTWARE\\Microsoft\\Updates\` 下的值 \`UpdateExeVolatile\` 不为 0 |
| computer-rename | \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\` 下 \`ActiveComputerName\` 与 \`ComputerName\` 不同 |
| computer-rename-first-boot (info) | 同上，且 Cloudbase-Init 的 \`SetHostNamePlugin\` 已运行：Cloudbase-Init 在首次启动时为新云服务器命名，在腾讯云的 \`allow_reboot=false\` 下会把重启留给您（cloudbase-init utils/hostname.py）；请在制作镜像前重启一次 |
| domain-join | \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon\` 下的子项 \`JoinDomain\` 或 \`AvoidSpnSet\` |

无法读取的项会产生 \`registry-unreadable\` 发现项（无法验证），绝不会判为通过。`,
    'pt-BR': `O Windows está esperando uma reinicialização: capturar agora grava na imagem uma manutenção pela metade, e a
reinicialização da captura pode travar em "Configurando atualizações". Uma constatação por fonte, cada uma um aviso
com a evidência do Registro e o comando de reinicialização:

| código | fonte |
| --- | --- |
| cbs-reboot-pending | chave \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending\` |
| cbs-packages-pending | chave \`...\\Component Based Servicing\\PackagesPending\` |
| cbs-reboot-in-progress | chave \`...\\Component Based Servicing\\RebootInProgress\` (community.windows win_pending_reboot_info) |
| wu-services-pending | subchaves de \`...\\WindowsUpdate\\Services\\Pending\`, exceto \`117cab2d-82b1-4b5a-a08c-4d62dbee7782\`, presente em máquinas que não precisam reiniciar (atc0005/check-restart) |
| wu-post-reboot-reporting | chave \`...\\WindowsUpdate\\Auto Update\\PostRebootReporting\` (win_pending_reboot_info) |
| server-manager-reboot | chave \`HKLM\\SOFTWARE\\Microsoft\\ServerManager\\CurrentRebootAttempts\`: a instalação de uma função ou recurso está esperando (win_pending_reboot_info; atenção ao erro de grafia muito copiado "CurrentRebootAttemps") |
| dvd-reboot-signal | valor \`DVDRebootSignal\` em \`...\\CurrentVersion\\RunOnce\` (win_pending_reboot_info) |
| wu-reboot-required | chave \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired\` |
| file-rename-operations | valor \`PendingFileRenameOperations\` (e \`...2\`) em \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\`; as entradas são listadas; antivírus também o preenchem, então caminhos podem entrar numa lista de permissões (\`pendingFileRenameAllowList\`) |
| update-exe-volatile | valor \`UpdateExeVolatile\` em \`HKLM\\SOFTWARE\\Microsoft\\Updates\` diferente de 0 |
| computer-rename | \`ActiveComputerName\` difere de \`ComputerName\` em \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\` |
| computer-rename-first-boot (info) | o mesmo, quando o \`SetHostNamePlugin\` do Cloudbase-Init já rodou: o Cloudbase-Init dá nome a uma nova CVM na primeira inicialização e, com o \`allow_reboot=false\` da Tencent, deixa a reinicialização para você (cloudbase-init utils/hostname.py); reinicie uma vez antes da captura |
| domain-join | subchave \`JoinDomain\` ou \`AvoidSpnSet\` em \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon\` |

Uma chave que não pôde ser lida gera uma constatação \`registry-unreadable\` (não foi possível verificar), nunca um pass.`,
    id: `Windows menunggu mulai ulang: membuat citra sekarang membekukan servicing yang setengah jadi ke dalam citra, dan mulai
ulang saat pembuatan citra bisa macet di "Configuring updates". Satu temuan per sumber, masing-masing peringatan dengan
bukti registri dan perintah mulai ulang:

| kode | sumber |
| --- | --- |
| cbs-reboot-pending | kunci \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Component Based Servicing\\RebootPending\` |
| cbs-packages-pending | kunci \`...\\Component Based Servicing\\PackagesPending\` |
| cbs-reboot-in-progress | kunci \`...\\Component Based Servicing\\RebootInProgress\` (community.windows win_pending_reboot_info) |
| wu-services-pending | subkunci dari \`...\\WindowsUpdate\\Services\\Pending\`, kecuali \`117cab2d-82b1-4b5a-a08c-4d62dbee7782\`, yang ada di mesin yang tidak perlu dimulai ulang (atc0005/check-restart) |
| wu-post-reboot-reporting | kunci \`...\\WindowsUpdate\\Auto Update\\PostRebootReporting\` (win_pending_reboot_info) |
| server-manager-reboot | kunci \`HKLM\\SOFTWARE\\Microsoft\\ServerManager\\CurrentRebootAttempts\`: instalasi role atau feature sedang menunggu (win_pending_reboot_info; perhatikan salah eja yang sering disalin "CurrentRebootAttemps") |
| dvd-reboot-signal | nilai \`DVDRebootSignal\` di bawah \`...\\CurrentVersion\\RunOnce\` (win_pending_reboot_info) |
| wu-reboot-required | kunci \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired\` |
| file-rename-operations | nilai \`PendingFileRenameOperations\` (dan \`...2\`) di bawah \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\`; entrinya dicantumkan; antivirus juga mengisinya, jadi jalur dapat dimasukkan ke daftar izin (\`pendingFileRenameAllowList\`) |
| update-exe-volatile | nilai \`UpdateExeVolatile\` di bawah \`HKLM\\SOFTWARE\\Microsoft\\Updates\` selain 0 |
| computer-rename | \`ActiveComputerName\` berbeda dari \`ComputerName\` di bawah \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\` |
| computer-rename-first-boot (info) | sama, ketika \`SetHostNamePlugin\` Cloudbase-Init sudah berjalan: Cloudbase-Init memberi nama CVM baru saat boot pertama dan, dengan \`allow_reboot=false\` dari Tencent, menyerahkan mulai ulang kepada Anda (cloudbase-init utils/hostname.py); mulai ulang sekali sebelum pembuatan citra |
| domain-join | subkunci \`JoinDomain\` atau \`AvoidSpnSet\` di bawah \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\Netlogon\` |

Kunci yang tidak dapat dibaca menghasilkan temuan \`registry-unreadable\` (tidak dapat diverifikasi), tidak pernah lolos.`,
  },
  findings: {
    'cbs-reboot-pending': {
      severity: 'warn',
      message: {
        en: 'Component servicing waits for a restart (CBS RebootPending)',
        'zh-CN': '组件维护正在等待重启（CBS RebootPending）',
        'pt-BR': 'A manutenção de componentes aguarda uma reinicialização (CBS RebootPending)',
        id: 'Pemeliharaan komponen menunggu mulai ulang (CBS RebootPending)',
      },
    },
    'cbs-packages-pending': {
      severity: 'warn',
      message: {
        en: 'Component packages wait for a restart (CBS PackagesPending)',
        'zh-CN': '有组件包正在等待重启（CBS PackagesPending）',
        'pt-BR': 'Pacotes de componentes aguardam uma reinicialização (CBS PackagesPending)',
        id: 'Paket komponen menunggu mulai ulang (CBS PackagesPending)',
      },
    },
    'wu-reboot-required': {
      severity: 'warn',
      message: {
        en: 'Windows Update waits for a restart (RebootRequired)',
        'zh-CN': 'Windows 更新正在等待重启（RebootRequired）',
        'pt-BR': 'O Windows Update aguarda uma reinicialização (RebootRequired)',
        id: 'Windows Update menunggu mulai ulang (RebootRequired)',
      },
    },
    'file-rename-operations': {
      severity: 'warn',
      message: {
        en: '{count, plural, one {# file operation waits} other {# file operations wait}} for a restart (PendingFileRenameOperations; antivirus and installers also write these)',
        'zh-CN': '有 {count} 个文件操作正在等待重启（PendingFileRenameOperations；杀毒软件和安装程序也会写入此项）',
        'pt-BR':
          '{count, plural, one {# operação de arquivo aguarda} other {# operações de arquivo aguardam}} uma reinicialização (PendingFileRenameOperations; antivírus e instaladores também gravam aqui)',
        id: '{count} operasi file menunggu mulai ulang (PendingFileRenameOperations; antivirus dan penginstal juga menulis ke sini)',
      },
    },
    'update-exe-volatile': {
      severity: 'warn',
      message: {
        en: 'An update installer waits for a restart (UpdateExeVolatile)',
        'zh-CN': '有更新安装程序正在等待重启（UpdateExeVolatile）',
        'pt-BR': 'Um instalador de atualização aguarda uma reinicialização (UpdateExeVolatile)',
        id: 'Penginstal pembaruan menunggu mulai ulang (UpdateExeVolatile)',
      },
    },
    'computer-rename': {
      severity: 'warn',
      message: {
        en: 'The computer name changes at the next restart',
        'zh-CN': '计算机名将在下次重启后更改',
        'pt-BR': 'O nome do computador muda na próxima reinicialização',
        id: 'Nama komputer berubah pada mulai ulang berikutnya',
      },
    },
    'domain-join': {
      severity: 'warn',
      message: {
        en: 'A domain join completes at the next restart',
        'zh-CN': '加入域操作将在下次重启后完成',
        'pt-BR': 'O ingresso no domínio é concluído na próxima reinicialização',
        id: 'Penggabungan ke domain selesai pada mulai ulang berikutnya',
      },
    },
    'cbs-reboot-in-progress': {
      severity: 'warn',
      message: {
        en: 'Component servicing is in the middle of a restart (CBS RebootInProgress)',
        'zh-CN': '组件维护正处于重启过程中（CBS RebootInProgress）',
        'pt-BR': 'A manutenção de componentes está no meio de uma reinicialização (CBS RebootInProgress)',
        id: 'Pemeliharaan komponen sedang di tengah proses mulai ulang (CBS RebootInProgress)',
      },
    },
    'wu-services-pending': {
      severity: 'warn',
      message: {
        en: 'Windows Update waits for a restart to register a service (WindowsUpdate Services Pending)',
        'zh-CN': 'Windows 更新正在等待重启以注册服务（WindowsUpdate Services Pending）',
        'pt-BR': 'O Windows Update aguarda uma reinicialização para registrar um serviço (WindowsUpdate Services Pending)',
        id: 'Windows Update menunggu mulai ulang untuk mendaftarkan layanan (WindowsUpdate Services Pending)',
      },
    },
    'wu-post-reboot-reporting': {
      severity: 'warn',
      message: {
        en: 'Windows Update waits for a restart to report installed updates (PostRebootReporting)',
        'zh-CN': 'Windows 更新正在等待重启以报告已安装的更新（PostRebootReporting）',
        'pt-BR': 'O Windows Update aguarda uma reinicialização para relatar as atualizações instaladas (PostRebootReporting)',
        id: 'Windows Update menunggu mulai ulang untuk melaporkan pembaruan yang diinstal (PostRebootReporting)',
      },
    },
    'server-manager-reboot': {
      severity: 'warn',
      message: {
        en: 'A role or feature installation waits for a restart (Server Manager CurrentRebootAttempts)',
        'zh-CN': '有角色或功能的安装正在等待重启（服务器管理器 CurrentRebootAttempts）',
        'pt-BR': 'Uma instalação de função ou recurso aguarda uma reinicialização (Gerenciador do Servidor, CurrentRebootAttempts)',
        id: 'Instalasi peran atau fitur menunggu mulai ulang (Server Manager CurrentRebootAttempts)',
      },
    },
    'dvd-reboot-signal': {
      severity: 'warn',
      message: {
        en: 'An installer asked for a restart (RunOnce DVDRebootSignal)',
        'zh-CN': '有安装程序请求重启（RunOnce DVDRebootSignal）',
        'pt-BR': 'Um instalador pediu uma reinicialização (RunOnce DVDRebootSignal)',
        id: 'Sebuah penginstal meminta mulai ulang (RunOnce DVDRebootSignal)',
      },
    },
    'computer-rename-first-boot': {
      severity: 'info',
      message: {
        en: 'The new computer name Cloudbase-Init set at first boot takes effect at the next restart',
        'zh-CN': 'Cloudbase-Init 在首次启动时设置的新计算机名将在下次重启后生效',
        'pt-BR':
          'O novo nome do computador que o Cloudbase-Init definiu na primeira inicialização vale a partir da próxima reinicialização',
        id: 'Nama komputer baru yang diatur Cloudbase-Init saat boot pertama berlaku setelah mulai ulang berikutnya',
      },
    },
    'registry-unreadable': REGISTRY_UNREADABLE,
    'no-reboot-pending': {
      severity: 'pass',
      message: {
        en: 'No restart pending',
        'zh-CN': '没有待处理的重启',
        'pt-BR': 'Nenhuma reinicialização pendente',
        id: 'Tidak ada mulai ulang yang tertunda',
      },
    },
  },
  messages: {
    fixRestart: {
      en: 'Restart, then run image-preflight again (elevated prompt). {caveat}',
      'zh-CN': '重启，然后再次运行 image-preflight（在管理员命令提示符中运行）。{caveat}',
      'pt-BR': 'Reinicie e execute o image-preflight de novo (prompt de comando como Administrador). {caveat}',
      id: 'Mulai ulang, lalu jalankan image-preflight lagi (prompt perintah sebagai Administrator). {caveat}',
    },
    fixRestartOrAllowList: {
      en: 'Restart, then run image-preflight again (elevated prompt); if antivirus keeps adding these, allow-list the paths in the config (pendingFileRenameAllowList). {caveat}',
      'zh-CN':
        '重启，然后再次运行 image-preflight（在管理员命令提示符中运行）；如果杀毒软件不断添加此类条目，请在配置文件中将这些路径加入允许列表（pendingFileRenameAllowList）。{caveat}',
      'pt-BR':
        'Reinicie e execute o image-preflight de novo (prompt de comando como Administrador); se o antivírus continuar adicionando essas entradas, libere os caminhos na configuração (pendingFileRenameAllowList). {caveat}',
      id: 'Mulai ulang, lalu jalankan image-preflight lagi (prompt perintah sebagai Administrator); jika antivirus terus menambahkan entri ini, masukkan jalurnya ke daftar izin di konfigurasi (pendingFileRenameAllowList). {caveat}',
    },
  },
  run({ registry }, { config, finding, text }) {
    const findings: FindingDraft[] = [];
    for (const source of pendingRebootSources(registry, config.pendingFileRenameAllowList)) {
      if (source.state === 'clear') continue;
      if (source.state === 'unknown') {
        findings.push(
          finding(
            'registry-unreadable',
            { paths: source.path },
            { evidence: [{ kind: 'registry', ref: source.path, data: { error: source.message } }] },
          ),
        );
        continue;
      }
      const evidence = [...source.evidence];
      const caveat = { caveat: sharedFix('delayedRestart') };
      const message = source.code === 'file-rename-operations' ? text('fixRestartOrAllowList', caveat) : text('fixRestart', caveat);
      const fix = [{ message, commands: RESTART }];
      if (source.code === 'file-rename-operations') {
        const renames = source.renames ?? [];
        for (const r of renames.slice(0, SHOWN_RENAMES))
          evidence.push({ kind: 'file', ref: r.from, data: r.to ? { renameTo: r.to } : { deleteAtBoot: true } });
        if (renames.length > SHOWN_RENAMES)
          evidence.push({ kind: 'fact', ref: 'PendingFileRenameOperations', data: { more: renames.length - SHOWN_RENAMES } });
        findings.push(finding('file-rename-operations', { count: renames.length }, { evidence, fix }));
      } else {
        findings.push(finding(source.code, {}, { evidence, fix }));
      }
    }
    if (findings.length === 0) findings.push(finding('no-reboot-pending'));
    return findings;
  },
});
