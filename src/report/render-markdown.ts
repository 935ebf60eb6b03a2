// Markdown for tickets and chat: the verdict, a table of checks, then every problem with its evidence
// and the fix commands in code blocks.
import { formatMessage } from '../messages/format.js';
import type { Report } from './build-report.js';

const MARK: Record<string, string> = { pass: 'pass', info: 'pass', warn: 'WARN', fail: 'FAIL', unknown: 'UNKNOWN', disabled: 'disabled', 'not-applicable': 'n/a' };
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(report: Report): string {
  const s = report.snapshot;
  const out: string[] = [
    `# image-preflight: ${report.verdict} on ${s.computerName ?? 'unknown'}`,
    '',
    formatMessage(`report.verdict.${report.verdict}`),
    '',
    `${s.osCaption ?? 'unknown OS'}${s.buildNumber ? `, build ${s.buildNumber}` : ''}; collected ${s.collectedAt}; image-preflight ${report.tool.version}.`,
    `${formatMessage('report.counts', report.counts)}.`,
    '',
    '| check | status | summary |',
    '| --- | --- | --- |',
  ];
  for (const c of report.checks) {
    const worst = c.findings.find((f) => f.severity === c.status) ?? c.findings[0];
    out.push(`| ${cell(c.title)} (\`${c.id}\`) | ${MARK[c.status] ?? c.status} | ${cell(worst?.message ?? '')} |`);
  }
  const problems = report.checks.flatMap((c) => c.findings.filter((f) => f.severity === 'fail' || f.severity === 'warn' || f.severity === 'unknown').map((f) => ({ c, f })));
  if (problems.length > 0) out.push('', '## What to fix');
  for (const { c, f } of problems) {
    out.push('', `### ${MARK[f.severity]}: ${f.message}`, '', `Check \`${c.id}\`, finding \`${f.code}\`. Docs: ${c.docsUrl}`);
    if (f.evidence.length > 0) {
      out.push('', 'Evidence:', '');
      for (const e of f.evidence) out.push(`- ${e.kind} \`${e.ref}\`${e.data ? `: ${Object.entries(e.data).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')}` : ''}`);
    }
    for (const r of f.remediation) {
      out.push('', `Fix: ${r.text}`);
      if (r.commands.length > 0) out.push('', '```bat', ...r.commands, '```');
    }
  }
  return `${out.join('\n')}\n`;
}
