// The sentence under the verdict, the same in every renderer (a problem only in "Safe to share" is
// worded as such: verdict-sentence.ts). AT RISK only because checks could not
// verify gets its own line: about the guest (run elevated, with PowerShell 3.0+) or, when only the
// Tencent Cloud API could not be asked, about that.
import type { Translator } from '../messages/format.js';
import type { Report } from './build-report.js';
import { verdictSentence } from './verdict-sentence.js';

export function verdictLine(report: Report, t: Translator['t']): string {
  const verdict = t(`verdict.${report.verdict}`);
  if (report.verdict !== 'AT RISK' || report.counts.warn > 0) return t(verdictSentence(report), { verdict });
  const unverified = report.checks.flatMap((c) => c.findings).filter((f) => f.severity === 'unknown');
  const onlyCloud = unverified.length > 0 && unverified.every((f) => f.checkId === 'cloud-capture');
  return t(onlyCloud ? 'report.verdict.unverifiedCloud' : 'report.verdict.unverified', { verdict, count: report.counts.unknown });
}
