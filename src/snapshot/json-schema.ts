// JSON Schemas generated from the zod schemas, shipped as schema/*.schema.json (kept in step by a test)
// and printed by `image-preflight schema`.
import * as z from 'zod/mini';
import { ConfigSchema } from '../config/schema.js';
import { SnapshotSchema } from './schema.js';

export const SCHEMA_NAMES = ['snapshot', 'config'] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

export function jsonSchema(name: SchemaName): Record<string, unknown> {
  const schema = name === 'snapshot' ? SnapshotSchema : ConfigSchema;
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  return {
    $id: `https://image-preflight.invalid/schema/${name}.schema.json`,
    title: name === 'snapshot' ? 'image-preflight snapshot (schema version 1)' : 'image-preflight config',
    ...generated,
  };
}
