// The versioned report: everything a renderer shows, already worded from the message catalogue, and
// everything a pipeline needs (ids, severities, evidence, commands). Renderers only lay it out.
import type { Evidence, GroupId, MessageParams, Severity } from '../checks/define-check.js';
import type { CheckResult, CheckStatus } from '../engine/run-checks.js';
import { decideVerdict, VERDICT_EXIT_CODE, type Verdict } from '../engine/verdict.js';
import type { MessageId } from '../messages/en.js';
import { formatMessage, formatRef } from '../messages/format.js';
import { factValue } from '../snapshot/facts.js';
import type { Snapshot } from '../snapshot/schema.js';
import { TOOL_NAME, VERSION } from '../version.js';

export const REPORT_VERSION = 1;

export interface ReportRemediation {
  text: string;
  messageId: MessageId;
  commands: string[];
}

export interface ReportFinding {
  checkId: string;
  code: string;
  severity: Severity;
  message: string;
  messageId: MessageId;
  params: MessageParams;
  evidence: Evidence[];
  remediation: ReportRemediation[];
}

export interface ReportCheck {
  id: string;
  group: GroupId;
  groupTitle: string;
  title: string;
  description: string;
  docsUrl: string;
  status: CheckStatus;
  findings: ReportFinding[];
}

export interface Report {
  reportVersion: typeof REPORT_VERSION;
  tool: { name: string; version: string };
  generatedAt: string;
  snapshot: {
    schemaVersion: number;
    collectedAt: string;
    computerName: string | null;
    osCaption: string | null;
    buildNumber: string | null;
    elevated: boolean | null;
    collectorMethod: string | null;
    collectorNotes: string[];
  };
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  counts: { fail: number; warn: number; unknown: number; info: number; pass: number };
  checks: ReportCheck[];
}

export function buildReport(snapshot: Snapshot, results: readonly CheckResult[], now: Date = new Date()): Report {
  const { verdict, counts } = decideVerdict(results);
  const host = factValue(snapshot, 'host');
  return {
    reportVersion: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    generatedAt: now.toISOString(),
    snapshot: {
      schemaVersion: snapshot.schemaVersion,
      collectedAt: snapshot.collectedAt,
      computerName: host?.computerName ?? null,
      osCaption: host?.osCaption ?? null,
      buildNumber: host?.buildNumber ?? null,
      elevated: host?.elevated ?? null,
      collectorMethod: snapshot.collector?.method ?? null,
      collectorNotes: snapshot.collector?.notes ?? [],
    },
    verdict,
    exitCode: VERDICT_EXIT_CODE[verdict],
    counts,
    checks: results.map((r) => ({
      id: r.id,
      group: r.group,
      groupTitle: formatMessage(`group.${r.group}`),
      title: formatMessage(r.check.meta.title),
      description: formatMessage(r.check.meta.description),
      docsUrl: r.check.meta.docsUrl,
      status: r.status,
      findings: r.findings.map((f) => ({
        checkId: f.checkId,
        code: f.code,
        severity: f.severity,
        message: formatRef(f.message),
        messageId: f.message.id,
        params: f.message.params ?? {},
        evidence: f.evidence ?? [],
        remediation: (f.remediation ?? []).map((m) => ({ text: formatRef(m.message), messageId: m.message.id, commands: m.commands ?? [] })),
      })),
    })),
  };
}
