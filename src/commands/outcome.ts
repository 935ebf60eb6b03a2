// What a command hands back to the CLI entry: text for stdout or a file, the exit code, and the
// language everything was worded in (known only once a snapshot is read: a Chinese CVM's report,
// and an error writing it, are both in Chinese). Failures that happen after the language is known
// travel here too, so nothing needs to remember the language on the side.
import type { InputError } from '../errors.js';
import type { Lang } from '../messages/types.js';

/**
 * What the output is, for Windows readers: `text` (reports, plans, Markdown, PowerShell) gets CRLF line
 * ends when written on Windows or with --crlf; `csv` gets them too, and a UTF-8 BOM so that Excel reads it
 * as UTF-8; `data` (JSON, HTML, XML, scripts that set their own line ends) is written exactly as made.
 */
export type OutputStyle = 'text' | 'csv' | 'data';

/** The style of a report format's output. */
export const styleOf = (format: string): OutputStyle =>
  format === 'csv' ? 'csv' : format === 'text' || format === 'markdown' || format === 'ps1' ? 'text' : 'data';

export interface Outcome {
  lang: Lang;
  exitCode: number;
  /** Printed to stdout, or written atomically to `output` when that is set. */
  text: string;
  output?: string;
  /** Unset: data, written as made. */
  style?: OutputStyle;
  /** Lines for stderr under --verbose and for the log file (stack traces of checks that threw). */
  diagnostics?: string[];
  /** A failure worded in `lang` (one line, exit code 3). */
  error?: InputError;
}

export const printed = (text: string, lang: Lang, exitCode = 0, output?: string, style?: OutputStyle): Outcome => ({
  text,
  output,
  exitCode,
  lang,
  ...(style ? { style } : {}),
});

/**
 * The bytes' text as a Windows reader wants it: CRLF for text and CSV when `windows` (on Windows, or
 * --crlf), and a BOM on CSV then and in every CSV file (Excel takes BOM-less CSV for the ANSI code page).
 */
export function forReaders(text: string, style: OutputStyle | undefined, windows: boolean, toFile: boolean): string {
  if (style === undefined || style === 'data') return text;
  const lines = windows ? text.replace(/\r?\n/g, '\r\n') : text;
  return style === 'csv' && (windows || toFile) && !lines.startsWith('\uFEFF') ? `\uFEFF${lines}` : lines;
}
