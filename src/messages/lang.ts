// Which language to report in: --lang, else the POSIX locale variables, else the UI culture the
// snapshot recorded (what a Windows admin reads), else English. Locale names arrive in many shapes:
// zh_CN.UTF-8, zh-Hans-CN, pt_BR, pt-PT, id-ID and Java's old "in" for Indonesian.
import { LANGS, type Lang } from './types.js';

/** The language for a locale or culture name, or undefined when it names none we speak. */
export function langFromLocale(name: string | null | undefined): Lang | undefined {
  if (!name) return undefined;
  const tag = (name.split(/[.@]/)[0] ?? '').replace(/_/g, '-').toLowerCase();
  const [language, ...rest] = tag.split('-');
  switch (language) {
    case 'en':
      return 'en';
    case 'zh':
      // Simplified Chinese only: zh-TW, zh-HK and zh-Hant readers fall through to the next source.
      return rest.some((p) => ['tw', 'hk', 'mo', 'hant'].includes(p)) ? undefined : 'zh-CN';
    case 'pt':
      return 'pt-BR';
    case 'id':
    case 'in':
      return 'id';
    default:
      return undefined;
  }
}

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

export interface LangSources {
  /** --lang, already checked against LANGS. */
  flag?: Lang;
  env: Record<string, string | undefined>;
  /** host.uiCulture of the snapshot being judged, when there is one. */
  uiCulture?: string | null;
}

/**
 * POSIX precedence: LC_ALL overrides LC_MESSAGES overrides LANG. "C" and "POSIX" name no language, so
 * the next source decides; a language we do not speak (fr_FR) means English, not the snapshot's.
 */
export function langFromEnv(env: Record<string, string | undefined>): Lang | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (!value) continue;
    if (/^(C|POSIX)([.@]|$)/i.test(value)) return undefined;
    return langFromLocale(value) ?? 'en';
  }
  return undefined;
}

export function resolveLang(sources: LangSources): Lang {
  return sources.flag ?? langFromEnv(sources.env) ?? langFromLocale(sources.uiCulture) ?? 'en';
}
