// Report formats and the one place that picks a renderer. Renderers lay out a built report; they
// never decide anything.
import type { Report } from './build-report.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { renderText } from './render-text.js';

export const FORMATS = ['text', 'json', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  format: Format;
  color: boolean;
  windowsSymbols: boolean;
}

export function render(report: Report, options: RenderOptions): string {
  switch (options.format) {
    case 'json':
      return renderJson(report);
    case 'junit':
      return renderJunit(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, options);
  }
}
