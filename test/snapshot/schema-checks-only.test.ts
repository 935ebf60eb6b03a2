// The snapshot loader keeps its input once the schema has accepted it (src/snapshot/load.ts): that is only
// right while the schema checks and never changes a value. This walks the whole schema and fails on
// anything that could (a default, a transform, a catch, an object that strips unknown keys), and checks
// on every fixture that zod's output equals its input.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { SnapshotSchema } from '../../src/snapshot/schema.js';
import { parseSnapshot } from '../../src/snapshot/load.js';
import { FIXTURES } from '../helpers.js';

interface Def {
  type: string;
  [key: string]: unknown;
}
/** A zod schema's definition (zod's documented `_zod.def`). */
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Paths of the schema parts that could make the output differ from the input. */
function changers(schema: unknown, path: string, seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'literal':
    case 'enum':
    case 'unknown':
      return [];
    case 'optional':
    case 'nullable':
      return changers(def.innerType, path, seen);
    case 'array':
      return changers(def.element, `${path}[]`, seen);
    case 'union':
      return (def.options as unknown[]).flatMap((o, i) => changers(o, `${path}|${i}`, seen));
    case 'record':
      return [...changers(def.keyType, `${path}{key}`, seen), ...changers(def.valueType, `${path}{}`, seen)];
    case 'object': {
      const loose = def.catchall !== undefined && defOf(def.catchall).type === 'unknown';
      const shape = def.shape as Record<string, unknown>;
      return [
        ...(loose ? [] : [`${path}: an object that drops unknown keys`]),
        ...Object.entries(shape).flatMap(([k, v]) => changers(v, `${path}.${k}`, seen)),
      ];
    }
    default:
      return [`${path}: ${def.type}`];
  }
}

describe('the snapshot schema only checks', () => {
  it('has no part that changes a value', () => {
    expect(changers(SnapshotSchema, 'snapshot')).toEqual([]);
    // The walk sees such parts where they are.
    const changing = z.looseObject({
      a: z.object({ b: z.string() }),
      c: z.optional(z._default(z.string(), 'x')),
      d: z.array(
        z.pipe(
          z.string(),
          z.transform((v) => v.trim()),
        ),
      ),
      e: z.catch(z.number(), 0),
    });
    expect(changers(changing, 's')).toEqual(['s.a: an object that drops unknown keys', 's.c: default', 's.d[]: pipe', 's.e: catch']);
  });

  it('gives back what it was given, on every fixture', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
      const loaded = parseSnapshot(readFileSync(new URL(name, FIXTURES)));
      const parsed = SnapshotSchema.safeParse(loaded);
      expect(parsed.success, name).toBe(true);
      expect(parsed.data, name).toEqual(loaded);
    }
  });
});
