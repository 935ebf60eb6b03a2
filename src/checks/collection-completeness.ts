// A READY verdict is only as good as the facts under it. Without administrator rights Windows hides the
// program paths of other accounts' processes and some registry keys; the native-tools fallback (sc.exe,
// tasklist, reg.exe) has no program paths, service accounts or descriptions at all. Checks then pass on
// what they could see, so this check says what they could not, and keeps such a run from being READY.
import { defineCheck, type FindingDraft } from './define-check.js';

export const collectionCompleteness = defineCheck({
  id: 'collection-completeness',
  group: 'collection',
  needs: [],
  optional: ['host', 'processes', 'registry', 'services'],
  title: {
    en: 'Completeness of the facts',
    'zh-CN': '采集信息的完整性',
    'pt-BR': 'Completude dos dados',
    id: 'Kelengkapan fakta',
  },
  description: {
    en: 'Whether the facts were collected in full: as administrator, by the PowerShell pass.',
    'zh-CN': '信息是否完整采集：以管理员身份、通过 PowerShell 采集。',
    'pt-BR': 'Se os dados foram coletados por completo: como Administrador, pela passagem do PowerShell.',
    id: 'Apakah fakta dikumpulkan secara lengkap: sebagai Administrator, melalui PowerShell.',
  },
  docs: {
    en: `Other checks judge what the collector could see. Without administrator rights (\`host.elevated\` false)
Windows hides the program paths of other accounts' processes and denies some registry keys; the native
fallback (used when PowerShell is missing, blocked, too old or failed) has no program paths, service accounts
or descriptions. Either way, security software found only by its folder, Tencent agents' program files and
Cloudbase-Init's account go unchecked. So such a run warns, naming what was partly unreadable, and can never
be READY. Run elevated, with Windows PowerShell 3.0 or later, for a full check.`,
    'zh-CN': `其他检查依据收集器所能看到的内容进行判断。没有管理员权限（\`host.elevated\` 为 false）时，
Windows 会隐藏其他帐户进程的程序路径并拒绝访问部分注册表项；原生备用方式（在 PowerShell 缺失、被阻止、版本
过旧或失败时使用）没有程序路径、服务帐户和描述。无论哪种情况，仅凭文件夹发现的安全软件、腾讯云代理程序的文件
和 Cloudbase-Init 的帐户都无法检查。因此这样的运行会给出警告，指出哪些内容部分无法读取，且结果永远不会是
READY。请以提升的权限、使用 Windows PowerShell 3.0 或更高版本运行，以进行完整检查。`,
    'pt-BR': `As outras verificações avaliam o que o coletor conseguiu ver. Sem direitos de administrador (\`host.elevated\` false)
o Windows esconde os caminhos de programa dos processos de outras contas e nega algumas chaves do Registro; o
recurso nativo alternativo (usado quando o PowerShell está ausente, bloqueado, velho demais ou falhou) não tem caminhos
de programa, contas de serviço nem descrições. Em qualquer caso, software de segurança encontrado só pela pasta, os
arquivos de programa dos agentes da Tencent e a conta do Cloudbase-Init ficam sem verificação. Por isso, uma execução
assim gera aviso, dizendo o que ficou parcialmente ilegível, e nunca pode ser READY. Execute com privilégios
elevados, com o Windows PowerShell 3.0 ou posterior, para uma verificação completa.`,
    id: `Pemeriksaan lain mengevaluasi apa yang dapat dilihat kolektor. Tanpa hak administrator (\`host.elevated\` false)
Windows menyembunyikan jalur program proses milik akun lain dan menolak sebagian kunci registri; cara cadangan
native (dipakai saat PowerShell tidak ada, diblokir, terlalu usang, atau gagal) tidak memiliki jalur program, akun
layanan, maupun deskripsi. Dalam kedua kasus, perangkat lunak keamanan yang hanya ditemukan dari foldernya, berkas
program agen Tencent, dan akun Cloudbase-Init tidak terperiksa. Jadi eksekusi seperti itu memberi peringatan, menyebut
apa yang sebagian tidak terbaca, dan tidak pernah bisa READY. Jalankan dengan hak yang ditinggikan, dengan Windows
PowerShell 3.0 atau lebih baru, untuk pemeriksaan lengkap.`,
  },
  findings: {
    'not-elevated': {
      severity: 'warn',
      message: {
        en: 'Collected without administrator rights, so part of the facts is missing: {details}',
        'zh-CN': '未以管理员身份采集，部分信息缺失：{details}',
        'pt-BR': 'Coletado sem direitos de Administrador, então parte dos dados está faltando: {details}',
        id: 'Dikumpulkan tanpa hak Administrator, sehingga sebagian fakta hilang: {details}',
      },
    },
    fallback: {
      severity: 'warn',
      message: {
        en: 'Collected by the native tools instead of PowerShell: program paths, service accounts and descriptions are unknown ({details})',
        'zh-CN': '使用系统自带工具而非 PowerShell 采集：程序路径、服务登录帐户和服务描述未知（{details}）',
        'pt-BR':
          'Coletado pelas ferramentas nativas em vez do PowerShell: caminhos de programas, contas e descrições de serviços são desconhecidos ({details})',
        id: 'Dikumpulkan dengan alat bawaan, bukan PowerShell: jalur program, akun layanan, dan deskripsi tidak diketahui ({details})',
      },
    },
    complete: {
      severity: 'pass',
      message: {
        en: 'Collected in full, as administrator',
        'zh-CN': '已以管理员身份完整采集',
        'pt-BR': 'Coletado por completo, como Administrador',
        id: 'Dikumpulkan secara lengkap, sebagai Administrator',
      },
    },
    'elevation-unknown': {
      severity: 'info',
      message: {
        en: 'The snapshot does not say whether it was collected as administrator',
        'zh-CN': '快照未说明是否以管理员身份采集',
        'pt-BR': 'O snapshot não diz se foi coletado como Administrador',
        id: 'Snapshot tidak menyebutkan apakah dikumpulkan sebagai Administrator',
      },
    },
  },
  messages: {
    keysUnreadable: {
      en: '{count} registry keys unreadable',
      'zh-CN': '{count} 个注册表项无法读取',
      'pt-BR': '{count} chaves do Registro ilegíveis',
      id: '{count} kunci Registri tidak dapat dibaca',
    },
    pathsUnknown: {
      en: 'program paths of {count} processes unknown',
      'zh-CN': '{count} 个进程的程序路径未知',
      'pt-BR': 'caminhos de programa de {count} processos desconhecidos',
      id: 'jalur program {count} proses tidak diketahui',
    },
    unchecked: {
      en: 'security software by folder, agents’ program files and Cloudbase-Init’s account went unchecked',
      'zh-CN': '未能按目录检查安全软件、组件程序文件和 Cloudbase-Init 的登录帐户',
      'pt-BR': 'não foram verificados o software de segurança pela pasta, os arquivos dos agentes e a conta do Cloudbase-Init',
      id: 'perangkat lunak keamanan berdasarkan folder, berkas program agen, dan akun Cloudbase-Init tidak diperiksa',
    },
    fixElevated: {
      en: 'Run image-preflight again from a prompt opened with "Run as administrator".',
      'zh-CN': '在以“以管理员身份运行”打开的命令提示符中重新运行 image-preflight。',
      'pt-BR': 'Execute o image-preflight de novo em um prompt aberto com "Executar como administrador".',
      id: 'Jalankan image-preflight lagi dari prompt yang dibuka dengan "Run as administrator".',
    },
    fixPowerShell: {
      en: 'Make Windows PowerShell 3.0 or later available (WMF 3.0+ on old servers) and allowed to run, then check again; the notes above say why it was not used.',
      'zh-CN':
        '确保 Windows PowerShell 3.0 或更高版本可用（旧服务器需安装 WMF 3.0 及以上）且允许运行，然后再次检查；上方的说明给出了未使用它的原因。',
      'pt-BR':
        'Deixe o Windows PowerShell 3.0 ou posterior disponível (WMF 3.0+ em servidores antigos) e com permissão para executar, e verifique de novo; as notas acima dizem por que ele não foi usado.',
      id: 'Sediakan Windows PowerShell 3.0 atau lebih baru (WMF 3.0+ di server lama) dan izinkan berjalan, lalu periksa lagi; catatan di atas menjelaskan mengapa tidak digunakan.',
    },
  },
  run({ host, processes, registry }, { collector, finding, text }) {
    const findings: FindingDraft[] = [];
    const unreadableKeys = registry?.keys.filter((k) => k.error !== undefined).length ?? 0;
    // Session 0 processes other than the kernel's own (System, Idle, Registry have no path anyway).
    const pathless = (processes ?? []).filter(
      (p) => !p.ExecutablePath && (p.ProcessId ?? 0) > 4 && !/^(Registry|System|Memory Compression|Secure System)$/i.test(p.Name),
    ).length;
    const details = [
      ...(unreadableKeys > 0 ? [text('keysUnreadable', { count: unreadableKeys })] : []),
      ...(pathless > 0 ? [text('pathsUnknown', { count: pathless })] : []),
      text('unchecked'),
    ];
    const list = { list: details, join: 'semicolon' as const };

    if (collector?.method === 'fallback') {
      findings.push(
        finding(
          'fallback',
          { details: list },
          {
            evidence: [{ kind: 'fact', ref: 'collector', data: { method: 'fallback', notes: collector.notes ?? [] } }],
            fix: [{ message: text('fixPowerShell') }],
          },
        ),
      );
    }
    if (host?.elevated === false) {
      findings.push(
        finding(
          'not-elevated',
          { details: list },
          {
            evidence: [{ kind: 'host', ref: 'elevated', data: { elevated: false, currentUser: host.currentUser ?? null } }],
            fix: [{ message: text('fixElevated') }],
          },
        ),
      );
    } else if (host && (host.elevated === undefined || host.elevated === null)) {
      findings.push(finding('elevation-unknown'));
    }
    if (findings.length === 0) findings.push(finding('complete'));
    return findings;
  },
});
