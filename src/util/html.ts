// HTML escaping for the HTML reports: every string from a snapshot or a report goes through one of
// these before it reaches the page. Text and attribute values are escaped for their context, invisible
// characters (bidi overrides, zero-width characters, controls) are shown as visible escapes as in the
// terminal (safe-text.ts), and data is never made into a URL, a tag name, an attribute name or code.
import { visible } from './safe-text.js';

const TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR: Record<string, string> = { ...TEXT, '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text between tags (never inside <script> or <style>): & < > escaped, invisible characters shown. */
export function htmlText(text: string | number): string {
  return visible(String(text)).replace(/[&<>]/g, (c) => TEXT[c] ?? c);
}

/** A quoted attribute value: quotes too, so the value cannot end its attribute. */
export function htmlAttr(text: string | number): string {
  return visible(String(text)).replace(/[&<>"'`]/g, (c) => ATTR[c] ?? c);
}

/** Preformatted lines (fix commands): each line escaped as text, line breaks kept. */
export function htmlLines(lines: readonly string[]): string {
  return lines.map(htmlText).join('\n');
}

/**
 * A value as the body of <script type="application/json">: the exact JSON, with every "<" written as
 * \u003c (which JSON.parse reads back as "<"), so no "</script" or "<!--" can end or change the block.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** An id or class built from data (a check id, a row number): only [a-z0-9-], never anything else. */
export function htmlId(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}
