// The versioned report: everything a renderer shows, already worded from the message catalogue, and
// everything a pipeline needs (ids, severities, evidence, commands). Renderers only lay it out.
// Every sentence is kept in English (stable for scripts and the fleet summary) and in the report's
// language; with --lang en the two are the same.
import {
  checkSentenceId,
  docsAnchor,
  explainCommand,
  type Evidence,
  type GroupId,
  type MessageParams,
  type Severity,
} from '../checks/define-check.js';
import type { CheckResult, CheckStatus } from '../engine/run-checks.js';
import { decideVerdict, VERDICT_EXIT_CODE, type Verdict } from '../engine/verdict.js';
import type { MessageId } from '../messages/en.js';
import { formatMessage, formatRef, isKnownRef } from '../messages/format.js';
import type { Lang, SentenceId } from '../messages/types.js';
import { factValue } from '../snapshot/facts.js';
import type { Snapshot } from '../snapshot/schema.js';
import { TOOL_NAME, VERSION } from '../version.js';

export const REPORT_VERSION = 1;

export interface ReportRemediation {
  text: string;
  localizedText: string;
  messageId: MessageId | SentenceId;
  commands: string[];
}

export interface ReportFinding {
  checkId: string;
  code: string;
  severity: Severity;
  message: string;
  localizedMessage: string;
  messageId: MessageId | SentenceId;
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
  localized: { groupTitle: string; title: string; description: string };
  docsUrl: string;
  /** The command that prints the check's documentation, from inside the exe. */
  explain: string;
  status: CheckStatus;
  findings: ReportFinding[];
}

export interface Report {
  reportVersion: typeof REPORT_VERSION;
  /** The language of every `localized*` field. */
  lang: Lang;
  tool: { name: string; version: string };
  generatedAt: string;
  snapshot: {
    schemaVersion: number;
    collectedAt: string;
    /** The machine's offset from UTC, when the collector recorded it: times are shown in its local time. */
    utcOffsetMinutes: number | null;
    computerName: string | null;
    /** The CVM this snapshot is of (the snapshot's instance group, from the metadata service); null off a CVM. */
    instanceId: string | null;
    region: string | null;
    zone: string | null;
    osCaption: string | null;
    buildNumber: string | null;
    elevated: boolean | null;
    collectorMethod: string | null;
    collectorNotes: string[];
    localizedCollectorNotes: string[];
  };
  verdict: Verdict;
  exitCode: 0 | 1 | 2;
  counts: { fail: number; warn: number; unknown: number; info: number; pass: number };
  checks: ReportCheck[];
}

/** Collector notes carry catalogue ids beside their English text; a note from another collector is shown as written. */
function localizedNotes(snapshot: Snapshot, lang: Lang): string[] {
  const notes = snapshot.collector?.notes ?? [];
  const refs = snapshot.collector?.noteRefs;
  return notes.map((text, i) => {
    const ref = refs && refs.length === notes.length ? refs[i] : undefined;
    return isKnownRef(ref) ? formatRef(ref, lang) : text;
  });
}

export interface BuildReportOptions {
  lang?: Lang;
  now?: Date;
}

export function buildReport(snapshot: Snapshot, results: readonly CheckResult[], options: BuildReportOptions = {}): Report {
  const { verdict, counts } = decideVerdict(results);
  const host = factValue(snapshot, 'host');
  const instance = factValue(snapshot, 'instance');
  const lang = options.lang ?? 'en';
  const now = options.now ?? new Date();
  return {
    reportVersion: REPORT_VERSION,
    lang,
    tool: { name: TOOL_NAME, version: VERSION },
    generatedAt: now.toISOString(),
    snapshot: {
      schemaVersion: snapshot.schemaVersion,
      collectedAt: snapshot.collectedAt,
      utcOffsetMinutes: snapshot.utcOffsetMinutes ?? null,
      computerName: host?.computerName ?? null,
      instanceId: instance?.instanceId ?? null,
      region: instance?.region ?? null,
      zone: instance?.zone ?? null,
      osCaption: host?.osCaption ?? null,
      buildNumber: host?.buildNumber ?? null,
      elevated: host?.elevated ?? null,
      collectorMethod: snapshot.collector?.method ?? null,
      collectorNotes: snapshot.collector?.notes ?? [],
      localizedCollectorNotes: localizedNotes(snapshot, lang),
    },
    verdict,
    exitCode: VERDICT_EXIT_CODE[verdict],
    counts,
    checks: results.map((r) => ({
      id: r.id,
      group: r.group,
      groupTitle: formatMessage(`group.${r.group}`),
      title: formatMessage(checkSentenceId(r.id, 'title')),
      description: formatMessage(checkSentenceId(r.id, 'description')),
      localized: {
        groupTitle: formatMessage(`group.${r.group}`, {}, lang),
        title: formatMessage(checkSentenceId(r.id, 'title'), {}, lang),
        description: formatMessage(checkSentenceId(r.id, 'description'), {}, lang),
      },
      docsUrl: docsAnchor(r.id),
      explain: explainCommand(r.id),
      status: r.status,
      findings: r.findings.map((f) => ({
        checkId: f.checkId,
        code: f.code,
        severity: f.severity,
        message: formatRef(f.message),
        localizedMessage: formatRef(f.message, lang),
        messageId: f.message.id,
        params: f.message.params ?? {},
        evidence: f.evidence ?? [],
        remediation: (f.remediation ?? []).map((m) => ({
          text: formatRef(m.message),
          localizedText: formatRef(m.message, lang),
          messageId: m.message.id,
          commands: m.commands ?? [],
        })),
      })),
    })),
  };
}

/**
 * A finding worded in `lang`, also one read back from a saved report (an older run, another machine):
 * from its message id when this version knows it, else as the report worded it.
 */
export function wordFinding(f: { messageId?: unknown; params?: unknown; message: string; localizedMessage?: string }, lang: Lang): string {
  // A report always has params (empty when the sentence has none); the reader drops odd or too deep
  // ones, and the sentence without them would show its placeholders ("could not verify: {facts}").
  const ref = { id: f.messageId, params: f.params };
  if (f.params !== undefined && isKnownRef(ref)) return formatRef(ref, lang);
  return lang === 'en' ? f.message : (f.localizedMessage ?? f.message);
}
