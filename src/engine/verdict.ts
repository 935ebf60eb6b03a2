// BLOCKED if anything fails; AT RISK if anything warns or an enabled check could not run; READY only
// when every enabled check ran and passed. Exit codes follow the Nagios convention.
import type { CheckResult } from './run-checks.js';

export type Verdict = 'READY' | 'AT RISK' | 'BLOCKED';

export const VERDICT_EXIT_CODE: Record<Verdict, 0 | 1 | 2> = { READY: 0, 'AT RISK': 1, BLOCKED: 2 };

export interface VerdictSummary {
  verdict: Verdict;
  counts: { fail: number; warn: number; unknown: number; info: number; pass: number };
}

export type Counts = VerdictSummary['counts'];

/** The verdict of findings counted by severity (also `inspect`'s, whose findings are about an image file). */
export function verdictOf(counts: Counts): Verdict {
  return counts.fail > 0 ? 'BLOCKED' : counts.warn > 0 || counts.unknown > 0 ? 'AT RISK' : 'READY';
}

export function decideVerdict(results: readonly CheckResult[]): VerdictSummary {
  const counts = { fail: 0, warn: 0, unknown: 0, info: 0, pass: 0 };
  for (const r of results) for (const f of r.findings) counts[f.severity] += 1;
  return { verdict: verdictOf(counts), counts };
}
