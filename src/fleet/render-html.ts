// The fleet summary as one self-contained HTML page (summarize --format html): counts by verdict as a
// small inline SVG chart, the most frequent problems, a sortable and filterable table of machines, and
// each machine's findings further down the same page, linked from its row. It lays out the summary as
// summarize built it; the ids it links by are row numbers, never data. Loaded on demand.
import { localTime } from '../util/local-time.js';
import type { Verdict } from '../engine/verdict.js';
import { translator, type Translator } from '../messages/format.js';
import { htmlPage } from '../report/html-page.js';
import { MARK, verdictClass } from '../report/render-html.js';
import { VERDICTS } from '../report/saved-report.js';
import { htmlAttr, htmlText } from '../util/html.js';
import type { FleetSummary, MachineRow } from './summarize.js';

const anchor = (i: number) => `m-${i}`;

/** A report time as "2026-11-23 03:00 UTC" (the exact value in datetime; sorts as text); anything else as written. */
/** The machine's local time (its offset when the report says), the instant itself in datetime. */
function timeCell(iso: string, utcOffsetMinutes: number | null): string {
  const shown = localTime(iso, utcOffsetMinutes);
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d):\d\d (UTC.*)$/.exec(shown);
  return m
    ? `<time datetime="${htmlAttr(iso)}"><span>${m[1] ?? ''}</span> ${m[2] ?? ''} ${m[3] ?? ''}</time>`
    : `<time>${htmlText(iso)}</time>`;
}

/** Horizontal bars, one per verdict, scaled to the largest count; sized in SVG attributes (no inline style). */
function chart(s: FleetSummary, t: Translator['t']): string {
  const labelWidth = 130;
  const barWidth = 300;
  const rowHeight = 30;
  const most = Math.max(1, ...VERDICTS.map((v) => s.byVerdict[v]));
  const height = rowHeight * VERDICTS.length + 6;
  const bars = VERDICTS.map((v, i) => {
    const n = s.byVerdict[v];
    const w = n === 0 ? 0 : Math.max(2, Math.round((n / most) * barWidth));
    const y = i * rowHeight + 6;
    return (
      `<text x="0" y="${y + 15}">${htmlText(t(`verdict.${v}`))}</text>` +
      `<rect class="b-${verdictClass(v).slice(2)}" x="${labelWidth}" y="${y}" width="${w}" height="20" rx="2"></rect>` +
      `<text x="${labelWidth + w + 6}" y="${y + 15}" data-verdict="${htmlAttr(v)}">${n}</text>`
    );
  }).join('');
  const width = labelWidth + barWidth + 60;
  return `<svg class="chart" role="img" aria-labelledby="chart-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title id="chart-title">${htmlText(t('html.fleet.chart'))}</title>${bars}</svg>`;
}

function topProblems(s: FleetSummary, t: Translator['t']): string {
  if (s.topProblems.length === 0) return '';
  const rows = s.topProblems
    .map(
      (p) =>
        `<tr class="sev-${p.severity}"><td class="n">${p.machines}</td><td><span class="mark">${MARK[p.severity]}</span>${htmlText(t(`severity.${p.severity}`))}: ${htmlText(t('fleet.example', { message: p.localizedMessage, computer: p.example }))}</td><td><code>${htmlText(p.problem)}</code></td></tr>`,
    )
    .join('');
  return [
    `<section id="top"><h2>${htmlText(t('html.fleet.top'))}</h2>`,
    `<table><thead><tr><th class="n">${htmlText(t('html.fleet.col.machines'))}</th><th>${htmlText(t('html.fleet.col.problem'))}</th><th>${htmlText(t('html.fleet.col.code'))}</th></tr></thead>`,
    `<tbody>${rows}</tbody></table></section>`,
  ].join('\n');
}

function machineRow(r: MachineRow, i: number, withInstance: boolean, verdictWord: Record<Verdict, string>): string {
  const cells = [
    withInstance ? `<td><code>${htmlText(r.instanceId ?? '')}</code></td>` : '',
    `<td><a href="#${anchor(i)}"><bdi>${htmlText(r.computerName)}</bdi></a></td>`,
    `<td data-sort="${VERDICTS.indexOf(r.verdict)}"><span class="vw ${verdictClass(r.verdict)}">${htmlText(verdictWord[r.verdict])}</span></td>`,
    `<td class="n">${r.failures}</td><td class="n">${r.warnings}</td><td class="n">${r.couldNotVerify}</td>`,
    `<td class="codes">${htmlText(r.problems.join(' '))}</td>`,
    `<td>${timeCell(r.generatedAt, r.utcOffsetMinutes)}</td>`,
  ];
  return `<tr data-verdict="${htmlAttr(r.verdict)}">${cells.join('')}</tr>`;
}

function machinesTable(s: FleetSummary, t: Translator['t'], verdictWord: Record<Verdict, string>): string {
  const withInstance = s.rows.some((r) => r.instanceId);
  // Counts sort as numbers and align right; the verdict sorts by its order (data-sort), worst first.
  const th = (id: Parameters<Translator['t']>[0], type: 'text' | 'num' | 'rank') =>
    `<th${type === 'num' ? ' class="n" data-type="num"' : type === 'rank' ? ' data-type="num"' : ''}><button type="button">${htmlText(t(id))}</button></th>`;
  const head = [
    withInstance ? th('html.fleet.col.instance', 'text') : '',
    th('html.fleet.col.name', 'text'),
    th('html.fleet.col.verdict', 'rank'),
    th('html.fleet.col.failures', 'num'),
    th('html.fleet.col.warnings', 'num'),
    th('html.fleet.col.unverified', 'num'),
    th('html.fleet.col.problem', 'text'),
    th('html.fleet.col.time', 'text'),
  ].join('');
  const options = VERDICTS.map((v) => `<option value="${htmlAttr(v)}">${htmlText(verdictWord[v])}</option>`).join('');
  const template = t('html.fleet.shown', { shown: '{shown}', total: '{total}' });
  // Rows are appended one by one: a fleet can be tens of thousands of machines.
  const rows: string[] = [];
  s.rows.forEach((r, i) => rows.push(machineRow(r, i, withInstance, verdictWord)));
  return [
    `<section><h2>${htmlText(t('html.fleet.table'))}</h2>`,
    '<div class="controls">',
    `<label>${htmlText(t('html.fleet.filter'))} <input type="search" id="q" placeholder="${htmlAttr(t('html.fleet.filterHint'))}"></label>`,
    `<select id="v" aria-label="${htmlAttr(t('html.fleet.col.verdict'))}"><option value="">${htmlText(t('html.fleet.allVerdicts'))}</option>${options}</select>`,
    `<span id="shown" data-template="${htmlAttr(template)}">${htmlText(t('html.fleet.shown', { shown: s.rows.length, total: s.rows.length }))}</span>`,
    '</div>',
    `<div class="wide"><table id="machines"><thead><tr>${head}</tr></thead><tbody>`,
    rows.join('\n'),
    '</tbody></table></div></section>',
  ].join('\n');
}

function machineFindings(r: MachineRow, i: number, t: Translator['t'], verdictWord: Record<Verdict, string>): string {
  const id = r.instanceId ? ` <code>${htmlText(r.instanceId)}</code>` : '';
  const items = r.findings.length
    ? `<ul>${r.findings.map((f) => `<li class="sev-${f.severity}"><span class="mark">${MARK[f.severity]}</span>${htmlText(f.localizedMessage)} <code class="muted">${htmlText(f.problem)}</code></li>`).join('')}</ul>`
    : `<p>${htmlText(t('html.fleet.noProblems'))}</p>`;
  return (
    `<div class="machine" id="${anchor(i)}"><h3><bdi>${htmlText(r.computerName)}</bdi>${id} <span class="vw ${verdictClass(r.verdict)}">${htmlText(verdictWord[r.verdict])}</span><a class="back" href="#machines">${htmlText(t('html.fleet.toTable'))}</a></h3>` +
    `<p class="muted">${htmlText(r.os)} · ${timeCell(r.generatedAt, r.utcOffsetMinutes)} · ${htmlText(t('html.fleet.file', { file: r.file }))}</p>${items}</div>`
  );
}

export function renderSummaryHtml(s: FleetSummary): string {
  const { t } = translator(s.lang);
  const verdictWord = { BLOCKED: t('verdict.BLOCKED'), 'AT RISK': t('verdict.AT RISK'), READY: t('verdict.READY') };
  const header = t('fleet.header', {
    machines: s.machines,
    reports: s.reportsRead,
    superseded: s.supersededReports ? { id: 'fleet.superseded', params: { count: s.supersededReports } } : '',
    skipped: s.skipped.length ? { id: 'fleet.skippedCount', params: { count: s.skipped.length } } : '',
  });
  const body = [
    '<header>',
    '<p class="tool">image-preflight</p>',
    `<h1>${htmlText(t('html.fleet.title', { machines: s.machines }))}</h1>`,
    `<p id="fleet-counts">${htmlText(header)}</p>`,
    '</header>',
    `<section id="verdicts"><h2>${htmlText(t('html.fleet.chart'))}</h2>${chart(s, t)}</section>`,
    topProblems(s, t),
    machinesTable(s, t, verdictWord),
  ];
  if (s.rows.length > 0) {
    // Far down a long page, machines are laid out when scrolled to (content-visibility in the style).
    const many = s.rows.length > 200 ? ' class="many"' : '';
    body.push(`<section id="findings"${many}><h2>${htmlText(t('html.fleet.findings'))}</h2>`);
    s.rows.forEach((r, i) => body.push(machineFindings(r, i, t, verdictWord)));
    body.push('</section>');
  }
  if (s.skipped.length > 0) {
    body.push(`<details id="skipped"><summary>${htmlText(t('html.fleet.skipped', { count: s.skipped.length }))}</summary><ul>`);
    for (const k of s.skipped) body.push(`<li><code>${htmlText(k.file)}</code>: ${htmlText(k.localizedReason)}</li>`);
    body.push('</ul></details>');
  }
  return htmlPage({ lang: s.lang, title: t('html.fleet.title', { machines: s.machines }), body: body.join('\n') });
}
