// Looks up registry facts. Key paths compare case-insensitively with the hive written as HKLM/HKCU/HKU.
import type { Registry, RegistryValue } from './schema.js';

export type KeyLookup =
  | { state: 'present'; path: string; values: RegistryValue[]; subkeys: string[] }
  | { state: 'absent'; path: string }
  | { state: 'error'; path: string; message: string };

const HIVES: Record<string, string> = {
  HKEY_LOCAL_MACHINE: 'HKLM',
  HKEY_CURRENT_USER: 'HKCU',
  HKEY_USERS: 'HKU',
  HKEY_CLASSES_ROOT: 'HKCR',
};

export function normaliseKeyPath(path: string): string {
  const parts = path
    .replace(/\//g, '\\')
    .split('\\')
    .filter((p) => p.length > 0);
  if (parts.length === 0) return '';
  const hive = (parts[0] ?? '').replace(/:$/, '').toUpperCase();
  parts[0] = HIVES[hive] ?? hive;
  return parts.join('\\').toUpperCase();
}

/** Each registry fact's keys by normalised path, built once: checks look keys up hundreds of times. The
 * entries it was built from are kept to notice a list changed since (tests edit snapshots in place). */
const indexes = new WeakMap<Registry['keys'], { from: Registry['keys']; byPath: Map<string, Registry['keys'][number]> }>();
function indexOf(registry: Registry): Map<string, Registry['keys'][number]> {
  const keys = registry.keys;
  const cached = indexes.get(keys);
  if (cached && cached.from.length === keys.length && cached.from.every((k, i) => k === keys[i])) return cached.byPath;
  const byPath = new Map<string, Registry['keys'][number]>();
  // The first entry for a path wins, as a linear search would find it.
  for (const k of keys) {
    const key = normaliseKeyPath(k.path);
    if (!byPath.has(key)) byPath.set(key, k);
  }
  indexes.set(keys, { from: [...keys], byPath });
  return byPath;
}

export function lookupKey(registry: Registry, path: string): KeyLookup {
  const entry = indexOf(registry).get(normaliseKeyPath(path));
  if (!entry) return { state: 'absent', path };
  if (entry.error !== undefined) return { state: 'error', path, message: entry.error };
  if (entry.exists === false) return { state: 'absent', path };
  return { state: 'present', path, values: entry.values ?? [], subkeys: entry.subkeys ?? [] };
}

export function lookupValue(key: KeyLookup, name: string): RegistryValue | undefined {
  if (key.state !== 'present') return undefined;
  const wanted = name.toLowerCase();
  return key.values.find((v) => v.name.toLowerCase() === wanted);
}

/** A DWORD as a number; tolerates numeric strings, which some tools write instead. */
export function asNumber(value: RegistryValue | undefined): number | undefined {
  if (!value) return undefined;
  if (typeof value.data === 'number') return value.data;
  if (typeof value.data === 'string' && /^\s*-?(0x[0-9a-f]+|\d+)\s*$/i.test(value.data)) return Number(value.data.trim());
  return undefined;
}

export function asString(value: RegistryValue | undefined): string | undefined {
  if (!value) return undefined;
  if (typeof value.data === 'string') return value.data;
  if (Array.isArray(value.data)) return value.data.join('\n');
  if (typeof value.data === 'number') return String(value.data);
  return undefined;
}

export function asStrings(value: RegistryValue | undefined): string[] {
  if (!value || value.data === null) return [];
  if (Array.isArray(value.data)) return value.data;
  if (typeof value.data === 'string') return value.data.split(/\r?\n|\0/);
  return [String(value.data)];
}
