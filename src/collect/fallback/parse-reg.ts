// `reg.exe query` output: a key line (HKEY_...), then indented "name    REG_TYPE    data" lines. The
// type names are never translated; the default value's name "(Default)" is, and we never need it.
import { REGISTRY_VALUE_TYPES, type RegistryValue } from '../../snapshot/schema.js';

export interface RegKeyDump {
  path: string;
  values: RegistryValue[];
}

const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;
const TYPES: ReadonlySet<string> = new Set(REGISTRY_VALUE_TYPES);
const isValueType = (t: string): t is RegistryValue['type'] => TYPES.has(t);

export function shortHive(path: string): string {
  return path
    .replace(/^HKEY_LOCAL_MACHINE\\/i, 'HKLM\\')
    .replace(/^HKEY_CURRENT_USER\\/i, 'HKCU\\')
    .replace(/^HKEY_USERS\\/i, 'HKU\\');
}

function convert(type: string, raw: string): RegistryValue['data'] {
  switch (type) {
    case 'REG_DWORD':
      return /^0x[0-9a-f]+$/i.test(raw) ? Number.parseInt(raw, 16) : null;
    case 'REG_QWORD':
      return /^0x[0-9a-f]+$/i.test(raw) ? Number(BigInt(raw)) : null;
    case 'REG_MULTI_SZ':
      // Entries are joined with a literal \0; empty entries (PendingFileRenameOperations' "delete") stay.
      return raw === '' ? [] : raw.split('\\0');
    case 'REG_BINARY':
      return raw.toLowerCase();
    case 'REG_NONE':
      return raw === '' ? null : raw;
    default:
      return raw;
  }
}

export function parseRegQuery(text: string): RegKeyDump[] {
  const keys: RegKeyDump[] = [];
  let current: RegKeyDump | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      current = { path: shortHive(line.trim()), values: [] };
      keys.push(current);
      continue;
    }
    const [, name, type, data] = VALUE_LINE.exec(line) ?? [];
    if (!current || name === undefined || type === undefined || !isValueType(type)) continue;
    current.values.push({ name, type, data: convert(type, data ?? '') });
  }
  return keys;
}
