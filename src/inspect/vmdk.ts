// VMDK, following qemu's block/vmdk.c. A hosted sparse extent starts with the little-endian header
// "KDMV" (version, flags, capacity, grain size, embedded descriptor, grain directory offset); guest
// grains map through the grain directory (GD) and grain tables (GT). Stream-optimized extents store
// each grain deflate-compressed behind a 12-byte marker, and when the header's gdOffset is GD_AT_END the
// real header is the footer 1536 bytes before the end of the file. A text descriptor ("# Disk
// DescriptorFile") names extent files beside it: they are read only when they exist in the
// descriptor's folder, and a path leading out of that folder is refused.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import {
  ClusterDevice,
  ConcatDevice,
  FileDevice,
  LruCache,
  SliceDevice,
  ZeroDevice,
  type BlockDevice,
  type ClusterLocation,
} from './block-device.js';
import { approxNumber, Fields, MiB, SECTOR } from './bytes.js';
import { DamagedError, reasonOf } from './errors.js';
import { ImageFile, type ReadStats } from './image-file.js';
import { ALLOCATION_BUDGET, type OpenedImage } from './opened-image.js';
import { known, unknown, type Known, type VmdkExtentFacts, type VmdkFacts } from './types.js';
import { parentOf, parseDescriptor, type VmdkDescriptor } from './vmdk-descriptor.js';

const VMDK4_FLAG_ZERO_GRAIN = 1 << 2;
const VMDK4_FLAG_MARKER = 1 << 17;
const VMDK4_GD_AT_END = 0xffffffffffffffffn;
const VMDK4_COMPRESSION_DEFLATE = 1;
const MARKER_END_OF_STREAM = 0;
const MARKER_FOOTER = 3;
const VMDK_GTE_ZEROED = 1;
const MAX_DESCRIPTOR = 1 * MiB;

interface SparseHeader {
  version: number;
  flags: number;
  capacitySectors: bigint;
  grainSectors: bigint;
  descOffset: bigint;
  descSize: bigint;
  gtesPerGt: number;
  gdOffset: bigint;
  grainOffset: bigint;
  compressAlgorithm: number;
}

function parseSparseHeader(buf: Buffer, what: string): SparseHeader {
  const h = new Fields(buf, what);
  return {
    version: h.u32le(4),
    flags: h.u32le(8),
    capacitySectors: h.u64le(12),
    grainSectors: h.u64le(20),
    descOffset: h.u64le(28),
    descSize: h.u64le(36),
    gtesPerGt: h.u32le(44),
    gdOffset: h.u64le(56),
    grainOffset: h.u64le(64),
    compressAlgorithm: h.u16le(77),
  };
}

/** One hosted sparse extent (monolithicSparse, streamOptimized, or a -sNNN file of a split disk). */
export class SparseExtent {
  private readonly pages = new LruCache<number, Buffer>(256);
  private readonly grains = new LruCache<number, Buffer>(8);
  private constructor(
    readonly file: ImageFile,
    readonly header: SparseHeader,
    readonly capacity: number,
    readonly grainBytes: number,
    readonly gdEntries: number,
    readonly gdOffset: number,
    readonly gdAtEnd: boolean,
    readonly descriptor: VmdkDescriptor | null,
  ) {}

  get compressed(): boolean {
    return this.header.compressAlgorithm === VMDK4_COMPRESSION_DEFLATE;
  }

  static async open(file: ImageFile): Promise<SparseExtent> {
    const what = `VMDK sparse header of ${file.path}`;
    let header = parseSparseHeader(await file.read(0, SECTOR), what);
    const gdAtEnd = header.gdOffset === VMDK4_GD_AT_END;
    if (gdAtEnd) {
      // The footer marker, the footer (a copy of the header with the real gdOffset), the end-of-stream marker.
      if (file.size < 1536 + SECTOR) throw new DamagedError(`${file.path}: gdOffset is GD_AT_END but the file is too short for a footer`);
      const tail = new Fields(await file.read(file.size - 1536, 1536), `VMDK footer of ${file.path}`);
      const ok =
        tail.u32le(8) === 0 &&
        tail.u32le(12) === MARKER_FOOTER &&
        tail.ascii(512, 4) === 'KDMV' &&
        tail.u64le(1024) === 0n &&
        tail.u32le(1032) === 0 &&
        tail.u32le(1036) === MARKER_END_OF_STREAM;
      if (!ok) throw new DamagedError(`${file.path}: gdOffset is GD_AT_END but there is no valid footer 1536 bytes before the end`);
      header = parseSparseHeader(tail.bytes(512, SECTOR), `VMDK footer of ${file.path}`);
      if (header.gdOffset === VMDK4_GD_AT_END) throw new DamagedError(`${file.path}: the footer's gdOffset is GD_AT_END too`);
    }
    if (header.version > 3) throw new DamagedError(`${file.path}: VMDK version ${header.version} is not supported`);
    if (header.gtesPerGt === 0 || header.gtesPerGt > 512)
      throw new DamagedError(`${file.path}: ${header.gtesPerGt} entries per grain table (qemu allows 1..512)`);
    if (header.grainSectors === 0n || header.grainSectors > 0x200000n)
      throw new DamagedError(`${file.path}: grain size of ${header.grainSectors} sectors is invalid`);
    if (header.grainOffset > BigInt(Math.ceil(file.size / SECTOR)))
      throw new DamagedError(`${file.path}: truncated, the grains should start at sector ${header.grainOffset}`);
    const capacityBytes = header.capacitySectors * 512n;
    const l1EntrySectors = BigInt(header.gtesPerGt) * header.grainSectors;
    const gdEntries = (header.capacitySectors + l1EntrySectors - 1n) / l1EntrySectors;
    if (gdEntries > 32n * 1024n * 1024n) throw new DamagedError(`${file.path}: grain directory of ${gdEntries} entries is too large`);
    const gdOffset = header.gdOffset * 512n;
    if (gdOffset + gdEntries * 4n > BigInt(file.size))
      throw new DamagedError(`${file.path}: grain directory at ${gdOffset} runs past the end of the file`);
    let descriptor: VmdkDescriptor | null = null;
    if (header.descOffset > 0n && header.descSize > 0n) {
      const at = header.descOffset * 512n;
      const len = header.descSize * 512n;
      if (at < BigInt(file.size)) {
        const text = (await file.readUpTo(Number(at), Number(len > BigInt(MAX_DESCRIPTOR) ? BigInt(MAX_DESCRIPTOR) : len))).toString(
          'latin1',
        );
        descriptor = parseDescriptor(text);
      }
    }
    return new SparseExtent(
      file,
      header,
      approxNumber(capacityBytes),
      Number(header.grainSectors) * SECTOR,
      Number(gdEntries),
      Number(gdOffset),
      gdAtEnd,
      descriptor,
    );
  }

  private async u32At(offset: number): Promise<number> {
    const page = Math.floor(offset / SECTOR) * SECTOR;
    let buf = this.pages.get(page);
    if (!buf) {
      buf = await this.file.read(page, SECTOR);
      this.pages.set(page, buf);
    }
    return buf.readUInt32LE(offset - page);
  }

  private checkSector(sector: number, what: string): number {
    const offset = sector * SECTOR;
    if (offset >= this.file.size) throw new DamagedError(`${this.file.path}: ${what} at sector ${sector} lies past the end of the file`);
    return offset;
  }

  async locate(grain: number): Promise<ClusterLocation> {
    const gdIndex = Math.floor(grain / this.header.gtesPerGt);
    if (gdIndex >= this.gdEntries) return { kind: 'zero' };
    const gt = await this.u32At(this.gdOffset + gdIndex * 4);
    if (gt === 0) return { kind: 'zero' };
    const gtOffset = this.checkSector(gt, `grain table ${gdIndex}`);
    const sector = await this.u32At(gtOffset + (grain % this.header.gtesPerGt) * 4);
    if (sector === 0) return { kind: 'zero' };
    if (sector === VMDK_GTE_ZEROED && this.header.flags & VMDK4_FLAG_ZERO_GRAIN) return { kind: 'zero' };
    const offset = this.checkSector(sector, `grain ${grain}`);
    if (!this.compressed) return { kind: 'file', offset };
    return { kind: 'bytes', data: await this.inflateGrain(offset, grain) };
  }

  private async inflateGrain(offset: number, grain: number): Promise<Buffer> {
    const cached = this.grains.get(offset);
    if (cached) return cached;
    let data: Buffer;
    if (this.header.flags & VMDK4_FLAG_MARKER) {
      const marker = new Fields(await this.file.read(offset, 12), `grain marker at ${offset}`);
      const size = marker.u32le(8);
      if (size === 0 || size > 2 * this.grainBytes)
        throw new DamagedError(`${this.file.path}: grain ${grain} marker gives a compressed size of ${size}`);
      data = await this.file.read(offset + 12, size);
    } else {
      data = await this.file.readUpTo(offset, this.grainBytes);
    }
    let out: Buffer;
    try {
      out = inflateSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 2 * this.grainBytes });
    } catch (err) {
      throw new DamagedError(
        `${this.file.path}: grain ${grain} at ${offset} does not decompress: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    // The last grain of a disk whose size is not a whole number of grains decodes shorter.
    const grainStart = grain * this.grainBytes;
    const expected = Math.min(this.grainBytes, Math.max(0, this.capacity - grainStart));
    if (out.length < expected)
      throw new DamagedError(`${this.file.path}: grain ${grain} decompresses to ${out.length} bytes, not ${expected}`);
    const grainData = Buffer.alloc(this.grainBytes);
    out.copy(grainData, 0, 0, Math.min(out.length, this.grainBytes));
    this.grains.set(offset, grainData);
    return grainData;
  }

  device(): BlockDevice {
    return new ClusterDevice(this.file, this.capacity, this.grainBytes, (i) => this.locate(i), this.file.path);
  }

  /** Guest bytes in allocated grains, from the grain tables. */
  async measure(budget: { left: number }): Promise<Known<number>> {
    const gdBytes = this.gdEntries * 4;
    if (gdBytes > budget.left) return unknown(`more than ${ALLOCATION_BUDGET / MiB} MiB of grain tables to count`);
    budget.left -= gdBytes;
    let grains = 0;
    const gtBytes = this.header.gtesPerGt * 4;
    for (let first = 0; first < this.gdEntries; first += 64 * 1024) {
      const n = Math.min(64 * 1024, this.gdEntries - first);
      const gd = await this.file.read(this.gdOffset + first * 4, n * 4);
      for (let i = 0; i < n; i++) {
        const gt = gd.readUInt32LE(i * 4);
        if (gt === 0) continue;
        if (gtBytes > budget.left) return unknown(`more than ${ALLOCATION_BUDGET / MiB} MiB of grain tables to count`);
        budget.left -= gtBytes;
        const table = await this.file.read(this.checkSector(gt, `grain table ${first + i}`), gtBytes);
        for (let j = 0; j < this.header.gtesPerGt; j++) {
          const e = table.readUInt32LE(j * 4);
          if (e === 0 || (e === VMDK_GTE_ZEROED && this.header.flags & VMDK4_FLAG_ZERO_GRAIN)) continue;
          grains += 1;
        }
      }
    }
    return known(Math.min(grains * this.grainBytes, this.capacity));
  }
}

function vmdkFacts(partial: Partial<VmdkFacts>): VmdkFacts {
  return {
    createType: null,
    descriptorOnly: false,
    extents: [],
    compressed: false,
    gdAtEnd: false,
    version: null,
    grainSize: null,
    ...partial,
  };
}

/** A file starting with "KDMV": monolithicSparse or streamOptimized. */
export async function openVmdkSparse(file: ImageFile): Promise<OpenedImage> {
  const opened: OpenedImage = {
    format: { name: 'vmdk', accepted: true, subformat: null, vmdk: vmdkFacts({}) },
    virtualSize: null,
    device: null,
    noDevice: '',
    backing: null,
    damage: [],
    measureAllocation: () => Promise.resolve(unknown('the VMDK header could not be read')),
    close: () => Promise.resolve(),
  };
  let extent: SparseExtent;
  try {
    extent = await SparseExtent.open(file);
  } catch (err) {
    opened.damage.push(reasonOf(err));
    opened.noDevice = 'the VMDK header is damaged';
    return opened;
  }
  const createType = extent.descriptor?.createType ?? (extent.compressed ? 'streamOptimized' : 'monolithicSparse');
  opened.format.subformat = createType;
  opened.format.vmdk = vmdkFacts({
    createType,
    extents:
      extent.descriptor?.extents.map((e) => ({
        access: e.access,
        sectors: e.sectors,
        type: e.type,
        fileName: e.fileName,
        status: 'self',
      })) ?? [],
    compressed: extent.compressed,
    gdAtEnd: extent.gdAtEnd,
    version: extent.header.version,
    grainSize: extent.grainBytes,
  });
  opened.virtualSize = extent.capacity;
  const parent = extent.descriptor ? parentOf(extent.descriptor) : null;
  if (parent) opened.backing = { kind: 'vmdk-parent', name: parent };
  opened.measureAllocation = async () => {
    try {
      return await extent.measure({ left: ALLOCATION_BUDGET });
    } catch (err) {
      return unknown(reasonOf(err));
    }
  };
  if (parent) opened.noDevice = 'the VMDK has a parent disk: the rest of the guest data is in it, which is not read';
  else if (extent.capacity > Number.MAX_SAFE_INTEGER) opened.noDevice = 'the virtual size is beyond what can be addressed';
  else opened.device = extent.device();
  return opened;
}

/** Where an extent named in a descriptor lives, refusing paths that leave the descriptor's folder. */
export function resolveExtent(descriptorPath: string, fileName: string): { path: string; status: 'present' | 'missing' | 'outside' } {
  const folder = dirname(resolve(descriptorPath));
  const normalized = fileName.replace(/\\/g, '/');
  const target = resolve(folder, normalized);
  const rel = relative(folder, target);
  if (
    isAbsolute(normalized) ||
    /^[A-Za-z]:/.test(normalized) ||
    rel === '' ||
    rel.startsWith('..') ||
    isAbsolute(rel) ||
    rel.split(sep).includes('..')
  ) {
    return { path: target, status: 'outside' };
  }
  let present: boolean;
  try {
    present = existsSync(target) && statSync(target).isFile();
  } catch {
    present = false;
  }
  return { path: target, status: present ? 'present' : 'missing' };
}

/** A text descriptor: the data is in the extent files it names. */
export async function openVmdkDescriptor(file: ImageFile, stats: ReadStats): Promise<OpenedImage> {
  const text = (await file.readUpTo(0, MAX_DESCRIPTOR)).toString('latin1');
  const d = parseDescriptor(text);
  const extents: VmdkExtentFacts[] = [];
  const opened: OpenedImage = {
    format: {
      name: 'vmdk',
      accepted: true,
      subformat: d.createType,
      vmdk: vmdkFacts({ createType: d.createType, descriptorOnly: true, extents }),
    },
    virtualSize: d.extents.reduce((sum, e) => sum + e.sectors * SECTOR, 0),
    device: null,
    noDevice: '',
    backing: null,
    damage: [],
    measureAllocation: () => Promise.resolve(unknown('the VMDK extents could not all be read')),
    close: () => Promise.resolve(),
  };
  const parent = parentOf(d);
  if (parent) opened.backing = { kind: 'vmdk-parent', name: parent };
  if (d.extents.length === 0) {
    opened.damage.push('the VMDK descriptor names no extents');
    opened.noDevice = 'the VMDK descriptor names no extents';
    return opened;
  }
  const files: ImageFile[] = [];
  opened.close = async () => {
    for (const f of files) await f.close();
  };
  const parts: BlockDevice[] = [];
  const measures: Array<(b: { left: number }) => Promise<Known<number>>> = [];
  let problem = '';
  for (const e of d.extents.slice(0, 1024)) {
    const size = e.sectors * SECTOR;
    if (e.type === 'ZERO') {
      extents.push({ access: e.access, sectors: e.sectors, type: e.type, fileName: e.fileName, status: 'present' });
      parts.push(new ZeroDevice(size));
      continue;
    }
    if (!e.fileName) {
      extents.push({ access: e.access, sectors: e.sectors, type: e.type, fileName: null, status: 'missing' });
      problem ||= `extent of type ${e.type} names no file`;
      continue;
    }
    const where = resolveExtent(file.path, e.fileName);
    extents.push({ access: e.access, sectors: e.sectors, type: e.type, fileName: e.fileName, status: where.status });
    if (where.status !== 'present') {
      problem ||=
        where.status === 'outside'
          ? `extent "${e.fileName}" lies outside the descriptor's folder and is not followed`
          : `extent file "${e.fileName}" is missing`;
      continue;
    }
    if (problem) continue;
    try {
      const ext = await ImageFile.open(where.path, stats, true);
      files.push(ext);
      if (e.type === 'FLAT' || e.type === 'VMFS') {
        const start = e.offsetSectors * SECTOR;
        if (start + size > ext.size)
          throw new DamagedError(`flat extent "${e.fileName}" holds ${ext.size} bytes, the descriptor needs ${start + size}`);
        parts.push(new FileDevice(ext, start, size));
        measures.push(() => Promise.resolve(known(Math.min(size, ext.hostAllocated ?? size))));
      } else if (e.type === 'SPARSE') {
        const magic = (await ext.read(0, 4)).toString('latin1');
        if (magic !== 'KDMV')
          throw new DamagedError(`sparse extent "${e.fileName}" is not a hosted sparse extent (magic ${JSON.stringify(magic)})`);
        const sparse = await SparseExtent.open(ext);
        if (sparse.capacity < size)
          throw new DamagedError(`sparse extent "${e.fileName}" holds ${sparse.capacity} bytes, the descriptor needs ${size}`);
        parts.push(new SliceDevice(sparse.device(), 0, size, where.path));
        measures.push((b) => sparse.measure(b));
      } else {
        problem = `extent type ${e.type} is not read by this tool`;
      }
    } catch (err) {
      const reason = reasonOf(err);
      opened.damage.push(reason);
      problem ||= reason;
    }
  }
  if (d.extents.length > 1024) problem ||= `the descriptor names ${d.extents.length} extents`;
  if (!problem) {
    opened.measureAllocation = async () => {
      const budget = { left: ALLOCATION_BUDGET };
      let total = 0;
      try {
        for (const m of measures) {
          const r = await m(budget);
          if (!r.known) return r;
          total += r.value;
        }
      } catch (err) {
        return unknown(reasonOf(err));
      }
      return known(total);
    };
  }
  if (problem) opened.noDevice = problem;
  else if (parent) opened.noDevice = 'the VMDK has a parent disk: the rest of the guest data is in it, which is not read';
  else opened.device = new ConcatDevice(parts);
  return opened;
}
