// docs/inspect.md's findings table is the rules table in words: one row per code, with its group,
// severity and Tencent code exactly as src/inspect/findings.ts has them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INSPECT_CODES, RULES } from '../../src/inspect/index.js';

const doc = readFileSync(new URL('../../docs/inspect.md', import.meta.url), 'utf8');
const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| (\w+) \| (\w+) \|\s*(\w*)\s*\|/gm)].map((m) => ({
  code: m[1] ?? '',
  group: m[2],
  severity: m[3],
  tencent: m[4] || undefined,
}));

describe('docs/inspect.md', () => {
  it('has one row per finding code, in the rules order', () => {
    expect(rows.map((r) => r.code)).toEqual([...INSPECT_CODES]);
  });

  it.each(rows)('$code: group, severity and Tencent code as the rules say', (row) => {
    const rule: { group: string; severity: string; tencent?: string } = RULES[row.code as keyof typeof RULES];
    expect({ group: row.group, severity: row.severity, tencent: row.tencent }).toEqual({
      group: rule.group,
      severity: rule.severity,
      tencent: rule.tencent,
    });
  });
});
