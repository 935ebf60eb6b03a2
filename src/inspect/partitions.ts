// The partition table of the guest disk: MBR (signature 0x55AA, four primary entries, the extended
// partition's EBR chain, the active flag) and GPT (header "EFI PART" at LBA 1 with CRC32 checks of
// header and entry array, the backup header at the last LBA when the primary is damaged). Windows
// dynamic disks (LDM) are recognised by their types. Only the first sectors, the GPT entry array and
// the EBRs are read; a loop in the EBR chain or an absurd entry count ends the walk with a problem.
import { crc32 } from 'node:zlib';
import type { BlockDevice } from './block-device.js';
import { Fields, MiB, SECTOR } from './bytes.js';
import { reasonOf } from './errors.js';
import type { PartitionFacts, PartitionRole, PartitionTableFacts } from './types.js';

const MBR_ROLES: Record<number, PartitionRole> = {
  0x00: 'empty',
  0x01: 'fat',
  0x04: 'fat',
  0x06: 'fat',
  0x0b: 'fat',
  0x0c: 'fat',
  0x0e: 'fat',
  0x05: 'extended',
  0x0f: 'extended',
  0x85: 'extended',
  0x07: 'ntfs-or-exfat',
  0x17: 'ntfs-or-exfat',
  0x27: 'windows-recovery',
  0x42: 'ldm',
  0xee: 'gpt-protective',
  0xef: 'efi-system',
  0x82: 'linux-swap',
  0x83: 'linux',
  0x8e: 'linux-lvm',
};

export const GPT_TYPES: Record<string, PartitionRole> = {
  'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7': 'basic-data',
  'C12A7328-F81F-11D2-BA4B-00A0C93EC93B': 'efi-system',
  'E3C9E316-0B5C-4DB8-817D-F92DF00215AE': 'msr',
  'DE94BBA4-06D1-4D40-A16A-BFD50179D6AC': 'windows-recovery',
  '5808C8AA-7E8F-42E0-85D2-E1E90434CFB3': 'ldm-metadata',
  'AF9B60A0-1431-4F62-BC68-3311714A69AD': 'ldm-data',
  '21686148-6449-6E6F-744E-656564454649': 'bios-boot',
  '0FC63DAF-8483-4772-8E79-3D69D8477DE4': 'linux-data',
  'E6D6D379-F507-44C2-A23C-238F2A3DF928': 'linux-lvm',
  '0657FD6D-A4AB-43C4-84E5-0933C84B4F4F': 'linux-swap',
};

const MAX_LOGICAL = 128;
const MAX_GPT_ARRAY = 1 * MiB;

/** A GUID as written: the first three fields little-endian, the rest as stored. */
export function guidString(b: Buffer): string {
  const hex = (x: Buffer) => x.toString('hex');
  const le = (x: Buffer) => hex(Buffer.from(x).reverse());
  return `${le(b.subarray(0, 4))}-${le(b.subarray(4, 6))}-${le(b.subarray(6, 8))}-${hex(b.subarray(8, 10))}-${hex(b.subarray(10, 16))}`.toUpperCase();
}

function sector0Kind(s0: Buffer): PartitionTableFacts['sector0'] {
  if (s0.every((b) => b === 0)) return 'blank';
  const text = (o: number, n: number) => s0.toString('latin1', o, o + n);
  if (text(3, 8) === 'NTFS    ') return 'ntfs-volume';
  if (text(82, 8) === 'FAT32   ' || text(54, 5) === 'FAT12' || text(54, 5) === 'FAT16') return 'fat-volume';
  return 'other';
}

export async function readPartitionTable(device: BlockDevice): Promise<PartitionTableFacts> {
  // Smaller than one sector: no room for a partition table, so certainly none (not "could not verify").
  const s0 = device.size < SECTOR ? null : await device.read(0, SECTOR);
  const facts: PartitionTableFacts = {
    scheme: 'none',
    sectorSize: SECTOR,
    partitions: [],
    sector0: s0 ? sector0Kind(s0) : 'other',
    gpt: null,
    ldm: false,
    problems: [],
  };
  if (!s0) return facts;
  const hasSignature = s0[510] === 0x55 && s0[511] === 0xaa;
  // A volume boot sector also ends in 0x55AA: a disk image of one partition has no table at all.
  if (!hasSignature || facts.sector0 === 'ntfs-volume' || facts.sector0 === 'fat-volume') return facts;
  const m = new Fields(s0, 'MBR');
  const entries = [0, 1, 2, 3].map((i) => {
    const o = 446 + i * 16;
    return { slot: i + 1, status: m.u8(o), type: m.u8(o + 4), lba: m.u32le(o + 8), sectors: m.u32le(o + 12) };
  });
  if (entries.some((e) => e.status !== 0 && e.status !== 0x80)) {
    facts.problems.push('an MBR entry has a boot indicator other than 0x00 or 0x80: sector 0 is not a valid MBR');
    facts.sector0 = 'other';
    return facts;
  }
  facts.sector0 = 'mbr';
  if (entries.some((e) => e.type === 0xee)) return readGpt(device, facts);

  facts.scheme = 'mbr';
  for (const e of entries) {
    if (e.type === 0 || e.sectors === 0) continue;
    facts.partitions.push(partition(device, e.slot, e.lba * SECTOR, e.sectors * SECTOR, e.type, e.status === 0x80, false));
  }
  const extended = entries.filter((e) => MBR_ROLES[e.type] === 'extended' && e.sectors > 0);
  if (extended.length > 1) facts.problems.push('more than one extended partition');
  const ext = extended[0];
  if (ext) await walkExtended(device, ext.lba, facts);
  finish(device, facts);
  return facts;
}

function partition(
  device: BlockDevice,
  index: number,
  start: number,
  size: number,
  type: number,
  active: boolean,
  logical: boolean,
): PartitionFacts {
  return {
    index,
    start,
    size,
    type: `0x${type.toString(16).padStart(2, '0')}`,
    role: MBR_ROLES[type] ?? 'other',
    active,
    logical,
    name: null,
    beyondDisk: start + size > device.size,
  };
}

async function walkExtended(device: BlockDevice, extStart: number, facts: PartitionTableFacts): Promise<void> {
  const seen = new Set<number>();
  let ebr = extStart;
  let index = 5;
  for (let i = 0; i < MAX_LOGICAL; i++) {
    if (seen.has(ebr)) {
      facts.problems.push(`the extended partition's EBR chain loops back to sector ${ebr}`);
      return;
    }
    seen.add(ebr);
    let buf: Buffer;
    try {
      buf = await device.read(ebr * SECTOR, SECTOR);
    } catch (err) {
      facts.problems.push(`the EBR at sector ${ebr} cannot be read: ${reasonOf(err)}`);
      return;
    }
    if (buf[510] !== 0x55 || buf[511] !== 0xaa) {
      facts.problems.push(`the EBR at sector ${ebr} has no 0x55AA signature`);
      return;
    }
    const f = new Fields(buf, 'EBR');
    const type = f.u8(446 + 4);
    const lba = f.u32le(446 + 8);
    const sectors = f.u32le(446 + 12);
    if (type !== 0 && sectors > 0)
      facts.partitions.push(partition(device, index++, (ebr + lba) * SECTOR, sectors * SECTOR, type, f.u8(446) === 0x80, true));
    // The second entry links the next EBR, relative to the extended partition; 0 would be the first EBR again.
    const nextType = f.u8(462 + 4);
    const next = f.u32le(462 + 8);
    if (MBR_ROLES[nextType] !== 'extended') return;
    ebr = extStart + next;
  }
  facts.problems.push(`the extended partition has more than ${MAX_LOGICAL} logical partitions`);
}

interface GptHeader {
  ok: boolean;
  problem: string;
  alternateLba: bigint;
  entriesLba: bigint;
  count: number;
  entrySize: number;
  entriesCrc: number;
}

function parseGptHeader(buf: Buffer, expectedLba: bigint, sectorSize: number): GptHeader {
  const bad = (problem: string): GptHeader => ({
    ok: false,
    problem,
    alternateLba: 0n,
    entriesLba: 0n,
    count: 0,
    entrySize: 0,
    entriesCrc: 0,
  });
  const h = new Fields(buf, 'GPT header');
  if (h.ascii(0, 8) !== 'EFI PART') return bad('no "EFI PART" signature');
  const size = h.u32le(12);
  if (size < 92 || size > sectorSize) return bad(`header size ${size} is invalid`);
  const copy = Buffer.from(buf.subarray(0, size));
  copy.writeUInt32LE(0, 16);
  if (crc32(copy) !== h.u32le(16)) return bad('header CRC32 does not match');
  if (h.u64le(24) !== expectedLba) return bad(`header says it is at LBA ${h.u64le(24)}, not ${expectedLba}`);
  const count = h.u32le(80);
  const entrySize = h.u32le(84);
  if (entrySize < 128 || entrySize % 8 !== 0 || count * entrySize > MAX_GPT_ARRAY)
    return bad(`entry array of ${count} x ${entrySize} bytes is invalid`);
  return { ok: true, problem: '', alternateLba: h.u64le(32), entriesLba: h.u64le(72), count, entrySize, entriesCrc: h.u32le(88) };
}

async function readGptSide(device: BlockDevice, lba: bigint, sectorSize: number): Promise<{ header: GptHeader; entries: Buffer | null }> {
  const offset = Number(lba) * sectorSize;
  if (lba <= 0n || offset + sectorSize > device.size) {
    return { header: parseGptHeader(Buffer.alloc(sectorSize), lba, sectorSize), entries: null };
  }
  const header = parseGptHeader(await device.read(offset, sectorSize), lba, sectorSize);
  if (!header.ok) return { header, entries: null };
  const arrayBytes = header.count * header.entrySize;
  const at = Number(header.entriesLba) * sectorSize;
  if (at + arrayBytes > device.size || header.entriesLba === 0n)
    return { header: { ...header, ok: false, problem: 'entry array lies outside the disk' }, entries: null };
  const entries = await device.read(at, arrayBytes);
  if (crc32(entries) !== header.entriesCrc)
    return { header: { ...header, ok: false, problem: 'entry array CRC32 does not match' }, entries: null };
  return { header, entries };
}

async function readGpt(device: BlockDevice, facts: PartitionTableFacts): Promise<PartitionTableFacts> {
  facts.scheme = 'gpt';
  // 512-byte sectors first, then 4 KiB (4Kn disks keep the header in their second 4 KiB sector).
  let sectorSize = SECTOR;
  let primary = await readGptSide(device, 1n, sectorSize);
  if (!primary.header.ok && primary.header.problem === 'no "EFI PART" signature' && device.size >= 2 * 4096) {
    const alt = await readGptSide(device, 1n, 4096);
    if (alt.header.problem !== 'no "EFI PART" signature') {
      sectorSize = 4096;
      primary = alt;
    }
  }
  facts.sectorSize = sectorSize;
  const lastLba = BigInt(Math.floor(device.size / sectorSize) - 1);
  const backupLba = primary.header.ok ? primary.header.alternateLba : lastLba;
  const backup = await readGptSide(device, backupLba, sectorSize);
  facts.gpt = { primaryOk: primary.header.ok, backupOk: backup.header.ok };
  if (!primary.header.ok) facts.problems.push(`primary GPT: ${primary.header.problem}`);
  if (!backup.header.ok) facts.problems.push(`backup GPT at LBA ${backupLba}: ${backup.header.problem}`);
  const use = primary.header.ok ? primary : backup;
  if (!use.header.ok || !use.entries) return facts;
  const { count, entrySize } = use.header;
  for (let i = 0; i < count; i++) {
    const e = new Fields(use.entries.subarray(i * entrySize, (i + 1) * entrySize), `GPT entry ${i + 1}`);
    const type = guidString(e.bytes(0, 16));
    if (type === '00000000-0000-0000-0000-000000000000') continue;
    const first = e.u64le(32);
    const last = e.u64le(40);
    if (last < first) {
      facts.problems.push(`GPT entry ${i + 1} ends before it starts`);
      continue;
    }
    const start = Number(first) * sectorSize;
    const size = Number(last - first + 1n) * sectorSize;
    const name = e.utf16le(56, 36).replace(/\0.*$/, '');
    const role = GPT_TYPES[type] ?? 'other';
    facts.partitions.push({
      index: i + 1,
      start,
      size,
      type,
      role,
      active: ((e.u64le(48) >> 2n) & 1n) === 1n,
      logical: false,
      name,
      beyondDisk: start + size > device.size,
    });
  }
  finish(device, facts);
  return facts;
}

function finish(device: BlockDevice, facts: PartitionTableFacts): void {
  facts.ldm = facts.partitions.some((p) => p.role === 'ldm' || p.role === 'ldm-metadata' || p.role === 'ldm-data');
  const real = facts.partitions.filter((p) => p.role !== 'extended');
  for (const p of real) {
    if (p.beyondDisk)
      facts.problems.push(`partition ${p.index} ends at byte ${p.start + p.size}, past the end of the ${device.size}-byte disk`);
  }
  for (let i = 0; i < real.length; i++) {
    for (let j = i + 1; j < real.length; j++) {
      const a = real[i];
      const b = real[j];
      if (a && b && a.start < b.start + b.size && b.start < a.start + a.size)
        facts.problems.push(`partitions ${a.index} and ${b.index} overlap`);
    }
  }
}
