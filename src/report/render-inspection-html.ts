// The inspection of an image file as one self-contained HTML page, in the frame of the machine page
// (html-page.ts: inline style and script allowed by hash, no request of any kind): the file, its
// format and sizes, the verdict, then the findings by group, each problem with the Tencent Cloud
// import error it foresees, its details and copyable commands. The JSON inspection is embedded under
// the id `summarize` looks for, so a folder of such pages is listed as inspections, not read as machines.
// Loaded on demand: the other formats never load it.
import { translator, type Translator } from '../messages/format.js';
import { htmlLines, htmlText } from '../util/html.js';
import type { MessageId } from '../messages/en.js';
import { copyBlock, htmlPage, REPORT_JSON_ID } from './html-page.js';
import { formatLabel, sizeRef, verdictLine, type InspectionFinding, type InspectionReport } from './inspection.js';
import { byGroup, STATUS, tencentLine } from './render-inspection.js';
import { MARK, verdictClass } from './render-html.js';

function finding(f: InspectionFinding, t: Translator['t']): string {
  const out = [`<li class="sev-${f.severity}"><span class="mark">${MARK[f.severity]}</span> ${htmlText(f.localizedMessage)}`];
  if (f.severity === 'warn' || f.severity === 'fail' || f.severity === 'unknown') {
    const tencent = tencentLine(f, t);
    if (tencent) out.push(`<p>${htmlText(tencent)}</p>`);
    const copy = t('html.copy');
    const copied = t('html.copied');
    if (f.details.length > 0) {
      out.push(
        `<details><summary>${htmlText(t('inspect.html.details', { count: f.details.length }))}</summary>`,
        copyBlock(htmlLines(f.details), copy, copied),
        '</details>',
      );
    }
    if (f.commands.length > 0) {
      out.push(
        `<details open><summary>${htmlText(t('inspect.commands'))}</summary>`,
        copyBlock(htmlLines(f.commands), copy, copied),
        '</details>',
      );
    }
  }
  out.push('</li>');
  return out.join('');
}

export function renderInspectionHtml(report: InspectionReport): string {
  const { t, ref } = translator(report.lang);
  const verdict = t(`verdict.${report.verdict}`);
  const facts: Array<[MessageId, string]> = [
    ['inspect.html.format', formatLabel(report.image)],
    ['inspect.html.virtualSize', ref(sizeRef(report.image.virtualSize))],
    ['inspect.html.fileSize', ref(sizeRef(report.image.fileSize))],
    ['html.generatedAt', report.generatedAt],
    ['html.language', report.lang],
    ['html.tool', `${report.tool.name} ${report.tool.version}`],
  ];
  const body = [
    '<header>',
    `<p class="tool">image-preflight inspect</p>`,
    `<h1><bdi>${htmlText(report.image.path)}</bdi></h1>`,
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${htmlText(t(k))}</dt><dd>${htmlText(v)}</dd>`).join('')}</dl>`,
    '</header>',
    `<section class="verdict ${verdictClass(report.verdict)}" id="verdict">`,
    `<p class="word">${htmlText(verdict)}</p>`,
    `<p>${htmlText(verdictLine(report, t))}</p>`,
    `<p class="counts">${htmlText(t('report.counts', report.counts))}</p>`,
    '</section>',
  ];
  for (const g of byGroup(report)) {
    const worst =
      g.findings.find((f) => f.severity === 'fail') ?? g.findings.find((f) => f.severity === 'warn' || f.severity === 'unknown');
    const shown = worst?.severity ?? 'pass';
    // A group is shown as the machine page shows a check: its worst status, then its findings.
    body.push(
      `<article class="check s-${shown}"><h3><span class="mark">${MARK[shown]}</span>${htmlText(t(g.title))}<span class="badge">${htmlText(t(STATUS[shown]))}</span></h3>`,
      `<ul>${g.findings.map((f) => finding(f, t)).join('')}</ul></article>`,
    );
  }
  body.push(`<footer>${htmlText(t('inspect.html.footer'))}</footer>`);
  return htmlPage({
    lang: report.lang,
    title: t('inspect.md.title', { verdict, file: report.image.path }),
    body: body.join('\n'),
    json: { id: REPORT_JSON_ID, value: report },
  });
}
