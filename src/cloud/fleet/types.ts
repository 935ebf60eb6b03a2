// What a fleet run reports per instance: a saved report, or no report and why. The reasons are a
// closed list so the CLI can word and count them; `detail` carries the specifics (a state, an API
// error, the script's message) in English.

/**
 * Why an instance has no report:
 * - agent-offline: the TAT agent is not Online (or the command could not be delivered to it);
 * - timed-out: the command ran past its Timeout, the agent stopped answering, or polling gave up;
 * - command-failed: the command ran but produced no report (a checksum mismatch, a missing exe, the
 *   exe failing, an API refusal);
 * - report-truncated: the output was cut at TAT's 24 KiB limit; the report is not guessed;
 * - not-windows, not-running: skipped before sending anything;
 * - not-found: DescribeInstances does not know the instance in this region.
 */
export const NO_REPORT_REASONS = [
  'agent-offline',
  'timed-out',
  'command-failed',
  'report-truncated',
  'not-windows',
  'not-running',
  'not-found',
] as const;
export type NoReportReason = (typeof NO_REPORT_REASONS)[number];

export interface ReportOutcome {
  instanceId: string;
  status: 'report';
  /** <reportDir>/<instance-id>.json */
  file: string;
  /** The report's verdict, when it has one: READY, AT RISK, BLOCKED. */
  verdict: string | null;
  /** The exe's exit code as TAT saw it (0 READY, 1 AT RISK, 2 BLOCKED). */
  exitCode: number | null;
  invocationTaskId: string | null;
  /** 'cos': TAT cut the task output, and the report was read from the copy it uploaded to COS. */
  source?: 'cos';
}

export interface NoReportOutcome {
  instanceId: string;
  status: 'no-report';
  reason: NoReportReason;
  detail: string;
  invocationTaskId?: string;
  /** Where TAT uploaded the full output, when COS upload was asked for. */
  outputUrl?: string;
  /** report-truncated with --output-cos: why the COS copy could not be read ("404 NoSuchKey"); `detail`
   * ends with "; COS copy unreadable: " and this. */
  cosError?: string;
}

export type FleetOutcome = ReportOutcome | NoReportOutcome;

export interface FleetProgress {
  /** Every target instance, eligible or not. */
  total: number;
  /** Finished with a saved report. */
  done: number;
  /** Finished without a report (including skipped ones). */
  failed: number;
  /** Sent to TAT and not finished. */
  running: number;
  /** Eligible and not sent yet. */
  pending: number;
}
