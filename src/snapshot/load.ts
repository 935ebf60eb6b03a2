// Reads a snapshot from bytes: decode (UTF-8, UTF-8 BOM, UTF-16LE BOM), parse, normalise the quirks of
// PowerShell's ConvertTo-Json, then validate. Every failure is one InputError line naming the first bad path.
import { InputError } from '../errors.js';
import { BY_HAND } from '../collect/fallback/batch-output.js';
import { decodeText } from '../util/decode-text.js';
import { describeIssue } from '../util/describe-issue.js';
import type { MessageRef, ParamValue } from '../messages/types.js';
import { parseJson } from '../util/parse-json.js';
import { readInputFile } from '../util/read-input.js';
import { isCollectionError } from './facts.js';
import { isRecord } from '../util/guards.js';
import { ARRAY_FACTS, REGISTRY_VALUE_TYPES, SUPPORTED_SCHEMA_VERSIONS, SnapshotSchema, parseContext, type Snapshot } from './schema.js';

export function readSnapshotFile(file: string): Snapshot {
  return parseSnapshot(readInputFile(file, { id: 'what.snapshot' }), { id: 'what.snapshotFile', params: { file } });
}

/** Above this size a snapshot has enough objects for zod's compiled parsers to pay for themselves. */
const COMPILE_PARSERS_ABOVE_BYTES = 1_000_000;

export function parseSnapshot(bytes: Uint8Array, what: ParamValue = { id: 'what.snapshot' }): Snapshot {
  const { text } = decodeText(bytes, what);
  return validateSnapshot(parseJson(text, what), what, bytes.length > COMPILE_PARSERS_ABOVE_BYTES);
}

/** `compile`: the snapshot is big enough for zod's compiled parsers to pay for themselves. */
export function validateSnapshot(input: unknown, what: ParamValue = { id: 'what.snapshot' }, compile = false): Snapshot {
  if (Array.isArray(input)) {
    throw new InputError('error.snapshotArray', { what });
  }
  if (!isRecord(input)) {
    throw new InputError('error.snapshotNotObject', { what });
  }
  const doc = input;
  const versions = SUPPORTED_SCHEMA_VERSIONS.join(', ');
  if (doc.imagePreflightCollector === 'powershell-too-old') {
    throw new InputError('error.scriptTooOldWmf', {
      what,
      version: typeof doc.powershellVersion === 'string' ? doc.powershellVersion : '',
      ...BY_HAND,
    });
  }
  if (!('schemaVersion' in doc)) {
    // What image-preflight itself writes, given where a snapshot belongs: say what it is, not what it lacks.
    if ('reportVersion' in doc) throw new InputError('error.reportNotSnapshot', { what });
    if ('summaryVersion' in doc) throw new InputError('error.summaryNotSnapshot', { what });
    throw new InputError('error.schemaVersionMissing', { what, versions });
  }
  if (!(SUPPORTED_SCHEMA_VERSIONS as readonly unknown[]).includes(doc.schemaVersion)) {
    throw new InputError('error.schemaVersionUnsupported', { what, version: JSON.stringify(doc.schemaVersion), versions });
  }
  const checked = checkSnapshot(doc, compile);
  if (!checked.ok) throw new InputError('error.invalid', { what, problem: checked.problem });
  return checked.snapshot;
}

export type SnapshotCheck =
  | { ok: true; snapshot: Snapshot }
  | {
      ok: false;
      problem: MessageRef | string;
      /** First path segment of the first bad value, e.g. "services". */ group: PropertyKey | undefined;
    };

/** Normalises and validates a parsed snapshot object, reporting the first problem rather than throwing. */
export function checkSnapshot(doc: Record<string, unknown>, compile = false): SnapshotCheck {
  const normalised = normalise(doc);
  const result = SnapshotSchema.safeParse(normalised, parseContext(compile));
  // The schema only checks (loose objects, no defaults or transforms: test/snapshot/schema-checks-only.test.ts),
  // so its output equals its input. Keeping the input, already in the old generation, and letting zod's
  // copy die young saves a machine with 100,000 processes about 100 ms of garbage collection.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- validated just above
  if (result.success) return { ok: true, snapshot: normalised as Snapshot };
  const first = result.error.issues[0];
  return { ok: false, problem: first ? describeIssue(first, normalised) : '?', group: first?.path[0] };
}

/** "dword", "reg_dword" and "REG_DWORD" are one type; an unknown name is left for validation to name. */
function canonicalType(type: string): string {
  const canonical = `REG_${type.trim().toUpperCase().replace(/^REG_/, '')}`;
  return (REGISTRY_VALUE_TYPES as readonly string[]).includes(canonical) ? canonical : type;
}

/** Puts a bare item (object, string or number) of the named fields back into a list, in place. */
function listsIn(value: unknown, fields: readonly string[]): void {
  if (!isRecord(value)) return;
  for (const f of fields) {
    const v = value[f];
    if (v !== undefined && v !== null && !Array.isArray(v)) value[f] = [v];
  }
}

/** ConvertTo-Json writes a one-item list as a bare object; put such groups back into arrays. Registry
 * types are accepted as reg.exe and regedit spell them too ("dword", "REG_DWORD"). */
function normalise(doc: Record<string, unknown>): Record<string, unknown> {
  const out = { ...doc };
  for (const name of ARRAY_FACTS) {
    const value = out[name];
    if (value && typeof value === 'object' && !Array.isArray(value) && !isCollectionError(value)) out[name] = [value];
  }
  // The same inside groups: lists a script emitted with one item (copies: the caller's document stays as it was).
  for (const name of ['network', 'bitlocker', 'disks', 'cloudbaseInit'] as const)
    if (isRecord(out[name])) out[name] = structuredClone(out[name]);
  listsIn(out.network, ['adapters']);
  if (isRecord(out.network) && Array.isArray(out.network.adapters))
    for (const a of out.network.adapters) listsIn(a, ['IPAddress', 'IPSubnet', 'DefaultIPGateway', 'DNSServerSearchOrder']);
  if (isRecord(out.network) && isRecord(out.network.firewall)) listsIn(out.network.firewall, ['profiles']);
  listsIn(out.bitlocker, ['volumes']);
  if (isRecord(out.bitlocker) && Array.isArray(out.bitlocker.volumes))
    for (const v of out.bitlocker.volumes) listsIn(v, ['keyProtectorTypes']);
  listsIn(out.disks, ['disks', 'partitions', 'volumes']);
  listsIn(out.cloudbaseInit, ['localScripts']);
  const registry = out.registry;
  if (isRecord(registry) && Array.isArray(registry.keys)) {
    const keys: unknown[] = registry.keys;
    out.registry = {
      ...registry,
      keys: keys.map((k) => {
        if (!isRecord(k) || !Array.isArray(k.values)) return k;
        const values: unknown[] = k.values;
        return { ...k, values: values.map((v) => (isRecord(v) && typeof v.type === 'string' ? { ...v, type: canonicalType(v.type) } : v)) };
      }),
    };
  }
  return out;
}
