// What the registry declares, and the files generated from it (docs, schemas) being current.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checksDoc, withGeneratedSection } from '../src/checks/docs.js';
import { GROUPS } from '../src/checks/define-check.js';
import { CHECKS } from '../src/checks/index.js';
import { FACT_NAMES } from '../src/snapshot/facts.js';
import { jsonSchema } from '../src/snapshot/json-schema.js';
import { VERSION } from '../src/version.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

describe('declared checks', () => {
  it('each has a unique id, a known group, known facts, sentences and at least one passing and one non-passing code', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHECKS) {
      expect(c.id).toMatch(/^[a-z][a-z0-9-]+$/);
      expect(GROUPS).toContain(c.group);
      // Facts it cannot do without, or at least ones it reads when present.
      expect(c.needs.length + c.optional.length).toBeGreaterThan(0);
      for (const f of [...c.needs, ...c.optional]) expect(FACT_NAMES).toContain(f);
      expect(c.title.en && c.description.en && c.docs.en).toBeTruthy();
      const severities = Object.values(c.findings).map((f) => f.severity);
      expect(severities, c.id).toContain('pass');
      expect(
        severities.some((s) => s !== 'pass' && s !== 'info'),
        c.id,
      ).toBe(true);
      for (const code of Object.keys(c.findings)) expect(code, c.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('titles and descriptions take no parameters (they are worded without any)', () => {
    for (const c of CHECKS) expect([...placeholders(c.title.en), ...placeholders(c.description.en)], c.id).toEqual([]);
  });

  it("docs/checks.md's generated section is current (run `npm run generate` after changing a check)", () => {
    const file = readFileSync(new URL('../docs/checks.md', import.meta.url), 'utf8');
    expect(withGeneratedSection(file, checksDoc(CHECKS))).toBe(file);
  });

  it('schema/*.schema.json are generated from the zod schemas (run `npm run generate` after a change)', () => {
    for (const name of ['snapshot', 'config'] as const) {
      const shipped = JSON.parse(readFileSync(new URL(`../schema/${name}.schema.json`, import.meta.url), 'utf8'));
      expect(shipped).toEqual(jsonSchema(name));
    }
  });

  it('src/version.ts matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});
