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

// Building the first Intl.NumberFormat costs about 12 ms (ICU set-up), a tenth of a cold start, and most
// decimals in a report are small (GB free, hours). ICU rounds the shortest decimal form of the number
// (String(value)) half away from zero; so does this, and only the decimal separator differs by language.
// test/messages/decimal.test.ts pins it against Intl for every language.
const DECIMAL_SEPARATOR: Record<Lang, string> = { en: '.', 'zh-CN': '.', 'pt-BR': ',', id: ',' };
const PLAIN_DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** A number below 1000 once rounded, at or above 0, as Intl words it; undefined for all others. */
function smallDecimal(value: number, digits: number, lang: Lang): string | undefined {
  // Negative zero is "-0" to Intl, and exponent forms (1e-7) are left to it.
  const m = value >= 0 && value < 1000 && !Object.is(value, -0) ? PLAIN_DECIMAL.exec(String(value)) : null;
  if (!m || !Number.isInteger(digits) || digits < 0 || digits > 20) return undefined;
  const whole = m[1] ?? '';
  const fraction = (m[2] ?? '').padEnd(digits + 1, '0');
  const kept = BigInt(whole + fraction.slice(0, digits)) + (fraction.charCodeAt(digits) >= 0x35 ? 1n : 0n);
  const text = kept.toString().padStart(digits + 1, '0');
  const wholeDigits = text.length - digits;
  if (wholeDigits > 3) return undefined;
  return digits === 0 ? text : `${text.slice(0, wholeDigits)}${DECIMAL_SEPARATOR[lang]}${text.slice(wholeDigits)}`;
}

const formats = new Map<string, Intl.NumberFormat>();
export function formatDecimal(value: number, digits: number, lang: Lang): string {
  const small = smallDecimal(value, digits, lang);
  if (small !== undefined) return small;
  const key = `${lang}/${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(value);
}

function wordParam(value: ParamValue, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if ('decimal' in value) return formatDecimal(value.decimal, value.digits ?? 1, lang);
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

// Plural rules are looked up once per language: Intl.PluralRules knows which form each number takes
// (English and Portuguese: one/other, with 0 as "other" in English and "one" in Portuguese; Chinese
// and Indonesian: other only).
const pluralRules = new Map<Lang, Intl.PluralRules>();
function pluralCategory(lang: Lang, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(n);
}

/** One `{name, plural, …}` argument found in a template: where it is, its parameter and its forms. */
export interface PluralArg {
  start: number;
  end: number;
  name: string;
  forms: Map<string, string>;
}

const PLURAL_START = /\{(\w+),\s*plural\s*,/g;

/**
 * The plural arguments of a template, in ICU MessageFormat's syntax (the subset the catalogues use):
 * `{count, plural, =0 {no files} one {# file} other {# files}}`. A form is chosen by the exact `=N`
 * first, then by the language's plural category, then `other`; `#` in it is the number. A form may hold
 * `{name}` placeholders (one level of braces). Throws on a malformed one: the catalogue test runs this
 * over every sentence, so a broken template never reaches a reader.
 */
export function pluralArgs(pattern: string): PluralArg[] {
  const found: PluralArg[] = [];
  for (const m of pattern.matchAll(PLURAL_START)) {
    const start = m.index;
    if (found.some((f) => start < f.end)) throw new Error(`nested plural in "${pattern}"`);
    const forms = new Map<string, string>();
    let i = start + m[0].length;
    for (;;) {
      while (/\s/.test(pattern[i] ?? '')) i++;
      if (pattern[i] === '}') break;
      const selector = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(pattern.slice(i));
      if (!selector?.[1]) throw new Error(`bad plural form at ${i} in "${pattern}"`);
      i += selector[0].length;
      let depth = 1;
      const bodyStart = i;
      for (; i < pattern.length && depth > 0; i++) {
        if (pattern[i] === '{') depth++;
        else if (pattern[i] === '}') depth--;
      }
      if (depth > 0) throw new Error(`unclosed plural form in "${pattern}"`);
      forms.set(selector[1], pattern.slice(bodyStart, i - 1));
    }
    if (!forms.has('other')) throw new Error(`plural without "other" in "${pattern}"`);
    found.push({ start, end: i + 1, name: m[1] ?? '', forms });
  }
  return found;
}

// A template's plural arguments, parsed once: a fleet summary words the same few sentences thousands of times.
const parsedPlurals = new Map<string, ReturnType<typeof pluralArgs>>();
function choosePlurals(pattern: string, params: MessageParams, lang: Lang): string {
  if (!pattern.includes('plural')) return pattern;
  let args = parsedPlurals.get(pattern);
  if (!args) {
    // Templates are the catalogues' own, a bounded set; the cap only guards against an unknown id worded as is.
    if (parsedPlurals.size > 5000) parsedPlurals.clear();
    parsedPlurals.set(pattern, (args = pluralArgs(pattern)));
  }
  let out = '';
  let at = 0;
  for (const arg of args) {
    const value = params[arg.name];
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
    const form =
      n === undefined
        ? (arg.forms.get('other') ?? '')
        : (arg.forms.get(`=${n}`) ?? arg.forms.get(pluralCategory(lang, n)) ?? arg.forms.get('other') ?? '');
    out += pattern.slice(at, arg.start) + form.replace(/#/g, n === undefined ? `{${arg.name}}` : String(n));
    at = arg.end;
  }
  return out + pattern.slice(at);
}

/** The parameter names a template uses: `{name}` and the argument of each `{name, plural, …}`. */
export function templateParams(pattern: string): string[] {
  return [...new Set([...pattern.matchAll(/\{(\w+)(?:\}|,\s*plural\s*,)/g)].map((m) => m[1] ?? ''))].sort();
}

export function formatMessage(messageId: MessageId | SentenceId, params: MessageParams = {}, lang: Lang = 'en'): string {
  const pattern = choosePlurals(template(messageId, lang), params, lang);
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
