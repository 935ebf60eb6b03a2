// Human report, laid out like `flutter doctor`: a line per check with a mark, findings below it, and
// for anything not passing its evidence and copy-pasteable fix commands. Every line worded from the
// report passes through visible() before colour is added: machine data can carry escape sequences
// and line breaks that would otherwise hide or fake a verdict on the admin's terminal.
import { createColors } from 'picocolors';
import type { Evidence, Severity } from '../checks/define-check.js';
import type { CheckStatus } from '../engine/run-checks.js';
import { translator, type Translator } from '../messages/format.js';
import { visible } from '../util/safe-text.js';
import type { Report, ReportCheck, ReportFinding } from './build-report.js';
import { localTime } from '../util/local-time.js';
import { explainCommand } from '../checks/define-check.js';
import { instanceLine } from './instance-line.js';
import { verdictLine } from './verdict-line.js';

export interface TextOptions {
  /** ANSI colours; anything but true is none (picocolors would otherwise guess from the environment). */
  color: boolean | undefined;
  /** Windows consoles' default fonts lack ✓ and ✗; flutter doctor uses √ and X there too. */
  windowsSymbols?: boolean;
}

type Marks = Record<CheckStatus, string>;
const UNICODE: Marks = { pass: '✓', info: '•', warn: '!', fail: '✗', unknown: '?', disabled: '-', 'not-applicable': '-' };
const WINDOWS: Marks = { ...UNICODE, pass: '√', fail: 'X', info: '-' };

// Data keys are Windows' own property names (State, StartMode): shown as Windows spells them.
function evidenceLine(e: Evidence, t: Translator['t']): string {
  const data = Object.entries(e.data ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return visible(`${t(`evidence.${e.kind}`)} ${e.ref}${data ? `: ${data}` : ''}`);
}

export function renderText(report: Report, options: TextOptions): string {
  const { t } = translator(report.lang);
  // Strictly true: createColors(undefined) falls back to picocolors' own guess, which is "yes" on every Windows.
  const c = createColors(options.color === true);
  const marks = options.windowsSymbols ? WINDOWS : UNICODE;
  const paint = (status: CheckStatus, s: string): string =>
    status === 'fail' ? c.red(s) : status === 'warn' || status === 'unknown' ? c.yellow(s) : status === 'pass' ? c.green(s) : c.dim(s);
  const lines: string[] = [];
  const snap = report.snapshot;
  lines.push(
    c.bold(
      visible(
        t('report.header', {
          version: report.tool.version,
          computer: snap.computerName ?? '?',
          os: snap.osCaption ?? t('report.unknownOs'),
          build: snap.buildNumber ? t('report.build', { build: snap.buildNumber }) : '',
          collectedAt: localTime(snap.collectedAt, snap.utcOffsetMinutes),
        }),
      ),
    ),
  );
  if (snap.instanceId) lines.push(visible(instanceLine(snap, t)));
  if (snap.elevated === false) lines.push(c.yellow(t('report.notElevated')));
  for (const note of snap.localizedCollectorNotes) lines.push(c.dim(visible(t('report.collectorNotes', { note }))));

  let group = '';
  for (const check of report.checks) {
    if (check.status === 'not-applicable') continue;
    if (check.localized.groupTitle !== group) {
      group = check.localized.groupTitle;
      lines.push('', c.bold(visible(group)));
    }
    if (check.status === 'disabled') {
      lines.push(c.dim(`[${marks.disabled}] ${visible(t('report.disabled', { title: check.localized.title }))}`));
      continue;
    }
    // A check whose worst finding is a note has passed.
    const shown = check.status === 'info' ? 'pass' : check.status;
    lines.push(`${paint(shown, `[${marks[shown]}]`)} ${visible(check.localized.title)}`);
    for (const f of check.findings) renderFinding(lines, f, check, marks, paint, t);
  }

  const verdictText = verdictLine(report, t);
  lines.push('', c.bold(paint(report.verdict === 'READY' ? 'pass' : report.verdict === 'BLOCKED' ? 'fail' : 'warn', visible(verdictText))));
  lines.push(t('report.counts', report.counts));
  return `${lines.join('\n')}\n`;
}

const DETAILED: ReadonlySet<Severity> = new Set(['warn', 'fail', 'unknown']);

/** Appends a finding's lines (a report can hold tens of thousands: never spread into a call). */
function renderFinding(
  out: string[],
  f: ReportFinding,
  check: ReportCheck,
  marks: Marks,
  paint: (s: CheckStatus, text: string) => string,
  t: Translator['t'],
): void {
  out.push(`    ${paint(f.severity, marks[f.severity])} ${visible(f.localizedMessage)}`);
  if (!DETAILED.has(f.severity)) return;
  // A "could not verify" line already names the failed facts and why; its evidence is for the JSON.
  if (f.code !== 'facts-unavailable') for (const e of f.evidence) out.push(`        ${evidenceLine(e, t)}`);
  for (const r of f.remediation) {
    out.push(`      ${visible(t('report.fix', { text: r.localizedText }))}`);
    for (const cmd of r.commands) out.push(`          ${visible(cmd)}`);
  }
  if (f.severity !== 'unknown') out.push(`      ${visible(t('report.docs', { command: explainCommand(check.id, f.code) }))}`);
}
