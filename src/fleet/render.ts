// Fleet summary as a text table, JSON, or CSV (one row per machine, safe to open in a spreadsheet).
import type { Severity } from '../checks/define-check.js';
import { translator } from '../messages/format.js';
import { displayWidth, padEndDisplay, padStartDisplay } from '../util/display-width.js';
import type { FleetSummary } from './summarize.js';

import type { SummaryFormat } from './formats.js';
import { csvField, visible } from '../util/safe-text.js';

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
    'instanceId',
  ];
  const rows = s.rows.map((r) =>
    [
      r.computerName,
      r.verdict,
      r.failures,
      r.warnings,
      r.couldNotVerify,
      r.problems.join(' '),
      r.generatedAt,
      r.collectedAt,
      r.os,
      r.file,
      r.instanceId ?? '',
    ]
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
    // topProblems is short (the top 10), so spreading it is safe.
    const idWidth = Math.max(...s.topProblems.map((p) => displayWidth(visible(p.problem))));
    const sevWidth = Math.max(...s.topProblems.map((p) => displayWidth(severity(p))));
    for (const p of s.topProblems) {
      out.push(
        `  ${padStartDisplay(String(p.machines), 6)}  ${padEndDisplay(visible(p.problem), idWidth)}  ${padEndDisplay(severity(p), sevWidth)}  ${visible(t('fleet.example', { message: p.localizedMessage, computer: p.example }))}`,
      );
    }
  }
  // A fleet can be tens of thousands of machines: append one by one, never spread into push().
  // Rows are in verdict order already; the instance ID tells apart CVMs that share a computer name.
  let nameWidth = 0;
  for (const r of s.rows) if (r.instanceId) nameWidth = Math.max(nameWidth, displayWidth(visible(r.computerName)));
  for (const v of ['BLOCKED', 'AT RISK', 'READY'] as const) {
    const count = s.byVerdict[v];
    if (count === 0) continue;
    out.push('', t('fleet.machinesWith', { verdict: t(`verdict.${v}`), count }));
    for (const r of s.rows) {
      if (r.verdict !== v) continue;
      const name = visible(r.computerName);
      out.push(r.instanceId ? `  ${padEndDisplay(name, nameWidth)}  ${visible(r.instanceId)}` : `  ${name}`);
    }
  }
  if (s.skipped.length > 0) {
    out.push('', t('fleet.skipped'));
    for (const k of s.skipped) out.push(`  ${visible(k.file)}: ${visible(k.localizedReason)}`);
  }
  return `${out.join('\n')}\n`;
}

export function renderSummary(s: FleetSummary, format: Exclude<SummaryFormat, 'html'>): string {
  if (format === 'json') return `${JSON.stringify(s, null, 2)}\n`;
  if (format === 'csv') return renderCsv(s);
  return renderSummaryText(s);
}
