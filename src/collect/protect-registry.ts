// Registry values that may hold secrets (the Environment keys' TENCENTCLOUD_SECRET_* variables) are
// masked before they reach the snapshot: the PowerShell pass masks them itself, the native-tools
// fallback (reg.exe prints values whole) is masked here, and so is anything that arrives unmasked.
import type { RegistryKeySpec } from '../catalog/registry-keys.js';
import { RegistryValueSchema, type RegistryValue } from '../snapshot/schema.js';
import { isRecord } from '../util/guards.js';
import { maskSecret, secretShape } from './share-scan/mask.js';

/** A value as the snapshot keeps it: strings masked, with their shape and length; other types without data. */
export function protectValue(value: RegistryValue): RegistryValue {
  if (value.secret) return value;
  const text = typeof value.data === 'string' ? value.data : Array.isArray(value.data) ? value.data.join('\n') : null;
  if (text === null) return { ...value, data: null };
  return { ...value, data: maskSecret(text), secret: { shape: secretShape(text.trim()), length: text.length } };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a key path is one of the spec's (a `*` segment standing for any subkey name it matches). */
export function specMatcher(spec: RegistryKeySpec): (path: string) => boolean {
  const [parent = '', rest] = spec.path.split('\\*');
  if (rest === undefined) return (path) => path.toUpperCase() === spec.path.toUpperCase();
  const name = spec.match ? new RegExp(spec.match, 'i') : /./;
  const re = new RegExp(`^${escapeRegExp(parent)}\\\\([^\\\\]+)${escapeRegExp(rest)}$`, 'i');
  return (path) => {
    const m = re.exec(path);
    return m !== null && name.test(m[1] ?? '');
  };
}

/** The registry group with every value of a `mask` spec's keys protected. Anything unexpected is left as it is. */
export function protectRegistry(registry: unknown, specs: readonly RegistryKeySpec[]): unknown {
  if (!isRecord(registry) || !Array.isArray(registry.keys)) return registry;
  const masked = specs.filter((s) => s.mask).map(specMatcher);
  if (masked.length === 0) return registry;
  return {
    ...registry,
    keys: registry.keys.map((key: unknown) => {
      if (!isRecord(key) || typeof key.path !== 'string' || !Array.isArray(key.values)) return key;
      const path = key.path;
      if (!masked.some((m) => m(path))) return key;
      return {
        ...key,
        values: key.values.map((v: unknown) => {
          const parsed = RegistryValueSchema.safeParse(v);
          // A value of an odd shape keeps its name and type but never its data.
          return parsed.success ? protectValue(parsed.data) : isRecord(v) ? { ...v, data: null } : null;
        }),
      };
    }),
  };
}
