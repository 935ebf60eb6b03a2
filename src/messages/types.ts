// What a message parameter may be. Plain strings and numbers are shown verbatim (names, paths, states
// as Windows reports them); everything worded goes through the reader's language, so a finding stays
// language-free until it is rendered.
import type { MessageId } from './en.js';

export const LANGS = ['en', 'zh-CN', 'pt-BR', 'id'] as const;
export type Lang = (typeof LANGS)[number];
export type TranslatedLang = Exclude<Lang, 'en'>;

/** One sentence in every language the tool speaks. English is required; a missing translation falls
 * back to it at run time and is listed by the translation test (test/i18n/translations.test.ts). */
export type Sentence = { readonly en: string } & { readonly [L in TranslatedLang]?: string };

/** Ids of sentences that live beside their checks: `check/code` (a finding's own) or `check#key`. */
export type SentenceId = `${string}/${string}` | `${string}#${string}`;

/** A sentence, worded when rendered: from the central catalogues (MessageId) or a check's table. */
export interface MessageRef {
  id: MessageId | SentenceId;
  params?: MessageParams;
}

/** Text supplied as data (a config hint, say) in several languages; English is the fallback. Told
 * apart from a MessageRef by its `en` key (its Indonesian sits under `id`). */
export type LocalizedText = Sentence;

/** Items joined the way the reader's language joins them (", " / "、", " or " / " 或 ", "; " / "；", sentences by " " / ""). */
export interface ParamList {
  list: ParamValue[];
  join: 'comma' | 'or' | 'semicolon' | 'sentence';
}

/** A measured quantity, written with the reader's decimal separator (29.3 / 29,3). Plain numbers are
 * counts and codes, written as they are. */
export interface ParamDecimal {
  decimal: number;
  digits?: number;
}

export type ParamValue = string | number | MessageRef | LocalizedText | ParamList | ParamDecimal;
export type MessageParams = Record<string, ParamValue>;
