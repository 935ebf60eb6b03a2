// The image file, opened read-only. Every read names its offset and a bounded length (FileHandle.read
// with an explicit position), and is counted, so the benchmark can show how little of a large image
// an inspection touches. Nothing here ever writes, truncates or locks the file.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { DamagedError, InspectError } from './errors.js';
import { MiB } from './bytes.js';

/** The largest single read: a qcow2 L2 table or compressed cluster of a 2 MiB-cluster image, with room. */
export const MAX_READ = 8 * MiB;

export interface ReadStats {
  bytesRead: number;
  reads: number;
}

export function newReadStats(): ReadStats {
  return { bytesRead: 0, reads: 0 };
}

export class ImageFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly size: number,
    /** Bytes the host file system has allocated for the file (sparse files use less), when it says. */
    readonly hostAllocated: number | null,
    private readonly stats: ReadStats,
  ) {}

  /** Opens `path` for reading only. Throws InspectError when it cannot be inspected at all. */
  static async open(path: string, stats: ReadStats, allowEmpty = false): Promise<ImageFile> {
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      throw fileError(err, path);
    }
    if (!info.isFile()) throw new InspectError(info.isDirectory() ? 'folder' : 'not-a-file', { path });
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (err) {
      throw fileError(err, path);
    }
    const opened = await handle.stat();
    if (opened.size === 0 && !allowEmpty) {
      await handle.close();
      throw new InspectError('empty', { path });
    }
    const blocks = typeof opened.blocks === 'number' && Number.isFinite(opened.blocks) ? opened.blocks * 512 : null;
    return new ImageFile(path, handle, opened.size, blocks, stats);
  }

  /** Exactly `length` bytes at `offset`; a DamagedError when they are not all in the file. */
  async read(offset: number, length: number): Promise<Buffer> {
    const buf = await this.readUpTo(offset, length);
    if (buf.length !== length) {
      throw new DamagedError(`${this.path}: ${length} bytes at offset ${offset} run past the end of the file (${this.size} bytes)`);
    }
    return buf;
  }

  /** Up to `length` bytes at `offset`, fewer at the end of the file. */
  async readUpTo(offset: number, length: number): Promise<Buffer> {
    if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0) {
      throw new DamagedError(`${this.path}: read at offset ${offset} of ${length} bytes is not a valid position`);
    }
    if (length > MAX_READ)
      throw new DamagedError(`${this.path}: a read of ${length} bytes at offset ${offset} is larger than any structure of these formats`);
    if (offset >= this.size || length === 0) return Buffer.alloc(0);
    const want = Math.min(length, this.size - offset);
    const buf = Buffer.alloc(want);
    let done = 0;
    // A regular file returns short reads only at its end; loop a bounded number of times anyway.
    for (let i = 0; i < 64 && done < want; i++) {
      const { bytesRead } = await this.handle.read(buf, done, want - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    this.stats.bytesRead += done;
    this.stats.reads += 1;
    return done === want ? buf : buf.subarray(0, done);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

function fileError(err: unknown, path: string): InspectError {
  const code = err instanceof Error && 'code' in err ? String(err.code) : '';
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InspectError('not-found', { path });
  if (code === 'EISDIR') return new InspectError('folder', { path });
  return new InspectError('unreadable', { path, reason: code || (err instanceof Error ? err.message : String(err)) });
}
