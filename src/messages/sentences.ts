// Sentences that live beside their checks (and the shared fix sentences), registered by the check
// registry when it loads, so a report read back from disk or a nested parameter can be worded by id.
import type { Sentence, SentenceId } from './types.js';

const registered = new Map<string, Sentence>();

export function registerSentence(id: SentenceId, sentence: Sentence): void {
  const known = registered.get(id);
  if (known && known !== sentence) throw new Error(`sentence ${id} registered twice`);
  registered.set(id, sentence);
}

export function registeredSentence(id: string): Sentence | undefined {
  return registered.get(id);
}

/** Every registered sentence, for the translation and docs tests. */
export function allRegisteredSentences(): ReadonlyMap<string, Sentence> {
  return registered;
}
