// Tencent's FAQ, cause 4: an unactivated Windows shows activation notices, and an expired evaluation
// edition shuts itself down every hour, which kills a capture in progress.
import { defineCheck, type FindingDraft, type Remediation } from './define-check.js';
import type { LicenceProduct } from '../snapshot/schema.js';

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
// Tencent Cloud's KMS for CVMs; activation from inside the VPC.
const KMS_COMMANDS = [
  'cscript.exe //nologo %SystemRoot%\\System32\\slmgr.vbs /skms kms.tencentyun.com',
  'cscript.exe //nologo %SystemRoot%\\System32\\slmgr.vbs /ato',
];

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
Fix: activate against Tencent Cloud's KMS (\`slmgr.vbs /skms kms.tencentyun.com\`, \`/ato\`, as in Tencent
Cloud's activation guide).`,
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
        en: 'Evaluation edition expires in {days} day(s): it will then shut down every hour',
        'zh-CN': '评估版将在 {days} 天后过期：过期后每小时自动关机一次',
        'pt-BR': 'A edição de avaliação expira em {days} dia(s): depois disso, desligará a cada hora',
        id: 'Edisi evaluasi kedaluwarsa dalam {days} hari: setelah itu akan mati setiap jam',
      },
    },
    'grace-ending': {
      severity: 'warn',
      message: {
        en: 'Windows activation grace period ({status}) ends in {days} day(s)',
        'zh-CN': 'Windows 激活宽限期（{status}）将在 {days} 天后结束',
        'pt-BR': 'O período de carência da ativação do Windows ({status}) termina em {days} dia(s)',
        id: 'Masa tenggang aktivasi Windows ({status}) berakhir dalam {days} hari',
      },
    },
    evaluation: {
      severity: 'info',
      message: {
        en: 'Evaluation edition, {days} day(s) left',
        'zh-CN': '评估版，剩余 {days} 天',
        'pt-BR': 'Edição de avaliação, restam {days} dia(s)',
        id: 'Edisi evaluasi, tersisa {days} hari',
      },
    },
    grace: {
      severity: 'info',
      message: {
        en: 'Windows is in its activation grace period ({status}), {days} day(s) left',
        'zh-CN': 'Windows 处于激活宽限期（{status}），剩余 {days} 天',
        'pt-BR': 'O Windows está no período de carência da ativação ({status}), restam {days} dia(s)',
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
      en: 'Evaluation editions cannot be activated with KMS: convert the edition (DISM /Online /Set-Edition) or build the image from a Tencent Cloud public image.',
      'zh-CN': '评估版无法通过 KMS 激活：请转换版本（DISM /Online /Set-Edition），或基于腾讯云公共镜像制作镜像。',
      'pt-BR':
        'Edições de avaliação não podem ser ativadas por KMS: converta a edição (DISM /Online /Set-Edition) ou crie a imagem a partir de uma imagem pública da Tencent Cloud.',
      id: 'Edisi evaluasi tidak dapat diaktifkan dengan KMS: konversi edisinya (DISM /Online /Set-Edition) atau buat citra dari citra publik Tencent Cloud.',
    },
    fixActivate: {
      en: "Activate Windows against Tencent Cloud's KMS (elevated prompt):",
      'zh-CN': '通过腾讯云 KMS 激活 Windows（在管理员命令提示符中运行）：',
      'pt-BR': 'Ative o Windows com o KMS da Tencent Cloud (prompt de comando como Administrador):',
      id: 'Aktifkan Windows dengan KMS Tencent Cloud (prompt perintah sebagai Administrator):',
    },
  },
  run({ licensing, host }, { config, finding, text }): FindingDraft[] {
    const evaluation = /eval$/i.test(host?.editionId ?? '') || /evaluation/i.test(host?.osCaption ?? '');
    const product = licensing.find((p) => p.LicenseStatus === 1) ?? licensing[0];
    if (!product) return [finding('licence-no-product')];
    const days = product.GracePeriodRemaining ? Math.floor(product.GracePeriodRemaining / 1440) : 0;
    const evidence = [evidenceOf(product)];
    const fix: Remediation[] = evaluation
      ? [{ message: text('fixEvaluation') }]
      : [{ message: text('fixActivate'), commands: KMS_COMMANDS }];
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
