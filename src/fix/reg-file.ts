// A key as `reg.exe export` writes it (regedit format 5.00, UTF-16LE): the one way reg.exe gives a value's
// exact type and data. `reg.exe query` prints data in the console's code page, where characters outside it
// become "?" (seen under Wine: "世界" came back as "??"), so a value read that way could not be put back.
//
//   [HKEY_LOCAL_MACHINE\SOFTWARE\...]
//   "name"="text with \"quotes\" and \\ backslashes"      REG_SZ
//   "name"=dword:0000000a                                  REG_DWORD
//   "name"=hex:0a,0b                                       REG_BINARY
//   "name"=hex(2):25,00,...,00,00                          REG_EXPAND_SZ (UTF-16LE, NUL-terminated)
//   "name"=hex(7):61,00,00,00,62,00,00,00,00,00            REG_MULTI_SZ
//   "name"=hex(b):00,00,00,00,01,00,00,00                  REG_QWORD (little-endian)
//   @="..."                                                the default value
// Long hex data continues on the next line after a trailing backslash. Wine writes a newline inside a
// string as \n; how Windows writes one is not known [U]: a string that does not close on its line is read
// on across lines, joined with CRLF.
import type { RegistryData, RestorableType } from './model.js';

export interface RegFileValue {
  name: string;
  /** Restorable types by name; anything else as `hex(N)`. */
  type: RestorableType | `hex(${string})`;
  data: RegistryData;
}

export interface RegFileKey {
  path: string;
  values: RegFileValue[];
}

const HIVES: Record<string, string> = {
  HKEY_LOCAL_MACHINE: 'HKLM',
  HKEY_CURRENT_USER: 'HKCU',
  HKEY_USERS: 'HKU',
  HKEY_CLASSES_ROOT: 'HKCR',
};

/** HKEY_LOCAL_MACHINE\X -> HKLM\X, the way the action table writes keys. */
export function shortKey(path: string): string {
  const at = path.indexOf('\\');
  const hive = at < 0 ? path : path.slice(0, at);
  return `${HIVES[hive.toUpperCase()] ?? hive}${at < 0 ? '' : path.slice(at)}`;
}

export function decodeRegFile(bytes: Uint8Array): string {
  const b = Buffer.from(bytes);
  const text = b[0] === 0xff && b[1] === 0xfe ? b.subarray(2).toString('utf16le') : b.toString('utf8');
  return text.replace(/^\uFEFF/, '');
}

/** A quoted string at `text[start]` (the opening quote): its value and where it ended, or undefined if it never closes. */
function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) return undefined;
      out += next === 'n' ? '\n' : next === 'r' ? '\r' : next === '0' ? '\0' : next;
      i += 1;
    } else if (ch === '"') return { value: out, end: i + 1 };
    else out += ch;
  }
  return undefined;
}

function hexBytes(list: string): Buffer | undefined {
  const parts = list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p))) return undefined;
  return Buffer.from(parts.map((p) => Number.parseInt(p, 16)));
}

function utf16(bytes: Buffer): string {
  return bytes.subarray(0, bytes.length - (bytes.length % 2)).toString('utf16le');
}

function decodeHex(kind: string, bytes: Buffer): Pick<RegFileValue, 'type' | 'data'> {
  switch (kind.toLowerCase()) {
    case '':
      return { type: 'REG_BINARY', data: bytes.toString('hex') };
    case '1':
      return { type: 'REG_SZ', data: utf16(bytes).replace(/\0+$/, '') };
    case '2':
      return { type: 'REG_EXPAND_SZ', data: utf16(bytes).replace(/\0+$/, '') };
    case '7': {
      const entries = utf16(bytes).replace(/\0\0$/, '').replace(/\0$/, '');
      return { type: 'REG_MULTI_SZ', data: entries === '' ? [] : entries.split('\0') };
    }
    case '4':
      return bytes.length === 4 ? { type: 'REG_DWORD', data: bytes.readUInt32LE(0) } : { type: 'hex(4)', data: bytes.toString('hex') };
    case 'b': {
      if (bytes.length !== 8) return { type: 'hex(b)', data: bytes.toString('hex') };
      const n = bytes.readBigUInt64LE(0);
      return { type: 'REG_QWORD', data: n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString() };
    }
    default:
      return { type: `hex(${kind})`, data: bytes.toString('hex') };
  }
}

/** The keys of an export, each with its values. Lines it cannot read are skipped. */
export function parseRegFile(text: string): RegFileKey[] {
  const lines = text.split(/\r?\n/);
  const keys: RegFileKey[] = [];
  let current: RegFileKey | undefined;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    const header = /^\[(.*)\]\s*$/.exec(line);
    if (header) {
      current = { path: shortKey(header[1] ?? ''), values: [] };
      keys.push(current);
      continue;
    }
    if (!current || !(line.startsWith('"') || line.startsWith('@='))) continue;
    let name = '';
    let rest: string;
    if (line.startsWith('@=')) rest = line.slice(2);
    else {
      const n = readQuoted(line, 0);
      if (!n || line[n.end] !== '=') continue;
      name = n.value;
      rest = line.slice(n.end + 1);
    }
    if (rest.startsWith('"')) {
      // A string that does not close on its line goes on (see the header) [U].
      let joined = rest;
      let q = readQuoted(joined, 0);
      while (!q && i + 1 < lines.length) {
        i += 1;
        joined += `\r\n${lines[i] ?? ''}`;
        q = readQuoted(joined, 0);
      }
      if (q) current.values.push({ name, type: 'REG_SZ', data: q.value });
      continue;
    }
    const dword = /^dword:([0-9a-fA-F]{8})\s*$/.exec(rest);
    if (dword?.[1]) {
      current.values.push({ name, type: 'REG_DWORD', data: Number.parseInt(dword[1], 16) });
      continue;
    }
    const hex = /^hex(?:\(([0-9a-fA-F]+)\))?:(.*)$/.exec(rest);
    if (!hex) continue;
    let list = hex[2] ?? '';
    while (list.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      i += 1;
      list = list.trimEnd().slice(0, -1) + (lines[i] ?? '').trim();
    }
    line = list;
    const bytes = hexBytes(line);
    if (bytes) current.values.push({ name, ...decodeHex(hex[1] ?? '', bytes) });
  }
  return keys;
}
