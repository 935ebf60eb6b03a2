// `explain [CHECK | CHECK/CODE | CODE]`: a check's documentation from inside the exe, in the reader's
// language: the same section docs/checks.md is generated from (src/checks/docs.ts), so an admin on a CVM
// without the docs can follow a report's "more: image-preflight explain …".
import { CHECKS } from '../checks/index.js';
import { checkSection } from '../checks/docs.js';
import { ENGINE_FINDINGS, GROUPS, type Check } from '../checks/define-check.js';
import { InputError } from '../errors.js';
import { formatMessage, textIn, translator } from '../messages/format.js';
import type { Lang } from '../messages/types.js';
import { nearest } from '../util/nearest.js';
import { printed, type Outcome } from './outcome.js';

export interface ExplainArgs {
  topic?: string;
}

function listing(lang: Lang): string {
  const { t } = translator(lang);
  const out = [t('explain.list')];
  for (const group of GROUPS) {
    const checks = CHECKS.filter((c) => c.group === group);
    if (checks.length === 0) continue;
    out.push('', t(`group.${group}`));
    const width = Math.max(...checks.map((c) => c.id.length));
    for (const c of checks) out.push(`  ${c.id.padEnd(width)}  ${textIn(c.title, lang)}`);
  }
  out.push('', t('explain.engine'));
  return `${out.join('\n')}\n`;
}

function section(check: Check, code: string | undefined, lang: Lang): string {
  const text = checkSection(check, lang);
  if (!code) return `${text}\n`;
  const spec = check.findings[code];
  // facts-unavailable and check-error belong to the engine: every check can report them.
  const message = spec ? textIn(spec.message, lang) : formatMessage('explain.engine', {}, lang);
  const line = formatMessage(
    'explain.finding',
    { code, severity: formatMessage(`severity.${spec?.severity ?? 'unknown'}`, {}, lang), message },
    lang,
  );
  return `${line}\n\n${text}\n`;
}

/** Which check, and which of its findings, a topic names. */
function resolveTopic(topic: string): { check: Check; code?: string } {
  const wanted = topic.trim().toLowerCase();
  const slash = wanted.indexOf('/');
  const checkPart = slash < 0 ? wanted : wanted.slice(0, slash);
  const codePart = slash < 0 ? undefined : wanted.slice(slash + 1);
  const byId = CHECKS.find((c) => c.id === checkPart);
  if (byId && (codePart === undefined || codePart === '')) return { check: byId };
  if (byId && codePart && (codePart in byId.findings || codePart in ENGINE_FINDINGS)) return { check: byId, code: codePart };
  if (!wanted.includes('/')) {
    const owners = CHECKS.filter((c) => wanted in c.findings);
    const [only] = owners;
    if (only && owners.length === 1) return { check: only, code: wanted };
    if (owners.length > 1)
      throw new InputError('error.ambiguousTopic', { topic, matches: owners.map((c) => `${c.id}/${wanted}`).join(', ') });
  }
  const known = CHECKS.flatMap((c) => [c.id, ...Object.keys(c.findings).map((k) => `${c.id}/${k}`)]);
  throw new InputError('error.unknownTopic', { topic, nearest: nearest(wanted, known) ?? CHECKS[0]?.id ?? '' });
}

export function runExplain(args: ExplainArgs, lang: Lang): Outcome {
  if (args.topic === undefined || args.topic.trim() === '') return printed(listing(lang), lang, 0, undefined, 'text');
  const { check, code } = resolveTopic(args.topic);
  return printed(section(check, code, lang), lang, 0, undefined, 'text');
}
