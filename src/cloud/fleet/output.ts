// Reads one instance's TAT output back: the report between its markers, or the script's error, or
// nothing usable. TAT keeps only the first 24 KiB of output and says how many bytes it dropped
// (TaskResult.Dropped); a cut report is "report truncated", never a guessed or repaired one.
import { isRecord } from '../../util/guards.js';
import { ERROR_BEGIN, ERROR_END, REPORT_BEGIN, REPORT_END } from './script.js';

/** What lies between two markers: nothing (no begin marker), an open block (no end marker) or the text. */
type Between = { kind: 'absent' } | { kind: 'open' } | { kind: 'closed'; text: string };

export type DecodedOutput =
  | { kind: 'report'; report: Record<string, unknown>; json: string }
  | { kind: 'error'; stage: string; message: string; exitCode: number | null }
  | { kind: 'truncated'; droppedBytes: number | null }
  | { kind: 'unreadable'; why: string };

export function decodeTaskOutput(outputBase64: string | null | undefined, dropped: number | null | undefined): DecodedOutput {
  return decodeOutputText(Buffer.from(outputBase64 ?? '', 'base64').toString('utf8'), dropped);
}

/**
 * The copy TAT uploaded to COS: the command's output bytes as they came (the TAT agent writes each
 * chunk of output to the file it uploads: Tencent/tat-agent src/executor/task.rs, on_output /
 * write_output_file; the API pages do not say). Should a copy ever be Base64 like TaskResult.Output,
 * it is decoded, but only when the raw text has no marker, is strictly Base64 (line breaks aside) and
 * decodes to text with a marker.
 */
export function decodeCosObject(body: Buffer): DecodedOutput {
  const raw = body.toString('utf8');
  if (raw.includes(REPORT_BEGIN) || raw.includes(ERROR_BEGIN)) return decodeOutputText(raw, null);
  const compact = raw.replace(/\r?\n/g, '');
  if (compact.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const decoded = Buffer.from(compact, 'base64').toString('utf8');
    if (decoded.includes(REPORT_BEGIN) || decoded.includes(ERROR_BEGIN)) return decodeOutputText(decoded, null);
  }
  return decodeOutputText(raw, null);
}

export function decodeOutputText(output: string, dropped: number | null | undefined): DecodedOutput {
  const text = output.replace(/\uFEFF/g, '');
  const between = (begin: string, end: string): Between => {
    const b = text.indexOf(`${begin}\n`);
    if (b < 0) return { kind: 'absent' };
    const start = b + begin.length + 1;
    const e = text.indexOf(`\n${end}`, start);
    return e < 0 ? { kind: 'open' } : { kind: 'closed', text: text.slice(start, e) };
  };
  const cut = typeof dropped === 'number' && dropped > 0;

  const report = between(REPORT_BEGIN, REPORT_END);
  if (report.kind === 'open' || (report.kind === 'absent' && cut)) return { kind: 'truncated', droppedBytes: cut ? dropped : null };
  if (report.kind === 'closed') {
    // The end marker is there, so the bytes between are whole even if later output was dropped.
    let parsed: unknown;
    try {
      parsed = JSON.parse(report.text.replace(/\r$/, ''));
    } catch {
      return { kind: 'unreadable', why: 'the report between the markers is not JSON' };
    }
    if (!isRecord(parsed) || !('reportVersion' in parsed)) {
      return { kind: 'unreadable', why: 'the JSON between the markers is not an image-preflight report' };
    }
    return { kind: 'report', report: parsed, json: report.text };
  }

  const error = between(ERROR_BEGIN, ERROR_END);
  if (error.kind === 'closed') {
    try {
      const rec: unknown = JSON.parse(error.text);
      if (isRecord(rec)) {
        return {
          kind: 'error',
          stage: typeof rec.stage === 'string' ? rec.stage : 'unknown',
          message: typeof rec.message === 'string' ? rec.message : 'no message',
          exitCode: typeof rec.exitCode === 'number' ? rec.exitCode : null,
        };
      }
    } catch {
      // fall through
    }
    return { kind: 'unreadable', why: 'the error between the markers is not JSON' };
  }
  if (error.kind === 'open') return { kind: 'truncated', droppedBytes: cut ? dropped : null };
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  return { kind: 'unreadable', why: first ? `no report in the output; it begins "${first.trim().slice(0, 200)}"` : 'no output' };
}
