// When the instance must be stopped for the capture, Tencent sends a soft shutdown (an ACPI power-button
// event); if Windows ignores it, CreateImage fails unless forced power-off was chosen. Tencent's "CVM
// shutdown process analysis" (doc 213/2917) lists why Windows ignores it and says its public images ship
// with those settings fixed; its power guide (doc 213/2756) asks for the High performance plan.
import { defineCheck, type Evidence, type FindingDraft, type Remediation } from './define-check.js';
import { REGISTRY_UNREADABLE } from './shared/findings.js';
import { powerKeyPaths, resolvePower, type PowerValue } from './shared/power.js';
import { unreadableKeys } from './shared/unreadable.js';
import { POWER_BUTTON_ACTIONS, POWER_BUTTON_SHUT_DOWN, POWER_SCHEMES } from '../catalog/power-settings.js';
import { REGISTRY_KEYS as K } from '../catalog/registry-keys.js';
import { asNumber, asString, lookupKey, lookupValue } from '../snapshot/registry.js';

/** [U] No source gives the time Tencent waits for a soft shutdown; a service timeout past a minute risks it. */
const WAIT_TO_KILL_LIMIT_MS = 60_000;
const SCHEME_NAMES: Record<string, string> = {
  [POWER_SCHEMES.highPerformance]: 'High performance (SCHEME_MIN)',
  [POWER_SCHEMES.balanced]: 'Balanced (SCHEME_BALANCED)',
  [POWER_SCHEMES.powerSaver]: 'Power saver (SCHEME_MAX)',
};

export const shutdownReadiness = defineCheck({
  id: 'shutdown-readiness',
  group: 'capture',
  needs: ['registry'],
  optional: ['host'],
  title: {
    en: 'Soft shutdown',
    'zh-CN': '软关机',
    'pt-BR': 'Desligamento suave',
    id: 'Soft shutdown (mematikan secara normal)',
  },
  description: {
    en: 'Whether Windows obeys the soft shutdown Tencent sends before an image is made of a stopped instance.',
    'zh-CN': '制作镜像前需要关机时，Windows 是否会响应腾讯云发送的软关机。',
    'pt-BR': 'Se o Windows atende ao desligamento suave que a Tencent envia antes de criar a imagem de uma instância parada.',
    id: 'Apakah Windows menuruti soft shutdown yang dikirim Tencent sebelum citra dibuat dari instans yang dihentikan.',
  },
  docs: {
    en: `When the instance has to be shut down for the capture, Tencent Cloud sends a soft shutdown: an ACPI
power-button event injected by the host ("CVM shutdown process analysis", doc 213/2917). If Windows ignores
it, image creation fails unless **forced shutdown** is chosen (CreateImage \`ForcePoweroff\`), which cuts the
power without letting Windows write its caches: files being written can be lost. Tencent's page lists the
causes below and says its public images ship with them fixed, by the script of its power guide (doc
213/2756: "Windows Server needs the High performance power plan to support soft shutdown").

| finding | rule | source |
| --- | --- | --- |
| not-high-performance (warn) | \`ActivePowerScheme\` under \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Power\\User\\PowerSchemes\` is not \`8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c\` (High performance, \`GUID_MIN_POWER_SAVINGS\`) | doc 213/2756; GUIDs: Windows SDK ntpoapi.h |
| power-button-ignored (warn) | the power button action on AC (\`SUB_BUTTONS\`/\`PBUTTONACTION\`, \`7648efa3-…\`) is not 3 (\`POWERBUTTON_ACTION_INDEX_SHUTDOWN\`; 0 nothing, 1 sleep, 2 hibernate, 4 display off) | doc 213/2917 cause 5; ntpoapi.h |
| sleep-timer (warn) | sleep (\`STANDBYIDLE\`, \`29f6c1db-…\`) or hibernate (\`HIBERNATEIDLE\`, \`9d7815a6-…\`) after N seconds on AC: a sleeping machine does not handle the shutdown | doc 213/2917 cause 6 |
| display-off-timer (info) | the display turns off after N seconds (\`VIDEOIDLE\`, \`3c0bc021-…\`): Windows' default; what Tencent's images set is not published [U] | doc 213/2756 |
| shutdown-without-logon-off (warn) | \`ShutdownWithoutLogon\` = 0 (or unset, Windows Server's default) under \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\`: with nobody logged on, the shutdown is discarded | doc 213/2917 cause 3; Microsoft's "Shutdown: Allow system to be shut down without having to log on" (Disabled by default on servers) |
| shutdown-tracker-on (warn) | the Shutdown Event Tracker is on (\`ShutdownReasonOn\` under \`HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability\`, else \`…\\CurrentVersion\\Reliability\`; unset means on for Windows Server) and waits for a reason | doc 213/2917 cause 2; Reliability.admx ("by default … only displayed on computers running Windows Server") |
| slow-service-shutdown (warn) | \`WaitToKillServiceTimeout\` under \`HKLM\\SYSTEM\\CurrentControlSet\\Control\` above 60000 ms: shutdown waits that long for each hung service (5000 on current Windows) [U limit] | doc 213/2917 cause 4; Microsoft's Restart Manager documentation |

The power values are read as Windows applies them: Group Policy's (\`HKLM\\SOFTWARE\\Policies\\Microsoft\\Power\\PowerSettings\\{setting}\`),
else the active scheme's override, else the scheme's default (\`…\\Power\\PowerSettings\\{subgroup}\\{setting}\\DefaultPowerSchemeValues\\{scheme}\`);
one found nowhere is reported as unknown, never assumed. Each warning's fix also names the alternative:
forced shutdown at capture, with its data-loss caveat.`,
    'zh-CN': `实例需要关机才能制作镜像时，腾讯云会发送软关机：由宿主机注入的 ACPI
电源按钮事件（“云服务器关机流程分析”，doc 213/2917）。如果 Windows 忽略
它，除非选择了**强制关机**（CreateImage \`ForcePoweroff\`），否则镜像制作会失败；强制关机会直接断电，
不让 Windows 写入缓存：正在写入的文件可能丢失。腾讯云的页面列出了以下
原因，并说明其公共镜像出厂时已通过其电源指南的脚本修复这些问题（doc
213/2756：“Windows Server 需要使用高性能电源计划以支持软关机”）。

| 发现项 | 规则 | 来源 |
| --- | --- | --- |
| not-high-performance (warn) | \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Power\\User\\PowerSchemes\` 下的 \`ActivePowerScheme\` 不是 \`8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c\`（高性能，\`GUID_MIN_POWER_SAVINGS\`） | doc 213/2756；GUID：Windows SDK ntpoapi.h |
| power-button-ignored (warn) | 接通电源时的电源按钮操作（\`SUB_BUTTONS\`/\`PBUTTONACTION\`，\`7648efa3-…\`）不是 3（\`POWERBUTTON_ACTION_INDEX_SHUTDOWN\`；0 不采取任何操作，1 睡眠，2 休眠，4 关闭显示器） | doc 213/2917 原因 5；ntpoapi.h |
| sleep-timer (warn) | 接通电源时 N 秒后睡眠（\`STANDBYIDLE\`，\`29f6c1db-…\`）或休眠（\`HIBERNATEIDLE\`，\`9d7815a6-…\`）：处于睡眠状态的计算机不会处理关机 | doc 213/2917 原因 6 |
| display-off-timer (info) | N 秒后关闭显示器（\`VIDEOIDLE\`，\`3c0bc021-…\`）：Windows 的默认设置；腾讯云镜像的设置未公开 [U] | doc 213/2756 |
| shutdown-without-logon-off (warn) | \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\` 下 \`ShutdownWithoutLogon\` = 0（或未设置，即 Windows Server 的默认值）：无人登录时关机请求会被丢弃 | doc 213/2917 原因 3；Microsoft 的“关机: 允许系统在未登录的情况下关闭”（服务器上默认为已禁用） |
| shutdown-tracker-on (warn) | 关闭事件跟踪程序已开启（\`HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability\` 下的 \`ShutdownReasonOn\`，否则为 \`…\\CurrentVersion\\Reliability\`；未设置时在 Windows Server 上为开启）并会等待填写原因 | doc 213/2917 原因 2；Reliability.admx（“默认情况下……仅在运行 Windows Server 的计算机上显示”） |
| slow-service-shutdown (warn) | \`HKLM\\SYSTEM\\CurrentControlSet\\Control\` 下的 \`WaitToKillServiceTimeout\` 超过 60000 毫秒：关机时会为每个无响应的服务等待这么久（当前 Windows 为 5000）[U 限值] | doc 213/2917 原因 4；Microsoft 的重启管理器文档 |

电源设置值按 Windows 实际应用的方式读取：组策略的值（\`HKLM\\SOFTWARE\\Policies\\Microsoft\\Power\\PowerSettings\\{setting}\`），
否则为活动电源计划的覆盖值，否则为该计划的默认值（\`…\\Power\\PowerSettings\\{subgroup}\\{setting}\\DefaultPowerSchemeValues\\{scheme}\`）；
在任何位置都找不到的值报告为未知，绝不臆断。每条警告的修复方法也会给出替代方案：
制作镜像时强制关机，并说明其可能丢失数据。`,
    'pt-BR': `Quando a instância precisa ser desligada para a captura, a Tencent Cloud envia um desligamento suave: um evento de
botão de energia ACPI injetado pelo host ("Análise do processo de desligamento da CVM", doc 213/2917). Se o Windows o
ignora, a criação da imagem falha, a menos que o **desligamento forçado** seja escolhido (CreateImage \`ForcePoweroff\`),
que corta a energia sem deixar o Windows gravar os caches: arquivos sendo gravados podem se perder. A página da Tencent
lista as causas abaixo e diz que as imagens públicas dela já vêm com elas corrigidas, pelo script do guia de energia
(doc 213/2756: "o Windows Server precisa do plano de energia Alto desempenho para aceitar o desligamento suave").

| constatação | regra | fonte |
| --- | --- | --- |
| not-high-performance (warn) | \`ActivePowerScheme\` em \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Power\\User\\PowerSchemes\` não é \`8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c\` (Alto desempenho, \`GUID_MIN_POWER_SAVINGS\`) | doc 213/2756; GUIDs: Windows SDK ntpoapi.h |
| power-button-ignored (warn) | a ação do botão de energia na tomada (\`SUB_BUTTONS\`/\`PBUTTONACTION\`, \`7648efa3-…\`) não é 3 (\`POWERBUTTON_ACTION_INDEX_SHUTDOWN\`; 0 nada, 1 suspender, 2 hibernar, 4 desligar vídeo) | doc 213/2917 causa 5; ntpoapi.h |
| sleep-timer (warn) | suspender (\`STANDBYIDLE\`, \`29f6c1db-…\`) ou hibernar (\`HIBERNATEIDLE\`, \`9d7815a6-…\`) após N segundos na tomada: uma máquina suspensa não trata o desligamento | doc 213/2917 causa 6 |
| display-off-timer (info) | o vídeo desliga após N segundos (\`VIDEOIDLE\`, \`3c0bc021-…\`): o padrão do Windows; o que as imagens da Tencent definem não é publicado [U] | doc 213/2756 |
| shutdown-without-logon-off (warn) | \`ShutdownWithoutLogon\` = 0 (ou ausente, o padrão do Windows Server) em \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\`: sem ninguém conectado, o desligamento é descartado | doc 213/2917 causa 3; "Desligamento: permitir que o sistema seja desligado sem a necessidade de fazer logon" da Microsoft (Desabilitado por padrão em servidores) |
| shutdown-tracker-on (warn) | o Rastreador de Eventos de Desligamento está ligado (\`ShutdownReasonOn\` em \`HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability\`, senão \`…\\CurrentVersion\\Reliability\`; ausente significa ligado no Windows Server) e espera um motivo | doc 213/2917 causa 2; Reliability.admx ("por padrão … só é exibido em computadores com Windows Server") |
| slow-service-shutdown (warn) | \`WaitToKillServiceTimeout\` em \`HKLM\\SYSTEM\\CurrentControlSet\\Control\` acima de 60000 ms: o desligamento espera esse tempo por cada serviço travado (5000 no Windows atual) [U limite] | doc 213/2917 causa 4; documentação do Gerenciador de Reinicialização da Microsoft |

Os valores de energia são lidos como o Windows os aplica: os da Política de Grupo (\`HKLM\\SOFTWARE\\Policies\\Microsoft\\Power\\PowerSettings\\{setting}\`),
senão a substituição do plano ativo, senão o padrão do plano (\`…\\Power\\PowerSettings\\{subgroup}\\{setting}\\DefaultPowerSchemeValues\\{scheme}\`);
um valor não encontrado em lugar nenhum é relatado como desconhecido, nunca presumido. A correção de cada aviso também
cita a alternativa: desligamento forçado na captura, com a ressalva da perda de dados.`,
    id: `Saat instans harus dimatikan untuk pembuatan citra, Tencent Cloud mengirim soft shutdown: event tombol daya ACPI
yang disuntikkan oleh host ("CVM shutdown process analysis", doc 213/2917). Jika Windows mengabaikannya, pembuatan
citra gagal kecuali **forced shutdown** dipilih (CreateImage \`ForcePoweroff\`), yang memutus daya tanpa membiarkan
Windows menulis cache-nya: berkas yang sedang ditulis bisa hilang. Halaman Tencent mencantumkan penyebab di bawah
ini dan menyatakan bahwa citra publiknya dikirim dalam keadaan sudah diperbaiki, dengan skrip dari panduan dayanya
(doc 213/2756: "Windows Server needs the High performance power plan to support soft shutdown").

| temuan | aturan | sumber |
| --- | --- | --- |
| not-high-performance (warn) | \`ActivePowerScheme\` di bawah \`HKLM\\SYSTEM\\CurrentControlSet\\Control\\Power\\User\\PowerSchemes\` bukan \`8c5e7fda-e8bf-4a96-9a85-a6e23a8c635c\` (High performance, \`GUID_MIN_POWER_SAVINGS\`) | doc 213/2756; GUID: Windows SDK ntpoapi.h |
| power-button-ignored (warn) | tindakan tombol daya saat terhubung listrik (\`SUB_BUTTONS\`/\`PBUTTONACTION\`, \`7648efa3-…\`) bukan 3 (\`POWERBUTTON_ACTION_INDEX_SHUTDOWN\`; 0 tidak ada, 1 sleep, 2 hibernate, 4 matikan layar) | doc 213/2917 penyebab 5; ntpoapi.h |
| sleep-timer (warn) | sleep (\`STANDBYIDLE\`, \`29f6c1db-…\`) atau hibernate (\`HIBERNATEIDLE\`, \`9d7815a6-…\`) setelah N detik saat terhubung listrik: mesin yang sedang sleep tidak menangani shutdown | doc 213/2917 penyebab 6 |
| display-off-timer (info) | layar mati setelah N detik (\`VIDEOIDLE\`, \`3c0bc021-…\`): bawaan Windows; nilai yang diatur citra Tencent tidak dipublikasikan [U] | doc 213/2756 |
| shutdown-without-logon-off (warn) | \`ShutdownWithoutLogon\` = 0 (atau tidak diatur, bawaan Windows Server) di bawah \`HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\`: jika tidak ada yang log on, shutdown dibuang | doc 213/2917 penyebab 3; "Shutdown: Allow system to be shut down without having to log on" dari Microsoft (Disabled secara bawaan di server) |
| shutdown-tracker-on (warn) | Shutdown Event Tracker menyala (\`ShutdownReasonOn\` di bawah \`HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Reliability\`, jika tidak ada \`…\\CurrentVersion\\Reliability\`; tidak diatur berarti menyala untuk Windows Server) dan menunggu alasan | doc 213/2917 penyebab 2; Reliability.admx ("by default … only displayed on computers running Windows Server") |
| slow-service-shutdown (warn) | \`WaitToKillServiceTimeout\` di bawah \`HKLM\\SYSTEM\\CurrentControlSet\\Control\` di atas 60000 ms: shutdown menunggu selama itu untuk setiap layanan yang macet (5000 di Windows terkini) [U batas] | doc 213/2917 penyebab 4; dokumentasi Restart Manager Microsoft |

Nilai daya dibaca sebagaimana Windows menerapkannya: nilai Group Policy (\`HKLM\\SOFTWARE\\Policies\\Microsoft\\Power\\PowerSettings\\{setting}\`),
jika tidak ada, override skema yang aktif, jika tidak ada, bawaan skema (\`…\\Power\\PowerSettings\\{subgroup}\\{setting}\\DefaultPowerSchemeValues\\{scheme}\`);
nilai yang tidak ditemukan di mana pun dilaporkan sebagai tidak diketahui, tidak pernah diasumsikan. Perbaikan setiap
peringatan juga menyebut alternatifnya: forced shutdown saat pembuatan citra, dengan risiko kehilangan data.`,
  },
  findings: {
    'not-high-performance': {
      severity: 'warn',
      message: {
        en: 'The active power plan is {scheme}, not High performance: Tencent requires High performance for soft shutdown',
        'zh-CN': '当前电源计划为 {scheme}，不是“高性能”：腾讯云要求使用“高性能”电源计划以支持软关机',
        'pt-BR': 'O plano de energia ativo é {scheme}, não Alto desempenho: a Tencent exige Alto desempenho para o desligamento suave',
        id: 'Rencana daya yang aktif adalah {scheme}, bukan High performance: Tencent mewajibkan High performance untuk soft shutdown',
      },
    },
    'power-button-ignored': {
      severity: 'warn',
      message: {
        en: 'Pressing the power button makes Windows {action}, not shut down: the soft shutdown will not stop it',
        'zh-CN': '按下电源按钮时 Windows 的操作为“{action}”，而不是关机：软关机无法让它停止',
        'pt-BR': 'Ao pressionar o botão de energia, o Windows executa "{action}" em vez de desligar: o desligamento suave não vai pará-lo',
        id: 'Saat tombol daya ditekan, Windows melakukan "{action}", bukan mati: soft shutdown tidak akan menghentikannya',
      },
    },
    'sleep-timer': {
      severity: 'warn',
      message: {
        en: 'Windows goes to {state} after {minutes} min idle: asleep, it does not handle the soft shutdown',
        'zh-CN': 'Windows 空闲 {minutes} 分钟后会进入{state}：此时不会处理软关机',
        'pt-BR': 'O Windows entra em {state} após {minutes} min ocioso: nesse estado, não atende ao desligamento suave',
        id: 'Windows masuk ke {state} setelah {minutes} menit diam: dalam keadaan itu, soft shutdown tidak ditangani',
      },
    },
    'display-off-timer': {
      severity: 'info',
      message: {
        en: 'The display turns off after {minutes} min idle (Windows default; Tencent asks for never)',
        'zh-CN': '空闲 {minutes} 分钟后关闭显示器（Windows 默认值；腾讯云建议设为“从不”）',
        'pt-BR': 'A tela desliga após {minutes} min ociosa (padrão do Windows; a Tencent recomenda nunca)',
        id: 'Layar mati setelah {minutes} menit diam (bawaan Windows; Tencent menyarankan tidak pernah)',
      },
    },
    'power-unknown': {
      severity: 'info',
      message: {
        en: 'Could not tell the power plan value of: {settings} (not in the registry on this build)',
        'zh-CN': '无法确定以下电源设置的值：{settings}（此版本的注册表中没有）',
        'pt-BR': 'Não foi possível saber o valor de energia de: {settings} (não está no Registro nesta versão)',
        id: 'Tidak dapat mengetahui nilai pengaturan daya: {settings} (tidak ada di Registri pada build ini)',
      },
    },
    'shutdown-without-logon-off': {
      severity: 'warn',
      message: {
        en: 'Shutdown without logging on is not allowed (ShutdownWithoutLogon {value}): with nobody logged on, Windows discards the soft shutdown',
        'zh-CN': '不允许在未登录时关机（ShutdownWithoutLogon 为 {value}）：没有用户登录时，Windows 会丢弃软关机指令',
        'pt-BR':
          'O desligamento sem fazer logon não é permitido (ShutdownWithoutLogon {value}): sem ninguém conectado, o Windows descarta o desligamento suave',
        id: 'Mematikan tanpa masuk tidak diizinkan (ShutdownWithoutLogon {value}): jika tidak ada yang masuk, Windows membuang soft shutdown',
      },
    },
    'shutdown-tracker-on': {
      severity: 'warn',
      message: {
        en: 'The Shutdown Event Tracker is on: it can hold the shutdown while it waits for a reason',
        'zh-CN': '“关闭事件跟踪程序”已开启：它可能会在等待填写关机原因时阻止关机',
        'pt-BR': 'O Rastreador de Eventos de Desligamento está ativado: ele pode segurar o desligamento enquanto espera um motivo',
        id: 'Shutdown Event Tracker aktif: pelacak ini dapat menahan proses mati sambil menunggu alasan',
      },
    },
    'slow-service-shutdown': {
      severity: 'warn',
      message: {
        en: 'Windows waits {seconds} s for each service that does not stop (WaitToKillServiceTimeout): the shutdown can outlast the capture',
        'zh-CN': 'Windows 会为每个未停止的服务等待 {seconds} 秒（WaitToKillServiceTimeout）：关机耗时可能超出镜像制作的等待时间',
        'pt-BR':
          'O Windows espera {seconds} s por cada serviço que não para (WaitToKillServiceTimeout): o desligamento pode durar mais do que a criação da imagem espera',
        id: 'Windows menunggu {seconds} detik untuk setiap layanan yang tidak berhenti (WaitToKillServiceTimeout): proses mati bisa lebih lama dari yang ditunggu pembuatan citra',
      },
    },
    'registry-unreadable': REGISTRY_UNREADABLE,
    'shutdown-ready': {
      severity: 'pass',
      message: {
        en: 'Windows will obey the soft shutdown (High performance plan, power button shuts down, no sleep, shutdown allowed without logon)',
        'zh-CN': 'Windows 会响应软关机（“高性能”电源计划，电源按钮为关机，不会睡眠，允许未登录时关机）',
        'pt-BR':
          'O Windows vai atender ao desligamento suave (plano Alto desempenho, botão de energia desliga, sem suspensão, desligamento permitido sem logon)',
        id: 'Windows akan menuruti soft shutdown (rencana High performance, tombol daya mematikan, tanpa tidur, boleh mati tanpa masuk)',
      },
    },
  },
  messages: {
    sleep: { en: 'sleep', 'zh-CN': '睡眠', 'pt-BR': 'suspensão', id: 'tidur (sleep)' },
    hibernate: { en: 'hibernation', 'zh-CN': '休眠', 'pt-BR': 'hibernação', id: 'hibernasi' },
    actionNothing: { en: 'do nothing', 'zh-CN': '不采取任何操作', 'pt-BR': 'nada', id: 'tidak melakukan apa pun' },
    actionSleep: { en: 'sleep', 'zh-CN': '睡眠', 'pt-BR': 'suspender', id: 'tidur' },
    actionHibernate: { en: 'hibernate', 'zh-CN': '休眠', 'pt-BR': 'hibernar', id: 'hibernasi' },
    actionDisplayOff: { en: 'turn off the display', 'zh-CN': '关闭显示器', 'pt-BR': 'desligar a tela', id: 'mematikan layar' },
    actionOther: { en: 'action {value}', 'zh-CN': '操作 {value}', 'pt-BR': 'ação {value}', id: 'tindakan {value}' },
    fixHighPerformance: {
      en: 'Make High performance the active power plan (elevated prompt; no restart needed):',
      'zh-CN': '将“高性能”设为当前电源计划（在管理员命令提示符中运行；无需重启）：',
      'pt-BR': 'Torne Alto desempenho o plano de energia ativo (prompt de comando como Administrador; não precisa reiniciar):',
      id: 'Jadikan High performance sebagai rencana daya aktif (prompt perintah sebagai Administrator; tanpa mulai ulang):',
    },
    fixPowerButton: {
      en: 'Make the power button shut Windows down (elevated prompt):',
      'zh-CN': '将电源按钮的操作设为关机（在管理员命令提示符中运行）：',
      'pt-BR': 'Faça o botão de energia desligar o Windows (prompt de comando como Administrador):',
      id: 'Atur tombol daya agar mematikan Windows (prompt perintah sebagai Administrator):',
    },
    fixNoSleep: {
      en: 'Never sleep or hibernate on AC power (elevated prompt):',
      'zh-CN': '接通电源时从不睡眠或休眠（在管理员命令提示符中运行）：',
      'pt-BR': 'Nunca suspender nem hibernar na energia elétrica (prompt de comando como Administrador):',
      id: 'Jangan pernah tidur atau hibernasi saat terhubung daya (prompt perintah sebagai Administrator):',
    },
    fixDisplayNever: {
      en: 'Optional: never turn the display off (elevated prompt):',
      'zh-CN': '可选：从不关闭显示器（在管理员命令提示符中运行）：',
      'pt-BR': 'Opcional: nunca desligar a tela (prompt de comando como Administrador):',
      id: 'Opsional: jangan pernah mematikan layar (prompt perintah sebagai Administrator):',
    },
    fixByPolicy: {
      en: 'This value comes from Group Policy ({path}): change it in the policy that sets it ({gpPath}).',
      'zh-CN': '此值来自组策略（{path}）：请在设置它的策略中修改（{gpPath}）。',
      'pt-BR': 'Este valor vem da Política de Grupo ({path}): altere-o na política que o define ({gpPath}).',
      id: 'Nilai ini berasal dari Group Policy ({path}): ubah di kebijakan yang menetapkannya ({gpPath}).',
    },
    gpPowerPath: {
      en: 'Computer Configuration > Administrative Templates > System > Power Management',
      'zh-CN': '计算机配置 > 管理模板 > 系统 > 电源管理',
      'pt-BR': 'Configuração do Computador > Modelos Administrativos > Sistema > Gerenciamento de Energia',
      // Windows Server has no Indonesian UI: the Group Policy editor shows the English names.
      id: 'Computer Configuration > Administrative Templates > System > Power Management',
    },
    fixShutdownWithoutLogon: {
      en: 'Allow shutdown without logging on (elevated prompt):',
      'zh-CN': '允许在未登录时关机（在管理员命令提示符中运行）：',
      'pt-BR': 'Permita o desligamento sem fazer logon (prompt de comando como Administrador):',
      id: 'Izinkan mematikan tanpa masuk (prompt perintah sebagai Administrator):',
    },
    fixTrackerOff: {
      en: 'Turn off the Shutdown Event Tracker by policy (elevated prompt):',
      'zh-CN': '通过策略关闭“关闭事件跟踪程序”（在管理员命令提示符中运行）：',
      'pt-BR': 'Desative o Rastreador de Eventos de Desligamento por política (prompt de comando como Administrador):',
      id: 'Matikan Shutdown Event Tracker melalui kebijakan (prompt perintah sebagai Administrator):',
    },
    fixWaitToKill: {
      en: "Give services Windows' default 5 s to stop (elevated prompt; takes effect at the next restart):",
      'zh-CN': '将服务停止等待时间恢复为 Windows 默认的 5 秒（在管理员命令提示符中运行；下次重启后生效）：',
      'pt-BR':
        'Dê aos serviços o padrão do Windows de 5 s para parar (prompt de comando como Administrador; vale a partir da próxima reinicialização):',
      id: 'Beri layanan waktu bawaan Windows 5 detik untuk berhenti (prompt perintah sebagai Administrator; berlaku setelah mulai ulang berikutnya):',
    },
    fixForced: {
      en: 'Or choose forced shutdown when you create the image (console option, or CreateImage ForcePoweroff=true): the power is cut without Windows writing its caches, so files being written can be lost.',
      'zh-CN':
        '或者在创建镜像时选择强制关机（控制台选项，或 CreateImage 的 ForcePoweroff=true）：这会直接断电，Windows 来不及写入缓存，正在写入的文件可能丢失。',
      'pt-BR':
        'Ou escolha o desligamento forçado ao criar a imagem (opção do console, ou CreateImage ForcePoweroff=true): a energia é cortada sem o Windows gravar os caches, e arquivos em gravação podem ser perdidos.',
      id: 'Atau pilih paksa mati saat membuat citra (opsi konsol, atau CreateImage ForcePoweroff=true): daya diputus tanpa Windows menulis cache-nya, sehingga file yang sedang ditulis bisa hilang.',
    },
  },
  run({ registry, host }, { finding, text }) {
    const forced: Remediation = { message: text('fixForced') };
    const findings: FindingDraft[] = [];
    const power = resolvePower(registry);
    const powerEvidence = (name: string, v: PowerValue): Evidence => ({
      kind: 'registry',
      ref: v.path ?? 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Power',
      data: { setting: name, ACSettingIndex: v.ac ?? null, source: v.source ?? null, activeScheme: power.scheme ?? null },
    });
    const powerFix = (v: PowerValue, message: Remediation): Remediation[] =>
      v.source === 'policy' && v.path
        ? [{ message: text('fixByPolicy', { path: v.path, gpPath: text('gpPowerPath') }) }, forced]
        : [message, forced];

    // The plan.
    if (power.scheme && power.scheme !== POWER_SCHEMES.highPerformance) {
      findings.push(
        finding(
          'not-high-performance',
          { scheme: SCHEME_NAMES[power.scheme] ?? power.scheme },
          {
            evidence: [{ kind: 'registry', ref: K.powerSchemes.path, data: { ActivePowerScheme: power.scheme } }],
            fix: [{ message: text('fixHighPerformance'), commands: ['powercfg.exe /setactive SCHEME_MIN'] }, forced],
          },
        ),
      );
    }

    // The power button.
    const button = power.values.powerButtonAction;
    if (button.ac !== undefined && button.ac !== POWER_BUTTON_SHUT_DOWN) {
      const action =
        button.ac === 0
          ? text('actionNothing')
          : button.ac === 1
            ? text('actionSleep')
            : button.ac === 2
              ? text('actionHibernate')
              : button.ac === 4
                ? text('actionDisplayOff')
                : text('actionOther', { value: `${button.ac} (${POWER_BUTTON_ACTIONS[button.ac] ?? '?'})` });
      findings.push(
        finding(
          'power-button-ignored',
          { action },
          {
            evidence: [powerEvidence('PBUTTONACTION', button)],
            fix: powerFix(button, {
              message: text('fixPowerButton'),
              commands: [
                'powercfg.exe /setacvalueindex SCHEME_CURRENT SUB_BUTTONS PBUTTONACTION 3',
                'powercfg.exe /setactive SCHEME_CURRENT',
              ],
            }),
          },
        ),
      );
    }

    // Sleep and hibernation timers.
    for (const [id, state, command] of [
      ['sleepAfter', text('sleep'), 'powercfg.exe /change standby-timeout-ac 0'],
      ['hibernateAfter', text('hibernate'), 'powercfg.exe /change hibernate-timeout-ac 0'],
    ] as const) {
      const v = power.values[id];
      if (v.ac === undefined || v.ac === 0) continue;
      findings.push(
        finding(
          'sleep-timer',
          { state, minutes: Math.round(v.ac / 60) },
          {
            evidence: [powerEvidence(id === 'sleepAfter' ? 'STANDBYIDLE' : 'HIBERNATEIDLE', v)],
            fix: powerFix(v, { message: text('fixNoSleep'), commands: [command] }),
          },
        ),
      );
    }
    const display = power.values.displayOffAfter;
    if (display.ac !== undefined && display.ac > 0) {
      findings.push(
        finding(
          'display-off-timer',
          { minutes: Math.round(display.ac / 60) },
          {
            evidence: [powerEvidence('VIDEOIDLE', display)],
            fix:
              display.source === 'policy'
                ? []
                : [{ message: text('fixDisplayNever'), commands: ['powercfg.exe /change monitor-timeout-ac 0'] }],
          },
        ),
      );
    }
    const unknown = Object.entries(power.values)
      .filter(([, v]) => v.ac === undefined)
      .map(([id]) => id);
    if (unknown.length > 0) findings.push(finding('power-unknown', { settings: unknown.join(', ') }));

    // Shutdown without logon: unset is Disabled on Windows Server.
    const policies = lookupKey(registry, K.policiesSystem.path);
    const withoutLogon = asNumber(lookupValue(policies, 'ShutdownWithoutLogon'));
    if (policies.state !== 'error' && withoutLogon !== 1) {
      findings.push(
        finding(
          'shutdown-without-logon-off',
          { value: withoutLogon ?? 0 },
          {
            evidence: [
              {
                kind: 'registry',
                ref: K.policiesSystem.path,
                data: { ShutdownWithoutLogon: withoutLogon ?? '(not set: 0 on Windows Server)' },
              },
            ],
            fix: [
              {
                message: text('fixShutdownWithoutLogon'),
                commands: [`reg.exe add "${K.policiesSystem.path}" /v ShutdownWithoutLogon /t REG_DWORD /d 1 /f`],
              },
              forced,
            ],
          },
        ),
      );
    }

    // The Shutdown Event Tracker: policy first, then the local setting; unset is on for Windows Server.
    const policy = lookupKey(registry, K.reliabilityPolicy.path);
    const local = lookupKey(registry, K.reliability.path);
    const trackerOn = asNumber(lookupValue(policy, 'ShutdownReasonOn')) ?? asNumber(lookupValue(local, 'ShutdownReasonOn'));
    const isServer = /server/i.test(`${host?.osCaption ?? ''} ${host?.installationType ?? ''} ${host?.editionId ?? ''}`);
    if (policy.state !== 'error' && (trackerOn === undefined ? isServer : trackerOn !== 0)) {
      findings.push(
        finding(
          'shutdown-tracker-on',
          {},
          {
            evidence: [
              {
                kind: 'registry',
                ref: K.reliabilityPolicy.path,
                data: { ShutdownReasonOn: trackerOn ?? '(not set: on by default on Windows Server)' },
              },
            ],
            fix: [
              {
                message: text('fixTrackerOff'),
                commands: [`reg.exe add "${K.reliabilityPolicy.path}" /v ShutdownReasonOn /t REG_DWORD /d 0 /f`],
              },
              forced,
            ],
          },
        ),
      );
    }

    // How long Windows waits for each service at shutdown (REG_SZ milliseconds).
    const waitRaw = asString(lookupValue(lookupKey(registry, K.control.path), 'WaitToKillServiceTimeout'))?.trim();
    const waitMs = waitRaw && /^\d+$/.test(waitRaw) ? Number(waitRaw) : undefined;
    if (waitMs !== undefined && waitMs > WAIT_TO_KILL_LIMIT_MS) {
      findings.push(
        finding(
          'slow-service-shutdown',
          { seconds: Math.round(waitMs / 1000) },
          {
            evidence: [{ kind: 'registry', ref: K.control.path, data: { WaitToKillServiceTimeout: waitRaw ?? null } }],
            fix: [
              {
                message: text('fixWaitToKill'),
                commands: [`reg.exe add "${K.control.path}" /v WaitToKillServiceTimeout /t REG_SZ /d 5000 /f`],
              },
              forced,
            ],
          },
        ),
      );
    }

    const unreadable = unreadableKeys(
      [...powerKeyPaths(), K.policiesSystem.path, K.reliabilityPolicy.path, K.reliability.path, K.control.path].map((p) =>
        lookupKey(registry, p),
      ),
    );
    if (unreadable) findings.push(finding('registry-unreadable', unreadable.params, { evidence: unreadable.evidence }));
    if (!findings.some((f) => f.severity === 'warn' || f.severity === 'unknown')) findings.unshift(finding('shutdown-ready'));
    return findings;
  },
});
