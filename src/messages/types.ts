// What a message parameter may be. Plain strings and numbers are shown verbatim (names, paths, states
// as Windows reports them); everything worded goes through the catalogue of the reader's language, so
// a finding stays language-free until it is rendered.
import type { MessageId } from './en.js';

export const LANGS = ['en', 'zh-CN', 'pt-BR', 'id'] as const;
export type Lang = (typeof LANGS)[number];

/** A sentence from the catalogue, worded when rendered. */
export interface MessageRef {
  id: MessageId;
  params?: MessageParams;
}

/** Text supplied as data (a config hint, say) in several languages; English is the fallback. Told
 * apart from a MessageRef by its `en` key (its Indonesian sits under `id`). */
export type LocalizedText = { en: string } & Partial<Record<Exclude<Lang, 'en'>, string>>;

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
