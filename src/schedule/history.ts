// Report history of the scheduled check: <timestamp>.json per run and latest.json, both written
// atomically (an interrupted run leaves the previous latest.json whole), the newest N kept.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity } from '../checks/define-check.js';
import { wordFinding, type Report } from '../report/build-report.js';
import { readSavedReport, type SavedReport } from '../report/saved-report.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export const LATEST = 'latest.json';
/** Timestamped reports kept by default. */
export const DEFAULT_KEEP = 30;
const RUN_FILE = /^\d{8}T\d{6}Z\.json$/;

export function runFileName(at: Date): string {
  return `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.json`;
}

export function listRuns(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => RUN_FILE.test(f))
      .sort();
  } catch {
    return [];
  }
}

/** The previous run's report, when latest.json is one of ours and readable. */
export function readLatest(dir: string): SavedReport | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(join(dir, LATEST), 'utf8'));
  } catch {
    return undefined;
  }
  const read = readSavedReport(doc);
  return read.ok ? read.report : undefined;
}

export function saveRun(dir: string, report: Report, keep: number, at: Date): { file: string; pruned: string[] } {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(dir, runFileName(at));
  writeFileAtomic(file, text);
  writeFileAtomic(join(dir, LATEST), text);
  const runs = listRuns(dir);
  const pruned = runs.slice(0, Math.max(0, runs.length - keep));
  for (const old of pruned) rmSync(join(dir, old), { force: true });
  return { file, pruned };
}

export interface ChangedProblem {
  /** In the current report's language, also for a problem only the previous report had. */
  message: string;
  severity: Severity;
}

export interface Changes {
  verdict: Report['verdict'];
  previousVerdict?: SavedReport['verdict'];
  appeared: ChangedProblem[];
  recovered: ChangedProblem[];
}

/** Problems (fail, warn, could not verify) that appeared or went away since the previous run. */
export function diffRuns(previous: SavedReport | undefined, current: Report): Changes {
  const problems = (r: SavedReport) =>
    new Map(
      r.checks.flatMap((c) =>
        c.findings
          .filter((f) => f.severity === 'fail' || f.severity === 'warn' || f.severity === 'unknown')
          .map((f): [string, ChangedProblem] => [
            `${f.checkId}/${f.code}`,
            { message: wordFinding(f, current.lang), severity: f.severity },
          ]),
      ),
    );
  const now = problems(current);
  const before = previous ? problems(previous) : new Map<string, ChangedProblem>();
  return {
    verdict: current.verdict,
    previousVerdict: previous?.verdict,
    appeared: [...now].filter(([k]) => !before.has(k)).map(([, v]) => v),
    recovered: [...before].filter(([k]) => !now.has(k)).map(([, v]) => v),
  };
}
