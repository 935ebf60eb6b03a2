// One machine's report as a self-contained HTML page (check --format html): the machine's identity,
// the verdict, then the checks grouped like the text report, groups and checks with failures first,
// evidence and fix commands in <details> with a copy button. The exact JSON report is embedded, so
// `summarize` can read the page back. Loaded on demand: text, JSON and the others never load it.
import type { Evidence, Severity } from '../checks/define-check.js';
import type { CheckStatus } from '../engine/run-checks.js';
import type { MessageId } from '../messages/en.js';
import { translator, type Translator } from '../messages/format.js';
import { htmlAttr, htmlId, htmlLines, htmlText } from '../util/html.js';
import type { Report, ReportCheck, ReportFinding } from './build-report.js';
import { copyBlock, htmlPage, REPORT_JSON_ID } from './html-page.js';
import { localTime } from '../util/local-time.js';
import { explainCommand } from '../checks/define-check.js';
import { instanceLine } from './instance-line.js';
import { verdictLine } from './verdict-line.js';

export const STATUS_WORD: Record<CheckStatus, MessageId> = {
  pass: 'status.pass',
  info: 'status.pass',
  warn: 'status.warn',
  fail: 'status.fail',
  unknown: 'status.unknown',
  disabled: 'status.disabled',
  'not-applicable': 'status.notApplicable',
};
export const MARK: Record<CheckStatus, string> = {
  pass: '✓',
  info: '•',
  warn: '!',
  fail: '✗',
  unknown: '?',
  disabled: '–',
  'not-applicable': '–',
};
/** Worst first: the order groups and checks are shown in. */
const RANK: Record<CheckStatus, number> = { fail: 0, warn: 1, unknown: 2, info: 3, pass: 3, disabled: 4, 'not-applicable': 5 };
const DETAILED: ReadonlySet<Severity> = new Set(['warn', 'fail', 'unknown']);

/** A class name for a verdict: "AT RISK" -> "v-AT-RISK". */
export const verdictClass = (v: string) => `v-${v.replace(/[^A-Z]+/g, '-')}`;

// Data keys are Windows' own property names (State, StartMode): shown as Windows spells them.
function evidenceLine(e: Evidence, t: Translator['t']): string {
  const data = Object.entries(e.data ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${t(`evidence.${e.kind}`)} ${e.ref}${data ? `: ${data}` : ''}`;
}

function finding(f: ReportFinding, check: ReportCheck, t: Translator['t']): string {
  const out = [`<li class="sev-${f.severity}"><span class="mark">${MARK[f.severity]}</span> ${htmlText(f.localizedMessage)}`];
  if (DETAILED.has(f.severity)) {
    const copy = t('html.copy');
    const copied = t('html.copied');
    if (f.code !== 'facts-unavailable' && f.evidence.length > 0) {
      out.push(
        `<details><summary>${htmlText(t('html.evidence', { count: f.evidence.length }))}</summary>`,
        copyBlock(htmlLines(f.evidence.map((e) => evidenceLine(e, t))), copy, copied),
        '</details>',
      );
    }
    for (const r of f.remediation) {
      const text = htmlText(t('md.fix', { text: r.localizedText }));
      if (r.commands.length === 0) out.push(`<p>${text}</p>`);
      else out.push(`<details open><summary>${text}</summary>`, copyBlock(htmlLines(r.commands), copy, copied), '</details>');
    }
    if (f.severity !== 'unknown')
      out.push(`<div class="docs">${htmlText(t('report.docs', { command: explainCommand(check.id, f.code) }))}</div>`);
  }
  out.push('</li>');
  return out.join('');
}

function checkBlock(check: ReportCheck, t: Translator['t']): string {
  // A check whose worst finding is a note has passed.
  const shown = check.status === 'info' ? 'pass' : check.status;
  const title =
    check.status === 'disabled' ? htmlText(t('report.disabled', { title: check.localized.title })) : htmlText(check.localized.title);
  const head = `<h3><span class="mark">${MARK[shown]}</span>${title}<span class="badge">${htmlText(t(STATUS_WORD[shown]))}</span></h3>`;
  const items = check.status === 'disabled' ? '' : `<ul>${check.findings.map((f) => finding(f, check, t)).join('')}</ul>`;
  return `<article class="check s-${shown}" id="check-${htmlId(check.id)}" data-status="${htmlAttr(check.status)}">${head}${items}</article>`;
}

/** Groups as the text report has them, in the order of their worst check; checks worst first (stable). */
function groups(report: Report): Array<{ title: string; checks: ReportCheck[] }> {
  const byTitle = new Map<string, ReportCheck[]>();
  for (const c of report.checks) {
    if (c.status === 'not-applicable') continue;
    const list = byTitle.get(c.localized.groupTitle) ?? [];
    list.push(c);
    byTitle.set(c.localized.groupTitle, list);
  }
  const worst = (cs: ReportCheck[]) => Math.min(...cs.map((c) => RANK[c.status]));
  return [...byTitle]
    .map(([title, checks]) => ({ title, checks: [...checks].sort((a, b) => RANK[a.status] - RANK[b.status]) }))
    .sort((a, b) => worst(a.checks) - worst(b.checks));
}

export function renderHtml(report: Report): string {
  const { t } = translator(report.lang);
  const s = report.snapshot;
  const verdict = t(`verdict.${report.verdict}`);
  const computer = s.computerName ?? t('md.unknownComputer');
  const verdictText = verdictLine(report, t);
  const facts: Array<[MessageId, string]> = [
    ['html.os', `${s.osCaption ?? t('report.unknownOs')}${s.buildNumber ? t('report.build', { build: s.buildNumber }) : ''}`],
    ...(s.instanceId ? ([['html.instance', instanceLine(s, t)]] as Array<[MessageId, string]>) : []),
    ['html.collectedAt', localTime(s.collectedAt, s.utcOffsetMinutes)],
    ['html.generatedAt', localTime(report.generatedAt, s.utcOffsetMinutes)],
  ];
  if (s.collectorMethod) facts.push(['html.collector', s.collectorMethod]);
  facts.push(['html.language', report.lang], ['html.tool', `${report.tool.name} ${report.tool.version}`]);
  const body = [
    '<header>',
    `<p class="tool">image-preflight</p>`,
    `<h1><bdi>${htmlText(computer)}</bdi></h1>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${htmlText(t(k))}</dt><dd>${htmlText(v)}</dd>`).join('')}</dl>`,
    '</header>',
    `<section class="verdict ${verdictClass(report.verdict)}" id="verdict">`,
    `<p class="word">${htmlText(verdict)}</p>`,
    `<p>${htmlText(verdictText)}</p>`,
    `<p class="counts">${htmlText(t('report.counts', report.counts))}</p>`,
    '</section>',
  ];
  if (s.elevated === false) body.push(`<p class="note">${htmlText(t('report.notElevated'))}</p>`);
  for (const note of s.localizedCollectorNotes) body.push(`<p class="muted">${htmlText(t('report.collectorNotes', { note }))}</p>`);
  for (const g of groups(report)) {
    body.push(`<section class="group"><h2>${htmlText(g.title)}</h2>`, ...g.checks.map((c) => checkBlock(c, t)), '</section>');
  }
  body.push(`<footer>${htmlText(t('html.footer'))}</footer>`);
  return htmlPage({
    lang: report.lang,
    title: t('md.title', { verdict, computer }),
    body: body.join('\n'),
    json: { id: REPORT_JSON_ID, value: report },
  });
}
