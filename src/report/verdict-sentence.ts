// Which sentence states the verdict. When everything that makes a report BLOCKED or AT RISK is in the
// "Safe to share" group, the image can be created: what is at stake is sharing it, and the sentence
// says so instead of "image creation will fail".
import type { MessageId } from '../messages/en.js';
import type { Report } from './build-report.js';

const PROBLEM: Record<Report['verdict'], ReadonlySet<string>> = {
  READY: new Set(),
  'AT RISK': new Set(['warn', 'unknown']),
  BLOCKED: new Set(['fail']),
};

export function verdictSentence(report: Pick<Report, 'verdict' | 'checks'>): MessageId {
  const problems = report.checks.filter((c) => PROBLEM[report.verdict].has(c.status));
  if (problems.length > 0 && problems.every((c) => c.group === 'share')) {
    if (report.verdict === 'BLOCKED') return 'report.verdict.BLOCKED.share';
    if (report.verdict === 'AT RISK') return 'report.verdict.AT RISK.share';
  }
  return `report.verdict.${report.verdict}`;
}
