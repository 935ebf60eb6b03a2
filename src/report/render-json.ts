import type { Report } from './build-report.js';
import { compactReport } from './compact.js';

/** Indented for people; `compact` for channels that cut long output (src/report/compact.ts). */
export function renderJson(report: Report, compact = false): string {
  return compact ? `${JSON.stringify(compactReport(report))}\n` : `${JSON.stringify(report, null, 2)}\n`;
}
