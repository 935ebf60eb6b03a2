// How the collector records what it could not collect: English text (the snapshot contract, read by
// any version) plus the catalogue id and flat parameters, so reports can word it in other languages.
import type { MessageId } from '../messages/en.js';
import { formatRef } from '../messages/format.js';
import { readableStderr } from './clixml.js';
import { firstLine, type RunResult } from './runner.js';

export interface SimpleRef {
  id: MessageId;
  params?: Record<string, string | number | SimpleRef>;
}

export function collectionError(ref: SimpleRef, source: string, code: string) {
  return { collectionError: { message: formatRef(ref), source, code, messageId: ref.id, ...(ref.params ? { params: ref.params } : {}) } };
}

/** "?" when the process left no exit code (killed): no word to translate. */
export const exitCodeText = (r: Pick<RunResult, 'exitCode'>): string => (r.exitCode === null ? '?' : String(r.exitCode));

/** ": first line of stderr" (CLIXML decoded), or nothing; the line is the program's own words. */
export function stderrDetail(r: Pick<RunResult, 'stderr'>): string {
  const line = firstLine(Buffer.from(readableStderr(Buffer.from(r.stderr).toString('utf8'))));
  return line ? `: ${line}` : '';
}
