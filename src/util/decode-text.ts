// Files reach us from Windows in several encodings: Windows PowerShell 5.1's `>` writes UTF-16LE with
// a BOM, Set-Content -Encoding UTF8 adds a UTF-8 BOM, and everything else writes plain UTF-8.
import { isUtf8 } from 'node:buffer';
import type { ParamValue } from '../messages/types.js';
import { InputError } from '../errors.js';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // UTF-16LE without a BOM: ASCII JSON then has a zero in every odd byte.
  if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'utf-16le';
  return 'utf-8';
}

export function decodeText(bytes: Uint8Array, what: ParamValue): { text: string; encoding: TextEncodingName } {
  const encoding = detectEncoding(bytes);
  const [label, skip] =
    encoding === 'utf-8-bom'
      ? ['utf-8', 3]
      : encoding === 'utf-16le'
        ? ['utf-16le', bytes[0] === 0xff ? 2 : 0]
        : encoding === 'utf-16be'
          ? ['utf-16be', 2]
          : ['utf-8', 0];
  const body = bytes.subarray(skip);
  // UTF-8, the common case: Node's native validity check, then its decoder (a fatal TextDecoder is
  // several times slower, and summarize reads thousands of files).
  if (label === 'utf-8') {
    if (!isUtf8(body)) throw new InputError('error.notText', { what, encoding: encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase() });
    return { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), encoding };
  }
  try {
    const text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
    return { text, encoding };
  } catch {
    throw new InputError('error.notText', { what, encoding: encoding === 'utf-8' ? 'UTF-8' : encoding.toUpperCase() });
  }
}
