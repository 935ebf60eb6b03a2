// Which sentence states the verdict, for every renderer alike (verdict-line.ts words it). When everything
// that makes a report AT RISK is "could not verify", the sentence says so (there are no warnings to fix). When everything that
// makes it BLOCKED or AT RISK is in the "Safe to share" group, the image can be created: what is at stake
// is sharing it, and the sentence says so instead of "image creation will fail".
import type { MessageId } from '../messages/en.js';
import type { Report } from './build-report.js';

const PROBLEM: Record<Report['verdict'], ReadonlySet<string>> = {
  READY: new Set(),
  'AT RISK': new Set(['warn', 'unknown']),
  BLOCKED: new Set(['fail']),
};

export interface VerdictSentence {
  id: MessageId;
  /** Besides {verdict}, which the renderer words. */
  params: { count?: number };
}

export function verdictSentence(report: Pick<Report, 'verdict' | 'checks' | 'counts'>): VerdictSentence {
  if (report.verdict === 'AT RISK' && report.counts.warn === 0) {
    // About the guest (run elevated, with PowerShell 3.0+) or, when only the Tencent Cloud API could not be asked, about that.
    const unverified = report.checks.flatMap((c) => c.findings).filter((f) => f.severity === 'unknown');
    const onlyCloud = unverified.length > 0 && unverified.every((f) => f.checkId === 'cloud-capture');
    return { id: onlyCloud ? 'report.verdict.unverifiedCloud' : 'report.verdict.unverified', params: { count: report.counts.unknown } };
  }
  const problems = report.checks.filter((c) => PROBLEM[report.verdict].has(c.status));
  if (problems.length > 0 && problems.every((c) => c.group === 'share')) {
    if (report.verdict === 'BLOCKED') return { id: 'report.verdict.BLOCKED.share', params: {} };
    if (report.verdict === 'AT RISK') return { id: 'report.verdict.AT RISK.share', params: {} };
  }
  return { id: `report.verdict.${report.verdict}`, params: {} };
}
