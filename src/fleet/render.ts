// Fleet summary as a text table, JSON, or CSV (one row per machine, safe to open in a spreadsheet).
import { formatMessage } from '../messages/format.js';
import type { FleetSummary } from './summarize.js';

export const SUMMARY_FORMATS = ['text', 'json', 'csv'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

function csvField(value: string | number): string {
  let s = String(value);
  // A leading = + - @ would be run as a formula by spreadsheet programs.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(s: FleetSummary): string {
  const header = ['computerName', 'verdict', 'failures', 'warnings', 'couldNotVerify', 'problems', 'generatedAt', 'collectedAt', 'os', 'file'];
  const rows = s.rows.map((r) => [r.computerName, r.verdict, r.failures, r.warnings, r.couldNotVerify, r.problems.join(' '), r.generatedAt, r.collectedAt, r.os, r.file].map(csvField).join(','));
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

export function renderSummaryText(s: FleetSummary): string {
  const out = [
    formatMessage('fleet.header', {
      machines: s.machines,
      reports: s.reportsRead,
      superseded: s.supersededReports ? formatMessage('fleet.superseded', { count: s.supersededReports }) : '',
      skipped: s.skipped.length ? formatMessage('fleet.skippedCount', { count: s.skipped.length }) : '',
    }),
    formatMessage('fleet.verdicts', { blocked: s.byVerdict.BLOCKED, atRisk: s.byVerdict['AT RISK'], ready: s.byVerdict.READY }),
  ];
  if (s.topProblems.length > 0) {
    out.push('', formatMessage('fleet.top'));
    const width = Math.max(...s.topProblems.map((p) => p.problem.length));
    for (const p of s.topProblems) out.push(`  ${String(p.machines).padStart(6)}  ${p.problem.padEnd(width)}  ${p.severity.padEnd(7)}  ${p.message}`);
  }
  for (const v of ['BLOCKED', 'AT RISK', 'READY'] as const) {
    if (s.machinesByVerdict[v].length > 0) out.push('', `${v} (${s.machinesByVerdict[v].length}):`, ...s.machinesByVerdict[v].map((m) => `  ${m}`));
  }
  if (s.skipped.length > 0) out.push('', formatMessage('fleet.skipped'), ...s.skipped.map((k) => `  ${k.file}: ${k.reason}`));
  return `${out.join('\n')}\n`;
}

export function renderSummary(s: FleetSummary, format: SummaryFormat): string {
  if (format === 'json') return `${JSON.stringify(s, null, 2)}\n`;
  if (format === 'csv') return renderCsv(s);
  return renderSummaryText(s);
}
