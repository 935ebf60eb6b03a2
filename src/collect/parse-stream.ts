// Reads the stream-mode script output: one JSON line per fact group, then {"done":true}. Lines that do
// not parse (a truncated last line, stray text) are counted, not fatal, so a run killed mid-way keeps
// every group it finished.
import { FACT_NAMES, type FactName } from '../snapshot/schema.js';
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

const KNOWN = new Set<string>(FACT_NAMES);

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
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
      out.badLines += 1;
      continue;
    }
    const obj = doc as Record<string, unknown>;
    if (typeof obj[TOO_OLD_MARKER] === 'string') out.tooOld = String(obj.powershellVersion ?? 'unknown');
    else if (obj.done === true) out.done = true;
    else if (typeof obj.group === 'string' && KNOWN.has(obj.group) && 'value' in obj) {
      out.groups[obj.group as FactName] = obj.value;
      if (typeof obj.ms === 'number') out.timings[obj.group as FactName] = obj.ms;
    } else out.badLines += 1;
  }
  return out;
}
