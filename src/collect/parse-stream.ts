// Reads the stream-mode script output: one JSON line per fact group (a group may come twice: the host
// comes early from the registry and again with WMI's details; the last one counts), then
// {"done":true}. A line with the collector marker says why the script could not run or stopped. Lines
// that do not parse (a truncated last line, stray text) are counted, not fatal, so a run killed
// mid-way keeps every group it finished.
import { isFactName, type FactName } from '../snapshot/facts.js';
import { isRecord } from '../util/guards.js';
import { COLLECTOR_MARKER } from './script.js';

export interface StreamParse {
  groups: Partial<Record<FactName, unknown>>;
  timings: Partial<Record<FactName, number>>;
  done: boolean;
  badLines: number;
  /** The PowerShell version when the script said it is too old to run (2.0). */
  tooOld?: string;
  /** The language mode when the script found it cannot run its .NET calls (AppLocker, WDAC). */
  constrained?: string;
  /** An error nothing in the script caught: it stopped there. */
  fatal?: { message: string; errorId: string };
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

export function parseStream(input: string): StreamParse {
  const out: StreamParse = { groups: {}, timings: {}, done: false, badLines: 0 };
  for (const raw of input.split(/\r?\n/)) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      out.badLines += 1;
      continue;
    }
    if (!isRecord(doc)) {
      out.badLines += 1;
      continue;
    }
    const { group } = doc;
    const marker = doc[COLLECTOR_MARKER];
    if (marker === 'powershell-too-old') out.tooOld = text(doc.powershellVersion, 'unknown');
    else if (marker === 'constrained-language') out.constrained = text(doc.languageMode, 'ConstrainedLanguage');
    else if (marker === 'fatal') out.fatal = { message: text(doc.message, ''), errorId: text(doc.errorId, '') };
    else if (doc.done === true) out.done = true;
    else if (typeof group === 'string' && isFactName(group) && 'value' in doc) {
      out.groups[group] = doc.value;
      if (typeof doc.ms === 'number') out.timings[group] = doc.ms;
    } else out.badLines += 1;
  }
  return out;
}
