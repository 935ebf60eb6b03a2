// Reads the stream-mode script output: one JSON line per fact group, then {"done":true}. Lines that do
// not parse (a truncated last line, stray text) are counted, not fatal, so a run killed mid-way keeps
// every group it finished.
import { isFactName, type FactName } from '../snapshot/facts.js';
import { isRecord } from '../util/guards.js';
import { TOO_OLD_MARKER } from './script.js';

export interface StreamParse {
  groups: Partial<Record<FactName, unknown>>;
  timings: Partial<Record<FactName, number>>;
  collectedAt?: string;
  done: boolean;
  badLines: number;
  /** The PowerShell version when the script said it is too old to run (2.0). */
  tooOld?: string;
}

export function parseStream(text: string): StreamParse {
  const out: StreamParse = { groups: {}, timings: {}, done: false, badLines: 0 };
  for (const raw of text.split(/\r?\n/)) {
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
    if (typeof doc[TOO_OLD_MARKER] === 'string') out.tooOld = typeof doc.powershellVersion === 'string' ? doc.powershellVersion : 'unknown';
    else if (doc.done === true) out.done = true;
    else if (typeof group === 'string' && isFactName(group) && 'value' in doc) {
      out.groups[group] = doc.value;
      if (typeof doc.ms === 'number') out.timings[group] = doc.ms;
    } else out.badLines += 1;
  }
  return out;
}
