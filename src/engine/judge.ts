// The core pipeline below the commands: snapshot + config -> checks -> findings -> verdict -> report.
// The CLI, the scheduled run, tests and the bench all judge through here.
import { CHECKS } from '../checks/index.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { resolveLang } from '../messages/lang.js';
import type { Lang } from '../messages/types.js';
import { buildReport, type Report } from '../report/build-report.js';
import { factValue } from '../snapshot/facts.js';
import type { Snapshot } from '../snapshot/schema.js';
import { runChecks, type CheckResult } from './run-checks.js';

export interface JudgeOptions {
  lang?: Lang;
  now?: Date;
}

export interface Judgement {
  report: Report;
  /** Checks that threw, with their errors, for --verbose and the log file. */
  crashed: Array<{ checkId: string; error: Error }>;
}

/** A report speaks --lang, else the environment's language, else the judged machine's UI language. */
export function reportLang(flag: Lang | undefined, env: Record<string, string | undefined>, snapshot: Snapshot): Lang {
  return resolveLang({ flag, env, uiCulture: factValue(snapshot, 'host')?.uiCulture });
}

export function judgeInDetail(snapshot: Snapshot, config: ResolvedConfig, options: JudgeOptions = {}): Judgement {
  const results: CheckResult[] = runChecks(CHECKS, snapshot, config);
  const crashed = results.flatMap((r) => (r.error ? [{ checkId: r.id, error: r.error }] : []));
  return { report: buildReport(snapshot, results, options), crashed };
}

export function judge(snapshot: Snapshot, config: ResolvedConfig, options: JudgeOptions = {}): Report {
  return judgeInDetail(snapshot, config, options).report;
}
