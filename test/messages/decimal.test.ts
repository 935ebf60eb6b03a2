// The decimals in reports skip Intl.NumberFormat where toFixed words them the same (src/messages/format.ts):
// this pins that they are the same, for every language, across the values reports hold and the edges.
import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/messages/format.js';
import { LANGS } from '../../src/messages/types.js';

const formats = new Map<string, Intl.NumberFormat>();
const intl = (value: number, digits: number, lang: string) => {
  const key = `${lang}/${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f.format(value);
};

// Every value a report might carry below and around 1000 at a step that hits ties (x.x5, x.xx5), plus
// values whose binary form sits just below or above a tie, negatives, large numbers and non-finite ones.
const values = [
  ...Array.from({ length: 20001 }, (_, i) => i / 20),
  ...Array.from({ length: 2000 }, (_, i) => i / 1000 + 0.0005),
  1.005,
  1.015,
  2.675,
  0.045,
  8.345,
  999.4,
  999.5,
  999.95,
  999.99,
  999.995,
  1000,
  1234.5,
  98765.4321,
  1e21,
  0,
  -0,
  -0.04,
  -0.05,
  -1.5,
  -1234.56,
  Number.MIN_VALUE,
  1e-7,
  NaN,
  Infinity,
  -Infinity,
];

describe('decimals are worded as Intl.NumberFormat words them', () => {
  for (const lang of LANGS)
    it(lang, () => {
      const differ: string[] = [];
      for (const digits of [0, 1, 2, 3])
        for (const v of values) {
          const got = formatDecimal(v, digits, lang);
          const want = intl(v, digits, lang);
          if (got !== want) differ.push(`${v} (${digits}): ${got} vs ${want}`);
        }
      expect(differ).toEqual([]);
    });

  it('groups thousands and signs negatives as each language does', () => {
    expect(formatDecimal(1234.5, 1, 'en')).toBe('1,234.5');
    expect(formatDecimal(1234.5, 1, 'pt-BR')).toBe('1.234,5');
    expect(formatDecimal(999.96, 1, 'id')).toBe('1.000,0');
    expect(formatDecimal(2.25, 1, 'pt-BR')).toBe('2,3');
  });
});
