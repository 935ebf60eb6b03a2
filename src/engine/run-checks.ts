// Runs every registered check over a snapshot: skips disabled ones, reports "could not verify" for a
// check whose required facts are missing or failed, applies config severity overrides, and turns a
// crashing check into an unknown outcome instead of a crashed report.
import type { Check, CheckContext, FindingDraft, GroupId, Severity } from '../checks/define-check.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { isKnownRef } from '../messages/format.js';
import type { MessageRef } from '../messages/types.js';
import { fact } from '../snapshot/facts.js';
import type { Snapshot } from '../snapshot/schema.js';

export interface Finding extends FindingDraft {
  checkId: string;
}

export type CheckStatus = Severity | 'disabled' | 'not-applicable';

export interface CheckResult {
  id: string;
  group: GroupId;
  check: Check;
  status: CheckStatus;
  findings: Finding[];
}

const RANK: Record<Severity, number> = { pass: 0, info: 1, warn: 2, unknown: 3, fail: 4 };

export function worstSeverity(severities: Iterable<Severity>): Severity {
  let worst: Severity = 'pass';
  for (const s of severities) if (RANK[s] > RANK[worst]) worst = s;
  return worst;
}

function missingFacts(check: Check, snapshot: Snapshot): FindingDraft | undefined {
  const problems: MessageRef[] = [];
  const evidence: NonNullable<FindingDraft['evidence']> = [];
  for (const name of check.meta.requiredFacts) {
    const state = fact(snapshot, name);
    if (state.status === 'ok') continue;
    const label: MessageRef = { id: `fact.${name}` };
    if (state.status === 'missing') {
      problems.push({ id: 'common.factMissing', params: { name: label } });
      evidence.push({ kind: 'fact', ref: name, data: { collected: false } });
      continue;
    }
    // Our collector's errors carry a catalogue id; others (the PowerShell script's exception text) are shown as written.
    const ref = { id: state.messageId, params: state.params };
    problems.push({ id: 'common.factFailed', params: { name: label, reason: isKnownRef(ref) ? ref : state.message } });
    evidence.push({ kind: 'fact', ref: name, data: { error: state.message, source: state.source ?? null, code: state.code ?? null } });
  }
  if (problems.length === 0) return undefined;
  return { code: 'facts-unavailable', severity: 'unknown', message: { id: 'common.factsUnavailable', params: { facts: { list: problems, join: 'semicolon' } } }, evidence };
}

function applyOverride(checkId: string, draft: FindingDraft, config: ResolvedConfig): Severity {
  const exact = config.severity[`${checkId}/${draft.code}`];
  if (exact) return exact;
  const whole = config.severity[checkId];
  if (whole && (draft.severity === 'warn' || draft.severity === 'fail')) return whole;
  return draft.severity;
}

export function runCheck(check: Check, ctx: CheckContext): CheckResult {
  const { id, group } = check.meta;
  const base = { id, group, check };
  if (ctx.config.disabledChecks.has(id)) return { ...base, status: 'disabled', findings: [] };
  if (check.meta.appliesTo && !check.meta.appliesTo(ctx)) return { ...base, status: 'not-applicable', findings: [] };
  let drafts: FindingDraft[];
  const unavailable = missingFacts(check, ctx.snapshot);
  if (unavailable) drafts = [unavailable];
  else {
    try {
      drafts = check.run(ctx);
    } catch (err) {
      drafts = [{ code: 'check-error', severity: 'unknown', message: { id: 'common.checkError', params: { error: (err as Error).message } } }];
    }
  }
  const findings = drafts.map((d) => ({ ...d, severity: applyOverride(id, d, ctx.config), checkId: id }));
  return { ...base, status: worstSeverity(findings.map((f) => f.severity)), findings };
}

export function runChecks(checks: readonly Check[], snapshot: Snapshot, config: ResolvedConfig): CheckResult[] {
  return checks.map((check) => runCheck(check, { snapshot, config }));
}
