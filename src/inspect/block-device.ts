// The guest's view of a disk image: bytes at guest offsets, whatever the container. Raw files and fixed
// VHDs map straight onto the file; qcow2, dynamic VHD and sparse VMDK map cluster by cluster through
// their tables (ClusterDevice), and unallocated clusters read as zeros. Partitions are slices of a
// device. Reads are bounded: nothing here ever reads a whole disk.
import { DamagedError } from './errors.js';
import type { ImageFile } from './image-file.js';
import { MAX_READ } from './image-file.js';

export interface BlockDevice {
  /** Guest size in bytes. */
  readonly size: number;
  /** `length` guest bytes at `offset`; zeros where nothing is allocated. */
  read(offset: number, length: number): Promise<Buffer>;
}

function checkRange(device: BlockDevice, offset: number, length: number, what: string): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0 || offset + length > device.size) {
    throw new DamagedError(`${what}: ${length} bytes at guest offset ${offset} lie outside the ${device.size}-byte disk`);
  }
  if (length > MAX_READ) throw new DamagedError(`${what}: a read of ${length} bytes is larger than any structure looked at`);
}

/** Guest bytes stored contiguously in a file from `start` (raw, fixed VHD, VMDK flat extent). */
export class FileDevice implements BlockDevice {
  constructor(
    private readonly file: ImageFile,
    private readonly start: number,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Buffer> {
    checkRange(this, offset, length, this.file.path);
    return this.file.read(this.start + offset, length);
  }
}

export class ZeroDevice implements BlockDevice {
  constructor(readonly size: number) {}

  read(offset: number, length: number): Promise<Buffer> {
    // A bad range is a rejected promise, as from every other device.
    return new Promise((resolve) => {
      checkRange(this, offset, length, 'zero extent');
      resolve(Buffer.alloc(length));
    });
  }
}

/** A window onto another device: a partition. */
export class SliceDevice implements BlockDevice {
  constructor(
    private readonly device: BlockDevice,
    private readonly start: number,
    readonly size: number,
    private readonly what: string,
  ) {}

  async read(offset: number, length: number): Promise<Buffer> {
    checkRange(this, offset, length, this.what);
    return this.device.read(this.start + offset, length);
  }
}

/** Devices one after another: the extents of a VMDK descriptor. */
export class ConcatDevice implements BlockDevice {
  readonly size: number;
  private readonly starts: number[];

  constructor(private readonly parts: BlockDevice[]) {
    this.starts = [];
    let at = 0;
    for (const p of parts) {
      this.starts.push(at);
      at += p.size;
    }
    this.size = at;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    checkRange(this, offset, length, 'extents');
    const out = Buffer.alloc(length);
    let done = 0;
    for (let i = 0; i < this.parts.length && done < length; i++) {
      const part = this.parts[i];
      const start = this.starts[i];
      if (part === undefined || start === undefined) break;
      const pos = offset + done;
      if (pos >= start + part.size) continue;
      const n = Math.min(length - done, start + part.size - pos);
      (await part.read(pos - start, n)).copy(out, done);
      done += n;
    }
    return out;
  }
}

/** Where one guest cluster lives. */
export type ClusterLocation =
  | { kind: 'zero' }
  | { kind: 'file'; offset: number }
  /** Already decoded bytes (a decompressed cluster), `clusterSize` long. */
  | { kind: 'bytes'; data: Buffer };

/** A device whose guest space is cut into equal clusters mapped by a table (qcow2, dynamic VHD, sparse VMDK). */
export class ClusterDevice implements BlockDevice {
  constructor(
    private readonly file: ImageFile,
    readonly size: number,
    private readonly clusterSize: number,
    private readonly locate: (clusterIndex: number) => Promise<ClusterLocation>,
    private readonly what: string,
  ) {}

  async read(offset: number, length: number): Promise<Buffer> {
    checkRange(this, offset, length, this.what);
    const out = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const pos = offset + done;
      const index = Math.floor(pos / this.clusterSize);
      const within = pos - index * this.clusterSize;
      const n = Math.min(length - done, this.clusterSize - within);
      const where = await this.locate(index);
      if (where.kind === 'file') {
        (await this.file.read(where.offset + within, n)).copy(out, done);
      } else if (where.kind === 'bytes') {
        if (where.data.length < within + n)
          throw new DamagedError(`${this.what}: cluster ${index} decodes to ${where.data.length} bytes, fewer than a cluster`);
        where.data.copy(out, done, within, within + n);
      }
      done += n;
    }
    return out;
  }
}

/** A small most-recently-used cache for table pages and decoded clusters. */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }
}
