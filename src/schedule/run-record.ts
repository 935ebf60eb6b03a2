// What each scheduled run leaves behind after it is judged: the report in the history folder, and one
// Event Log entry saying what changed since the previous run (or that the run itself failed).
import { join } from 'node:path';
import type { Report } from '../report/build-report.js';
import { formatMessage } from '../messages/format.js';
import { eventcreateArgs, eventMessage } from './event-log.js';
import { diffRuns, readLatest, saveRun } from './history.js';
import { runProgram, type ScheduleContext } from './task-service.js';

export interface RunOutcome {
  report: Report;
  reportFile: string;
  pruned: string[];
  /** latest.json was not replaced: it is not a report of this tool. */
  latestKept: boolean;
  eventMessage: string;
  eventLogged: boolean;
}

/** After the report is judged: history, then the Event Log entry. */
export async function recordRun(ctx: ScheduleContext, report: Report, reportDir: string, keep: number): Promise<RunOutcome> {
  const previous = readLatest(reportDir, report.snapshot.computerName);
  const { file, pruned, latestKept } = saveRun(reportDir, report, keep, ctx.now());
  const message = eventMessage(diffRuns(previous, report), file, report.lang);
  const r = await runProgram(ctx, 'eventcreate.exe', eventcreateArgs(report.verdict, message));
  return { report, reportFile: file, pruned, latestKept, eventMessage: message, eventLogged: r.exitCode === 0 };
}

export async function recordFailure(ctx: ScheduleContext, error: string): Promise<void> {
  await runProgram(ctx, 'eventcreate.exe', eventcreateArgs('run-failed', formatMessage('event.runFailed', { error }, ctx.lang)));
}

/**
 * While a fix --apply is not restored, each scheduled run says so in the Event Log (warning, ID 104): the
 * settings it changed for the capture (security products off, dialogs hidden) should not outlive it.
 */
export async function remindOfFix(ctx: ScheduleContext, fixDir: string): Promise<{ owed: number; logged: boolean }> {
  const { readJournal, unrestored, JOURNAL_FILE } = await import('../fix/journal.js');
  const journal = readJournal(fixDir);
  const owed = journal ? unrestored(journal).length : 0;
  if (!journal || owed === 0) return { owed: 0, logged: false };
  const message = formatMessage('event.fixPending', { count: owed, since: journal.createdAt, file: join(fixDir, JOURNAL_FILE) }, ctx.lang);
  const r = await runProgram(ctx, 'eventcreate.exe', eventcreateArgs('fix-pending', message));
  return { owed, logged: r.exitCode === 0 };
}
