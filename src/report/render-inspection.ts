// The inspection of an image file as text, Markdown and JSON (the HTML page is render-inspection-html.ts,
// loaded only when asked for). Laid out like the machine report: a section per group, a marked line per
// finding, and under each problem the Tencent Cloud import error it foresees, the technical details and
// the commands. The file's name and everything read from inside it (a backing file's name, extent
// names, details) is data: neutralised like machine data in every format.
import { createColors } from 'picocolors';
import { INSPECT_GROUPS, type InspectSeverity } from '../inspect/index.js';
import type { MessageId } from '../messages/en.js';
import { translator, type Translator } from '../messages/format.js';
import { markdownBlock, markdownCode, markdownText, visible } from '../util/safe-text.js';
import type { InspectFormat } from './inspection-formats.js';
import { formatLabel, groupMessageId, sizeRef, verdictLine, type InspectionFinding, type InspectionReport } from './inspection.js';

export interface InspectTextOptions {
  color: boolean;
  /** Windows consoles' default fonts lack ✓ and ✗ (as in the machine report). */
  windowsSymbols?: boolean;
}

type Marks = Record<InspectSeverity, string>;
const UNICODE: Marks = { pass: '✓', info: '•', warn: '!', fail: '✗', unknown: '?' };
const WINDOWS: Marks = { ...UNICODE, pass: '√', fail: 'X', info: '-' };
const DETAILED: ReadonlySet<InspectSeverity> = new Set(['warn', 'fail', 'unknown']);
export const STATUS: Record<InspectSeverity, MessageId> = {
  pass: 'status.pass',
  info: 'status.pass',
  warn: 'status.warn',
  fail: 'status.fail',
  unknown: 'status.unknown',
};

/** Findings by group, in the report's order of groups; empty groups left out. */
export function byGroup(report: InspectionReport): Array<{ title: MessageId; findings: InspectionFinding[] }> {
  return INSPECT_GROUPS.map((g) => ({ title: groupMessageId(g), findings: report.findings.filter((f) => f.group === g) })).filter(
    (g) => g.findings.length > 0,
  );
}

export const tencentLine = (f: InspectionFinding, t: Translator['t']): string | undefined =>
  f.tencentCode ? t('inspect.prevents', { code: f.tencentCode, reason: f.localizedTencentReason ?? '' }) : undefined;

export function sizesLine(report: InspectionReport, t: Translator['t']): string {
  return t('inspect.sizes', {
    format: formatLabel(report.image),
    virtual: sizeRef(report.image.virtualSize),
    fileSize: sizeRef(report.image.fileSize),
  });
}

export function renderInspectionText(report: InspectionReport, options: InspectTextOptions): string {
  const { t } = translator(report.lang);
  const c = createColors(options.color);
  const marks = options.windowsSymbols ? WINDOWS : UNICODE;
  const paint = (s: InspectSeverity, text: string): string =>
    s === 'fail' ? c.red(text) : s === 'warn' || s === 'unknown' ? c.yellow(text) : s === 'pass' ? c.green(text) : c.dim(text);
  const lines = [
    c.bold(visible(t('inspect.header', { version: report.tool.version, file: report.image.path }))),
    visible(sizesLine(report, t)),
  ];
  for (const group of byGroup(report)) {
    lines.push('', c.bold(t(group.title)));
    for (const f of group.findings) {
      lines.push(`${paint(f.severity, `[${marks[f.severity]}]`)} ${visible(f.localizedMessage)}`);
      if (!DETAILED.has(f.severity)) continue;
      const tencent = tencentLine(f, t);
      if (tencent) lines.push(`      ${tencent}`);
      for (const d of f.details) lines.push(`      ${visible(t('inspect.detail', { text: d }))}`);
      if (f.commands.length > 0) lines.push(`      ${t('inspect.commands')}`, ...f.commands.map((cmd) => `          ${visible(cmd)}`));
    }
  }
  const shown: InspectSeverity = report.verdict === 'READY' ? 'pass' : report.verdict === 'BLOCKED' ? 'fail' : 'warn';
  lines.push('', c.bold(paint(shown, verdictLine(report, t))), t('report.counts', report.counts));
  return `${lines.join('\n')}\n`;
}

export function renderInspectionMarkdown(report: InspectionReport): string {
  const { t } = translator(report.lang);
  const verdict = t(`verdict.${report.verdict}`);
  const out = [
    `# ${t('inspect.md.title', { verdict, file: markdownText(report.image.path) })}`,
    '',
    verdictLine(report, t),
    '',
    markdownText(sizesLine(report, t)),
    t('md.counts', { counts: { id: 'report.counts', params: report.counts } }),
    '',
    t('inspect.md.columns'),
    '| --- | --- | --- |',
  ];
  for (const f of report.findings) {
    out.push(`| ${markdownText(f.localizedMessage)} | ${t(STATUS[f.severity])} | ${f.tencentCode ? markdownCode(f.tencentCode) : ''} |`);
  }
  const problems = report.findings.filter((f) => DETAILED.has(f.severity));
  if (problems.length > 0) out.push('', `## ${t('md.whatToFix')}`);
  for (const f of problems) {
    out.push('', `### ${t('md.problem', { status: t(STATUS[f.severity]), message: markdownText(f.localizedMessage) })}`, '');
    const tencent = tencentLine(f, t);
    out.push(`${t('inspect.md.code', { code: f.code })}${tencent ? `${t('list.sentence')}${markdownText(tencent)}` : ''}`);
    if (f.details.length > 0) {
      out.push('', t('inspect.md.details'), '');
      // Text read from the file: code spans, which Markdown never interprets.
      for (const d of f.details) out.push(`- ${markdownCode(d)}`);
    }
    if (f.commands.length > 0) out.push('', t('inspect.commands'), '', ...markdownBlock(f.commands, 'sh'));
  }
  return `${out.join('\n')}\n`;
}

export function renderInspectionJson(report: InspectionReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Any format, the HTML page loaded only when asked for. */
export async function renderInspection(report: InspectionReport, format: InspectFormat, options: InspectTextOptions): Promise<string> {
  switch (format) {
    case 'json':
      return renderInspectionJson(report);
    case 'markdown':
      return renderInspectionMarkdown(report);
    case 'text':
      return renderInspectionText(report, options);
    case 'html': {
      const { renderInspectionHtml } = await import('./render-inspection-html.js');
      return renderInspectionHtml(report);
    }
  }
}
