// `check`: snapshot (from a file, or collected live) -> checks -> report -> rendered text or JSON.
import { CHECKS } from '../checks/index.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { runChecks } from '../engine/run-checks.js';
import { buildReport, type BuildReportOptions, type Report } from '../report/build-report.js';
import { renderJson } from '../report/render-json.js';
import { renderJunit } from '../report/render-junit.js';
import { renderMarkdown } from '../report/render-markdown.js';
import { renderText } from '../report/render-text.js';
import { resolveLang } from '../messages/lang.js';
import type { Lang } from '../messages/types.js';
import { factValue } from '../snapshot/facts.js';
import type { Snapshot } from '../snapshot/schema.js';

export const FORMATS = ['text', 'json', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  format: Format;
  color: boolean;
  windowsSymbols: boolean;
}

/** A report speaks --lang, else the environment's language, else the judged machine's UI language. */
export function reportLang(flag: Lang | undefined, env: Record<string, string | undefined>, snapshot: Snapshot): Lang {
  return resolveLang({ flag, env, uiCulture: factValue(snapshot, 'host')?.uiCulture });
}

export function judge(snapshot: Snapshot, config: ResolvedConfig, options: BuildReportOptions = {}): Report {
  return buildReport(snapshot, runChecks(CHECKS, snapshot, config), options);
}

export function render(report: Report, options: RenderOptions): string {
  switch (options.format) {
    case 'json': return renderJson(report);
    case 'junit': return renderJunit(report);
    case 'markdown': return renderMarkdown(report);
    default: return renderText(report, options);
  }
}
