// Bounds-checked field access on buffers read from an image. Every reader goes through these, so a
// field past the end of what was read is a DamagedError (a "could not verify"), never a RangeError or a
// silently wrong number. 64-bit fields stay bigint until checked to fit a JavaScript number.
import { DamagedError } from './errors.js';

export const SECTOR = 512;
export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

export class Fields {
  constructor(
    readonly buf: Buffer,
    readonly what: string,
  ) {}

  private need(offset: number, width: number): void {
    if (!Number.isInteger(offset) || offset < 0 || offset + width > this.buf.length) {
      throw new DamagedError(`${this.what}: field at byte ${offset} lies outside the ${this.buf.length} bytes read`);
    }
  }

  u8(o: number): number {
    this.need(o, 1);
    return this.buf.readUInt8(o);
  }
  i8(o: number): number {
    this.need(o, 1);
    return this.buf.readInt8(o);
  }
  u16le(o: number): number {
    this.need(o, 2);
    return this.buf.readUInt16LE(o);
  }
  u32le(o: number): number {
    this.need(o, 4);
    return this.buf.readUInt32LE(o);
  }
  u64le(o: number): bigint {
    this.need(o, 8);
    return this.buf.readBigUInt64LE(o);
  }
  u16be(o: number): number {
    this.need(o, 2);
    return this.buf.readUInt16BE(o);
  }
  u32be(o: number): number {
    this.need(o, 4);
    return this.buf.readUInt32BE(o);
  }
  u64be(o: number): bigint {
    this.need(o, 8);
    return this.buf.readBigUInt64BE(o);
  }

  bytes(o: number, length: number): Buffer {
    this.need(o, length);
    return this.buf.subarray(o, o + length);
  }

  ascii(o: number, length: number): string {
    return this.bytes(o, length).toString('latin1');
  }

  /** UTF-16LE text of `chars` code units. */
  utf16le(o: number, chars: number): string {
    return this.bytes(o, chars * 2).toString('utf16le');
  }
}

/** A 64-bit value as a number, or a DamagedError when it cannot be one exactly. */
export function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new DamagedError(`${what} (${value}) is beyond 2^53`);
  return Number(value);
}

/** The approximate number for sizes that may be absurd (2^62): exact up to 2^53, then close. */
export function approxNumber(value: bigint): number {
  return Number(value);
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0 && n <= 2 ** 30;
}

/** UTF-16BE text (VHD parent names), up to the first NUL. */
export function utf16beUntilNul(buf: Buffer): string {
  const swapped = Buffer.from(buf);
  swapped.swap16();
  const text = swapped.toString('utf16le');
  const nul = text.indexOf('\0');
  return nul >= 0 ? text.slice(0, nul) : text;
}

/** The printable ASCII prefix of a byte string, for names stored NUL-padded. */
export function asciiUntilNul(buf: Buffer): string {
  const nul = buf.indexOf(0);
  return buf.subarray(0, nul >= 0 ? nul : buf.length).toString('latin1');
}
