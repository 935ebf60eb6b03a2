// docs/checks.md's per-check sections, generated from the check declarations (one source for the
// docs, the config's valid codes and the report's sentences). `npm run generate` writes them; a test
// fails when the file is stale.
import { GROUPS, ENGINE_FINDINGS, type Check } from './define-check.js';
import { formatMessage, textIn } from '../messages/format.js';
import type { Lang } from '../messages/types.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const SEVERITY_ORDER = ['fail', 'unknown', 'warn', 'info', 'pass'] as const;

/** The table of the facts each check needs. */
export function factsTable(checks: readonly Check[]): string {
  return [
    '| check | required facts | optional facts |',
    '| --- | --- | --- |',
    ...checks.map((c) => `| ${c.id} | ${c.needs.join(', ')} | ${c.optional.join(', ')} |`),
  ].join('\n');
}

/** One check's section: title, what it needs, its prose and its codes with severities and sentences
 * (docs/checks.md in English; `image-preflight explain` in the reader's language). */
export function checkSection(check: Check, lang: Lang = 'en'): string {
  const codes = Object.entries(check.findings).sort(
    ([, a], [, b]) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
  return [
    `## ${check.id}`,
    '',
    formatMessage(
      'docs.titleLine',
      {
        title: textIn(check.title, lang),
        group: formatMessage(`group.${check.group}`, {}, lang),
        description: textIn(check.description, lang),
      },
      lang,
    ),
    '',
    check.optional.length
      ? formatMessage('docs.needsOptional', { needs: check.needs.join(', '), optional: check.optional.join(', ') }, lang)
      : formatMessage('docs.needs', { needs: check.needs.join(', ') }, lang),
    '',
    textIn(check.docs, lang),
    '',
    formatMessage('docs.codesHeader', {}, lang),
    '| --- | --- | --- |',
    ...codes.map(([code, spec]) => `| ${code} | ${spec.severity} | ${cell(textIn(spec.message, lang))} |`),
  ].join('\n');
}

/** Everything docs/checks.md holds between its generated-section markers. */
export function checksDoc(checks: readonly Check[]): string {
  const ordered = [...checks].sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group));
  return [
    '## Facts each check needs',
    '',
    'A check whose required facts are missing or failed reports "could not verify"; optional facts sharpen its result when present.',
    '',
    factsTable(ordered),
    '',
    `Every check can also report ${Object.keys(ENGINE_FINDINGS)
      .map((c) => `\`${c}\``)
      .join(' and ')} (severity unknown: could not verify), described at the end of this page.`,
    '',
    ...ordered.flatMap((c) => [checkSection(c), '']),
  ]
    .join('\n')
    .trimEnd();
}

export const GENERATED_START = '<!-- generated from src/checks by `npm run generate`: do not edit by hand -->';
export const GENERATED_END = '<!-- end of generated section -->';

/** The file with its generated section replaced. */
export function withGeneratedSection(file: string, generated: string): string {
  const start = file.indexOf(GENERATED_START);
  const end = file.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error('docs/checks.md: generated-section markers not found');
  return `${file.slice(0, start + GENERATED_START.length)}\n\n${generated}\n\n${file.slice(end)}`;
}
