// Report formats and the one place that picks a renderer. Renderers lay out a built report; they
// never decide anything. The HTML page is loaded on demand: `check --format text` never evaluates it.
import type { Report } from './build-report.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

export const FORMATS = ['text', 'json', 'junit', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
/** The formats rendered without loading anything more. */
export type InlineFormat = Exclude<Format, 'html'>;

export interface RenderOptions {
  format: Format;
  color: boolean;
  windowsSymbols: boolean;
  /** --format json only: the compact form. */
  compact?: boolean;
}

export function render(report: Report, options: RenderOptions & { format: InlineFormat }): string {
  switch (options.format) {
    case 'json':
      return renderJson(report, options.compact === true);
    case 'junit':
      return renderJunit(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, options);
  }
}

/** Any format, the HTML page loaded only when asked for. */
export async function renderReport(report: Report, options: RenderOptions): Promise<string> {
  if (options.format === 'html') {
    const { renderHtml } = await import('./render-html.js');
    return renderHtml(report);
  }
  return render(report, { ...options, format: options.format });
}
