// The translation report: every sentence the tool can say (the central catalogues, every check's own
// sentences and the shared fixes) in every language, with the same parameters as English, and really
// translated. A missing translation never stops the build (English is shown instead); these tests list
// every gap and fail CI on it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENTS } from '../../src/catalog/agents.js';
import { DEFAULT_SECURITY_PRODUCTS } from '../../src/catalog/security-products.js';
import '../../src/checks/index.js';
import { en, type MessageId } from '../../src/messages/en.js';
import { catalogue, templateParams } from '../../src/messages/format.js';
import { allRegisteredSentences } from '../../src/messages/sentences.js';
import { LANGS, type Lang, type TranslatedLang } from '../../src/messages/types.js';

const CENTRAL = Object.keys(en) as MessageId[];
const TRANSLATED = LANGS.filter((l): l is TranslatedLang => l !== 'en');

/** Every sentence by id: English, and each translation or undefined when it is missing. */
const SENTENCES = new Map<string, Record<Lang, string | undefined>>([
  ...CENTRAL.map((id): [string, Record<Lang, string | undefined>] => [
    id,
    { en: en[id], 'zh-CN': catalogue('zh-CN')[id], 'pt-BR': catalogue('pt-BR')[id], id: catalogue('id')[id] },
  ]),
  ...[...allRegisteredSentences()].map(([id, s]): [string, Record<Lang, string | undefined>] => [
    id,
    { en: s.en, 'zh-CN': s['zh-CN'], 'pt-BR': s['pt-BR'], id: s.id },
  ]),
]);
const IDS = [...SENTENCES.keys()];
const english = (id: string) => SENTENCES.get(id)?.en ?? '';
const translation = (id: string, lang: Lang) => SENTENCES.get(id)?.[lang];

const placeholders = (s: string) => templateParams(s);
const printfSlots = (s: string) => (s.match(/%s/g) ?? []).length;

/**
 * Messages whose translation may equal the English text, with the reason. Anything else identical to
 * English is an untranslated copy.
 */
const SAME_AS_ENGLISH: Record<string, { langs: readonly Lang[]; why: string }> = {
  'list.comma': { langs: ['pt-BR', 'id'], why: 'the same punctuation' },
  'docs.titleLine': { langs: ['pt-BR', 'id'], why: 'only parameters and punctuation' },
  'remote-access#firewallConsole': { langs: ['id'], why: 'a Windows console name as Windows Server shows it: it has no Indonesian UI' },
  'remote-access#rdpPolicy': { langs: ['id'], why: 'a Group Policy name as Windows Server shows it: it has no Indonesian UI' },
  'shutdown-readiness#gpPowerPath': { langs: ['id'], why: 'a Group Policy path as Windows Server shows it: it has no Indonesian UI' },
  'list.semicolon': { langs: ['pt-BR', 'id'], why: 'the same punctuation' },
  'list.sentence': { langs: ['pt-BR', 'id'], why: 'sentences are separated by a space' },
  'error.usage': { langs: ['zh-CN', 'pt-BR', 'id'], why: 'only a parameter (yargs words it, from our yargs.* messages)' },
  'error.invalid': { langs: ['pt-BR', 'id'], why: 'only parameters and a colon' },
  'validation.other': { langs: ['pt-BR', 'id'], why: 'only parameters and a colon' },
  'event.item': { langs: ['pt-BR', 'id'], why: 'only parameters and brackets' },
  'fleet.verdicts': { langs: ['zh-CN', 'pt-BR', 'id'], why: 'only parameters: the verdict words come from verdict.*' },
  'fleet.machinesWith': { langs: ['pt-BR', 'id'], why: 'only parameters and brackets' },
  'md.counts': { langs: ['pt-BR', 'id'], why: 'only a parameter and a full stop' },
  'md.problem': { langs: ['pt-BR', 'id'], why: 'only parameters and a colon' },
  'report.build': { langs: ['id'], why: 'Indonesian Windows says "build" too' },
  'startMode.auto': { langs: ['id'], why: 'the start mode as Windows Server shows it: it has no Indonesian UI' },
  'startMode.manual': { langs: ['pt-BR', 'id'], why: 'Portuguese Windows says "Manual" too; Windows Server has no Indonesian UI' },
  'startMode.disabled': { langs: ['id'], why: 'the start mode as Windows Server shows it: it has no Indonesian UI' },
  'what.snapshot': { langs: ['pt-BR', 'id'], why: '"snapshot" is the word Portuguese and Indonesian admins use' },
  'what.snapshotFile': { langs: ['pt-BR', 'id'], why: '"snapshot" is the word Portuguese and Indonesian admins use' },
  'evidence.disk': { langs: ['id'], why: 'Indonesian uses "disk"' },
  'evidence.file': { langs: ['id'], why: 'Indonesian uses "file"' },
  'yargs.boolean': { langs: ['id'], why: 'Indonesian uses "boolean"' },
  'error.notAReport': { langs: ['pt-BR', 'id'], why: 'only parameters and a colon' },
  'fix.subject.registry': { langs: ['zh-CN', 'pt-BR', 'id'], why: 'only parameters: a registry path and value name' },
  'fix.log.now': { langs: ['pt-BR', 'id'], why: 'only a parameter after a colon' },
  'fix.source.snapshot': { langs: ['pt-BR', 'id'], why: '"snapshot" is the word Portuguese and Indonesian admins use' },
  'time.minSec': { langs: ['pt-BR'], why: 'Portuguese abbreviates minutes and seconds as min and s too' },
  'time.sec': { langs: ['pt-BR'], why: 'Portuguese abbreviates seconds as s too' },
  'inspect.gib': { langs: ['zh-CN', 'pt-BR', 'id'], why: 'a number and the unit qemu-img prints' },
  'inspect.mib': { langs: ['zh-CN', 'pt-BR', 'id'], why: 'a number and the unit qemu-img prints' },
};

function allowedSame(id: string, lang: Lang): boolean {
  return SAME_AS_ENGLISH[id]?.langs.includes(lang) ?? false;
}

/** Words of a message outside its placeholders, lower case; tokens with digits, dots or % are names. */
function words(s: string): string[] {
  return s
    .replace(/\{\w+\}/g, ' ')
    .split(/[^\p{L}'’*_-]+/u)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 0);
}

/** Names that stay in English in every language: products, Windows components, registry values. */
const NAMES =
  /^(windows|modules|installer|trustedinstaller|powershell|tencent|cloud|safedog|update|server|shutdown|event|tracker|uac|kms|cbs|rebootpending|packagespending|rebootrequired|updateexevolatile|pendingfilerenameoperations|tiworker|exe|werfault|consentpromptbehavioradmin|nointeractiveservices|errormode|qcloudservice|winagent|win-agent|win_agent*|image-preflight|json|schemaversion|reportversion|utf-|le|bom|sc|reg|tasklist|cmd|dism|online|set-edition|system|latest|application|schema|snapshot|stdout|stderr|no_color|lc_all|lang|task|scheduler|automation|tools|tat|check|install|remove|status|run|programdata|reports|logs|pendingfilerenameallowlist|cvm|string|file|boolean|hh|mm|fix|restore|docs|md|aws|azure|alibaba|interactive|detection|reporting|ui|detect|inspect|qcow|vhd|vmdk|raw|gib|mib|collect|output|summarize|c|tccli|configure|capture|fleet|https|cos|myqcloud|com|bucket-appid)$/;

describe('translations', () => {
  it("covers the central catalogues and every check's sentences", () => {
    expect(IDS.filter((id) => id.includes('/')).length).toBeGreaterThan(40);
    expect(IDS.filter((id) => id.includes('#')).length).toBeGreaterThan(20);
  });

  it.each(TRANSLATED)('%s has every sentence (missing ones are listed)', (lang) => {
    expect(IDS.filter((id) => translation(id, lang) === undefined)).toEqual([]);
  });

  it.each(TRANSLATED)('%s has no id English does not have', (lang) => {
    expect(Object.keys(catalogue(lang)).filter((id) => !(id in en))).toEqual([]);
  });

  it.each(TRANSLATED)('%s keeps the parameters of every English sentence', (lang) => {
    const wrong = IDS.filter((id) => {
      const t = translation(id, lang);
      return (
        t !== undefined &&
        (JSON.stringify(placeholders(t)) !== JSON.stringify(placeholders(english(id))) || printfSlots(t) !== printfSlots(english(id)))
      );
    });
    expect(wrong).toEqual([]);
  });

  it.each(TRANSLATED)('%s has no sentence identical to English (untranslated copies are listed)', (lang) => {
    const copies = IDS.filter((id) => translation(id, lang) === english(id) && !allowedSame(id, lang));
    expect(copies).toEqual([]);
  });

  it.each(TRANSLATED)('%s does not carry over four English words in a row (names aside)', (lang) => {
    const carried: string[] = [];
    for (const id of IDS.filter((x) => !allowedSame(x, lang))) {
      const source = words(english(id));
      const runs = new Set<string>();
      for (let i = 0; i + 4 <= source.length; i++) {
        const run = source.slice(i, i + 4);
        // Two prose words at least: a run of names and format tokens (HH MM) carries nothing over.
        if (run.filter((w) => !NAMES.test(w)).length >= 2) runs.add(run.join(' '));
      }
      const translated = words(translation(id, lang) ?? '');
      for (let i = 0; i + 4 <= translated.length; i++) {
        const run = translated.slice(i, i + 4).join(' ');
        if (runs.has(run)) carried.push(`${id}: "${run}"`);
      }
    }
    expect(carried).toEqual([]);
  });

  it('every Chinese message with words in it has Chinese in it', () => {
    const latinOnly = IDS.filter((id) => {
      const text = translation(id, 'zh-CN') ?? '';
      const prose = words(text).filter((w) => !NAMES.test(w));
      return prose.length > 0 && !/\p{Script=Han}/u.test(text);
    });
    expect(latinOnly).toEqual([]);
  });

  it('the allow-list of messages equal to English is itself current', () => {
    for (const [id, entry] of Object.entries(SAME_AS_ENGLISH)) {
      for (const lang of entry.langs) expect(translation(id, lang), `${id} ${lang}`).toBe(english(id));
    }
  });

  it('every central message id is used by the program (no dead translations)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith('.ts') && !full.includes('/messages/')) files.push(full);
      }
    };
    walk(new URL('../../src/', import.meta.url).pathname);
    const src = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    // Ids built at run time from a prefix and a typed key (verdict, severity, group, evidence kind...).
    const dynamic =
      /^(verdict|severity|evidence|status|group|report\.verdict|list|fact|why\.target|startMode|inspect\.(group|tencent|finding|verdict))\./;
    const unused = CENTRAL.filter((id) => !dynamic.test(id) && !src.includes(`'${id}'`) && !src.includes(`"${id}"`));
    expect(unused).toEqual([]);
  });

  it('built-in data texts (agent names, security product hints) come in every language', () => {
    const texts = [...DEFAULT_AGENTS.map((a) => a.name), ...DEFAULT_SECURITY_PRODUCTS.flatMap((p) => [p.stopHint, p.startHint])].filter(
      (t) => t !== undefined && typeof t !== 'string',
    );
    expect(texts.length).toBeGreaterThan(5);
    for (const t of texts) for (const lang of LANGS) expect(typeof t === 'object' && t[lang], JSON.stringify(t)).toBeTruthy();
  });
});
