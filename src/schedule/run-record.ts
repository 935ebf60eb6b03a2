// What each scheduled run leaves behind after it is judged: the report in the history folder, and one
// Event Log entry saying what changed since the previous run (or that the run itself failed).
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
