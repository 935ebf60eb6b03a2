// File-system reading for the share-readiness scan: folders listed without following links or
// junctions (Node reports both as symbolic links), names matched without regard to case (Windows'
// rule, also on a Linux copy of a disk), and files read as text only when they are text: a BOM says
// UTF-16, otherwise a NUL byte in the first 8 KiB says binary. No error stops the scan; each is counted.
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { Budget } from './budget.js';

export type Unreadable = { path: string; code: string };

/** What the scan could not read, and what it chose not to. */
export class Skips {
  tooLarge = 0;
  binary = 0;
  unreadable = 0;
  links = 0;
  readonly firstUnreadable: Unreadable[] = [];
  readonly firstTooLarge: string[] = [];
  private static readonly KEEP = 20;

  unreadableAt(path: string, err: unknown): void {
    const code = errorCode(err);
    // A file that vanished between listing and reading is no loss of coverage.
    if (code === 'ENOENT') return;
    this.unreadable += 1;
    if (this.firstUnreadable.length < Skips.KEEP) this.firstUnreadable.push({ path, code });
  }

  tooLargeAt(path: string): void {
    this.tooLarge += 1;
    if (this.firstTooLarge.length < Skips.KEEP) this.firstTooLarge.push(path);
  }
}

export function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return 'EIO';
}

/** Entries in a stable order (by name, ordinal), whatever order the file system keeps them in. */
const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A folder's entries, or undefined when it cannot be read (counted, unless it does not exist). */
export function listDir(dir: string, skips: Skips): Dirent[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort(byName);
  } catch (err) {
    skips.unreadableAt(dir, err);
    return undefined;
  }
}

/** The entry of `dir` named `name` in any case, unless it is a link. */
export function childOf(dir: string, name: string, skips: Skips, cache: Map<string, Dirent[] | undefined>): Dirent | undefined {
  let entries = cache.get(dir);
  if (!cache.has(dir)) {
    entries = listDirQuiet(dir, skips);
    cache.set(dir, entries);
  }
  const wanted = name.toLowerCase();
  const found = entries?.find((e) => e.name.toLowerCase() === wanted);
  if (found?.isSymbolicLink()) {
    skips.links += 1;
    return undefined;
  }
  return found;
}

/** Like listDir, but a folder that does not exist or is not a folder is simply absent. */
function listDirQuiet(dir: string, skips: Skips): Dirent[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort(byName);
  } catch (err) {
    const code = errorCode(err);
    if (code !== 'ENOENT' && code !== 'ENOTDIR') skips.unreadableAt(dir, err);
    return undefined;
  }
}

/** `*` in a name pattern matches any run of characters; the match ignores case. */
export function nameMatcher(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*')) {
    const wanted = pattern.toLowerCase();
    return (name) => name.toLowerCase() === wanted;
  }
  const parts = pattern.toLowerCase().split('*');
  return (name) => {
    const n = name.toLowerCase();
    const first = parts[0] ?? '';
    const last = parts[parts.length - 1] ?? '';
    if (!n.startsWith(first) || !n.endsWith(last) || n.length < first.length + last.length) return false;
    let at = first.length;
    for (const part of parts.slice(1, -1)) {
      const i = n.indexOf(part, at);
      if (i < 0 || i + part.length > n.length - last.length) return false;
      at = i + part.length;
    }
    return true;
  };
}

/**
 * Paths below `base` that match `segments` (each a name or a `*` pattern), never through a link. The
 * last segment may name files or folders, as `want` says.
 */
export function resolvePattern(
  base: string,
  segments: readonly string[],
  want: 'file' | 'dir',
  skips: Skips,
  cache: Map<string, Dirent[] | undefined>,
): string[] {
  let current = [base];
  segments.forEach((segment, i) => {
    const lastSegment = i === segments.length - 1;
    const matches = nameMatcher(segment);
    const next: string[] = [];
    for (const dir of current) {
      if (!segment.includes('*')) {
        const entry = childOf(dir, segment, skips, cache);
        if (entry && (lastSegment && want === 'file' ? entry.isFile() : entry.isDirectory())) next.push(join(dir, entry.name));
        continue;
      }
      if (!cache.has(dir)) cache.set(dir, listDirQuiet(dir, skips));
      for (const entry of cache.get(dir) ?? []) {
        if (!matches(entry.name)) continue;
        if (entry.isSymbolicLink()) {
          skips.links += 1;
          continue;
        }
        if (lastSegment && want === 'file' ? entry.isFile() : entry.isDirectory()) next.push(join(dir, entry.name));
      }
    }
    current = next;
  });
  return current;
}

export type ReadOutcome = { text: string; bytes: number } | { skipped: 'too-large' | 'binary' | 'unreadable' | 'budget' };

const SNIFF_BYTES = 8192;

/** Bytes as text: UTF-16 by its BOM, UTF-8 otherwise; undefined for binary (a NUL in the first 8 KiB). */
export function decodeText(buf: Buffer): string | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2, buf.length - (buf.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  if (buf.subarray(start, start + SNIFF_BYTES).includes(0)) return undefined;
  return buf.subarray(start).toString('utf8');
}

/** A file's size without reading it (for files only counted or noted), or undefined when it cannot be stat'ed. */
export function sizeOf(path: string, skips: Skips): number | undefined {
  try {
    const st = lstatSync(path);
    return st.isFile() ? st.size : undefined;
  } catch (err) {
    skips.unreadableAt(path, err);
    return undefined;
  }
}

/** Reads a regular file as text within the budget. A link is never followed (its target is not read). */
export function readText(path: string, budget: Budget, skips: Skips): ReadOutcome {
  let fd: number | undefined;
  try {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) {
      skips.links += 1;
      return { skipped: 'unreadable' };
    }
    if (!st.isFile()) return { skipped: 'unreadable' };
    if (st.size > budget.limits.maxFileBytes) {
      skips.tooLargeAt(path);
      return { skipped: 'too-large' };
    }
    if (!budget.fits(st.size)) return { skipped: 'budget' };
    fd = openSync(path, 'r');
    // The size may have changed since lstat: read at most what the limit allows.
    const size = Math.min(fstatSync(fd).size, budget.limits.maxFileBytes);
    const buf = Buffer.alloc(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    budget.filesRead += 1;
    budget.bytesRead += got;
    const text = decodeText(buf.subarray(0, got));
    if (text === undefined) {
      skips.binary += 1;
      return { skipped: 'binary' };
    }
    return { text, bytes: got };
  } catch (err) {
    skips.unreadableAt(path, err);
    return { skipped: 'unreadable' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
