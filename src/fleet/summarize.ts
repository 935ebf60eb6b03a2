// `summarize`: many reports (one or more per machine; JSON, or the HTML page that embeds one) into one
// fleet view. Every file given or found is either counted or listed as skipped with its reason; a
// machine with several reports (a history folder) is counted once, by its newest report.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { formatRef } from '../messages/format.js';
import type { Lang, MessageRef } from '../messages/types.js';
import { wordFinding } from '../report/build-report.js';
import { errnoReason } from '../util/errno.js';
import { errnoCode } from '../util/guards.js';
import { readInputFile } from '../util/read-input.js';
import { decodeText } from '../util/decode-text.js';
import { parseJson } from '../util/parse-json.js';
import type { Severity } from '../checks/define-check.js';
import type { Verdict } from '../engine/verdict.js';
import { looksLikeHtml, readSavedReport, reportJsonFromHtml, VERDICTS } from '../report/saved-report.js';

export const SUMMARY_VERSION = 1;
const PROBLEM = new Set(['fail', 'warn', 'unknown']);
const RANK: Record<Severity, number> = { fail: 0, warn: 1, unknown: 2, info: 3, pass: 4 };

/** A problem of one machine (fail, warn or could not verify), worded like ProblemCount. */
export interface RowFinding {
  problem: string;
  severity: Severity;
  message: string;
  localizedMessage: string;
}

export interface MachineRow {
  computerName: string;
  /** The cloud instance id, when the report names one (snapshot.instanceId); else null. */
  instanceId: string | null;
  verdict: Verdict;
  failures: number;
  warnings: number;
  couldNotVerify: number;
  problems: string[];
  /** Every problem of the machine, in the report's order. */
  findings: RowFinding[];
  generatedAt: string;
  collectedAt: string;
  /** The machine's offset from UTC when its report says, for showing its local time. */
  utcOffsetMinutes: number | null;
  os: string;
  file: string;
}

export interface Skipped {
  file: string;
  reason: string;
  localizedReason: string;
}

export interface ProblemCount {
  problem: string;
  severity: Severity;
  /** English; localizedMessage is in the summary's language, from the message id where this version knows it. */
  message: string;
  localizedMessage: string;
  machines: number;
  /** The machine the message was worded for: its parameters (names, paths, numbers) are that machine's. */
  example: string;
}

export interface FleetSummary {
  summaryVersion: typeof SUMMARY_VERSION;
  lang: Lang;
  reportsRead: number;
  machines: number;
  supersededReports: number;
  byVerdict: Record<Verdict, number>;
  topProblems: ProblemCount[];
  machinesByVerdict: Record<Verdict, string[]>;
  rows: MachineRow[];
  skipped: Skipped[];
}

/** What the walk found: report candidates, and what it could not read, each with its reason. */
export interface FoundFiles {
  files: string[];
  skipped: Array<{ file: string; reason: MessageRef }>;
}

/** Report files a folder search picks up: JSON reports and the HTML pages that embed one. */
const REPORT_FILE = /\.(json|html?)$/i;

/**
 * Files named on the command line, and every .json, .html and .htm below folders named there. A folder or file it
 * cannot read, a special file (device, FIFO, socket) and a link that loops are listed as skipped with
 * the reason, never fatal; links are followed, each real folder walked once.
 */
export function expandPaths(paths: readonly string[]): FoundFiles {
  const found: FoundFiles = { files: [], skipped: [] };
  const seen = new Set<string>();
  const skip = (file: string, reason: MessageRef) => found.skipped.push({ file, reason });
  const visit = (path: string, named: boolean) => {
    let stat;
    try {
      stat = statSync(path);
    } catch (err) {
      if (named && errnoCode(err) === 'ENOENT') throw new InputError('error.noSuchPath', { path });
      skip(path, { id: 'fleet.skip.unreadable', params: { why: errnoReason(err) } });
      return;
    }
    if (stat.isFile()) {
      if (named || REPORT_FILE.test(path)) found.files.push(path);
      return;
    }
    if (!stat.isDirectory()) {
      if (named || REPORT_FILE.test(path)) skip(path, { id: 'fleet.skip.unreadable', params: { why: { id: 'why.notRegular' } } });
      return;
    }
    let real: string;
    let entries: string[];
    try {
      real = realpathSync(path);
      entries = readdirSync(path).sort((x, y) => x.localeCompare(y));
    } catch (err) {
      skip(path, { id: 'fleet.skip.unreadable', params: { why: errnoReason(err) } });
      return;
    }
    if (seen.has(real)) {
      skip(path, { id: 'fleet.skip.loop' });
      return;
    }
    seen.add(real);
    for (const name of entries) visit(join(path, name), false);
  };
  for (const p of paths) visit(p, true);
  return found;
}

/** Reports are tens of kilobytes; a file far larger is not one and is not read. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

interface ParsedReport {
  row: MachineRow;
  problems: RowFinding[];
}

// A placeholder subject, cut off again: the skip line already names the file. A private-use character
// cannot come from a translation.
const SUBJECT = '\uE000';
const wordSkip = (skip: MessageRef, lang: Lang) => formatRef(skip, lang).replace(/^\uE000[:：]\s*/, '');

function readReport(file: string, lang: Lang): ParsedReport | { skip: MessageRef } {
  let bytes: Buffer;
  try {
    bytes = readInputFile(file, SUBJECT, MAX_REPORT_BYTES);
  } catch (err) {
    if (err instanceof InputError && err.messageId === 'error.tooLarge')
      return { skip: { id: 'fleet.skip.tooLarge', params: { limit: MAX_REPORT_BYTES / 1024 / 1024 } } };
    const why = err instanceof InputError ? err.params.why : undefined;
    return { skip: { id: 'fleet.skip.unreadable', params: { why: why ?? errnoReason(err) } } };
  }
  let doc: unknown;
  try {
    const text = decodeText(bytes, 'file').text;
    const json = looksLikeHtml(text) ? reportJsonFromHtml(text) : text;
    if (json === undefined) return { skip: { id: 'fleet.skip.htmlWithoutReport' } };
    doc = parseJson(json, 'file');
  } catch (err) {
    // The parser's error names its subject first ("<what>: not valid JSON…"); the skip line already names the file.
    if (err instanceof InputError) return { skip: { id: err.messageId, params: { ...err.params, what: SUBJECT } } };
    throw err;
  }
  const read = readSavedReport(doc, { evidence: false });
  if (!read.ok) return { skip: read.reason };
  const r = read.report;
  const problems: ParsedReport['problems'] = [];
  for (const c of r.checks) {
    for (const f of c.findings) {
      if (!PROBLEM.has(f.severity)) continue;
      const message = wordFinding(f, 'en');
      problems.push({
        problem: `${f.checkId}/${f.code}`,
        severity: f.severity,
        message,
        localizedMessage: lang === 'en' ? message : wordFinding(f, lang),
      });
    }
  }
  return {
    problems,
    row: {
      computerName: r.snapshot.computerName || `(unknown: ${file})`,
      instanceId: r.snapshot.instanceId || null,
      verdict: r.verdict,
      failures: r.counts.fail,
      warnings: r.counts.warn,
      couldNotVerify: r.counts.unknown,
      problems: [...new Set(problems.map((p) => p.problem))],
      findings: problems,
      generatedAt: r.generatedAt,
      collectedAt: r.snapshot.collectedAt,
      utcOffsetMinutes: r.snapshot.utcOffsetMinutes ?? null,
      os: r.snapshot.osCaption ?? '',
      file,
    },
  };
}

/**
 * Which machine a report is about: its cloud instance when the report names one (two CVMs may share
 * a computer name: every CVM made from one image starts with the same one), else its computer name.
 */
export function machineKey(row: Pick<MachineRow, 'instanceId' | 'computerName'>): string {
  return row.instanceId ? `instance:${row.instanceId.toLowerCase()}` : `name:${row.computerName.toLowerCase()}`;
}

export interface SummarizeOptions {
  lang?: Lang;
  top?: number;
  /**
   * The instance a file is known to be about, whatever the report says (fleet run: TAT ran the check on
   * that instance, and saved its report as <instance-id>.json). Reports are untrusted; the API is not.
   */
  instanceIdFor?: (file: string) => string | undefined;
}

export function summarize(found: FoundFiles, options: SummarizeOptions = {}): FleetSummary {
  const lang = options.lang ?? 'en';
  const top = options.top ?? 10;
  const skipped: Skipped[] = found.skipped.map(({ file, reason }) => ({
    file,
    reason: wordSkip(reason, 'en'),
    localizedReason: wordSkip(reason, lang),
  }));
  const files = found.files;
  const newest = new Map<string, ParsedReport>();
  let read = 0;
  let superseded = 0;
  for (const file of files) {
    const parsed = readReport(file, lang);
    if ('skip' in parsed) {
      skipped.push({ file, reason: wordSkip(parsed.skip, 'en'), localizedReason: wordSkip(parsed.skip, lang) });
      continue;
    }
    read += 1;
    const known = options.instanceIdFor?.(file);
    if (known) parsed.row.instanceId = known;
    const key = machineKey(parsed.row);
    const seen = newest.get(key);
    if (!seen) newest.set(key, parsed);
    else {
      superseded += 1;
      if (parsed.row.generatedAt > seen.row.generatedAt) newest.set(key, parsed);
    }
  }
  const order = (v: Verdict) => VERDICTS.indexOf(v);
  const machines = [...newest.values()].sort(
    (a, b) =>
      order(a.row.verdict) - order(b.row.verdict) ||
      a.row.computerName.localeCompare(b.row.computerName) ||
      (a.row.instanceId ?? '').localeCompare(b.row.instanceId ?? ''),
  );
  const byVerdict = { BLOCKED: 0, 'AT RISK': 0, READY: 0 } as Record<Verdict, number>;
  const machinesByVerdict = { BLOCKED: [], 'AT RISK': [], READY: [] } as Record<Verdict, string[]>;
  const problemCounts = new Map<string, ProblemCount>();
  for (const m of machines) {
    byVerdict[m.row.verdict] += 1;
    machinesByVerdict[m.row.verdict].push(m.row.computerName);
    const distinct = new Map<string, RowFinding>();
    for (const p of m.problems) if (!distinct.has(p.problem) || p.severity === 'fail') distinct.set(p.problem, p);
    for (const p of distinct.values()) {
      const entry = problemCounts.get(p.problem) ?? {
        problem: p.problem,
        severity: p.severity,
        message: p.message,
        localizedMessage: p.localizedMessage,
        machines: 0,
        example: m.row.computerName,
      };
      entry.machines += 1;
      if (p.severity === 'fail' && entry.severity !== 'fail') {
        // The example shows the problem at its worst: a BLOCKED machine's words, not a warning's.
        Object.assign(entry, { severity: 'fail', message: p.message, localizedMessage: p.localizedMessage, example: m.row.computerName });
      }
      problemCounts.set(p.problem, entry);
    }
  }
  // What blocks a capture comes first, however few machines have it; then warnings, then what could not be verified.
  const topProblems = [...problemCounts.values()]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.machines - a.machines || a.problem.localeCompare(b.problem))
    .slice(0, top);
  return {
    summaryVersion: SUMMARY_VERSION,
    lang,
    reportsRead: read,
    machines: machines.length,
    supersededReports: superseded,
    byVerdict,
    topProblems,
    machinesByVerdict,
    rows: machines.map((m) => m.row),
    skipped,
  };
}
