// Reads an NTFS volume without mounting it, enough to answer "does this path exist?": the boot sector,
// the $MFT's own runs, MFT records (with $ATTRIBUTE_LIST extension records), the volume's $UpCase table,
// and directory indexes ($INDEX_ROOT, then "INDX" blocks of $INDEX_ALLOCATION through their data runs),
// searched as the B+ tree they are, with the volume's own case folding. Every loop is bounded and every
// pointer checked; an inconsistency is a DamagedError, which the caller turns into "could not verify".
import type { BlockDevice } from './block-device.js';
import { LruCache } from './block-device.js';
import { Fields, MiB } from './bytes.js';
import { DamagedError } from './errors.js';
import {
  applyFixups,
  ATTR,
  parseBootSector,
  parseIndexEntries,
  parseMftRecord,
  type Attribute,
  type BootSector,
  type IndexEntry,
  type MftRecord,
  type Run,
} from './ntfs-records.js';

const MFT_RECORD_MFT = 0;
const MFT_RECORD_VOLUME = 3;
const MFT_RECORD_ROOT = 5;
const MFT_RECORD_UPCASE = 10;
const COLLATION_FILE_NAME = 1;
const MAX_DEPTH = 64;
const MAX_EXTENSION_RECORDS = 256;
const MAX_ATTRIBUTE_LIST = 1 * MiB;

/** The attribute as one stream: a resident value, or the runs of all its extents in VCN order. */
interface Stream {
  resident: Buffer | null;
  runs: Run[];
  dataSize: number;
}

export class NtfsVolume {
  private readonly records = new LruCache<number, MftRecord>(128);
  private mft: Stream = { resident: null, runs: [], dataSize: 0 };
  private upcase: Uint16Array = new Uint16Array(0);

  private constructor(
    private readonly device: BlockDevice,
    readonly boot: BootSector,
  ) {}

  static async open(device: BlockDevice): Promise<NtfsVolume> {
    const boot = parseBootSector(await device.read(0, 512));
    const volume = new NtfsVolume(device, boot);
    await volume.loadMft();
    await volume.loadUpcase();
    return volume;
  }

  get clusterSize(): number {
    return this.boot.clusterSize;
  }

  private async loadMft(): Promise<void> {
    const { clusterSize, mftRecordSize, mftLcn } = this.boot;
    const at = mftLcn * BigInt(clusterSize);
    if (at + BigInt(mftRecordSize) > BigInt(this.device.size)) throw new DamagedError(`$MFT at cluster ${mftLcn} lies outside the volume`);
    const buf = await this.device.read(Number(at), mftRecordSize);
    applyFixups(buf, 'FILE', 'MFT record 0 ($MFT)');
    const record = parseMftRecord(buf, 'MFT record 0 ($MFT)');
    const data = record.attributes.filter((a) => a.type === ATTR.DATA && a.name === '' && a.nonResident);
    if (data.length === 0) throw new DamagedError('$MFT has no non-resident $DATA attribute');
    this.mft = streamOf(data, '$MFT');
    // A fragmented $MFT may keep further runs in extension records, reachable through the first ones.
    if (record.attributes.some((a) => a.type === ATTR.ATTRIBUTE_LIST)) {
      this.mft = streamOf(await this.attributes(record, MFT_RECORD_MFT, ATTR.DATA, ''), '$MFT');
    }
    this.records.set(MFT_RECORD_MFT, record);
  }

  private async loadUpcase(): Promise<void> {
    const record = await this.record(MFT_RECORD_UPCASE);
    const stream = streamOf(await this.attributes(record, MFT_RECORD_UPCASE, ATTR.DATA, ''), '$UpCase');
    if (stream.dataSize !== 131072) throw new DamagedError(`$UpCase is ${stream.dataSize} bytes, not 131072`);
    const buf = await this.readStream(stream, 0, 131072, '$UpCase');
    this.upcase = new Uint16Array(65536);
    for (let i = 0; i < 65536; i++) this.upcase[i] = buf.readUInt16LE(i * 2);
  }

  /** MFT record `n`, fixed up and parsed. */
  async record(n: number): Promise<MftRecord> {
    const cached = this.records.get(n);
    if (cached) return cached;
    const size = this.boot.mftRecordSize;
    const offset = n * size;
    if (!Number.isSafeInteger(offset) || offset + size > this.mft.dataSize)
      throw new DamagedError(`MFT record ${n} lies beyond the end of $MFT`);
    const buf = await this.readStream(this.mft, offset, size, `MFT record ${n}`);
    applyFixups(buf, 'FILE', `MFT record ${n}`);
    const record = parseMftRecord(buf, `MFT record ${n}`);
    this.records.set(n, record);
    return record;
  }

  /** All extents of one attribute (type and name) of a file, following $ATTRIBUTE_LIST. */
  async attributes(record: MftRecord, recordNumber: number, type: number, name: string): Promise<Attribute[]> {
    const direct = record.attributes.filter((a) => a.type === type && a.name === name);
    const list = record.attributes.find((a) => a.type === ATTR.ATTRIBUTE_LIST);
    if (!list) return direct;
    let value: Buffer;
    if (list.value) value = list.value;
    else {
      if (list.dataSize > MAX_ATTRIBUTE_LIST)
        throw new DamagedError(`MFT record ${recordNumber}: attribute list of ${list.dataSize} bytes`);
      value = await this.readStream(streamOf([list], 'attribute list'), 0, list.dataSize, `attribute list of record ${recordNumber}`);
    }
    const f = new Fields(value, `attribute list of record ${recordNumber}`);
    const found: Attribute[] = [];
    const extensions = new Set<number>();
    for (let at = 0, i = 0; at + 26 <= value.length && i < 65536; i++) {
      const len = f.u16le(at + 4);
      if (len < 26 || at + len > value.length)
        throw new DamagedError(`attribute list of record ${recordNumber}: entry ${i} has length ${len}`);
      const entryType = f.u32le(at);
      const nameLength = f.u8(at + 6);
      const entryName = nameLength ? f.utf16le(at + f.u8(at + 7), nameLength) : '';
      if (entryType === type && entryName === name) {
        const holder = Number(f.u64le(at + 16) & 0xffffffffffffn);
        const id = f.u16le(at + 24);
        if (holder === recordNumber) {
          const a = direct.find((x) => x.id === id);
          if (a) found.push(a);
        } else {
          extensions.add(holder);
          if (extensions.size > MAX_EXTENSION_RECORDS)
            throw new DamagedError(`record ${recordNumber}: more than ${MAX_EXTENSION_RECORDS} extension records`);
          const ext = await this.record(holder);
          if (!ext.inUse || ext.baseRecord !== recordNumber)
            throw new DamagedError(`record ${recordNumber}: extension record ${holder} does not belong to it`);
          const a = ext.attributes.find((x) => x.type === type && x.name === name && x.id === id);
          if (!a)
            throw new DamagedError(`record ${recordNumber}: attribute 0x${type.toString(16)} is missing from extension record ${holder}`);
          found.push(a);
        }
      }
      at += len;
    }
    return found.length > 0 ? found : direct;
  }

  async readStream(stream: Stream, offset: number, length: number, what: string): Promise<Buffer> {
    if (stream.resident) {
      if (offset + length > stream.resident.length)
        throw new DamagedError(`${what}: ${length} bytes at ${offset} lie past the resident value`);
      return Buffer.from(stream.resident.subarray(offset, offset + length));
    }
    const cs = this.boot.clusterSize;
    const out = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const pos = offset + done;
      const vcn = Math.floor(pos / cs);
      const run = stream.runs.find((r) => vcn >= r.vcn && vcn < r.vcn + r.length);
      if (!run) throw new DamagedError(`${what}: no data run maps cluster ${vcn}`);
      const n = Math.min(length - done, (run.vcn + run.length) * cs - pos);
      if (run.lcn !== null) {
        const at = run.lcn * cs + (pos - run.vcn * cs);
        if (at + n > this.device.size) throw new DamagedError(`${what}: cluster ${run.lcn + (vcn - run.vcn)} lies outside the volume`);
        (await this.device.read(at, n)).copy(out, done);
      }
      done += n;
    }
    return out;
  }

  /** Case-insensitive comparison with the volume's $UpCase, as NTFS orders directory indexes. */
  compare(a: string, b: string): number {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = this.upcase[a.charCodeAt(i)] ?? 0;
      const y = this.upcase[b.charCodeAt(i)] ?? 0;
      if (x !== y) return x - y;
    }
    return a.length - b.length;
  }

  /** The index entry for `name` in directory record `dir`, or null when there is none. */
  async lookup(dir: number, name: string): Promise<IndexEntry | null> {
    const record = await this.record(dir);
    if (!record.inUse || !record.directory) throw new DamagedError(`MFT record ${dir} is not a directory in use`);
    const [root] = await this.attributes(record, dir, ATTR.INDEX_ROOT, '$I30');
    if (!root?.value) throw new DamagedError(`directory record ${dir} has no resident $INDEX_ROOT`);
    const r = new Fields(root.value, `$INDEX_ROOT of record ${dir}`);
    if (r.u32le(0) !== ATTR.FILE_NAME || r.u32le(4) !== COLLATION_FILE_NAME)
      throw new DamagedError(`directory record ${dir}: $I30 is not a file name index`);
    const blockSize = r.u32le(8);
    if (blockSize !== this.boot.indexBlockSize)
      throw new DamagedError(
        `directory record ${dir}: index block size ${blockSize} differs from the boot sector's ${this.boot.indexBlockSize}`,
      );
    const vcnUnit = blockSize >= this.boot.clusterSize ? this.boot.clusterSize : 512;
    let entries = parseIndexEntries(root.value, 16, `$INDEX_ROOT of record ${dir}`);
    let allocation: Stream | null = null;
    const visited = new Set<number>();
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      let next: number | null = null;
      for (const e of entries) {
        if (e.last || e.name === null) {
          next = e.child;
          break;
        }
        const c = this.compare(name, e.name);
        if (c === 0) return e;
        if (c < 0) {
          next = e.child;
          break;
        }
      }
      if (next === null) return null;
      if (visited.has(next)) throw new DamagedError(`directory record ${dir}: index block at VCN ${next} is reached twice (a loop)`);
      visited.add(next);
      if (!allocation) {
        const extents = await this.attributes(record, dir, ATTR.INDEX_ALLOCATION, '$I30');
        if (extents.length === 0)
          throw new DamagedError(`directory record ${dir}: an index entry has a child but there is no $INDEX_ALLOCATION`);
        allocation = streamOf(extents, `$INDEX_ALLOCATION of record ${dir}`);
      }
      const block = await this.readStream(allocation, next * vcnUnit, blockSize, `index block ${next} of record ${dir}`);
      applyFixups(block, 'INDX', `index block ${next} of record ${dir}`);
      const own = block.readBigUInt64LE(16);
      if (own !== BigInt(next)) throw new DamagedError(`directory record ${dir}: index block at VCN ${next} says it is VCN ${own}`);
      entries = parseIndexEntries(block, 24, `index block ${next} of record ${dir}`);
    }
    throw new DamagedError(`directory record ${dir}: index deeper than ${MAX_DEPTH} levels`);
  }

  /** Whether a path (components separated by "\") exists under the root, case-insensitively. */
  async exists(path: string): Promise<boolean> {
    const parts = path.split('\\').filter((p) => p !== '');
    let dir = MFT_RECORD_ROOT;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const entry = await this.lookup(dir, part);
      if (!entry) return false;
      const record = await this.record(entry.record);
      if (!record.inUse || (entry.sequence !== 0 && record.sequence !== entry.sequence)) {
        throw new DamagedError(`the index entry for "${part}" points to MFT record ${entry.record}, which is not that file any more`);
      }
      if (i < parts.length - 1) {
        if (!record.directory) return false;
        dir = entry.record;
      }
    }
    return true;
  }

  /** The volume label and whether the dirty bit is set ($Volume). */
  async volumeInformation(): Promise<{ label: string; dirty: boolean }> {
    const record = await this.record(MFT_RECORD_VOLUME);
    const nameAttr = record.attributes.find((a) => a.type === ATTR.VOLUME_NAME);
    const info = record.attributes.find((a) => a.type === ATTR.VOLUME_INFORMATION);
    if (!info?.value) throw new DamagedError('$Volume has no $VOLUME_INFORMATION');
    const flags = new Fields(info.value, '$VOLUME_INFORMATION').u16le(10);
    return { label: nameAttr?.value ? nameAttr.value.toString('utf16le') : '', dirty: (flags & 1) !== 0 };
  }
}

function streamOf(extents: Attribute[], what: string): Stream {
  const first = extents[0];
  if (!first) throw new DamagedError(`${what}: attribute not found`);
  if (!first.nonResident) return { resident: first.value ?? Buffer.alloc(0), runs: [], dataSize: first.value?.length ?? 0 };
  const sorted = [...extents].sort((a, b) => a.startVcn - b.startVcn);
  const head = sorted[0];
  if (!head || head.startVcn !== 0) throw new DamagedError(`${what}: no extent starts at VCN 0`);
  return { resident: null, runs: sorted.flatMap((a) => a.runs), dataSize: head.dataSize };
}
