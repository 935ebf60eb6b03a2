// The glossary check: each language's glossary (docs/glossary/<lang>.json) lists Windows and Tencent
// Cloud terms as that language's Windows Server and Tencent's pages write them, each with the wrong
// forms a translator is likely to write. A sentence that holds a wrong form is reported with its id.
import { readFileSync } from 'node:fs';
import { DEFAULT_AGENTS } from '../../src/catalog/agents.js';
import { DEFAULT_SECURITY_PRODUCTS } from '../../src/catalog/security-products.js';
import { CHECKS } from '../../src/checks/index.js';
import { en } from '../../src/messages/en.js';
import { catalogue } from '../../src/messages/format.js';
import { allRegisteredSentences } from '../../src/messages/sentences.js';
import type { Lang, LocalizedText } from '../../src/messages/types.js';

export interface GlossaryTerm {
  /** What the term names, in English. */
  en: string;
  /** The form to use. */
  term: string;
  /** Forms that must not appear in any sentence of the language (exact, case-sensitive substrings). */
  forbidden: string[];
  /** Where the form comes from: the Windows UI, a Microsoft Learn page, a Tencent Cloud page. */
  source: string;
  kind: 'windows' | 'tencent' | 'style';
}

export interface Glossary {
  lang: Lang;
  about: string;
  terms: GlossaryTerm[];
}

export interface GlossaryViolation {
  id: string;
  term: string;
  found: string;
}

export function loadGlossary(lang: Lang): Glossary {
  return JSON.parse(readFileSync(new URL(`../../docs/glossary/${lang}.json`, import.meta.url), 'utf8')) as Glossary;
}

/**
 * Every sentence of a language by id: the central catalogue, every check's sentences, each check's docs
 * (what `image-preflight explain` prints), the built-in data texts.
 */
export function sentencesIn(lang: Lang): Map<string, string> {
  const out = new Map<string, string>();
  const central: Partial<Record<string, string>> = lang === 'en' ? en : catalogue(lang);
  for (const [id, text] of Object.entries(central)) if (text !== undefined) out.set(id, text);
  for (const [id, s] of allRegisteredSentences()) {
    const text = s[lang];
    if (text !== undefined) out.set(id, text);
  }
  for (const c of CHECKS) {
    const text = c.docs[lang];
    if (text !== undefined) out.set(`${c.id}#docs`, text);
  }
  const data: [string, string | LocalizedText | undefined][] = [
    ...DEFAULT_AGENTS.map((a): [string, string | LocalizedText] => [`agents:${a.id}`, a.name]),
    ...DEFAULT_SECURITY_PRODUCTS.flatMap((p): [string, LocalizedText | string | undefined][] => [
      [`security-products:${p.name}:stopHint`, p.stopHint],
      [`security-products:${p.name}:startHint`, p.startHint],
    ]),
  ];
  for (const [id, t] of data) {
    const text = typeof t === 'object' ? t[lang] : undefined;
    if (text !== undefined) out.set(id, text);
  }
  return out;
}

/** Sentences that hold a forbidden form of a glossary term, each with the term it should have used. */
export function checkGlossary(glossary: Glossary, sentences: ReadonlyMap<string, string>): GlossaryViolation[] {
  const found: GlossaryViolation[] = [];
  for (const [id, text] of sentences)
    for (const t of glossary.terms)
      for (const wrong of t.forbidden) if (text.includes(wrong)) found.push({ id, term: t.term, found: wrong });
  return found;
}
