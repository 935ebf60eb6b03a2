// Runs every registered check over a snapshot: skips disabled ones, reports "could not verify" for a
// check whose required facts are missing or failed, applies config severity overrides, and turns a
// crashing check into an unknown outcome (keeping the error for --verbose and the log) instead of a
// crashed report.
import type { Check, FactFailure, FindingDraft, GroupId, Severity } from '../checks/define-check.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { isKnownRef } from '../messages/format.js';
import type { MessageRef } from '../messages/types.js';
import { fact, type FactName, type FactValues } from '../snapshot/facts.js';
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
  /** What a check threw (its finding says "could not verify"); the CLI logs its stack with --verbose. */
  error?: Error;
}

const RANK: Record<Severity, number> = { pass: 0, info: 1, warn: 2, unknown: 3, fail: 4 };

export function worstSeverity(severities: Iterable<Severity>): Severity {
  let worst: Severity = 'pass';
  for (const s of severities) if (RANK[s] > RANK[worst]) worst = s;
  return worst;
}

type Gathered =
  { ok: true; facts: Partial<FactValues>; failed: Partial<Record<FactName, FactFailure>> } | { ok: false; unavailable: FindingDraft };

/** The facts a check declared, or one "could not verify" finding naming each required group that is missing. */
function gather(check: Check, snapshot: Snapshot): Gathered {
  const facts: Partial<Record<string, unknown>> = {};
  const problems: MessageRef[] = [];
  const evidence: NonNullable<FindingDraft['evidence']> = [];
  for (const name of check.needs) {
    const state = fact(snapshot, name);
    if (state.status === 'ok') {
      facts[name] = state.value;
      continue;
    }
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
  if (problems.length > 0) {
    return {
      ok: false,
      unavailable: {
        code: 'facts-unavailable',
        severity: 'unknown',
        message: { id: 'common.factsUnavailable', params: { facts: { list: problems, join: 'semicolon' } } },
        evidence,
      },
    };
  }
  const failed: Partial<Record<FactName, FactFailure>> = {};
  for (const name of check.optional) {
    const state = fact(snapshot, name);
    if (state.status === 'ok') facts[name] = state.value;
    else if (state.status === 'error') {
      const ref = { id: state.messageId, params: state.params };
      failed[name] = { reason: isKnownRef(ref) ? ref : state.message, code: state.code };
    }
  }
  return { ok: true, facts, failed };
}

function applyOverride(checkId: string, draft: FindingDraft, config: ResolvedConfig): Severity {
  const exact = config.severity[`${checkId}/${draft.code}`];
  if (exact) return exact;
  const whole = config.severity[checkId];
  if (whole && (draft.severity === 'warn' || draft.severity === 'fail')) return whole;
  return draft.severity;
}

export function runCheck(check: Check, snapshot: Snapshot, config: ResolvedConfig): CheckResult {
  const base = { id: check.id, group: check.group, check };
  if (config.disabledChecks.has(check.id)) return { ...base, status: 'disabled', findings: [] };
  if (check.appliesTo && !check.appliesTo(config, { has: (name) => snapshot[name] !== undefined }))
    return { ...base, status: 'not-applicable', findings: [] };
  let drafts: FindingDraft[];
  let error: Error | undefined;
  const gathered = gather(check, snapshot);
  if (!gathered.ok) drafts = [gathered.unavailable];
  else {
    try {
      drafts = check.run(gathered.facts, config, snapshot.collector, gathered.failed);
    } catch (err) {
      error = err instanceof Error ? err : new Error(String(err));
      drafts = [
        {
          code: 'check-error',
          severity: 'unknown',
          message: { id: 'common.checkError', params: { error: error.message.split('\n')[0] ?? '' } },
        },
      ];
    }
  }
  const findings = drafts.map((d) => ({ ...d, severity: applyOverride(check.id, d, config), checkId: check.id }));
  const result: CheckResult = { ...base, status: worstSeverity(findings.map((f) => f.severity)), findings };
  if (error) result.error = error;
  return result;
}

export function runChecks(checks: readonly Check[], snapshot: Snapshot, config: ResolvedConfig): CheckResult[] {
  return checks.map((check) => runCheck(check, snapshot, config));
}
