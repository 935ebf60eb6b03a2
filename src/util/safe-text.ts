// Machine data (service names, paths, computer names, PowerShell errors) and report fields can be
// written by anyone on the server. Before such text reaches a terminal, a Markdown viewer or a
// spreadsheet it is neutralised here, so it can neither move the cursor, hide a line, reorder text
// nor run anything. Our own templates contain none of these characters.

/** C0 and C1 controls, DEL, and the invisible characters that reorder or hide text (bidi overrides,
 * isolates and marks, zero-width characters, the BOM), each shown as a visible escape. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

const escapeOf = (ch: string): string => {
  const code = ch.charCodeAt(0);
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Text for one line of a terminal or a log: every control or invisible character escaped visibly. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, escapeOf);
}

/** Markdown prose: visible, with the characters that make emphasis, code, links, HTML, tables or (at
 * the start) headings and lists escaped, so it renders as the same text. */
export function markdownText(text: string): string {
  return visible(text)
    .replace(/[\\`*_[\]|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/^([#+=-]|\d+[.)])/, '\\$1');
}

/** The longest run of backticks in a text. */
function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (const ch of text) {
    run = ch === '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** A Markdown code span that no backtick inside it can close. */
export function markdownCode(text: string): string {
  const shown = visible(text);
  const fence = '`'.repeat(longestBacktickRun(shown) + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') || shown.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** A fenced Markdown code block whose fence is longer than any run of backticks in its lines. */
export function markdownBlock(lines: readonly string[], info = ''): string[] {
  const shown = lines.map(visible);
  // A loop, not Math.max(...spread): a block of 100,000+ lines would overflow the call stack.
  let longest = 2;
  for (const line of shown) longest = Math.max(longest, longestBacktickRun(line));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${info}`, ...shown, fence];
}

/** A CSV field: always quoted (Excel in semicolon locales splits unquoted fields on ";"), controls
 * escaped, and a leading = + - @ (a formula to spreadsheet programs, also after spaces) defused with '. */
export function csvField(value: string | number): string {
  let s = visible(String(value));
  if (/^[\s\\]*[=+\-@＝＋－＠]/.test(s) || /^\\[tr]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}
