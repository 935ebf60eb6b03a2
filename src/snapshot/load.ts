// Reads a snapshot from bytes: decode (UTF-8, UTF-8 BOM, UTF-16LE BOM), parse, normalise the quirks of
// PowerShell's ConvertTo-Json, then validate. Every failure is one InputError line naming the first bad path.
import { InputError } from '../errors.js';
import { decodeText } from '../util/decode-text.js';
import { describeIssue } from '../util/describe-issue.js';
import { parseJson } from '../util/parse-json.js';
import { readInputFile } from '../util/read-input.js';
import { isCollectionError } from './facts.js';
import { ARRAY_FACTS, SUPPORTED_SCHEMA_VERSIONS, SnapshotSchema, type Snapshot } from './schema.js';

export function readSnapshotFile(file: string): Snapshot {
  return parseSnapshot(readInputFile(file, 'snapshot'), `snapshot ${file}`);
}

export function parseSnapshot(bytes: Uint8Array, what = 'snapshot'): Snapshot {
  const { text } = decodeText(bytes, what);
  return validateSnapshot(parseJson(text, what), what);
}

export function validateSnapshot(input: unknown, what = 'snapshot'): Snapshot {
  if (Array.isArray(input)) {
    throw new InputError(`${what}: expected a JSON object with schemaVersion, got an array (a bare service list? see docs/snapshot.md)`);
  }
  if (input === null || typeof input !== 'object') {
    throw new InputError(`${what}: expected a JSON object with schemaVersion at the top level`);
  }
  const doc = input as Record<string, unknown>;
  const versions = SUPPORTED_SCHEMA_VERSIONS.join(', ');
  if (doc.imagePreflightCollector === 'powershell-too-old') {
    throw new InputError(`${what}: the collection script could not run: Windows PowerShell ${String(doc.powershellVersion ?? '')} is too old (3.0 or later is needed); run image-preflight on that machine instead, it falls back to sc.exe and reg.exe`);
  }
  if (!('schemaVersion' in doc)) {
    throw new InputError(`${what}: schemaVersion: missing; this version of image-preflight reads snapshot schema version ${versions}`);
  }
  if (!(SUPPORTED_SCHEMA_VERSIONS as readonly unknown[]).includes(doc.schemaVersion)) {
    throw new InputError(`${what}: schemaVersion ${JSON.stringify(doc.schemaVersion)} is not supported; this version of image-preflight reads snapshot schema version ${versions}`);
  }
  const normalised = normaliseSingletons(doc);
  const result = SnapshotSchema.safeParse(normalised);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new InputError(`${what}: ${first ? describeIssue(first, normalised) : 'invalid'}`);
  }
  return result.data;
}

/** ConvertTo-Json writes a one-item list as a bare object; put such groups back into arrays. */
function normaliseSingletons(doc: Record<string, unknown>): Record<string, unknown> {
  const out = { ...doc };
  for (const name of ARRAY_FACTS) {
    const value = out[name];
    if (value && typeof value === 'object' && !Array.isArray(value) && !isCollectionError(value)) out[name] = [value];
  }
  return out;
}
