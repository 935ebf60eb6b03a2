// Tencent's Windows images set each new instance's password, hostname and network at first boot through
// Cloudbase-Init, from a config drive on the CD-ROM. If it is missing, disabled or cannot read that
// drive, every instance made from the image comes up without the password the admin chose. Sources:
// Tencent's "install Cloudbase-Init on Windows" guide for imported images and its password-reset
// troubleshooting page (service, start type, account, LocalScriptsPlugin = 2, the CD-ROM drive).
import { defineCheck, type Evidence, type FindingDraft } from './define-check.js';
import { REGISTRY_UNREADABLE } from './shared/findings.js';
import { findService, scCommands, serviceEvidence, startMode, startModeWord } from './shared/services.js';
import { serviceFix } from './shared/fixes.js';
import { unreadableKeys } from './shared/unreadable.js';
import { TENCENT_FIRST_BOOT_SCRIPT } from '../catalog/file-probes.js';
import { REGISTRY_KEYS as K } from '../catalog/registry-keys.js';
import { asNumber, lookupKey, lookupValue } from '../snapshot/registry.js';
import type { Registry } from '../snapshot/schema.js';

const SERVICE = 'cloudbase-init';
/** The agents of Tencent's older images (its image-creation FAQ). */
const OLD_AGENTS = ['QcloudService', 'WinAgent', 'win-agent'];
/** Cloudbase-Init's plugin states (plugins/common/base.py): 1 done for this instance, 2 run again at next boot. */
const RUN_AT_NEXT_BOOT = 2;

/** Every instance's Plugins key Cloudbase-Init left: HKLM\SOFTWARE\Cloudbase Solutions\Cloudbase-Init\<instance>\Plugins. */
function pluginKeys(registry: Registry) {
  const root = `${K.cloudbaseInit.path}\\`.toUpperCase();
  return registry.keys.filter((k) => k.path.toUpperCase().startsWith(root) && /\\Plugins$/i.test(k.path) && k.exists !== false);
}

export const cloudbaseInit = defineCheck({
  id: 'cloudbase-init',
  group: 'instances',
  needs: ['services'],
  optional: ['registry', 'cloudbaseInit'],
  title: {
    en: 'Cloudbase-Init (first boot of new instances)',
    'zh-CN': 'Cloudbase-Init（新实例首次启动）',
    'pt-BR': 'Cloudbase-Init (primeira inicialização das novas instâncias)',
    id: 'Cloudbase-Init (boot pertama instans baru)',
  },
  description: {
    en: 'Instances made from the image get their password, name and network from Cloudbase-Init at first boot.',
    'zh-CN': '用镜像创建的实例在首次启动时通过 Cloudbase-Init 设置密码、主机名和网络。',
    'pt-BR': 'As instâncias criadas a partir da imagem recebem senha, nome e rede do Cloudbase-Init na primeira inicialização.',
    id: 'Instans yang dibuat dari citra mendapatkan kata sandi, nama, dan jaringannya dari Cloudbase-Init saat boot pertama.',
  },
  docs: {
    en: `Tencent Cloud's Windows images set each new instance's password, hostname and network at first boot with
Cloudbase-Init, which reads the instance's settings from a config drive delivered as a CD-ROM
(\`config_drive_cdrom=true\` in Tencent's \`cloudbase-init.conf\`). Sources: Tencent's guide "install
Cloudbase-Init on Windows" for imported images (service run as LocalSystem, Tencent's conf, its
\`TencentCloudRun.ps1\` in the LocalScripts folder) and its troubleshooting page "resetting the password
fails" (the service \`cloudbase-init\` exists, start type Automatic, log on as Local System, every
\`LocalScriptsPlugin\` under \`HKLM\\SOFTWARE\\Cloudbase Solutions\\Cloudbase-Init\\ins-…\\Plugins\` is 2, the CD-ROM
drive is loaded).

| finding | rule |
| --- | --- |
| not-installed (fail) | no service named \`cloudbase-init\`: instances from the image will not get their password |
| not-installed-old-agent (warn) | the same on an image that has one of Tencent's older agents (\`QcloudService\`, \`WinAgent\`, \`win-agent\`), which may have set passwords before Cloudbase-Init [U] |
| disabled (fail) | its start type is Disabled |
| cdrom-disabled (fail) | \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\cdrom\` \`Start\` = 4: the config drive cannot be read (Microsoft: 4 = disabled; Azure's generalize guide requires it on too) |
| first-boot-script-missing (fail) | \`TencentCloudRun.ps1\` is not in the LocalScripts folder (\`local_scripts_path\` of the conf the service is started with) |
| not-automatic (warn) | start type Manual |
| not-local-system (warn) | runs as another account than LocalSystem |
| local-scripts-done (warn) | \`LocalScriptsPlugin\` is not 2 under an instance's Plugins key: Tencent's script will not run again for that instance (password reset fails) |
| conf-missing (warn) | the conf file the service names was not found |
| other-user (info) | the conf sets the password of another user than \`Administrator\` |

Only the settings listed in \`src/catalog/file-probes.ts\` are read from the conf file.`,
    'zh-CN': `腾讯云的 Windows 镜像在首次启动时通过 Cloudbase-Init 为每个新实例设置密码、主机名和网络，
Cloudbase-Init 从以 CD-ROM 形式提供的配置驱动器读取实例设置
（腾讯云 \`cloudbase-init.conf\` 中的 \`config_drive_cdrom=true\`）。来源：腾讯云面向导入镜像的指南
“Windows 操作系统安装 Cloudbase-Init”（服务以 LocalSystem 运行、腾讯云的 conf、LocalScripts 文件夹中的
\`TencentCloudRun.ps1\`）及其故障处理页面“重置密码失败”（服务 \`cloudbase-init\` 存在、启动类型为自动、
登录身份为本地系统、\`HKLM\\SOFTWARE\\Cloudbase Solutions\\Cloudbase-Init\\ins-…\\Plugins\` 下的每个
\`LocalScriptsPlugin\` 为 2、CD-ROM 驱动程序已加载）。

| 发现项 | 规则 |
| --- | --- |
| not-installed (fail) | 没有名为 \`cloudbase-init\` 的服务：由该镜像创建的实例将无法获得密码 |
| not-installed-old-agent (warn) | 同上，但镜像中有腾讯云的某个旧版代理（\`QcloudService\`、\`WinAgent\`、\`win-agent\`），在 Cloudbase-Init 之前它们可能负责设置密码 [U] |
| disabled (fail) | 其启动类型为“禁用” |
| cdrom-disabled (fail) | \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\cdrom\` \`Start\` = 4：无法读取配置驱动器（Microsoft：4 = 禁用；Azure 的通用化指南也要求启用它） |
| first-boot-script-missing (fail) | LocalScripts 文件夹（服务启动时所用 conf 的 \`local_scripts_path\`）中没有 \`TencentCloudRun.ps1\` |
| not-automatic (warn) | 启动类型为“手动” |
| not-local-system (warn) | 以 LocalSystem 以外的帐户运行 |
| local-scripts-done (warn) | 某个实例的 Plugins 项下 \`LocalScriptsPlugin\` 不为 2：腾讯云的脚本不会再为该实例运行（重置密码失败） |
| conf-missing (warn) | 未找到服务指定的 conf 文件 |
| other-user (info) | conf 设置的是 \`Administrator\` 以外用户的密码 |

只从 conf 文件中读取 \`src/catalog/file-probes.ts\` 列出的设置。`,
    'pt-BR': `As imagens Windows da Tencent Cloud definem a senha, o nome do host e a rede de cada nova instância na primeira
inicialização com o Cloudbase-Init, que lê as configurações da instância de uma unidade de configuração entregue como
CD-ROM (\`config_drive_cdrom=true\` no \`cloudbase-init.conf\` da Tencent). Fontes: guia da Tencent "instalar o
Cloudbase-Init no Windows" para imagens importadas (serviço executado como LocalSystem, o conf da Tencent, o
\`TencentCloudRun.ps1\` dela na pasta LocalScripts) e a página de solução de problemas "a redefinição de senha
falha" (o serviço \`cloudbase-init\` existe, tipo de inicialização Automático, logon como Sistema Local, todo
\`LocalScriptsPlugin\` em \`HKLM\\SOFTWARE\\Cloudbase Solutions\\Cloudbase-Init\\ins-…\\Plugins\` é 2, o driver de
CD-ROM está carregado).

| constatação | regra |
| --- | --- |
| not-installed (fail) | nenhum serviço chamado \`cloudbase-init\`: as instâncias criadas a partir da imagem não vão receber a senha |
| not-installed-old-agent (warn) | o mesmo, numa imagem que tem um dos agentes antigos da Tencent (\`QcloudService\`, \`WinAgent\`, \`win-agent\`), que podem ter definido senhas antes do Cloudbase-Init [U] |
| disabled (fail) | o tipo de inicialização é Desativado |
| cdrom-disabled (fail) | \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\cdrom\` \`Start\` = 4: a unidade de configuração não pode ser lida (Microsoft: 4 = desativado; o guia de generalização do Azure também exige que ele esteja ativo) |
| first-boot-script-missing (fail) | \`TencentCloudRun.ps1\` não está na pasta LocalScripts (\`local_scripts_path\` do conf com que o serviço é iniciado) |
| not-automatic (warn) | tipo de inicialização Manual |
| not-local-system (warn) | executado com outra conta que não LocalSystem |
| local-scripts-done (warn) | \`LocalScriptsPlugin\` não é 2 na chave Plugins de uma instância: o script da Tencent não vai rodar de novo para essa instância (a redefinição de senha falha) |
| conf-missing (warn) | o arquivo conf que o serviço indica não foi encontrado |
| other-user (info) | o conf define a senha de outro usuário que não o \`Administrator\` |

Do arquivo conf só são lidas as configurações listadas em \`src/catalog/file-probes.ts\`.`,
    id: `Citra Windows Tencent Cloud mengatur kata sandi, nama host, dan jaringan setiap instans baru saat boot pertama dengan
Cloudbase-Init, yang membaca pengaturan instans dari config drive yang diberikan sebagai CD-ROM
(\`config_drive_cdrom=true\` di \`cloudbase-init.conf\` milik Tencent). Sumber: panduan Tencent "menginstal
Cloudbase-Init di Windows" untuk citra yang diimpor (layanan berjalan sebagai LocalSystem, conf Tencent,
\`TencentCloudRun.ps1\`-nya di folder LocalScripts) dan halaman pemecahan masalahnya "pengaturan ulang kata sandi
gagal" (layanan \`cloudbase-init\` ada, jenis startup Automatic, log on sebagai Local System, setiap
\`LocalScriptsPlugin\` di bawah \`HKLM\\SOFTWARE\\Cloudbase Solutions\\Cloudbase-Init\\ins-…\\Plugins\` bernilai 2,
driver CD-ROM dimuat).

| temuan | aturan |
| --- | --- |
| not-installed (fail) | tidak ada layanan bernama \`cloudbase-init\`: instans dari citra ini tidak akan mendapat kata sandinya |
| not-installed-old-agent (warn) | sama, pada citra yang memiliki salah satu agen lama Tencent (\`QcloudService\`, \`WinAgent\`, \`win-agent\`), yang mungkin mengatur kata sandi sebelum ada Cloudbase-Init [U] |
| disabled (fail) | jenis startup-nya Disabled |
| cdrom-disabled (fail) | \`HKLM\\SYSTEM\\CurrentControlSet\\Services\\cdrom\` \`Start\` = 4: config drive tidak dapat dibaca (Microsoft: 4 = dinonaktifkan; panduan generalisasi Azure juga mewajibkannya aktif) |
| first-boot-script-missing (fail) | \`TencentCloudRun.ps1\` tidak ada di folder LocalScripts (\`local_scripts_path\` dari conf yang dipakai saat layanan dimulai) |
| not-automatic (warn) | jenis startup Manual |
| not-local-system (warn) | berjalan sebagai akun lain selain LocalSystem |
| local-scripts-done (warn) | \`LocalScriptsPlugin\` tidak bernilai 2 di bawah kunci Plugins suatu instans: skrip Tencent tidak akan berjalan lagi untuk instans itu (pengaturan ulang kata sandi gagal) |
| conf-missing (warn) | berkas conf yang disebut layanan tidak ditemukan |
| other-user (info) | conf mengatur kata sandi pengguna lain selain \`Administrator\` |

Hanya pengaturan yang tercantum di \`src/catalog/file-probes.ts\` yang dibaca dari berkas conf.`,
  },
  findings: {
    'not-installed-old-agent': {
      severity: 'warn',
      message: {
        en: 'Cloudbase-Init is not installed; this image has Tencent’s older agent {agent}, which may set passwords instead (not confirmed)',
        'zh-CN': '未安装 Cloudbase-Init；此镜像带有腾讯云旧版组件 {agent}，它可能会代为设置密码（未经证实）',
        'pt-BR':
          'O Cloudbase-Init não está instalado; esta imagem tem o agente antigo da Tencent {agent}, que talvez defina as senhas no lugar dele (não confirmado)',
        id: 'Cloudbase-Init tidak diinstal; citra ini memiliki agen lama Tencent {agent}, yang mungkin mengatur kata sandi sebagai gantinya (belum dipastikan)',
      },
    },
    'not-installed': {
      severity: 'fail',
      message: {
        en: 'Cloudbase-Init is not installed: instances made from the image will not get their password, name or network settings',
        'zh-CN': '未安装 Cloudbase-Init：用镜像创建的实例将无法设置密码、主机名和网络',
        'pt-BR': 'O Cloudbase-Init não está instalado: as instâncias criadas a partir da imagem não vão receber senha, nome nem rede',
        id: 'Cloudbase-Init tidak diinstal: instans yang dibuat dari citra tidak akan mendapat kata sandi, nama, atau pengaturan jaringan',
      },
    },
    disabled: {
      severity: 'fail',
      message: {
        en: 'Cloudbase-Init is disabled: instances made from the image will not get their password',
        'zh-CN': 'Cloudbase-Init 已被禁用：用镜像创建的实例将无法设置密码',
        'pt-BR': 'O Cloudbase-Init está desativado: as instâncias criadas a partir da imagem não vão receber a senha',
        id: 'Cloudbase-Init dinonaktifkan: instans yang dibuat dari citra tidak akan mendapat kata sandinya',
      },
    },
    'cdrom-disabled': {
      severity: 'fail',
      message: {
        en: 'The CD-ROM driver is disabled (cdrom Start=4): Cloudbase-Init cannot read the config drive',
        'zh-CN': 'CD-ROM 驱动程序已被禁用（cdrom Start=4）：Cloudbase-Init 无法读取配置驱动器',
        'pt-BR': 'O driver de CD-ROM está desativado (cdrom Start=4): o Cloudbase-Init não consegue ler a unidade de configuração',
        id: 'Driver CD-ROM dinonaktifkan (cdrom Start=4): Cloudbase-Init tidak dapat membaca config drive',
      },
    },
    'first-boot-script-missing': {
      severity: 'fail',
      message: {
        en: "Tencent's first-boot script {script} is missing from {folder}",
        'zh-CN': '{folder} 中缺少腾讯云首次启动脚本 {script}',
        'pt-BR': 'O script de primeira inicialização da Tencent {script} não está em {folder}',
        id: 'Skrip boot pertama Tencent {script} tidak ada di {folder}',
      },
    },
    'not-automatic': {
      severity: 'warn',
      message: {
        en: 'Cloudbase-Init starts {startMode}, not Automatic',
        'zh-CN': 'Cloudbase-Init 的启动类型为 {startMode}，不是“自动”',
        'pt-BR': 'O tipo de inicialização do Cloudbase-Init é {startMode}, não Automático',
        id: 'Jenis startup Cloudbase-Init adalah {startMode}, bukan Automatic',
      },
    },
    'not-local-system': {
      severity: 'warn',
      message: {
        en: 'Cloudbase-Init runs as {account}, not LocalSystem',
        'zh-CN': 'Cloudbase-Init 以 {account} 身份运行，而不是本地系统帐户（LocalSystem）',
        'pt-BR': 'O Cloudbase-Init é executado como {account}, não como LocalSystem',
        id: 'Cloudbase-Init berjalan sebagai {account}, bukan LocalSystem',
      },
    },
    'local-scripts-done': {
      severity: 'warn',
      message: {
        en: 'LocalScriptsPlugin is {value} for {instance}, not 2: resetting that instance’s password will fail',
        'zh-CN': '{instance} 的 LocalScriptsPlugin 为 {value}，不是 2：该实例重置密码将会失败',
        'pt-BR': 'LocalScriptsPlugin é {value} para {instance}, não 2: a redefinição de senha dessa instância vai falhar',
        id: 'LocalScriptsPlugin bernilai {value} untuk {instance}, bukan 2: pengaturan ulang kata sandi instans itu akan gagal',
      },
    },
    'conf-missing': {
      severity: 'warn',
      message: {
        en: 'Cloudbase-Init’s configuration file was not found: {path}',
        'zh-CN': '未找到 Cloudbase-Init 的配置文件：{path}',
        'pt-BR': 'O arquivo de configuração do Cloudbase-Init não foi encontrado: {path}',
        id: 'Berkas konfigurasi Cloudbase-Init tidak ditemukan: {path}',
      },
    },
    'other-user': {
      severity: 'info',
      message: {
        en: 'Cloudbase-Init sets the password of user {user}, not Administrator',
        'zh-CN': 'Cloudbase-Init 设置的是用户 {user} 的密码，而不是 Administrator',
        'pt-BR': 'O Cloudbase-Init define a senha do usuário {user}, não do Administrator',
        id: 'Cloudbase-Init mengatur kata sandi pengguna {user}, bukan Administrator',
      },
    },
    'registry-unreadable': REGISTRY_UNREADABLE,
    ready: {
      severity: 'pass',
      message: {
        en: 'Cloudbase-Init is set up as Tencent sets it (Automatic, LocalSystem, first-boot script present)',
        'zh-CN': 'Cloudbase-Init 的配置与腾讯云一致（自动启动，本地系统帐户，首次启动脚本存在）',
        'pt-BR':
          'O Cloudbase-Init está configurado como a Tencent configura (Automático, LocalSystem, script de primeira inicialização presente)',
        id: 'Cloudbase-Init diatur seperti pengaturan Tencent (Automatic, LocalSystem, skrip boot pertama ada)',
      },
    },
  },
  messages: {
    fixInstall: {
      en: 'Install Cloudbase-Init as Tencent Cloud\'s guide "Installing Cloudbase-Init on Windows" describes (run as LocalSystem, Tencent\'s cloudbase-init.conf and TencentCloudRun.ps1), then check again.',
      'zh-CN':
        '按照腾讯云文档《Windows 操作系统安装 Cloudbase-Init》安装 Cloudbase-Init（以本地系统帐户运行，使用腾讯云的 cloudbase-init.conf 和 TencentCloudRun.ps1），然后再次检查。',
      'pt-BR':
        'Instale o Cloudbase-Init como descreve o guia da Tencent Cloud "Instalar o Cloudbase-Init no Windows" (executar como LocalSystem, cloudbase-init.conf e TencentCloudRun.ps1 da Tencent) e verifique de novo.',
      id: 'Pasang Cloudbase-Init seperti yang dijelaskan panduan Tencent Cloud "Memasang Cloudbase-Init di Windows" (berjalan sebagai LocalSystem, cloudbase-init.conf dan TencentCloudRun.ps1 dari Tencent), lalu periksa lagi.',
    },
    fixAutomatic: {
      en: 'Set Cloudbase-Init to start automatically (elevated prompt):',
      'zh-CN': '将 Cloudbase-Init 设置为自动启动（在管理员命令提示符中运行）：',
      'pt-BR': 'Configure o Cloudbase-Init para iniciar automaticamente (prompt de comando como Administrador):',
      id: 'Atur Cloudbase-Init agar dimulai otomatis (prompt perintah sebagai Administrator):',
    },
    fixLocalSystem: {
      en: 'Run Cloudbase-Init as LocalSystem (elevated prompt):',
      'zh-CN': '以本地系统帐户运行 Cloudbase-Init（在管理员命令提示符中运行）：',
      'pt-BR': 'Execute o Cloudbase-Init como LocalSystem (prompt de comando como Administrador):',
      id: 'Jalankan Cloudbase-Init sebagai LocalSystem (prompt perintah sebagai Administrator):',
    },
    fixLocalScripts: {
      en: 'Set LocalScriptsPlugin back to 2 (elevated prompt):',
      'zh-CN': '将 LocalScriptsPlugin 改回 2（在管理员命令提示符中运行）：',
      'pt-BR': 'Volte LocalScriptsPlugin para 2 (prompt de comando como Administrador):',
      id: 'Kembalikan LocalScriptsPlugin ke 2 (prompt perintah sebagai Administrator):',
    },
    fixCdrom: {
      en: 'Turn the CD-ROM driver back on (elevated prompt; takes effect at the next restart):',
      'zh-CN': '重新启用 CD-ROM 驱动程序（在管理员命令提示符中运行；下次重启后生效）：',
      'pt-BR': 'Reative o driver de CD-ROM (prompt de comando como Administrador; vale a partir da próxima reinicialização):',
      id: 'Aktifkan kembali driver CD-ROM (prompt perintah sebagai Administrator; berlaku setelah mulai ulang berikutnya):',
    },
    fixScript: {
      en: "Put Tencent's TencentCloudRun.ps1 back in that folder (from Tencent Cloud's Cloudbase-Init guide) and unblock it in its Properties.",
      'zh-CN': '将腾讯云的 TencentCloudRun.ps1 放回该目录（见腾讯云 Cloudbase-Init 安装文档），并在其“属性”中解除锁定。',
      'pt-BR':
        'Coloque de volta nessa pasta o TencentCloudRun.ps1 da Tencent (do guia do Cloudbase-Init da Tencent Cloud) e desbloqueie-o nas Propriedades.',
      id: 'Kembalikan TencentCloudRun.ps1 dari Tencent ke folder itu (dari panduan Cloudbase-Init Tencent Cloud) dan buka blokirnya di Properties.',
    },
  },
  run({ services, registry, cloudbaseInit }, { finding, text }) {
    const findings: FindingDraft[] = [];
    const svc = findService(services, SERVICE);
    if (!svc) {
      // Images from before Tencent adopted Cloudbase-Init initialised instances with its own agents [U].
      const oldAgent = OLD_AGENTS.map((n) => findService(services, n)).find((x) => x !== undefined);
      return oldAgent
        ? [
            finding(
              'not-installed-old-agent',
              { agent: oldAgent.Name },
              { evidence: [serviceEvidence(oldAgent)], fix: [{ message: text('fixInstall') }] },
            ),
          ]
        : [finding('not-installed', {}, { fix: [{ message: text('fixInstall') }] })];
    }
    const base = serviceEvidence(svc);
    const evidence: Evidence[] = [{ ...base, data: { ...base.data, StartName: svc.StartName ?? null } }];
    const mode = startMode(svc);
    if (mode === 'disabled') {
      findings.push(
        finding(
          'disabled',
          {},
          {
            evidence,
            fix: serviceFix(
              text('fixAutomatic'),
              svc.Name,
              scCommands([svc], (q) => [`sc.exe config ${q} start= auto`]),
            ),
          },
        ),
      );
    } else if (mode !== 'auto') {
      findings.push(
        finding(
          'not-automatic',
          { startMode: startModeWord(svc) },
          {
            evidence,
            fix: serviceFix(
              text('fixAutomatic'),
              svc.Name,
              scCommands([svc], (q) => [`sc.exe config ${q} start= auto`]),
            ),
          },
        ),
      );
    }
    const account = svc.StartName?.trim();
    if (account && !/^(localsystem|nt authority\\system|\.\\localsystem)$/i.test(account)) {
      findings.push(
        finding(
          'not-local-system',
          { account },
          {
            evidence: [{ kind: 'service', ref: svc.Name, data: { StartName: account } }],
            fix: serviceFix(
              text('fixLocalSystem'),
              svc.Name,
              scCommands([svc], (q) => [`sc.exe config ${q} obj= LocalSystem`]),
            ),
          },
        ),
      );
    }

    if (registry) {
      const cdrom = lookupKey(registry, K.cdrom.path);
      if (asNumber(lookupValue(cdrom, 'Start')) === 4) {
        findings.push(
          finding(
            'cdrom-disabled',
            {},
            {
              evidence: [{ kind: 'registry', ref: K.cdrom.path, data: { Start: 4 } }],
              fix: [{ message: text('fixCdrom'), commands: [`reg.exe add "${K.cdrom.path}" /v Start /t REG_DWORD /d 1 /f`] }],
            },
          ),
        );
      }
      for (const key of pluginKeys(registry)) {
        const value = key.values?.find((v) => v.name.toLowerCase() === 'localscriptsplugin');
        if (!value || value.data === RUN_AT_NEXT_BOOT) continue;
        const instance = key.path.split('\\').at(-2) ?? '?';
        findings.push(
          finding(
            'local-scripts-done',
            { value: String(value.data), instance },
            {
              evidence: [{ kind: 'registry', ref: key.path, data: { LocalScriptsPlugin: value.data } }],
              fix: [
                { message: text('fixLocalScripts'), commands: [`reg.exe add "${key.path}" /v LocalScriptsPlugin /t REG_DWORD /d 2 /f`] },
              ],
            },
          ),
        );
      }
      const unreadable = unreadableKeys([lookupKey(registry, K.cdrom.path), lookupKey(registry, K.cloudbaseInit.path)]);
      if (unreadable) findings.push(finding('registry-unreadable', unreadable.params, { evidence: unreadable.evidence }));
    }

    if (cloudbaseInit) {
      if (!cloudbaseInit.confFound) {
        findings.push(finding('conf-missing', { path: cloudbaseInit.confPath ?? '?' }, { fix: [{ message: text('fixInstall') }] }));
      } else {
        const user = cloudbaseInit.settings.username?.replace(/^"|"$/g, '').trim();
        if (user && user.toLowerCase() !== 'administrator') findings.push(finding('other-user', { user }));
      }
      const hasScript = cloudbaseInit.localScripts.some((f) => f.toLowerCase() === TENCENT_FIRST_BOOT_SCRIPT.toLowerCase());
      if (!hasScript) {
        findings.push(
          finding(
            'first-boot-script-missing',
            { script: TENCENT_FIRST_BOOT_SCRIPT, folder: cloudbaseInit.localScriptsPath ?? '?' },
            {
              evidence: [
                { kind: 'file', ref: cloudbaseInit.localScriptsPath ?? '?', data: { files: cloudbaseInit.localScripts.slice(0, 20) } },
              ],
              fix: [{ message: text('fixScript') }],
            },
          ),
        );
      }
    }

    if (!findings.some((f) => f.severity !== 'info')) findings.unshift(finding('ready', {}, { evidence }));
    return findings;
  },
});
