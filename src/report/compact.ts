// The compact JSON report (check --format json --compact): the same report version and the same facts,
// without what this tool can word again from ids, for channels that cut long output (TAT keeps the first
// 24 KiB of a command's output). Left out: indentation; each check's group and check titles,
// descriptions and docs link (fixed by the check id); a finding's localizedMessage when it equals the
// English message; the sentences of a fix (its commands stay). Everything `summarize`, `fix --report` and
// the scheduled history read is kept, and `"compact": true` says which form it is.
import type { Report } from './build-report.js';

export function compactReport(report: Report): Record<string, unknown> {
  const s = report.snapshot;
  return {
    reportVersion: report.reportVersion,
    compact: true,
    lang: report.lang,
    tool: report.tool,
    generatedAt: report.generatedAt,
    snapshot: {
      ...s,
      localizedCollectorNotes: sameList(s.localizedCollectorNotes, s.collectorNotes) ? undefined : s.localizedCollectorNotes,
    },
    verdict: report.verdict,
    exitCode: report.exitCode,
    counts: report.counts,
    checks: report.checks.map((c) => ({
      id: c.id,
      group: c.group,
      status: c.status,
      findings: c.findings.map((f) => ({
        checkId: f.checkId,
        code: f.code,
        severity: f.severity,
        message: f.message,
        localizedMessage: f.localizedMessage === f.message ? undefined : f.localizedMessage,
        messageId: f.messageId,
        params: f.params,
        evidence: f.evidence.length > 0 ? f.evidence : undefined,
        remediation: f.remediation.length > 0 ? f.remediation.map((r) => ({ messageId: r.messageId, commands: r.commands })) : undefined,
      })),
    })),
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
