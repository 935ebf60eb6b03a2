// qcow2, following qemu's docs/interop/qcow2.txt: a big-endian header (magic "QFI\xfb", version 2 or 3,
// backing file name, cluster_bits, size, crypt_method, L1 table), header extensions, and a two-level
// L1/L2 cluster map. Guest reads go through the map; standard, zero, compressed (zlib, raw deflate as
// qemu writes it) and extended-L2 subcluster entries are all decoded. A backing file is reported and
// never followed, so unallocated clusters read as zeros only when there is none.
import { inflateRawSync, constants as zlibConstants } from 'node:zlib';
import { ClusterDevice, LruCache, type BlockDevice, type ClusterLocation } from './block-device.js';
import { approxNumber, Fields, MiB, safeNumber, SECTOR } from './bytes.js';
import { DamagedError, UnsupportedError, reasonOf } from './errors.js';
import type { ImageFile } from './image-file.js';
import { ALLOCATION_BUDGET, type OpenedImage } from './opened-image.js';
import { known, unknown, type BackingFacts, type Known, type Qcow2Facts } from './types.js';

const L1E_OFFSET_MASK = 0x00fffffffffffe00n;
const L2E_OFFSET_MASK = 0x00fffffffffffe00n;
const QCOW_OFLAG_COMPRESSED = 1n << 62n;
const QCOW_OFLAG_ZERO = 1n;
/** qemu's implementation limit on the L1 table (docs/interop/qcow2.txt, "size"). */
const QCOW_MAX_L1_SIZE = 32 * MiB;
const KNOWN_INCOMPATIBLE = 0b11111n;

const EXT_END = 0x00000000;
const EXT_BACKING_FORMAT = 0xe2792aca;
const EXT_EXTERNAL_DATA_FILE = 0x44415441;

export async function openQcow2(file: ImageFile): Promise<OpenedImage> {
  const damage: string[] = [];
  const head = await file.readUpTo(0, 64 * 1024);
  const h = new Fields(head, 'qcow2 header');
  const base: OpenedImage = {
    format: { name: 'qcow2', accepted: true, subformat: null },
    virtualSize: null,
    device: null,
    noDevice: '',
    backing: null,
    damage,
    measureAllocation: () => Promise.resolve(unknown('the qcow2 header could not be read')),
    close: () => Promise.resolve(),
  };
  if (head.length < 72) {
    damage.push(`qcow2 header truncated: the file has only ${head.length} bytes`);
    base.noDevice = 'the qcow2 header is truncated';
    return base;
  }
  const version = h.u32be(4);
  const clusterBits = h.u32be(20);
  const sizeBig = h.u64be(24);
  base.virtualSize = approxNumber(sizeBig);
  base.format.subformat = `v${version}`;
  if (version !== 2 && version !== 3) {
    damage.push(`qcow2 version ${version} is neither 2 nor 3`);
    base.noDevice = `qcow2 version ${version} is not readable`;
    return base;
  }
  if (clusterBits < 9 || clusterBits > 21) {
    damage.push(`qcow2 cluster_bits ${clusterBits} is outside 9..21`);
    base.noDevice = 'the qcow2 cluster size is invalid';
    return base;
  }
  const clusterSize = 2 ** clusterBits;
  const cryptMethod = h.u32be(32);
  const l1Size = h.u32be(36);
  const l1Offset = h.u64be(40);
  const nbSnapshots = h.u32be(60);
  let incompatible = 0n;
  let compatible = 0n;
  let headerLength = 72;
  let compressionType = 0;
  if (version >= 3) {
    if (head.length < 104) {
      damage.push('qcow2 v3 header truncated');
      base.noDevice = 'the qcow2 header is truncated';
      return base;
    }
    incompatible = h.u64be(72);
    compatible = h.u64be(80);
    headerLength = h.u32be(100);
    if (headerLength < 104 || headerLength % 8 !== 0) damage.push(`qcow2 header_length ${headerLength} is invalid`);
    if (headerLength > 104 && head.length >= 105) compressionType = h.u8(104);
  }
  const extendedL2 = (incompatible & 16n) !== 0n;
  const unknownBits: number[] = [];
  for (let bit = 0; bit < 64; bit++) {
    if (((incompatible & ~KNOWN_INCOMPATIBLE) >> BigInt(bit)) & 1n) unknownBits.push(bit);
  }

  // Header extensions, within the first cluster.
  let backingFormat: string | null = null;
  let externalName: string | null = null;
  let at = headerLength;
  const extLimit = Math.min(clusterSize, head.length);
  for (let i = 0; i < 256 && at + 8 <= extLimit; i++) {
    const type = h.u32be(at);
    const len = h.u32be(at + 4);
    if (type === EXT_END) break;
    if (at + 8 + len > extLimit) {
      damage.push(`qcow2 header extension 0x${type.toString(16)} runs past the first cluster`);
      break;
    }
    if (type === EXT_BACKING_FORMAT) backingFormat = h.ascii(at + 8, len);
    if (type === EXT_EXTERNAL_DATA_FILE) externalName = h.ascii(at + 8, len);
    at += 8 + Math.ceil(len / 8) * 8;
  }

  // Backing file name: not followed, only named.
  let backing: BackingFacts | null = null;
  const backingOffset = h.u64be(8);
  if (backingOffset !== 0n) {
    const len = h.u32be(16);
    const off = Number(backingOffset);
    if (len > 1023 || backingOffset > BigInt(file.size)) {
      damage.push(`qcow2 backing file name (${len} bytes at ${backingOffset}) is invalid`);
      backing = { kind: 'qcow2-backing-file', name: '?' };
    } else {
      const name = (await file.readUpTo(off, len)).toString('utf8');
      backing = { kind: 'qcow2-backing-file', name: backingFormat ? `${name} (${backingFormat})` : name };
    }
  }
  base.backing = backing;

  const facts: Qcow2Facts = {
    version,
    clusterSize,
    encryption: cryptMethod === 0 ? 'none' : cryptMethod === 1 ? 'aes' : cryptMethod === 2 ? 'luks' : `method-${cryptMethod}`,
    dirty: (incompatible & 1n) !== 0n,
    corrupt: (incompatible & 2n) !== 0n,
    externalDataFile: (incompatible & 4n) !== 0n,
    externalDataFileName: externalName,
    compressionType: compressionType === 0 ? 'zlib' : compressionType === 1 ? 'zstd' : `type-${compressionType}`,
    extendedL2,
    lazyRefcounts: (compatible & 1n) !== 0n,
    unknownIncompatibleBits: unknownBits,
    snapshots: nbSnapshots,
    l1Entries: l1Size,
    compressedClusters: null,
  };
  base.format.qcow2 = facts;

  // The L1 table must cover the virtual size and lie in the file.
  const l2EntrySize = extendedL2 ? 16 : 8;
  const l2Entries = clusterSize / l2EntrySize;
  const bytesPerL1 = BigInt(clusterSize) * BigInt(l2Entries);
  const needed = (sizeBig + bytesPerL1 - 1n) / bytesPerL1;
  let tablesOk = true;
  if (BigInt(l1Size) < needed) {
    damage.push(`qcow2 L1 table has ${l1Size} entries, the virtual size needs ${needed}`);
    tablesOk = false;
  }
  if (l1Size * 8 > QCOW_MAX_L1_SIZE) {
    damage.push(`qcow2 L1 table of ${l1Size} entries is larger than qemu accepts (32 MiB)`);
    tablesOk = false;
  }
  if (l1Size > 0 && (l1Offset % BigInt(clusterSize) !== 0n || l1Offset + BigInt(l1Size) * 8n > BigInt(file.size))) {
    damage.push(`qcow2 L1 table (${l1Size} entries at offset ${l1Offset}) lies outside the ${file.size}-byte file`);
    tablesOk = false;
  }
  const l1Start = Number(l1Offset);

  const map = new Qcow2Map(file, clusterSize, l1Start, l1Size, l2Entries, extendedL2, version, facts.compressionType, damage);
  base.measureAllocation = async () => {
    if (!tablesOk) return unknown('the qcow2 L1 table is damaged');
    try {
      const m = await map.measure(base.virtualSize ?? 0);
      facts.compressedClusters = m.compressed;
      return m.bytes;
    } catch (err) {
      return unknown(reasonOf(err));
    }
  };

  if (!tablesOk) base.noDevice = 'the qcow2 L1 table is damaged';
  else if (sizeBig > BigInt(Number.MAX_SAFE_INTEGER)) base.noDevice = `the virtual size ${sizeBig} is beyond what can be addressed`;
  else if (cryptMethod !== 0) base.noDevice = `the image is encrypted (${facts.encryption}): its guest data cannot be read without the key`;
  else if (facts.externalDataFile) base.noDevice = 'guest data is in an external data file, which is not read';
  else if (unknownBits.length > 0) base.noDevice = `unknown incompatible features (bits ${unknownBits.join(', ')})`;
  else if (backing) base.noDevice = 'the image has a backing file: part of the guest data is in another file, which is not read';
  else base.device = map.device(safeNumber(sizeBig, 'qcow2 size'));
  return base;
}

class Qcow2Map {
  private readonly pages = new LruCache<number, Buffer>(256);
  private readonly clusters = new LruCache<number, Buffer>(8);
  private readonly subclusterBits: number;

  constructor(
    private readonly file: ImageFile,
    private readonly clusterSize: number,
    private readonly l1Start: number,
    private readonly l1Size: number,
    private readonly l2Entries: number,
    private readonly extendedL2: boolean,
    private readonly version: number,
    private readonly compression: string,
    private readonly damage: string[],
  ) {
    this.subclusterBits = extendedL2 ? 5 : 0;
  }

  device(size: number): BlockDevice {
    const unit = this.clusterSize >> this.subclusterBits;
    return new ClusterDevice(this.file, size, unit, (i) => this.locate(i), this.file.path);
  }

  /** A big-endian u64 at a file offset, through 512-byte cached pages. */
  private async u64At(offset: number): Promise<bigint> {
    const page = Math.floor(offset / SECTOR) * SECTOR;
    let buf = this.pages.get(page);
    if (!buf) {
      buf = await this.file.read(page, SECTOR);
      this.pages.set(page, buf);
    }
    return buf.readBigUInt64BE(offset - page);
  }

  private async l2EntryOf(clusterIndex: number): Promise<{ entry: bigint; bitmap: bigint } | null> {
    const l1Index = Math.floor(clusterIndex / this.l2Entries);
    if (l1Index >= this.l1Size) return null;
    const l1e = await this.u64At(this.l1Start + l1Index * 8);
    const l2Offset = l1e & L1E_OFFSET_MASK;
    if (l2Offset === 0n) return null;
    const l2 = this.checkHostOffset(l2Offset, `L2 table of L1 entry ${l1Index}`);
    const at = l2 + (clusterIndex % this.l2Entries) * (this.extendedL2 ? 16 : 8);
    const entry = await this.u64At(at);
    const bitmap = this.extendedL2 ? await this.u64At(at + 8) : 0n;
    return { entry, bitmap };
  }

  private checkHostOffset(offset: bigint, what: string): number {
    if (offset % BigInt(this.clusterSize) !== 0n) throw new DamagedError(`qcow2 ${what} at ${offset} is not cluster-aligned`);
    if (offset >= BigInt(this.file.size))
      throw new DamagedError(`qcow2 ${what} at ${offset} lies past the end of the ${this.file.size}-byte file`);
    return Number(offset);
  }

  private async locate(unitIndex: number): Promise<ClusterLocation> {
    const clusterIndex = unitIndex >> this.subclusterBits;
    const sub = unitIndex - (clusterIndex << this.subclusterBits);
    const e = await this.l2EntryOf(clusterIndex);
    if (!e) return { kind: 'zero' };
    const { entry, bitmap } = e;
    if (entry & QCOW_OFLAG_COMPRESSED) {
      const data = await this.decompress(entry);
      const unit = this.clusterSize >> this.subclusterBits;
      return { kind: 'bytes', data: data.subarray(sub * unit, (sub + 1) * unit) };
    }
    const host = entry & L2E_OFFSET_MASK;
    if (this.extendedL2) {
      const allocated = (bitmap >> BigInt(sub)) & 1n;
      if (!allocated) return { kind: 'zero' };
      const base = this.checkHostOffset(host, `data cluster ${clusterIndex}`);
      return { kind: 'file', offset: base + sub * (this.clusterSize >> this.subclusterBits) };
    }
    if (this.version >= 3 && entry & QCOW_OFLAG_ZERO) return { kind: 'zero' };
    if (host === 0n) return { kind: 'zero' };
    return { kind: 'file', offset: this.checkHostOffset(host, `data cluster ${clusterIndex}`) };
  }

  private compressedSpan(entry: bigint): { offset: number; length: number } {
    const clusterBits = Math.log2(this.clusterSize);
    const x = BigInt(62 - (clusterBits - 8));
    const offset = entry & ((1n << x) - 1n);
    const sectors = Number((entry >> x) & ((1n << (62n - x)) - 1n)) + 1;
    const length = sectors * SECTOR - Number(offset & 511n);
    if (offset >= BigInt(this.file.size)) throw new DamagedError(`qcow2 compressed cluster at ${offset} lies past the end of the file`);
    return { offset: Number(offset), length };
  }

  private async decompress(entry: bigint): Promise<Buffer> {
    if (this.compression !== 'zlib')
      throw new UnsupportedError(`the image uses ${this.compression} compression for clusters, which this reader does not decode`);
    const { offset, length } = this.compressedSpan(entry);
    const cached = this.clusters.get(offset);
    if (cached) return cached;
    const raw = await this.file.readUpTo(offset, Math.min(length, 2 * this.clusterSize + SECTOR));
    let data: Buffer;
    try {
      // qemu writes raw deflate (windowBits -12) and stops reading once a cluster is produced.
      data = inflateRawSync(raw, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 4 * this.clusterSize });
    } catch (err) {
      throw new DamagedError(
        `qcow2 compressed cluster at ${offset} does not decompress: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    if (data.length < this.clusterSize)
      throw new DamagedError(`qcow2 compressed cluster at ${offset} decompresses to ${data.length} bytes, not ${this.clusterSize}`);
    const cluster = data.subarray(0, this.clusterSize);
    this.clusters.set(offset, cluster);
    return cluster;
  }

  /** Guest bytes allocated, from the L2 tables, within ALLOCATION_BUDGET of metadata reads. */
  async measure(virtualSize: number): Promise<{ bytes: Known<number>; compressed: number }> {
    const l2Bytes = this.clusterSize;
    let budget = ALLOCATION_BUDGET;
    let total = 0;
    let compressed = 0;
    const chunk = 64 * 1024;
    const subSize = this.clusterSize >> this.subclusterBits;
    for (let first = 0; first < this.l1Size; first += chunk / 8) {
      const count = Math.min(chunk / 8, this.l1Size - first);
      const l1 = await this.file.read(this.l1Start + first * 8, count * 8);
      budget -= l1.length;
      for (let i = 0; i < count; i++) {
        const l2Offset = l1.readBigUInt64BE(i * 8) & L1E_OFFSET_MASK;
        if (l2Offset === 0n) continue;
        const l1Index = first + i;
        if (l1Index * this.clusterSize * this.l2Entries >= virtualSize) continue;
        if (budget < l2Bytes) return { bytes: unknown(`more than ${ALLOCATION_BUDGET / MiB} MiB of L2 tables to count`), compressed };
        budget -= l2Bytes;
        let l2: Buffer;
        try {
          l2 = await this.file.read(this.checkHostOffset(l2Offset, `L2 table of L1 entry ${l1Index}`), l2Bytes);
        } catch (err) {
          this.damage.push(reasonOf(err));
          return { bytes: unknown(reasonOf(err)), compressed };
        }
        const step = this.extendedL2 ? 16 : 8;
        for (let j = 0; j < this.l2Entries; j++) {
          const entry = l2.readBigUInt64BE(j * step);
          if (entry & QCOW_OFLAG_COMPRESSED) {
            total += this.clusterSize;
            compressed += 1;
          } else if (this.extendedL2) {
            let bits = Number(l2.readBigUInt64BE(j * step + 8) & 0xffffffffn);
            let n = 0;
            while (bits) {
              n += bits & 1;
              bits >>>= 1;
            }
            total += n * subSize;
          } else if ((entry & L2E_OFFSET_MASK) !== 0n && !(this.version >= 3 && entry & QCOW_OFLAG_ZERO)) {
            if ((entry & L2E_OFFSET_MASK) >= BigInt(this.file.size)) {
              const msg = `qcow2 data cluster of L1 entry ${l1Index}, L2 entry ${j} lies past the end of the ${this.file.size}-byte file`;
              if (!this.damage.includes(msg) && this.damage.length < 20) this.damage.push(msg);
            }
            total += this.clusterSize;
          }
        }
      }
    }
    return { bytes: known(Math.min(total, virtualSize)), compressed };
  }
}
