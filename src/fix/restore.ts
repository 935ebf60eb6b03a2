// `restore`: every journal entry not yet put back, newest first, brought back to the state recorded just
// before its change, whatever that change got to (pending, done or failed half-way). A thing already as
// it was is left alone, so running restore twice, or after putting something back by hand, is harmless.
// Keys fix created are removed again only while they are empty. What cannot be undone (a process ended,
// a logoff) is listed; what could not be restored stays in the journal for the next run.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageRef } from '../messages/types.js';
import { registryRestore, serviceUndo, RUNNING, STOPPED } from './commands.js';
import { stateText, subjectOf } from './describe.js';
import { JOURNAL_FILE, unrestored, writeJournal, type Journal } from './journal.js';
import { invoke, keyIsEmpty, readRegistryValue, readService, sameRegistryState, waitForState, type FixRuntime } from './machine.js';
import type { RegistryState, RegistryStep, ServiceState, ServiceStep } from './model.js';
import type { StepReport } from './apply.js';

export type RestoreOutcome = 'restored' | 'already' | 'irreversible' | 'failed';

export interface RestoreReport extends Omit<StepReport, 'outcome'> {
  outcome: RestoreOutcome;
  /** Keys fix created that were left because something else uses them now. */
  keptKeys?: string[];
}

export interface RestoreResult {
  reports: RestoreReport[];
  /** Where the finished journal was moved, when every entry is back. */
  archived?: string;
}

type Result = Omit<RestoreReport, 'finding' | 'subject'>;
const failed = (why: MessageRef, extra: Partial<Result> = {}): Result => ({ outcome: 'failed', why, ...extra });

async function restoreService(rt: FixRuntime, step: ServiceStep, previous: ServiceState): Promise<Result> {
  const to = stateText({ service: previous });
  const now = await readService(rt, step.name);
  if (!now.ok) return failed(now.why, { to });
  const invs = serviceUndo(step, previous, now.value);
  const from = stateText({ service: now.value });
  if (invs.length === 0) return { outcome: 'already', to };
  for (const inv of invs) {
    const r = await invoke(rt, inv);
    if (!r.ok) return failed(r.why, { from, to });
  }
  if (previous.stateCode === RUNNING || previous.stateCode === STOPPED) {
    const reached = await waitForState(rt, step.name, previous.stateCode);
    if (!reached.ok) return failed(reached.why, { from, to });
  }
  const after = await readService(rt, step.name);
  const stateBack =
    previous.stateCode !== RUNNING && previous.stateCode !== STOPPED ? true : after.ok && after.value.stateCode === previous.stateCode;
  if (!after.ok || after.value.startType !== previous.startType || !stateBack)
    return failed({ id: 'fix.why.didNotTake', params: { now: after.ok ? stateText({ service: after.value }) : '?' } }, { from, to });
  return { outcome: 'restored', from, to };
}

async function restoreRegistry(rt: FixRuntime, step: RegistryStep, previous: RegistryState): Promise<Result> {
  const { key, name } = step;
  const to = stateText({ registry: previous });
  const now = await readRegistryValue(rt, key, name);
  if (!now.ok) return failed(now.why, { to });
  const from = stateText({ registry: now.value });
  let outcome: RestoreOutcome = 'already';
  if (!sameRegistryState(now.value, previous)) {
    const inv = registryRestore(key, name, previous);
    if (!inv) return failed({ id: 'fix.why.cannotWrite', params: { what: `${key}\\${name}` } }, { from, to });
    const r = await invoke(rt, inv);
    if (!r.ok) return failed(r.why, { from, to });
    const after = await readRegistryValue(rt, key, name);
    if (!after.ok || !sameRegistryState(after.value, previous))
      return failed({ id: 'fix.why.didNotTake', params: { now: after.ok ? stateText({ registry: after.value }) : '?' } }, { from, to });
    outcome = 'restored';
  }
  // Keys the change created, deepest first, removed while nothing else has put anything in them.
  const keptKeys: string[] = [];
  if (!previous.exists) {
    for (const k of previous.createdKeys) {
      const empty = await keyIsEmpty(rt, k);
      if (!empty.ok) return failed(empty.why, { from, to });
      if (empty.value === null) continue;
      if (!empty.value) {
        keptKeys.push(k);
        break;
      }
      const r = await invoke(rt, { exe: 'reg.exe', args: ['delete', k, '/f'] });
      if (!r.ok) return failed(r.why, { from, to });
      outcome = 'restored';
    }
  }
  return { outcome, from, to, ...(keptKeys.length ? { keptKeys } : {}) };
}

export async function restoreJournal(rt: FixRuntime, journal: Journal): Promise<RestoreResult> {
  const reports: RestoreReport[] = [];
  const owed = unrestored(journal).sort((a, b) => b.seq - a.seq);
  for (const entry of owed) {
    const base = { finding: entry.finding, subject: subjectOf(entry.step) };
    let result: Result;
    if (!entry.previous) result = { outcome: 'irreversible' };
    else if (entry.step.kind === 'service' && 'service' in entry.previous)
      result = await restoreService(rt, entry.step, entry.previous.service);
    else if (entry.step.kind === 'registry' && 'registry' in entry.previous)
      result = await restoreRegistry(rt, entry.step, entry.previous.registry);
    else result = failed({ id: 'fix.why.cannotWrite', params: { what: entry.step.kind } });
    reports.push({ ...base, ...result });
    entry.status = result.outcome === 'failed' ? 'restore-failed' : 'restored';
    if (result.outcome !== 'failed') entry.restoredAt = rt.now().toISOString();
    writeJournal(rt.dir, journal, rt.now());
  }
  if (unrestored(journal).length > 0) return { reports };
  // Everything is back: the journal is kept beside, under a name the next fix does not read.
  const stamp = rt.now().toISOString().replace(/[:.]/g, '-');
  const archived = join(rt.dir, `restored-${stamp}.json`);
  renameSync(join(rt.dir, JOURNAL_FILE), archived);
  return { reports, archived };
}
