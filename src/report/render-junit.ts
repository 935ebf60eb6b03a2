// JUnit XML for CI servers (Jenkins, GitLab, Azure DevOps): one testsuite per machine, one testcase per
// check. fail and warn are <failure> (type tells which: both make the run non-zero), "could not verify"
// is <error>, disabled and not-applicable checks are <skipped/>, notes go to <system-out>.
import type { Severity } from '../checks/define-check.js';
import { translator, type Translator } from '../messages/format.js';
import type { Report, ReportCheck, ReportFinding } from './build-report.js';

// XML 1.0 forbids most control characters even when escaped: matching them is the point here.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const severity = (t: Translator['t'], s: Severity) => t(`severity.${s}`);

function details(findings: readonly ReportFinding[], t: Translator['t']): string {
  return findings
    .map((f) => {
      const lines = [`[${severity(t, f.severity)}] ${f.localizedMessage}`];
      for (const e of f.evidence) lines.push(`  ${t(`evidence.${e.kind}`)} ${e.ref}${e.data ? ` ${JSON.stringify(e.data)}` : ''}`);
      for (const r of f.remediation) lines.push(`  ${t('report.fix', { text: r.localizedText })}`, ...r.commands.map((c) => `    ${c}`));
      return lines.join('\n');
    })
    .join('\n');
}

function testcase(check: ReportCheck, t: Translator['t']): string {
  const open = `    <testcase classname="image-preflight.${xmlEscape(check.group)}" name="${xmlEscape(`${check.id}: ${check.localized.title}`)}" time="0">`;
  const bad = check.findings.filter((f) => f.severity === 'fail' || f.severity === 'warn');
  const unknown = check.findings.filter((f) => f.severity === 'unknown');
  const notes = check.findings.filter((f) => f.severity === 'pass' || f.severity === 'info');
  const body: string[] = [];
  if (check.status === 'disabled' || check.status === 'not-applicable') body.push(`      <skipped message="${check.status}"/>`);
  else if (bad.length > 0) {
    const type = bad.some((f) => f.severity === 'fail') ? 'fail' : 'warn';
    body.push(
      `      <failure type="${type}" message="${xmlEscape(bad.map((f) => f.localizedMessage).join(t('list.semicolon')))}">${xmlEscape(details([...bad, ...unknown], t))}</failure>`,
    );
  } else if (unknown.length > 0) {
    body.push(
      `      <error type="could-not-verify" message="${xmlEscape(unknown.map((f) => f.localizedMessage).join(t('list.semicolon')))}">${xmlEscape(details(unknown, t))}</error>`,
    );
  }
  if (notes.length > 0) body.push(`      <system-out>${xmlEscape(details(notes, t))}</system-out>`);
  return body.length ? `${open}\n${body.join('\n')}\n    </testcase>` : `${open}</testcase>`;
}

export function renderJunit(report: Report): string {
  const { t } = translator(report.lang);
  const checks = report.checks;
  const failures = checks.filter((c) => c.status === 'fail' || c.status === 'warn').length;
  const errors = checks.filter((c) => c.status === 'unknown').length;
  const skipped = checks.filter((c) => c.status === 'disabled' || c.status === 'not-applicable').length;
  const host = report.snapshot.computerName ?? 'unknown';
  const counts = `tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="image-preflight" ${counts} time="0">`,
    `  <testsuite name="${xmlEscape(`image-preflight ${host}`)}" ${counts} time="0" timestamp="${xmlEscape(report.generatedAt.replace(/\.\d+Z$/, ''))}" hostname="${xmlEscape(host)}">`,
    '    <properties>',
    `      <property name="verdict" value="${xmlEscape(report.verdict)}"/>`,
    `      <property name="tool.version" value="${xmlEscape(report.tool.version)}"/>`,
    `      <property name="snapshot.collectedAt" value="${xmlEscape(report.snapshot.collectedAt)}"/>`,
    `      <property name="os" value="${xmlEscape(report.snapshot.osCaption ?? '')}"/>`,
    '    </properties>',
    ...checks.map((c) => testcase(c, t)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
