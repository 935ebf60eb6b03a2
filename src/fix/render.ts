// The plan as text (what, why, the exact commands, how it will be undone) and JSON, and the logs of
// `fix --apply` and `restore`. Machine data (names, paths, the report's sentences) is shown with every
// control, bidi and zero-width character made visible, like every other renderer of this tool.
import { translator, type Translator } from '../messages/format.js';
import type { Lang, MessageRef } from '../messages/types.js';
import { visible } from '../util/safe-text.js';
import { TOOL_NAME, VERSION } from '../version.js';
import type { ApplyResult, StepReport } from './apply.js';
import { plannedUndo, printedAll, stepDo } from './commands.js';
import { subjectOf } from './describe.js';
import { irreversible, stepTarget, type FixPlan, type PlannedAction, type Step } from './model.js';
import type { RestoreReport, RestoreResult } from './restore.js';

const INDENT = '   ';

export function sourceRef(plan: FixPlan): MessageRef {
  if (plan.source.kind === 'live') return { id: 'fix.source.live' };
  return { id: plan.source.kind === 'snapshot' ? 'fix.source.snapshot' : 'fix.source.report', params: { file: plan.source.file ?? '?' } };
}

interface StepCommands {
  step: Step;
  run: string[] | undefined;
  undo: string[] | undefined;
}

/** The commands a step runs and, when the report saw the state, the ones that undo it. */
export function stepCommands(action: PlannedAction, step: Step): StepCommands {
  const seen = step.kind === 'service' ? action.seen?.[stepTarget(step)] : undefined;
  const undo = plannedUndo(step, seen);
  return { step, run: printedAll(stepDo(step, seen)), undo: undo && printedAll(undo) };
}

function undoLines(t: Translator['t'], c: StepCommands): string[] {
  if (c.step.kind === 'end-process') return [t('fix.plan.undoNone', { why: { id: 'fix.undo.process' } })];
  if (c.step.kind === 'logoff') return [t('fix.plan.undoNone', { why: { id: 'fix.undo.logoff' } })];
  const out = [t('fix.plan.undoRestore')];
  if (c.undo && c.undo.length > 0) out.push(t('fix.plan.undoByHand'), ...c.undo.map((l) => `  ${l}`));
  return out;
}

export function renderPlanText(plan: FixPlan, lang: Lang, notice?: MessageRef): string {
  const { t, ref } = translator(lang);
  const lines: string[] = [];
  if (notice) lines.push(ref(notice), '');
  const computer = plan.computerName ?? t('md.unknownComputer');
  if (plan.actions.length === 0) lines.push(t('fix.plan.empty', { computer, source: sourceRef(plan) }));
  else lines.push(t('fix.plan.header', { count: plan.actions.length, computer, source: sourceRef(plan) }));
  plan.actions.forEach((a, i) => {
    lines.push('', `${i + 1}. ${ref(a.title)}`);
    lines.push(`${INDENT}${t('fix.plan.why', { text: a.why })}`);
    if (a.requires === 'logoff-sessions') lines.push(`${INDENT}${t('fix.note.needsLogoffFlag')}`);
    for (const note of a.notes) lines.push(`${INDENT}${t('fix.plan.note', { text: note })}`);
    for (const step of a.steps) {
      const c = stepCommands(a, step);
      lines.push(`${INDENT}- ${ref(subjectOf(step))}`);
      lines.push(`${INDENT}  ${t('fix.plan.do')}`);
      if (c.run) lines.push(...c.run.map((l) => `${INDENT}    ${l}`));
      else lines.push(`${INDENT}    ${t('fix.plan.noCommand', { subject: subjectOf(step) })}`);
      lines.push(...undoLines(t, c).map((l) => `${INDENT}  ${l}`));
    }
  });
  if (plan.unhandled.length > 0) {
    lines.push('', t('fix.plan.unhandled'));
    for (const u of plan.unhandled) lines.push(`  - ${t(`severity.${u.severity}`)}: ${u.message} (${u.finding})`);
  }
  if (plan.actions.length > 0) lines.push('', t('fix.plan.next'));
  return `${lines.map(visible).join('\n')}\n`;
}

/** The plan for scripts: every sentence in English and in the plan's language, every command verbatim. */
export function renderPlanJson(plan: FixPlan, lang: Lang): string {
  const en = translator('en');
  const local = translator(lang);
  const doc = {
    planVersion: 1,
    tool: { name: TOOL_NAME, version: VERSION },
    lang,
    computerName: plan.computerName,
    source: plan.source,
    actions: plan.actions.map((a) => ({
      finding: a.finding,
      phase: a.phase,
      title: en.ref(a.title),
      localizedTitle: local.ref(a.title),
      why: a.why,
      requires: a.requires ?? null,
      notes: a.notes.map((n) => ({ text: en.ref(n), localizedText: local.ref(n) })),
      steps: a.steps.map((s) => {
        const c = stepCommands(a, s);
        return { step: s, reversible: !irreversible(s), commands: c.run ?? null, undoCommands: c.undo ?? null };
      }),
    })),
    unhandled: plan.unhandled,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const LOG_LINES = {
  done: 'fix.log.done',
  already: 'fix.log.already',
  skipped: 'fix.log.skipped',
  failed: 'fix.log.failed',
  restored: 'fix.log.restored',
  irreversible: 'fix.log.irreversible',
} as const;

function reportLine(t: Translator['t'], r: StepReport | RestoreReport): string[] {
  const change =
    r.from !== undefined && r.to !== undefined
      ? t('fix.log.change', { from: r.from, to: r.to })
      : r.from !== undefined
        ? t('fix.log.now', { now: r.from })
        : '';
  const line = t(LOG_LINES[r.outcome], { subject: r.subject, change, why: r.why ?? '' });
  const kept = 'keptKeys' in r && r.keptKeys ? r.keptKeys.map((k) => `    ${t('restore.keyKept', { key: k })}`) : [];
  const notes = 'notes' in r && r.notes ? r.notes.map((n) => `    ${t('fix.plan.note', { text: n })}`) : [];
  return [`  ${line}`, ...kept, ...notes];
}

export function renderApplyText(
  plan: FixPlan,
  result: ApplyResult,
  lang: Lang,
  journal: { file: string; reused: number; owed: number },
  restoreCommands: readonly string[],
): string {
  const { file: journalFile, reused } = journal;
  const { t } = translator(lang);
  const lines = [t('fix.apply.header', { count: plan.actions.length, computer: plan.computerName ?? '?', source: sourceRef(plan) })];
  if (reused > 0) lines.push(t('fix.apply.reused', { count: reused, file: journalFile }));
  for (const r of result.reports) lines.push(...reportLine(t, r));
  lines.push('');
  if (result.failed) lines.push(t('fix.apply.stopped', { count: result.changed, file: journalFile }));
  else if (result.changed === 0 && reused === 0) lines.push(t('fix.apply.nothing'));
  else lines.push(t('fix.apply.done', { count: result.changed, file: journalFile }));
  // Whenever the journal holds something, also a step that failed half-way: restore is owed.
  if (journal.owed > 0) lines.push(t('fix.apply.restoreWith'), ...restoreCommands.map((c) => `    ${c}`));
  return `${lines.map(visible).join('\n')}\n`;
}

export function renderRestoreText(result: RestoreResult, lang: Lang, journalFile: string, since: string): string {
  const { t } = translator(lang);
  const lines = [t('restore.header', { count: result.reports.length, since, file: journalFile })];
  for (const r of result.reports) lines.push(...reportLine(t, r));
  lines.push('');
  const failed = result.reports.filter((r) => r.outcome === 'failed').length;
  lines.push(
    failed > 0 ? t('restore.partial', { count: failed, file: journalFile }) : t('restore.done', { file: result.archived ?? journalFile }),
  );
  return `${lines.map(visible).join('\n')}\n`;
}
