// `fix --apply`: the plan run action by action. Before each change the state it replaces is read from the
// machine (not trusted from the report, which may be old) and written to the journal; then the change
// runs, and is read back and compared (re-checked); the first step that fails or does not take stops
// the run. A thing an earlier, unrestored fix already changed keeps its first recorded state: that is
// the one restore must put back.
import type { MessageRef, ParamValue } from '../messages/types.js';
import { registryDo, serviceDo, STOPPED, RUNNING } from './commands.js';
import { stateText, subjectOf } from './describe.js';
import { addEntry, openEntryFor, writeJournal, type Journal, type JournalEntry } from './journal.js';
import {
  invoke,
  processRunning,
  readRegistryValue,
  readService,
  sameRegistryState,
  waitForExit,
  waitForState,
  type FixRuntime,
  type Outcome,
} from './machine.js';
import {
  wantedStartType,
  type FixPlan,
  type PreviousState,
  type RegistryState,
  type RegistryStep,
  type ServiceStep,
  type Step,
} from './model.js';

export type StepOutcome = 'done' | 'already' | 'failed' | 'skipped';

export interface StepReport {
  finding: string;
  subject: MessageRef;
  outcome: StepOutcome;
  from?: ParamValue;
  to?: ParamValue;
  why?: MessageRef;
  /** Said again after a failure: the product resists, and what to do instead. */
  notes?: MessageRef[];
}

export interface ApplyResult {
  reports: StepReport[];
  failed: boolean;
  /** Changes made by this run (journal entries written and done). */
  changed: number;
}

interface StepContext {
  rt: FixRuntime;
  journal: Journal;
  finding: string;
}

type Done = Omit<StepReport, 'finding' | 'subject'>;

function record(ctx: StepContext, step: Step, previous: PreviousState | undefined): JournalEntry {
  const now = ctx.rt.now();
  const entry = openEntryFor(ctx.journal, step) ?? addEntry(ctx.journal, ctx.finding, step, previous, now);
  entry.status = 'pending';
  entry.changedAt = now.toISOString();
  // Written before the change: if we are killed now, restore still knows how it was.
  writeJournal(ctx.rt.dir, ctx.journal, now);
  return entry;
}

function settle(ctx: StepContext, entry: JournalEntry, outcome: 'done' | 'failed'): void {
  entry.status = outcome;
  writeJournal(ctx.rt.dir, ctx.journal, ctx.rt.now());
}

const failed = (why: MessageRef, extra: Partial<Done> = {}): Done => ({ outcome: 'failed', why, ...extra });

async function applyService(ctx: StepContext, step: ServiceStep): Promise<Done> {
  const before = await readService(ctx.rt, step.name);
  if (!before.ok) return failed(before.why);
  const invs = serviceDo(step, before.value);
  const from = stateText({ service: before.value });
  if (invs.length === 0) return { outcome: 'already', from };
  const entry = record(ctx, step, { service: before.value });
  for (const inv of invs) {
    const r = await invoke(ctx.rt, inv);
    if (!r.ok) {
      settle(ctx, entry, 'failed');
      return failed(r.why, { from });
    }
  }
  if (step.state) {
    const reached = await waitForState(ctx.rt, step.name, step.state === 'running' ? RUNNING : STOPPED);
    if (!reached.ok) {
      settle(ctx, entry, 'failed');
      return failed(reached.why, { from });
    }
  }
  const after = await readService(ctx.rt, step.name);
  const wantType = wantedStartType(step, before.value.startType) ?? before.value.startType;
  const wantState = step.state === 'running' ? RUNNING : step.state === 'stopped' ? STOPPED : undefined;
  if (!after.ok || after.value.startType !== wantType || (wantState !== undefined && after.value.stateCode !== wantState)) {
    settle(ctx, entry, 'failed');
    const now = after.ok ? stateText({ service: after.value }) : '?';
    return failed({ id: 'fix.why.didNotTake', params: { now } }, { from });
  }
  settle(ctx, entry, 'done');
  return { outcome: 'done', from, to: stateText({ service: after.value }) };
}

async function applyRegistry(ctx: StepContext, step: RegistryStep): Promise<Done> {
  const before = await readRegistryValue(ctx.rt, step.key, step.name);
  if (!before.ok) return failed(before.why);
  const target: RegistryState = step.value
    ? { exists: true, type: step.value.type, data: step.value.data }
    : { exists: false, createdKeys: [] };
  const from = stateText({ registry: before.value });
  if (sameRegistryState(before.value, target)) return { outcome: 'already', from };
  const entry = record(ctx, step, { registry: before.value });
  const r = await invoke(ctx.rt, registryDo(step.key, step.name, step.value));
  if (!r.ok) {
    settle(ctx, entry, 'failed');
    return failed(r.why, { from });
  }
  const after = await readRegistryValue(ctx.rt, step.key, step.name);
  if (!after.ok || !sameRegistryState(after.value, target)) {
    settle(ctx, entry, 'failed');
    return failed({ id: 'fix.why.didNotTake', params: { now: after.ok ? stateText({ registry: after.value }) : '?' } }, { from });
  }
  settle(ctx, entry, 'done');
  return { outcome: 'done', from, to: stateText({ registry: after.value }) };
}

async function applyOnce(ctx: StepContext, step: Step & { kind: 'end-process' | 'logoff' }): Promise<Done> {
  if (step.kind === 'end-process') {
    // Gone already, or its PID now belongs to another program: nothing of ours to end.
    const running = await processRunning(ctx.rt, step.pid, step.image);
    if (!running.ok) return failed(running.why);
    if (!running.value) return { outcome: 'already' };
  }
  const entry = record(ctx, step, undefined);
  const inv =
    step.kind === 'end-process'
      ? { exe: 'taskkill.exe' as const, args: ['/PID', String(step.pid), '/F'] }
      : { exe: 'logoff.exe' as const, args: [String(step.sessionId)] };
  const r = await invoke(ctx.rt, inv);
  let result: Outcome<unknown> = r;
  if (r.ok && step.kind === 'end-process') result = await waitForExit(ctx.rt, step.pid, step.image);
  if (!result.ok) {
    settle(ctx, entry, 'failed');
    return failed(result.why);
  }
  settle(ctx, entry, 'done');
  return { outcome: 'done' };
}

export async function applyPlan(
  rt: FixRuntime,
  journal: Journal,
  plan: FixPlan,
  options: { logoffSessions: boolean },
): Promise<ApplyResult> {
  const reports: StepReport[] = [];
  let changed = 0;
  for (const action of plan.actions) {
    for (const step of action.steps) {
      const base = { finding: action.finding, subject: subjectOf(step) };
      if (action.requires === 'logoff-sessions' && !options.logoffSessions) {
        reports.push({ ...base, outcome: 'skipped', why: { id: 'fix.note.needsLogoffFlag' } });
        continue;
      }
      const ctx: StepContext = { rt, journal, finding: action.finding };
      const done =
        step.kind === 'service'
          ? await applyService(ctx, step)
          : step.kind === 'registry'
            ? await applyRegistry(ctx, step)
            : await applyOnce(ctx, step);
      if (done.outcome === 'failed') {
        reports.push({ ...base, ...done, ...(action.notes.length ? { notes: action.notes } : {}) });
        return { reports, failed: true, changed };
      }
      reports.push({ ...base, ...done });
      if (done.outcome === 'done') changed += 1;
    }
  }
  return { reports, failed: false, changed };
}
