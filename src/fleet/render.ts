// Fleet summary as a text table, JSON, or CSV (one row per machine, safe to open in a spreadsheet).
import type { Severity } from '../checks/define-check.js';
import { translator } from '../messages/format.js';
import { displayWidth, padEndDisplay, padStartDisplay } from '../util/display-width.js';
import type { FleetSummary } from './summarize.js';

import type { SummaryFormat } from './formats.js';

function csvField(value: string | number): string {
  let s = String(value);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(s: FleetSummary): string {
  const header = [
    'computerName',
    'verdict',
    'failures',
    'warnings',
    'couldNotVerify',
    'problems',
    'generatedAt',
    'collectedAt',
    'os',
    'file',
  ];
  const rows = s.rows.map((r) =>
    [r.computerName, r.verdict, r.failures, r.warnings, r.couldNotVerify, r.problems.join(' '), r.generatedAt, r.collectedAt, r.os, r.file]
      .map(csvField)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

export function renderSummaryText(s: FleetSummary): string {
  const { t } = translator(s.lang);
  const out = [
    t('fleet.header', {
      machines: s.machines,
      reports: s.reportsRead,
      superseded: s.supersededReports ? { id: 'fleet.superseded', params: { count: s.supersededReports } } : '',
      skipped: s.skipped.length ? { id: 'fleet.skippedCount', params: { count: s.skipped.length } } : '',
    }),
    t('fleet.verdicts', {
      blockedLabel: t('verdict.BLOCKED'),
      blocked: s.byVerdict.BLOCKED,
      atRiskLabel: t('verdict.AT RISK'),
      atRisk: s.byVerdict['AT RISK'],
      readyLabel: t('verdict.READY'),
      ready: s.byVerdict.READY,
    }),
  ];
  if (s.topProblems.length > 0) {
    out.push('', t('fleet.top'));
    const severity = (p: { severity: Severity }) => t(`severity.${p.severity}`);
    const idWidth = Math.max(...s.topProblems.map((p) => displayWidth(p.problem)));
    const sevWidth = Math.max(...s.topProblems.map((p) => displayWidth(severity(p))));
    for (const p of s.topProblems) {
      out.push(
        `  ${padStartDisplay(String(p.machines), 6)}  ${padEndDisplay(p.problem, idWidth)}  ${padEndDisplay(severity(p), sevWidth)}  ${p.localizedMessage}`,
      );
    }
  }
  for (const v of ['BLOCKED', 'AT RISK', 'READY'] as const) {
    const names = s.machinesByVerdict[v];
    if (names.length > 0)
      out.push('', t('fleet.machinesWith', { verdict: t(`verdict.${v}`), count: names.length }), ...names.map((m) => `  ${m}`));
  }
  if (s.skipped.length > 0) out.push('', t('fleet.skipped'), ...s.skipped.map((k) => `  ${k.file}: ${k.localizedReason}`));
  return `${out.join('\n')}\n`;
}

export function renderSummary(s: FleetSummary, format: SummaryFormat): string {
  if (format === 'json') return `${JSON.stringify(s, null, 2)}\n`;
  if (format === 'csv') return renderCsv(s);
  return renderSummaryText(s);
}
