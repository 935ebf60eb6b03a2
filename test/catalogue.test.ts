import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { en } from '../src/messages/en.js';
import { jsonSchema } from '../src/snapshot/json-schema.js';
import { VERSION } from '../src/version.js';

describe('declared metadata and shipped files', () => {
  it('every check has unique id, title, description, docs link and required facts', () => {
    const ids = CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const docs = readFileSync(new URL('../docs/checks.md', import.meta.url), 'utf8');
    for (const { meta } of CHECKS) {
      expect(en[meta.title]).toBeTruthy();
      expect(en[meta.description]).toBeTruthy();
      expect(meta.requiredFacts.length).toBeGreaterThan(0);
      expect(meta.docsUrl).toBe(`docs/checks.md#${meta.id}`);
      expect(docs).toContain(`## ${meta.id}`);
    }
  });
  it('docs/checks.md lists the facts each check needs, as declared', () => {
    const docs = readFileSync(new URL('../docs/checks.md', import.meta.url), 'utf8');
    for (const { meta } of CHECKS) {
      const row = `| ${meta.id} | ${meta.requiredFacts.join(', ')} | ${(meta.optionalFacts ?? []).join(', ')}`.trimEnd();
      expect(docs).toContain(row);
    }
  });
  it('every message id used in the source exists in the catalogue', () => {
    const dirs = ['../src/checks/', '../src/checks/shared/', '../src/engine/'];
    const src = dirs.flatMap((d) => readdirSync(new URL(d, import.meta.url)).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(new URL(d + f, import.meta.url), 'utf8'))).join('\n');
    const used = [...src.matchAll(/id: '([a-z]+\.[A-Za-z.]+)'/g)].map((m) => m[1]!);
    for (const id of used) expect(Object.keys(en)).toContain(id);
  });
  it('schema/*.schema.json are generated from the zod schemas (run `npm run schema` after a change)', () => {
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
