// NTFS on-disk structures as pure functions over buffers, so each is testable without a volume: the
// boot sector (OEM "NTFS    ", bytes per sector, sectors per cluster, $MFT cluster, MFT record and index
// block sizes), update-sequence fixups, MFT records and their attributes, data runs, index entries
// ($INDEX_ROOT and "INDX" blocks) with their FILE_NAME keys. Every length and offset is checked against
// the buffer; an inconsistency is a DamagedError.
import { Fields, isPowerOfTwo } from './bytes.js';
import { DamagedError } from './errors.js';

export const ATTR = {
  STANDARD_INFORMATION: 0x10,
  ATTRIBUTE_LIST: 0x20,
  FILE_NAME: 0x30,
  VOLUME_NAME: 0x60,
  VOLUME_INFORMATION: 0x70,
  DATA: 0x80,
  INDEX_ROOT: 0x90,
  INDEX_ALLOCATION: 0xa0,
  END: 0xffffffff,
} as const;

export interface BootSector {
  bytesPerSector: number;
  clusterSize: number;
  totalSectors: bigint;
  mftLcn: bigint;
  mftRecordSize: number;
  indexBlockSize: number;
}

/** Sizes written as "clusters per X": positive is a cluster count, negative n means 2^-n bytes. */
function clustersOrBytes(v: number, clusterSize: number): number {
  return v > 0 ? v * clusterSize : 2 ** -v;
}

export function parseBootSector(buf: Buffer): BootSector {
  const f = new Fields(buf, 'NTFS boot sector');
  if (f.ascii(3, 8) !== 'NTFS    ') throw new DamagedError('not an NTFS boot sector');
  const bytesPerSector = f.u16le(11);
  const spcRaw = f.u8(13);
  // Windows 10 1709+ writes clusters above 64 KiB as a negative power of two.
  const sectorsPerCluster = spcRaw > 0x80 ? 2 ** (256 - spcRaw) : spcRaw;
  if (!isPowerOfTwo(bytesPerSector) || bytesPerSector < 256 || bytesPerSector > 4096)
    throw new DamagedError(`NTFS bytes per sector ${bytesPerSector} is invalid`);
  if (!isPowerOfTwo(sectorsPerCluster)) throw new DamagedError(`NTFS sectors per cluster ${spcRaw} is invalid`);
  const clusterSize = bytesPerSector * sectorsPerCluster;
  if (clusterSize > 2 * 1024 * 1024) throw new DamagedError(`NTFS cluster size ${clusterSize} is invalid`);
  const mftRecordSize = clustersOrBytes(f.i8(0x40), clusterSize);
  const indexBlockSize = clustersOrBytes(f.i8(0x44), clusterSize);
  if (!isPowerOfTwo(mftRecordSize) || mftRecordSize < 256 || mftRecordSize > 65536)
    throw new DamagedError(`NTFS MFT record size ${mftRecordSize} is invalid`);
  if (!isPowerOfTwo(indexBlockSize) || indexBlockSize < 256 || indexBlockSize > 65536)
    throw new DamagedError(`NTFS index block size ${indexBlockSize} is invalid`);
  return { bytesPerSector, clusterSize, totalSectors: f.u64le(0x28), mftLcn: f.u64le(0x30), mftRecordSize, indexBlockSize };
}

/**
 * Applies the update sequence array in place: the last two bytes of every 512-byte stride were
 * replaced on disk by the update sequence number, and the originals kept in the array.
 */
export function applyFixups(buf: Buffer, magic: string, what: string): void {
  const f = new Fields(buf, what);
  if (f.ascii(0, 4) !== magic) throw new DamagedError(`${what}: magic is not "${magic}"`);
  const usaOffset = f.u16le(4);
  const usaCount = f.u16le(6);
  const strides = buf.length / 512;
  if (usaCount !== strides + 1 || usaOffset + usaCount * 2 > buf.length || usaOffset < 8) {
    throw new DamagedError(`${what}: update sequence array (${usaCount} entries at ${usaOffset}) does not fit a ${buf.length}-byte record`);
  }
  const usn = f.u16le(usaOffset);
  for (let i = 0; i < strides; i++) {
    const end = (i + 1) * 512 - 2;
    if (buf.readUInt16LE(end) !== usn)
      throw new DamagedError(`${what}: torn write, stride ${i} does not end with the update sequence number`);
    buf.writeUInt16LE(f.u16le(usaOffset + 2 + i * 2), end);
  }
}

export interface Attribute {
  type: number;
  name: string;
  id: number;
  nonResident: boolean;
  flags: number;
  /** Resident value. */
  value: Buffer | null;
  /** Non-resident: first VCN, runs (absolute LCNs, null for sparse), sizes. */
  startVcn: number;
  runs: Run[];
  dataSize: number;
}

export interface Run {
  vcn: number;
  lcn: number | null;
  length: number;
}

export interface MftRecord {
  inUse: boolean;
  directory: boolean;
  sequence: number;
  baseRecord: number;
  attributes: Attribute[];
}

/** Parses a fixed-up MFT record. */
export function parseMftRecord(buf: Buffer, what: string): MftRecord {
  const f = new Fields(buf, what);
  const flags = f.u16le(0x16);
  const firstAttr = f.u16le(0x14);
  const used = Math.min(f.u32le(0x18), buf.length);
  const attributes: Attribute[] = [];
  let at = firstAttr;
  for (let i = 0; i < 256; i++) {
    if (at + 4 > used) throw new DamagedError(`${what}: attributes run past the used part of the record`);
    const type = f.u32le(at);
    if (type === ATTR.END) break;
    const len = f.u32le(at + 4);
    if (len < 16 || len % 8 !== 0 || at + len > used)
      throw new DamagedError(`${what}: attribute 0x${type.toString(16)} has an invalid length ${len}`);
    attributes.push(parseAttribute(buf.subarray(at, at + len), `${what}, attribute 0x${type.toString(16)}`));
    at += len;
  }
  return {
    inUse: (flags & 1) !== 0,
    directory: (flags & 2) !== 0,
    sequence: f.u16le(0x10),
    baseRecord: Number(f.u64le(0x20) & 0xffffffffffffn),
    attributes,
  };
}

function parseAttribute(buf: Buffer, what: string): Attribute {
  const f = new Fields(buf, what);
  const type = f.u32le(0);
  const nonResident = f.u8(8) !== 0;
  const nameLength = f.u8(9);
  const nameOffset = f.u16le(10);
  const name = nameLength ? f.utf16le(nameOffset, nameLength) : '';
  const base = { type, name, id: f.u16le(14), nonResident, flags: f.u16le(12) };
  if (!nonResident) {
    const valueLength = f.u32le(16);
    const valueOffset = f.u16le(20);
    return { ...base, value: f.bytes(valueOffset, valueLength), startVcn: 0, runs: [], dataSize: valueLength };
  }
  const startVcn = f.u64le(16);
  const runsOffset = f.u16le(32);
  const dataSize = f.u64le(48);
  if (startVcn > BigInt(Number.MAX_SAFE_INTEGER) || dataSize > BigInt(Number.MAX_SAFE_INTEGER))
    throw new DamagedError(`${what}: sizes beyond 2^53`);
  if (runsOffset >= buf.length) throw new DamagedError(`${what}: data runs start past the attribute`);
  return {
    ...base,
    value: null,
    startVcn: Number(startVcn),
    runs: decodeRuns(buf.subarray(runsOffset), Number(startVcn), what),
    dataSize: Number(dataSize),
  };
}

/** Decodes a mapping-pairs array: per run a header byte (length size, offset size), the length, and a signed LCN delta. */
export function decodeRuns(buf: Buffer, startVcn: number, what: string): Run[] {
  const runs: Run[] = [];
  let at = 0;
  let vcn = startVcn;
  let lcn = 0n;
  for (let i = 0; i < 65536; i++) {
    if (at >= buf.length) throw new DamagedError(`${what}: data runs are not terminated`);
    const header = buf[at] ?? 0;
    if (header === 0) return runs;
    const lenSize = header & 0x0f;
    const offSize = header >> 4;
    if (lenSize === 0 || lenSize > 8 || offSize > 8 || at + 1 + lenSize + offSize > buf.length)
      throw new DamagedError(`${what}: data run ${i} is malformed`);
    let length = 0n;
    for (let b = lenSize - 1; b >= 0; b--) length = (length << 8n) | BigInt(buf[at + 1 + b] ?? 0);
    if (length === 0n || length > BigInt(Number.MAX_SAFE_INTEGER)) throw new DamagedError(`${what}: data run ${i} has length ${length}`);
    let target: number | null = null;
    if (offSize > 0) {
      let delta = 0n;
      for (let b = offSize - 1; b >= 0; b--) delta = (delta << 8n) | BigInt(buf[at + 1 + lenSize + b] ?? 0);
      if ((buf[at + lenSize + offSize] ?? 0) & 0x80) delta -= 1n << BigInt(offSize * 8);
      lcn += delta;
      if (lcn < 0n || lcn > BigInt(Number.MAX_SAFE_INTEGER)) throw new DamagedError(`${what}: data run ${i} points to cluster ${lcn}`);
      target = Number(lcn);
    }
    runs.push({ vcn, lcn: target, length: Number(length) });
    vcn += Number(length);
    at += 1 + lenSize + offSize;
  }
  throw new DamagedError(`${what}: more than 65536 data runs`);
}

export interface IndexEntry {
  /** MFT record number (low 48 bits of the file reference). */
  record: number;
  sequence: number;
  /** File name in the key, null for the last (terminator) entry. */
  name: string | null;
  /** 3 = DOS 8.3 only. */
  namespace: number;
  /** VCN of the child index block, when the entry has one. */
  child: number | null;
  last: boolean;
}

/** The entries of an index node: the index header at `headerOffset` (entries offset, total size). */
export function parseIndexEntries(buf: Buffer, headerOffset: number, what: string): IndexEntry[] {
  const f = new Fields(buf, what);
  const first = headerOffset + f.u32le(headerOffset);
  const end = Math.min(headerOffset + f.u32le(headerOffset + 4), buf.length);
  const entries: IndexEntry[] = [];
  let at = first;
  for (let i = 0; i < 65536; i++) {
    if (at + 16 > end) throw new DamagedError(`${what}: index entries run past the node without a last entry`);
    const length = f.u16le(at + 8);
    const keyLength = f.u16le(at + 10);
    const flags = f.u16le(at + 12);
    if (length < 16 || length % 8 !== 0 || at + length > end || 16 + keyLength > length)
      throw new DamagedError(`${what}: index entry ${i} has length ${length}`);
    const hasChild = (flags & 1) !== 0;
    const last = (flags & 2) !== 0;
    const child = hasChild ? f.u64le(at + length - 8) : null;
    if (child !== null && child > BigInt(Number.MAX_SAFE_INTEGER))
      throw new DamagedError(`${what}: index entry ${i} points to VCN ${child}`);
    let name: string | null = null;
    let namespace = 0;
    if (!last) {
      if (keyLength < 66) throw new DamagedError(`${what}: index entry ${i} has a ${keyLength}-byte key, too short for a file name`);
      const chars = f.u8(at + 16 + 64);
      namespace = f.u8(at + 16 + 65);
      if (66 + chars * 2 > keyLength) throw new DamagedError(`${what}: index entry ${i} file name overruns its key`);
      name = f.utf16le(at + 16 + 66, chars);
    }
    const ref = f.u64le(at);
    entries.push({
      record: Number(ref & 0xffffffffffffn),
      sequence: Number(ref >> 48n),
      name,
      namespace,
      child: child === null ? null : Number(child),
      last,
    });
    if (last) return entries;
    at += length;
  }
  throw new DamagedError(`${what}: more than 65536 entries in one index node`);
}
