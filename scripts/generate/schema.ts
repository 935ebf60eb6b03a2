// Rewrites schema/*.schema.json from the zod schemas.
import { writeFileSync } from 'node:fs';
import { jsonSchema, SCHEMA_NAMES } from '../../src/snapshot/json-schema.js';

for (const name of SCHEMA_NAMES) {
  writeFileSync(`schema/${name}.schema.json`, `${JSON.stringify(jsonSchema(name), null, 2)}\n`);
  console.log(`wrote schema/${name}.schema.json`);
}
