// Counts go through each language's plural rules (Intl.PluralRules), written in ICU MessageFormat's
// plural syntax: "{count, plural, one {# file} other {# files}}". No sentence falls back on "(s)".
import { describe, expect, it } from 'vitest';
import { formatMessage, pluralArgs, templateParams } from '../../src/messages/format.js';
import { LANGS } from '../../src/messages/types.js';
import { sentencesIn } from './glossary.js';

describe('plurals', () => {
  it('picks the form by the language: English 1 warning / 0 and 2 warnings; Portuguese 0 and 1 are singular', () => {
    const counts = (warn: number, info: number) => ({ fail: 0, warn, unknown: 0, info });
    expect(formatMessage('report.counts', counts(1, 1), 'en')).toBe('0 failed, 1 warning, 0 could not verify, 1 note');
    expect(formatMessage('report.counts', counts(0, 2), 'en')).toBe('0 failed, 0 warnings, 0 could not verify, 2 notes');
    expect(formatMessage('fix.plan.header', { computer: 'A', source: 'B', count: 1 }, 'pt-BR')).toBe(
      'Plano para A (fonte: B): 1 ação. Nada foi alterado.',
    );
    expect(formatMessage('fix.plan.header', { computer: 'A', source: 'B', count: 3 }, 'pt-BR')).toBe(
      'Plano para A (fonte: B): 3 ações. Nada foi alterado.',
    );
    expect(formatMessage('fix.apply.stopped', { count: 1, file: 'j.json' }, 'en')).toContain('1 change was made before it');
    expect(formatMessage('fix.apply.stopped', { count: 2, file: 'j.json' }, 'en')).toContain('2 changes were made before it');
    expect(formatMessage('report.verdict.unverified', { verdict: 'AT RISK', count: 1 }, 'pt-BR')).toContain(
      'não foi possível avaliar esta máquina em 1 verificação;',
    );
  });

  it('fills placeholders inside a form, takes =N before the category, and keeps "#" outside plurals', () => {
    expect(formatMessage('share-scan-coverage/too-large', { count: 1, limit: 512, paths: 'a' }, 'en')).toBe(
      '1 file larger than 512 KiB was not read: a',
    );
    expect(pluralArgs('{n, plural, =0 {none} one {# x} other {# xs}}')[0]?.forms.get('=0')).toBe('none');
    expect(templateParams('{a} {n, plural, one {# {b}} other {# {c}}}')).toEqual(['a', 'b', 'c', 'n']);
  });

  it("puts the unit of a number inside each language's sentence (the schedule's time limit)", () => {
    const params = { task: 'T', when: 'daily', limit: 10, dir: 'D', keep: 5 };
    expect(formatMessage('schedule.installed', params, 'en')).toContain('at most 10 minutes per run');
    expect(formatMessage('schedule.installed', params, 'zh-CN')).toContain('每次最长 10 分钟');
    expect(formatMessage('schedule.installed', params, 'pt-BR')).toContain('no máximo 10 min por execução');
    expect(formatMessage('schedule.installed', params, 'id')).toContain('paling lama 10 menit per eksekusi');
  });

  it('rejects a malformed plural', () => {
    expect(() => pluralArgs('{n, plural, one {# x}}')).toThrow(/other/);
    expect(() => pluralArgs('{n, plural, one {# x} other {# xs}')).toThrow();
    expect(() => pluralArgs('{n, plural, several {# x} other {# xs}}')).toThrow(/bad plural form/);
  });

  it.each(LANGS)('%s: every plural in every sentence is well formed', (lang) => {
    for (const [id, text] of sentencesIn(lang)) expect(() => pluralArgs(text), id).not.toThrow();
  });

  it.each(LANGS)('%s: no sentence counts with "(s)", "(es)", "(ões)" or "(is)"', (lang) => {
    const cluttered = [...sentencesIn(lang)].filter(([, text]) => /\p{L}\((s|es|ões|is|ns|as|os|a|o)\)/u.test(text)).map(([id]) => id);
    expect(cluttered).toEqual([]);
  });
});
