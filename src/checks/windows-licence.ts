// Tencent's FAQ, cause 4: an unactivated Windows shows activation notices, and an expired evaluation
// edition shuts itself down every hour, which kills a capture in progress.
import { defineCheck, DOCS, type FindingDraft } from './define-check.js';
import { factValue } from '../snapshot/facts.js';
import type { LicenceProduct } from '../snapshot/schema.js';

const STATUS_NAMES: Record<number, string> = {
  0: 'Unlicensed', 1: 'Licensed', 2: 'OOBGrace', 3: 'OOTGrace', 4: 'NonGenuineGrace', 5: 'Notification', 6: 'ExtendedGrace',
};
// Tencent Cloud's KMS for CVMs; activation from inside the VPC.
const KMS_COMMANDS = [
  'cscript.exe //nologo %SystemRoot%\\System32\\slmgr.vbs /skms kms.tencentyun.com',
  'cscript.exe //nologo %SystemRoot%\\System32\\slmgr.vbs /ato',
];

function evidenceOf(p: LicenceProduct) {
  return { kind: 'licence' as const, ref: p.Name ?? 'Windows', data: { LicenseStatus: `${p.LicenseStatus} (${STATUS_NAMES[p.LicenseStatus] ?? 'unknown'})`, GracePeriodRemaining: p.GracePeriodRemaining ?? null } };
}

export const windowsLicence = defineCheck({
  meta: {
    id: 'windows-licence',
    group: 'popups',
    title: 'licence.title',
    description: 'licence.description',
    docsUrl: `${DOCS}#windows-licence`,
    requiredFacts: ['licensing'],
    optionalFacts: ['host'],
  },
  run({ snapshot, config }) {
    const products = factValue(snapshot, 'licensing') ?? [];
    const host = factValue(snapshot, 'host');
    const evaluation = /eval$/i.test(host?.editionId ?? '') || /evaluation/i.test(host?.osCaption ?? '');
    if (products.length === 0) {
      return [{ code: 'licence-no-product', severity: 'info', message: { id: 'licence.noProduct' } }];
    }
    const product = products.find((p) => p.LicenseStatus === 1) ?? products[0]!;
    const days = product.GracePeriodRemaining ? Math.floor(product.GracePeriodRemaining / 1440) : 0;
    const evidence = [evidenceOf(product)];
    const fix = evaluation
      ? [{ message: { id: 'fix.evaluation' as const } }]
      : [{ message: { id: 'fix.activate' as const }, commands: KMS_COMMANDS }];
    const low = days < config.thresholds.licenceMinDaysLeft;
    const findings: FindingDraft[] = [];
    switch (product.LicenseStatus) {
      case 1:
        if (evaluation && product.GracePeriodRemaining) {
          findings.push(low
            ? { code: 'evaluation-expiring', severity: 'warn', evidence, message: { id: 'licence.evaluationExpiring', params: { days } }, remediation: fix }
            : { code: 'evaluation', severity: 'info', evidence, message: { id: 'licence.evaluation', params: { days } }, remediation: fix });
        } else {
          findings.push({ code: 'licensed', severity: 'pass', evidence, message: { id: 'licence.ok' } });
        }
        break;
      case 2: case 3: case 6:
        findings.push(low
          ? { code: 'grace-ending', severity: 'warn', evidence, message: { id: 'licence.graceEnding', params: { days, status: STATUS_NAMES[product.LicenseStatus]! } }, remediation: fix }
          : { code: 'grace', severity: 'info', evidence, message: { id: 'licence.grace', params: { days, status: STATUS_NAMES[product.LicenseStatus]! } }, remediation: fix });
        break;
      default:
        findings.push({
          code: evaluation ? 'evaluation-expired' : 'unlicensed', severity: 'warn', evidence,
          message: { id: evaluation ? 'licence.evaluationExpired' : 'licence.unlicensed', params: { status: STATUS_NAMES[product.LicenseStatus] ?? String(product.LicenseStatus) } },
          remediation: fix,
        });
    }
    return findings;
  },
});
