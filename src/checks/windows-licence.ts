// Tencent's FAQ, cause 4: an unactivated Windows shows activation notices, and an expired evaluation
// edition shuts itself down every hour, which kills a capture in progress.
import { defineCheck, type FindingDraft, type MessageRef, type Remediation } from './define-check.js';
import { gvlkFor, TENCENT_KMS } from '../catalog/windows-editions.js';
import type { Host, LicenceProduct } from '../snapshot/schema.js';
import { shellArg } from '../util/shell-command.js';

const STATUS_NAMES: Record<number, string> = {
  0: 'Unlicensed',
  1: 'Licensed',
  2: 'OOBGrace',
  3: 'OOTGrace',
  4: 'NonGenuineGrace',
  5: 'Notification',
  6: 'ExtendedGrace',
};
const statusName = (status: number) => STATUS_NAMES[status] ?? String(status);

/**
 * `cscript.exe //nologo <SystemRoot>\System32\slmgr.vbs`, with the folder the snapshot recorded: %SystemRoot%
 * would be expanded by cmd.exe only, and cscript does not search PATH for the script.
 */
function slmgr(host: Host | undefined): string | undefined {
  const script = shellArg(`${host?.systemRoot ?? 'C:\\Windows'}\\System32\\slmgr.vbs`);
  return script && `cscript.exe //nologo ${script}`;
}

/** A KMS client (Volume:GVLK), a key of its own (Retail, OEM, MAK), or not recorded. */
function channelKind(channel: string | null | undefined): 'kms' | 'own' | 'unknown' {
  if (!channel) return 'unknown';
  return /GVLK/i.test(channel) ? 'kms' : 'own';
}

function evidenceOf(p: LicenceProduct) {
  return {
    kind: 'licence' as const,
    ref: p.Name ?? 'Windows',
    data: {
      LicenseStatus: `${p.LicenseStatus} (${STATUS_NAMES[p.LicenseStatus] ?? 'unknown'})`,
      GracePeriodRemaining: p.GracePeriodRemaining ?? null,
    },
  };
}

export const windowsLicence = defineCheck({
  id: 'windows-licence',
  group: 'popups',
  needs: ['licensing'],
  optional: ['host'],
  title: {
    en: 'Windows activation',
    'zh-CN': 'Windows 激活',
    'pt-BR': 'Ativação do Windows',
    id: 'Aktivasi Windows',
  },
  description: {
    en: 'Unactivated Windows shows notices; an expired evaluation edition shuts down every hour.',
    'zh-CN': '未激活的 Windows 会弹出通知；已过期的评估版每小时自动关机一次。',
    'pt-BR': 'Um Windows não ativado exibe avisos; uma edição de avaliação expirada desliga a cada hora.',
    id: 'Windows yang belum diaktifkan menampilkan pemberitahuan; edisi evaluasi yang kedaluwarsa mati setiap jam.',
  },
  docs: {
    en: `Cause 4. Not activated (LicenseStatus 0, 4 or 5): warn. An expired evaluation edition: fail, because the
licensing service shuts Windows down every hour (Microsoft's evaluation terms; the \`WLMS\` service does it on
Windows Server), which can cut a capture off, and every instance made from the image would do the same. A
grace period or an evaluation edition with less than a day left: warn; with more: a note.
Fix: Tencent Cloud's KMS (\`slmgr.vbs /skms kms.tencentyun.com:1688\`, \`/ato\`, from Tencent Cloud's "Windows
activation" guide) serves only CVMs made from its public images, whose key is a KMS client key
(\`ProductKeyChannel\` Volume:GVLK); a key of its own (Retail, OEM, MAK: BYOL or an imported image) is activated
with that licence; when the channel was not recorded, both are said, with Microsoft's KMS client key for the
edition (\`/ipk\`) in case none is installed. An evaluation edition gets the complete
\`DISM.exe /Online /Set-Edition:<edition> /ProductKey:<key> /AcceptEula\` with Microsoft's published KMS client
key for its edition and build (Microsoft Learn, "KMS client activation and product keys"). \`slmgr.vbs\` is
named by the Windows folder the snapshot recorded, never by \`%SystemRoot%\` (which PowerShell does not expand).`,
    'zh-CN': `原因 4。未激活（LicenseStatus 0、4 或 5）：warn。已过期的评估版：fail，因为
许可服务每小时关闭一次 Windows（Microsoft 的评估条款；在 Windows Server 上由 \`WLMS\` 服务执行），
这可能中断镜像制作，且由该镜像创建的每个实例都会如此。
宽限期或剩余不足一天的评估版：warn；剩余更多：提示。
修复：腾讯云的 KMS（\`slmgr.vbs /skms kms.tencentyun.com:1688\`、\`/ato\`，来自腾讯云《Windows
激活》指南）只服务于由其公共镜像创建的云服务器，其密钥为 KMS 客户端密钥
（\`ProductKeyChannel\` Volume:GVLK）；自有密钥（Retail、OEM、MAK：BYOL 或导入镜像）使用
该许可证激活；未记录渠道时，两种方式都会给出，并附上该版本的 Microsoft KMS 客户端密钥
（\`/ipk\`），以防未安装任何密钥。评估版会得到完整的
\`DISM.exe /Online /Set-Edition:<edition> /ProductKey:<key> /AcceptEula\`，附带 Microsoft 针对其版本和内部版本
公布的 KMS 客户端密钥（Microsoft Learn，“KMS 客户端激活和产品密钥”）。\`slmgr.vbs\` 的路径
按快照记录的 Windows 文件夹给出，绝不使用 \`%SystemRoot%\`（PowerShell 不会展开它）。`,
    'pt-BR': `Causa 4. Não ativado (LicenseStatus 0, 4 ou 5): warn. Uma edição de avaliação expirada: fail, porque o
serviço de licenciamento desliga o Windows a cada hora (termos de avaliação da Microsoft; o serviço \`WLMS\` faz isso no
Windows Server), o que pode interromper uma captura, e toda instância criada a partir da imagem faria o mesmo. Um
período de carência ou uma edição de avaliação com menos de um dia restante: warn; com mais: uma nota.
Correção: o KMS da Tencent Cloud (\`slmgr.vbs /skms kms.tencentyun.com:1688\`, \`/ato\`, do guia "Ativação do Windows"
da Tencent Cloud) atende só CVMs criadas das imagens públicas dela, cuja chave é uma chave de cliente KMS
(\`ProductKeyChannel\` Volume:GVLK); uma chave própria (Retail, OEM, MAK: BYOL ou uma imagem importada) é ativada
com essa licença; quando o canal não foi registrado, as duas opções são ditas, com a chave de cliente KMS da Microsoft
para a edição (\`/ipk\`), caso nenhuma esteja instalada. Uma edição de avaliação recebe o comando completo
\`DISM.exe /Online /Set-Edition:<edition> /ProductKey:<key> /AcceptEula\` com a chave de cliente KMS publicada pela
Microsoft para a edição e o build dela (Microsoft Learn, "Ativação de cliente KMS e chaves de produto"). O \`slmgr.vbs\`
é indicado pela pasta do Windows que o snapshot registrou, nunca por \`%SystemRoot%\` (que o PowerShell não expande).`,
    id: `Penyebab 4. Belum diaktifkan (LicenseStatus 0, 4, atau 5): warn. Edisi evaluasi yang kedaluwarsa: fail, karena
layanan lisensi mematikan Windows setiap jam (ketentuan evaluasi Microsoft; layanan \`WLMS\` melakukannya di
Windows Server), yang dapat memutus pembuatan citra, dan setiap instans yang dibuat dari citra akan melakukan hal yang
sama. Masa tenggang atau edisi evaluasi dengan sisa kurang dari sehari: warn; lebih dari itu: catatan.
Perbaikan: KMS Tencent Cloud (\`slmgr.vbs /skms kms.tencentyun.com:1688\`, \`/ato\`, dari panduan "Windows
activation" Tencent Cloud) hanya melayani CVM yang dibuat dari citra publiknya, yang kuncinya adalah kunci klien KMS
(\`ProductKeyChannel\` Volume:GVLK); kunci milik sendiri (Retail, OEM, MAK: BYOL atau citra yang diimpor) diaktifkan
dengan lisensi tersebut; jika kanal tidak tercatat, keduanya disebutkan, dengan kunci klien KMS Microsoft untuk
edisi itu (\`/ipk\`) seandainya belum ada kunci yang diinstal. Edisi evaluasi mendapat perintah lengkap
\`DISM.exe /Online /Set-Edition:<edition> /ProductKey:<key> /AcceptEula\` dengan kunci klien KMS yang dipublikasikan
Microsoft untuk edisi dan build-nya (Microsoft Learn, "KMS client activation and product keys"). \`slmgr.vbs\`
disebut dengan folder Windows yang dicatat snapshot, tidak pernah dengan \`%SystemRoot%\` (yang tidak diperluas PowerShell).`,
  },
  findings: {
    unlicensed: {
      severity: 'warn',
      message: {
        en: 'Windows is not activated ({status}): activation notices appear',
        'zh-CN': 'Windows 未激活（{status}）：会弹出激活通知',
        'pt-BR': 'O Windows não está ativado ({status}): avisos de ativação são exibidos',
        id: 'Windows belum diaktifkan ({status}): pemberitahuan aktivasi muncul',
      },
    },
    'evaluation-expired': {
      // The licence service shuts Windows down every hour: a capture can be cut off, and every instance
      // made from the image does the same.
      severity: 'fail',
      message: {
        en: 'Evaluation edition has expired ({status}): Windows shuts down every hour',
        'zh-CN': '评估版已过期（{status}）：Windows 每小时自动关机一次',
        'pt-BR': 'A edição de avaliação expirou ({status}): o Windows desliga a cada hora',
        id: 'Edisi evaluasi sudah kedaluwarsa ({status}): Windows mati setiap jam',
      },
    },
    'evaluation-expiring': {
      severity: 'warn',
      message: {
        en: 'Evaluation edition expires in {days, plural, one {# day} other {# days}}: it will then shut down every hour',
        'zh-CN': '评估版将在 {days} 天后过期：过期后每小时自动关机一次',
        'pt-BR': 'A edição de avaliação expira em {days, plural, one {# dia} other {# dias}}: depois disso, desligará a cada hora',
        id: 'Edisi evaluasi kedaluwarsa dalam {days} hari: setelah itu akan mati setiap jam',
      },
    },
    'grace-ending': {
      severity: 'warn',
      message: {
        en: 'Windows activation grace period ({status}) ends in {days, plural, one {# day} other {# days}}',
        'zh-CN': 'Windows 激活宽限期（{status}）将在 {days} 天后结束',
        'pt-BR': 'O período de carência da ativação do Windows ({status}) termina em {days, plural, one {# dia} other {# dias}}',
        id: 'Masa tenggang aktivasi Windows ({status}) berakhir dalam {days} hari',
      },
    },
    evaluation: {
      severity: 'info',
      message: {
        en: 'Evaluation edition, {days, plural, one {# day} other {# days}} left',
        'zh-CN': '评估版，剩余 {days} 天',
        'pt-BR': 'Edição de avaliação, {days, plural, one {resta # dia} other {restam # dias}}',
        id: 'Edisi evaluasi, tersisa {days} hari',
      },
    },
    grace: {
      severity: 'info',
      message: {
        en: 'Windows is in its activation grace period ({status}), {days, plural, one {# day} other {# days}} left',
        'zh-CN': 'Windows 处于激活宽限期（{status}），剩余 {days} 天',
        'pt-BR': 'O Windows está no período de carência da ativação ({status}), {days, plural, one {resta # dia} other {restam # dias}}',
        id: 'Windows dalam masa tenggang aktivasi ({status}), tersisa {days} hari',
      },
    },
    'licence-no-product': {
      severity: 'info',
      message: {
        en: 'No Windows licence information was found',
        'zh-CN': '未找到 Windows 许可证信息',
        'pt-BR': 'Nenhuma informação de licença do Windows foi encontrada',
        id: 'Informasi lisensi Windows tidak ditemukan',
      },
    },
    licensed: {
      severity: 'pass',
      message: {
        en: 'Windows is activated',
        'zh-CN': 'Windows 已激活',
        'pt-BR': 'O Windows está ativado',
        id: 'Windows sudah diaktifkan',
      },
    },
  },
  messages: {
    fixEvaluation: {
      en: "Convert the evaluation edition to {edition} (elevated prompt). The key below is Microsoft's public KMS client key for {edition}: it activates only against a KMS host you are licensed to use, so put your own product key in its place otherwise (Tencent Cloud's KMS serves its public images only). DISM asks to restart; the conversion finishes during the restart: do not power off.",
      'zh-CN':
        '将评估版转换为 {edition}（在管理员命令提示符中运行）。下面的密钥是微软公开的 {edition} KMS 客户端密钥：它只能通过您有权使用的 KMS 主机激活，否则请换成您自己的产品密钥（腾讯云 KMS 只服务其公共镜像）。DISM 会要求重启，转换在重启过程中完成：请勿关机。',
      'pt-BR':
        'Converta a edição de avaliação para {edition} (prompt de comando como Administrador). A chave abaixo é a chave pública de cliente KMS da Microsoft para {edition}: ela só ativa com um host KMS que você tem licença para usar; caso contrário, use a sua própria chave de produto (o KMS da Tencent Cloud atende só às imagens públicas dela). O DISM pede para reiniciar; a conversão termina durante a reinicialização: não desligue.',
      id: 'Konversi edisi evaluasi ke {edition} (prompt perintah sebagai Administrator). Kunci di bawah adalah kunci klien KMS publik Microsoft untuk {edition}: kunci ini hanya aktif melalui host KMS yang boleh Anda pakai, jadi ganti dengan kunci produk Anda sendiri bila tidak (KMS Tencent Cloud hanya melayani citra publiknya). DISM meminta mulai ulang; konversi selesai saat mulai ulang: jangan matikan mesin.',
    },
    fixEvaluationUnknown: {
      en: 'Evaluation editions cannot be activated: convert the edition with your product key (DISM.exe /Online /Set-Edition with /ProductKey and /AcceptEula; the command below lists the editions it can become), or build the image from a Tencent Cloud public image:',
      'zh-CN':
        '评估版无法激活：请使用您的产品密钥转换版本（DISM.exe /Online /Set-Edition，并加上 /ProductKey 和 /AcceptEula；下面的命令会列出可转换的目标版本），或基于腾讯云公共镜像制作镜像：',
      'pt-BR':
        'Edições de avaliação não podem ser ativadas: converta a edição com a sua chave de produto (DISM.exe /Online /Set-Edition com /ProductKey e /AcceptEula; o comando abaixo lista as edições possíveis) ou crie a imagem a partir de uma imagem pública da Tencent Cloud:',
      id: 'Edisi evaluasi tidak dapat diaktifkan: konversi edisinya dengan kunci produk Anda (DISM.exe /Online /Set-Edition dengan /ProductKey dan /AcceptEula; perintah di bawah menampilkan edisi tujuan yang tersedia), atau buat citra dari citra publik Tencent Cloud:',
    },
    fixActivate: {
      en: "Activate Windows against Tencent Cloud's KMS (elevated prompt; for CVMs made from Tencent Cloud public images, which carry a KMS client key):",
      'zh-CN':
        '通过腾讯云 KMS 激活 Windows（在管理员命令提示符中运行；适用于基于腾讯云公共镜像创建的云服务器，其中已安装 KMS 客户端密钥）：',
      'pt-BR':
        'Ative o Windows com o KMS da Tencent Cloud (prompt de comando como Administrador; para CVMs criadas a partir de imagens públicas da Tencent Cloud, que trazem uma chave de cliente KMS):',
      id: 'Aktifkan Windows dengan KMS Tencent Cloud (prompt perintah sebagai Administrator; untuk CVM yang dibuat dari citra publik Tencent Cloud, yang sudah membawa kunci klien KMS):',
    },
    fixActivateIfPublic: {
      en: "If this CVM was made from a Tencent Cloud public image, activate it against Tencent Cloud's KMS (elevated prompt). Windows you brought yourself (BYOL, an imported image) must be activated with its own licence instead:",
      'zh-CN':
        '如果此云服务器基于腾讯云公共镜像创建，请通过腾讯云 KMS 激活（在管理员命令提示符中运行）。自带许可证（BYOL）或导入镜像中的 Windows 必须使用其自身的许可证激活：',
      'pt-BR':
        'Se esta CVM foi criada a partir de uma imagem pública da Tencent Cloud, ative-a com o KMS da Tencent Cloud (prompt de comando como Administrador). Um Windows trazido por você (BYOL, imagem importada) deve ser ativado com a própria licença:',
      id: 'Jika CVM ini dibuat dari citra publik Tencent Cloud, aktifkan dengan KMS Tencent Cloud (prompt perintah sebagai Administrator). Windows yang Anda bawa sendiri (BYOL, citra impor) harus diaktifkan dengan lisensinya sendiri:',
    },
    fixInstallGvlk: {
      en: "If /ato reports that no KMS client key is installed, install Microsoft's KMS client key for {edition} first, then run the two commands above again:",
      'zh-CN': '如果 /ato 提示未安装 KMS 客户端密钥，请先安装微软公开的 {edition} KMS 客户端密钥，然后再次运行上面的两条命令：',
      'pt-BR':
        'Se o /ato informar que não há chave de cliente KMS instalada, instale antes a chave de cliente KMS da Microsoft para {edition} e execute de novo os dois comandos acima:',
      id: 'Jika /ato melaporkan bahwa belum ada kunci klien KMS yang diinstal, instal dulu kunci klien KMS Microsoft untuk {edition}, lalu jalankan lagi dua perintah di atas:',
    },
    fixOwnLicence: {
      en: "This Windows uses a key of its own ({channel}), not a KMS client key, so Tencent Cloud's KMS does not apply: activate it with its licence (elevated prompt; needs internet access for a retail or MAK key):",
      'zh-CN':
        '此 Windows 使用自己的密钥（{channel}），而不是 KMS 客户端密钥，因此不适用腾讯云 KMS：请使用其许可证激活（在管理员命令提示符中运行；零售或 MAK 密钥需要访问互联网）：',
      'pt-BR':
        'Este Windows usa uma chave própria ({channel}), não uma chave de cliente KMS, então o KMS da Tencent Cloud não se aplica: ative-o com a licença dele (prompt de comando como Administrador; chaves de varejo ou MAK precisam de acesso à internet):',
      id: 'Windows ini memakai kuncinya sendiri ({channel}), bukan kunci klien KMS, sehingga KMS Tencent Cloud tidak berlaku: aktifkan dengan lisensinya (prompt perintah sebagai Administrator; kunci ritel atau MAK memerlukan akses internet):',
    },
    fixNoCommand: {
      en: 'Activate Windows with its licence; no command is given because the Windows folder recorded for this machine cannot be written safely on a command line.',
      'zh-CN': '请使用许可证激活 Windows；由于此计算机记录的 Windows 目录无法安全地写入命令行，因此不提供命令。',
      'pt-BR':
        'Ative o Windows com a licença dele; nenhum comando é dado porque a pasta do Windows registrada para esta máquina não pode ser escrita com segurança numa linha de comando.',
      id: 'Aktifkan Windows dengan lisensinya; tidak ada perintah karena folder Windows yang tercatat untuk mesin ini tidak dapat ditulis dengan aman di baris perintah.',
    },
  },
  run({ licensing, host }, { config, finding, text }): FindingDraft[] {
    const gvlk = gvlkFor(host?.editionId, host?.buildNumber);
    const script = slmgr(host);

    const evaluationFix = (): Remediation[] =>
      gvlk
        ? [
            {
              message: text('fixEvaluation', { edition: gvlk.edition }),
              commands: [`DISM.exe /Online /Set-Edition:${gvlk.edition} /ProductKey:${gvlk.key} /AcceptEula`],
            },
          ]
        : [{ message: text('fixEvaluationUnknown'), commands: ['DISM.exe /Online /Get-TargetEditions'] }];

    // Tencent Cloud's KMS activates its public images only (their key is a KMS client key, Volume:GVLK);
    // BYOL and imported Windows carry a key of their own and must be activated with it.
    const activationFix = (p: LicenceProduct): Remediation[] => {
      if (!script) return [{ message: text('fixNoCommand') }];
      const kms = [`${script} /skms ${TENCENT_KMS}`, `${script} /ato`];
      const kind = channelKind(p.ProductKeyChannel);
      if (kind === 'own') return [{ message: text('fixOwnLicence', { channel: p.ProductKeyChannel ?? '' }), commands: [`${script} /ato`] }];
      if (kind === 'kms') return [{ message: text('fixActivate'), commands: kms }];
      const ipk: Remediation[] = gvlk
        ? [
            {
              message: text('fixInstallGvlk', { edition: `${gvlk.name} ${gvlk.edition.replace(/^Server/, '')}` }),
              commands: [`${script} /ipk ${gvlk.key}`],
            },
          ]
        : [];
      const first: MessageRef = text('fixActivateIfPublic');
      return [{ message: first, commands: kms }, ...ipk];
    };

    const evaluation = /eval$/i.test(host?.editionId ?? '') || /evaluation/i.test(host?.osCaption ?? '');
    const product = licensing.find((p) => p.LicenseStatus === 1) ?? licensing[0];
    if (!product) return [finding('licence-no-product')];
    const days = product.GracePeriodRemaining ? Math.floor(product.GracePeriodRemaining / 1440) : 0;
    const evidence = [evidenceOf(product)];
    const fix: Remediation[] = evaluation ? evaluationFix() : activationFix(product);
    const low = days < config.thresholds.licenceMinDaysLeft;
    switch (product.LicenseStatus) {
      case 1:
        if (!evaluation || !product.GracePeriodRemaining) return [finding('licensed', {}, { evidence })];
        return [low ? finding('evaluation-expiring', { days }, { evidence, fix }) : finding('evaluation', { days }, { evidence, fix })];
      case 2:
      case 3:
      case 6: {
        const params = { days, status: statusName(product.LicenseStatus) };
        return [low ? finding('grace-ending', params, { evidence, fix }) : finding('grace', params, { evidence, fix })];
      }
      default:
        return [
          finding(evaluation ? 'evaluation-expired' : 'unlicensed', { status: statusName(product.LicenseStatus) }, { evidence, fix }),
        ];
    }
  },
});
