// Markdown for tickets and chat: the verdict, a table of checks, then every problem with its evidence
// and the fix commands in code blocks.
import type { CheckStatus } from '../engine/run-checks.js';
import type { MessageId } from '../messages/en.js';
import { translator } from '../messages/format.js';
import { markdownBlock, markdownCode, markdownText } from '../util/safe-text.js';
import type { Report } from './build-report.js';
import { instanceLine } from './instance-line.js';
import { verdictLine } from './verdict-line.js';
import { explainCommand } from '../checks/define-check.js';
import { localTime } from '../util/local-time.js';

const STATUS: Record<CheckStatus, MessageId> = {
  pass: 'status.pass',
  info: 'status.pass',
  warn: 'status.warn',
  fail: 'status.fail',
  unknown: 'status.unknown',
  disabled: 'status.disabled',
  'not-applicable': 'status.notApplicable',
};
const cell = markdownText;

export function renderMarkdown(report: Report): string {
  const { t } = translator(report.lang);
  const s = report.snapshot;
  const verdict = t(`verdict.${report.verdict}`);
  const out: string[] = [
    `# ${t('md.title', { verdict, computer: markdownText(s.computerName ?? t('md.unknownComputer')) })}`,
    '',
    verdictLine(report, t),
    '',
    t('md.collected', {
      os: markdownText(s.osCaption ?? t('report.unknownOs')),
      build: s.buildNumber ? markdownText(t('report.build', { build: s.buildNumber })) : '',
      collectedAt: markdownText(localTime(s.collectedAt, s.utcOffsetMinutes)),
      version: report.tool.version,
    }),
    ...(s.instanceId ? [markdownText(instanceLine(s, t))] : []),
    t('md.counts', { counts: { id: 'report.counts', params: report.counts } }),
    '',
    t('md.columns'),
    '| --- | --- | --- |',
  ];
  for (const c of report.checks) {
    const worst = c.findings.find((f) => f.severity === c.status) ?? c.findings[0];
    out.push(`| ${cell(c.localized.title)} (${markdownCode(c.id)}) | ${t(STATUS[c.status])} | ${cell(worst?.localizedMessage ?? '')} |`);
  }
  const problems = report.checks.flatMap((c) =>
    c.findings.filter((f) => f.severity === 'fail' || f.severity === 'warn' || f.severity === 'unknown').map((f) => ({ c, f })),
  );
  if (problems.length > 0) out.push('', `## ${t('md.whatToFix')}`);
  for (const { c, f } of problems) {
    out.push(
      '',
      `### ${t('md.problem', { status: t(STATUS[f.severity]), message: markdownText(f.localizedMessage) })}`,
      '',
      t('md.findingRef', { check: c.id, code: f.code, command: explainCommand(c.id, f.code) }),
    );
    if (f.evidence.length > 0) {
      out.push('', t('md.evidence'), '');
      for (const e of f.evidence) {
        // Values are data from the machine: shown as code, which Markdown never interprets.
        const data = Object.entries(e.data ?? {})
          .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(', ');
        out.push(`- ${t(`evidence.${e.kind}`)} ${markdownCode(e.ref)}${data ? `: ${markdownCode(data)}` : ''}`);
      }
    }
    for (const r of f.remediation) {
      out.push('', t('md.fix', { text: markdownText(r.localizedText) }));
      if (r.commands.length > 0) {
        out.push('');
        for (const line of markdownBlock(r.commands, 'bat')) out.push(line);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
