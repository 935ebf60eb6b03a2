// A report's findings turned into an ordered plan: each finding the action table knows becomes actions,
// in Tencent's order of causes (agents, servicing, security, pop-ups, sessions); a thing two findings
// touch is changed once; warnings and failures the table does not handle are listed for the admin.
import type { Evidence } from '../checks/define-check.js';
import type { Report } from '../report/build-report.js';
import type { SavedReport } from '../report/saved-report.js';
import { ACTIONS, type PlanContext, type PlanFinding } from './actions.js';
import { PHASES, stepTarget, type FixPlan, type UnhandledFinding } from './model.js';

const SHOWN_UNHANDLED = new Set(['fail', 'warn', 'unknown']);
const EVIDENCE_KINDS: ReadonlyArray<Evidence['kind']> = [
  'service',
  'process',
  'registry',
  'session',
  'disk',
  'licence',
  'file',
  'host',
  'fact',
];
const isEvidenceKind = (k: string): k is Evidence['kind'] => (EVIDENCE_KINDS as readonly string[]).includes(k);

export function findingsOfReport(report: Report): PlanFinding[] {
  return report.checks.flatMap((c) =>
    c.findings.map((f) => ({
      checkId: f.checkId,
      code: f.code,
      severity: f.severity,
      message: f.localizedMessage,
      params: f.params,
      evidence: f.evidence,
    })),
  );
}

export function findingsOfSavedReport(report: SavedReport): PlanFinding[] {
  return report.checks.flatMap((c) =>
    c.findings.map((f) => ({
      checkId: f.checkId,
      code: f.code,
      severity: f.severity,
      message: f.localizedMessage ?? f.message,
      params: f.params ?? {},
      // A saved report is a file anyone may have written: evidence of a kind this version does not know is left out.
      evidence: (f.evidence ?? []).flatMap((e): Evidence[] => (isEvidenceKind(e.kind) ? [{ kind: e.kind, ref: e.ref, data: e.data }] : [])),
    })),
  );
}

export function buildPlan(findings: readonly PlanFinding[], ctx: PlanContext, meta: Pick<FixPlan, 'computerName' | 'source'>): FixPlan {
  const proposed = findings.flatMap((f) => ACTIONS[`${f.checkId}/${f.code}`]?.(f, ctx) ?? []);
  const ordered = PHASES.flatMap((phase) => proposed.filter((a) => a.phase === phase));
  const seen = new Set<string>();
  const actions = ordered.flatMap((a) => {
    const steps = a.steps.filter((s) => {
      const target = stepTarget(s);
      if (seen.has(target)) return false;
      seen.add(target);
      return true;
    });
    return steps.length > 0 ? [{ ...a, steps }] : [];
  });
  const handled = new Set(findings.filter((f) => ACTIONS[`${f.checkId}/${f.code}`]).map((f) => `${f.checkId}/${f.code}`));
  const unhandled = findings
    .filter((f) => SHOWN_UNHANDLED.has(f.severity) && !handled.has(`${f.checkId}/${f.code}`))
    .map((f): UnhandledFinding => ({ finding: `${f.checkId}/${f.code}`, severity: f.severity, message: f.message }));
  return { ...meta, actions, unhandled };
}
