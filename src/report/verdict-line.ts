// The sentence under the verdict, worded the same in every renderer (which sentence: verdict-sentence.ts).
import type { Translator } from '../messages/format.js';
import type { Report } from './build-report.js';
import { verdictSentence } from './verdict-sentence.js';

export function verdictLine(report: Report, t: Translator['t']): string {
  const sentence = verdictSentence(report);
  return t(sentence.id, { ...sentence.params, verdict: t(`verdict.${report.verdict}`) });
}
