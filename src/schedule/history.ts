// Report history of the scheduled check: <timestamp>.json per run and latest.json, both written
// atomically (an interrupted run leaves the previous latest.json whole), the newest N kept. The folder
// may hold things the tool did not write (by a careless admin, or anyone if the folder was pointed
// somewhere users can write): retention deletes and replaces only files that are reports this tool
// wrote about this machine, never anything else, and never the run it just wrote.
import { lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Severity } from '../checks/define-check.js';
import { wordFinding, type Report } from '../report/build-report.js';
import { readSavedReport, type SavedReport } from '../report/saved-report.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readInputFile } from '../util/read-input.js';

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

/** Run files (by name) that are regular files: a folder or a link with a run's name is not one of ours. */
export function listRuns(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => RUN_FILE.test(name) && isRegularFile(join(dir, name))).sort();
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Reports are tens of kilobytes; anything far larger in the folder is not one. */
const MAX_REPORT_BYTES = 8 * 1024 * 1024;
/** Old runs examined for deletion per run: a folder stuffed with look-alikes cannot make a run slow. */
const MAX_PRUNE_PER_RUN = 100;

const sameMachine = (a: string | null, b: string | null) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();

/** The report in `path` when it is a regular file this tool wrote, about `computerName` when that is given. */
function ownReport(path: string, computerName?: string | null): SavedReport | undefined {
  if (!isRegularFile(path)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(readInputFile(path, 'report', MAX_REPORT_BYTES).toString('utf8'));
  } catch {
    return undefined;
  }
  const read = readSavedReport(doc);
  if (!read.ok) return undefined;
  return computerName === undefined || sameMachine(read.report.snapshot.computerName, computerName) ? read.report : undefined;
}

/** The previous run's report, when latest.json is one of ours (about `computerName`, when given). */
export function readLatest(dir: string, computerName?: string | null): SavedReport | undefined {
  return ownReport(join(dir, LATEST), computerName);
}

export interface SavedRun {
  file: string;
  pruned: string[];
  /** latest.json was left alone: it is not a report of this tool. */
  latestKept: boolean;
}

export function saveRun(dir: string, report: Report, keep: number, at: Date): SavedRun {
  mkdirSync(dir, { recursive: true });
  const machine = report.snapshot.computerName;
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const name = runFileName(at);
  const file = join(dir, name);
  writeFileAtomic(file, text);
  const latest = join(dir, LATEST);
  let latestKept = false;
  try {
    lstatSync(latest);
    // Any report of this tool is replaced (a CVM made from an image that had the task has a new
    // name); anything else is not ours to overwrite.
    latestKept = ownReport(latest) === undefined;
  } catch {
    // No latest.json yet.
  }
  if (!latestKept) writeFileAtomic(latest, text);
  // Older runs by name, newest first; a future-dated name (a clock that was wrong once) is never counted
  // against the limit, so it cannot push out the run just written.
  const older = listRuns(dir)
    .filter((n) => n < name)
    .reverse();
  const pruned: string[] = [];
  let examined = 0;
  for (const old of older.slice(Math.max(0, keep - 1))) {
    if (examined++ >= MAX_PRUNE_PER_RUN) break;
    const path = join(dir, old);
    if (!ownReport(path, machine)) continue;
    rmSync(path, { force: true });
    pruned.push(old);
  }
  return { file, pruned, latestKept };
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
