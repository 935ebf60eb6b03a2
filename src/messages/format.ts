// Wording: a message id plus parameters, in one language. Nested references and lists are worded in
// the same language, so "could not verify: services (…)" is Chinese all the way through. Ids come from
// the central catalogues (the report frame, the CLI, errors) or from a check's own sentence table.
import { en, type MessageId, type Translation } from './en.js';
import { id } from './id.js';
import { ptBR } from './pt-BR.js';
import { registeredSentence } from './sentences.js';
import type { Lang, LocalizedText, MessageParams, MessageRef, ParamValue, SentenceId } from './types.js';
import { zhCN } from './zh-CN.js';

// Translations are built on first use: a run in one language does not pay for the others' strings.
const BUILDERS: Record<Lang, () => Translation> = { en: () => en, 'zh-CN': zhCN, 'pt-BR': ptBR, id };
const built: Partial<Record<Lang, Translation>> = {};

/** A central catalogue; a translation may lack sentences (they fall back to English, and a test lists them). */
export function catalogue(lang: Lang): Translation {
  return (built[lang] ??= BUILDERS[lang]());
}

export function isMessageId(value: unknown): value is MessageId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(en, value);
}

/** A central message id or the id of a sentence some check (or the shared fixes) declared. */
export function isKnownId(value: unknown): value is MessageId | SentenceId {
  return isMessageId(value) || (typeof value === 'string' && registeredSentence(value) !== undefined);
}

/**
 * A message reference read from data (a snapshot, a saved report) that this version can word: its id
 * and every nested id are in the catalogue. Otherwise the caller shows the English text it came with.
 */
export function isKnownRef(value: unknown): value is MessageRef {
  if (typeof value !== 'object' || value === null || !isKnownId((value as { id?: unknown }).id)) return false;
  const params = (value as { params?: unknown }).params;
  if (params === undefined) return true;
  if (typeof params !== 'object' || params === null) return false;
  return Object.values(params).every((p) => typeof p === 'string' || typeof p === 'number' || isKnownRef(p));
}

// Building an Intl.NumberFormat costs far more than using one.
const formats = new Map<string, Intl.NumberFormat>();
function decimalFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}/${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f;
}

function wordParam(value: ParamValue, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('decimal' in value) return decimalFormat(lang, value.digits ?? 1).format(value.decimal);
  if ('list' in value) return value.list.map((v) => wordParam(v, lang)).join(catalogue(lang)[`list.${value.join}`]);
  // Checked before `id`: Indonesian text sits under the key "id" of a LocalizedText.
  if ('en' in value) return textIn(value, lang);
  return formatMessage(value.id, value.params, lang);
}

/** Text given as data: a plain string as written, else the reader's language or English. */
export function textIn(value: string | LocalizedText, lang: Lang): string {
  return typeof value === 'string' ? value : (value[lang] ?? value.en);
}

function template(messageId: MessageId | SentenceId, lang: Lang): string {
  if (isMessageId(messageId)) return catalogue(lang)[messageId] ?? en[messageId];
  const sentence = registeredSentence(messageId);
  return sentence ? textIn(sentence, lang) : messageId;
}

export function formatMessage(messageId: MessageId | SentenceId, params: MessageParams = {}, lang: Lang = 'en'): string {
  const pattern = template(messageId, lang);
  const text = pattern.replace(/\{(\w+)\}/g, (m, key: string) => {
    const value = params[key];
    return value === undefined ? m : wordParam(value, lang);
  });
  // An empty last parameter leaves a trailing space; a separator that is only whitespace keeps it.
  return /\S/.test(pattern) ? text.replace(/\s+$/, '') : text;
}

export function formatRef(ref: MessageRef, lang: Lang = 'en'): string {
  return formatMessage(ref.id, ref.params, lang);
}

/** Everything a renderer needs to word text in one language. */
export interface Translator {
  readonly lang: Lang;
  t: (messageId: MessageId | SentenceId, params?: MessageParams) => string;
  ref: (ref: MessageRef) => string;
}

export function translator(lang: Lang): Translator {
  return { lang, t: (messageId, params) => formatMessage(messageId, params, lang), ref: (r) => formatRef(r, lang) };
}
