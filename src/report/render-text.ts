// Human report, laid out like `flutter doctor`: a line per check with a mark, findings below it, and
// for anything not passing its evidence and copy-pasteable fix commands.
import { createColors } from 'picocolors';
import type { Evidence, Severity } from '../checks/define-check.js';
import type { CheckStatus } from '../engine/run-checks.js';
import { formatMessage } from '../messages/format.js';
import type { Report, ReportCheck, ReportFinding } from './build-report.js';

export interface TextOptions {
  color: boolean;
  /** Windows consoles' default fonts lack ✓ and ✗; flutter doctor uses √ and X there too. */
  windowsSymbols?: boolean;
}

type Marks = Record<CheckStatus, string>;
const UNICODE: Marks = { pass: '✓', info: '•', warn: '!', fail: '✗', unknown: '?', disabled: '-', 'not-applicable': '-' };
const WINDOWS: Marks = { ...UNICODE, pass: '√', fail: 'X', info: '-' };

function evidenceLine(e: Evidence): string {
  const data = Object.entries(e.data ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${e.kind} ${e.ref}${data ? `: ${data}` : ''}`;
}

export function renderText(report: Report, options: TextOptions): string {
  const c = createColors(options.color);
  const marks = options.windowsSymbols ? WINDOWS : UNICODE;
  const paint = (status: CheckStatus, s: string): string =>
    status === 'fail' ? c.red(s) : status === 'warn' || status === 'unknown' ? c.yellow(s) : status === 'pass' ? c.green(s) : c.dim(s);
  const lines: string[] = [];
  const snap = report.snapshot;
  lines.push(c.bold(formatMessage('report.header', {
    version: report.tool.version,
    computer: snap.computerName ?? '?',
    os: snap.osCaption ?? 'unknown OS',
    build: snap.buildNumber ? `, build ${snap.buildNumber}` : '',
    collectedAt: snap.collectedAt,
  })));
  if (snap.elevated === false) lines.push(c.yellow(formatMessage('report.notElevated')));
  for (const note of snap.collectorNotes) lines.push(c.dim(formatMessage('report.collectorNotes', { note })));

  let group = '';
  for (const check of report.checks) {
    if (check.status === 'not-applicable') continue;
    if (check.groupTitle !== group) {
      group = check.groupTitle;
      lines.push('', c.bold(group));
    }
    if (check.status === 'disabled') {
      lines.push(c.dim(`[${marks.disabled}] ${formatMessage('report.disabled', { title: check.title })}`));
      continue;
    }
    // A check whose worst finding is a note has passed.
    const shown = check.status === 'info' ? 'pass' : check.status;
    lines.push(`${paint(shown, `[${marks[shown]}]`)} ${check.title}`);
    for (const f of check.findings) lines.push(...renderFinding(f, check, marks, paint));
  }

  const onlyUnverified = report.verdict === 'AT RISK' && report.counts.warn === 0;
  const verdictLine = onlyUnverified ? formatMessage('report.verdict.unverified', { count: report.counts.unknown }) : formatMessage(`report.verdict.${report.verdict}`);
  lines.push('', c.bold(paint(report.verdict === 'READY' ? 'pass' : report.verdict === 'BLOCKED' ? 'fail' : 'warn', verdictLine)));
  lines.push(formatMessage('report.counts', report.counts));
  return `${lines.join('\n')}\n`;
}

function renderFinding(f: ReportFinding, check: ReportCheck, marks: Marks, paint: (s: CheckStatus, t: string) => string): string[] {
  const out = [`    ${paint(f.severity, marks[f.severity])} ${f.message}`];
  const detailed: Severity[] = ['warn', 'fail', 'unknown'];
  if (!detailed.includes(f.severity)) return out;
  // A "could not verify" line already names the failed facts and why; its evidence is for the JSON.
  if (f.code !== 'facts-unavailable') for (const e of f.evidence) out.push(`        ${evidenceLine(e)}`);
  for (const r of f.remediation) {
    out.push(`      ${formatMessage('report.fix')} ${r.text}`);
    for (const cmd of r.commands) out.push(`          ${cmd}`);
  }
  if (f.severity !== 'unknown') out.push(`      ${formatMessage('report.docs')} ${check.docsUrl}`);
  return out;
}
