// Temporary files the tool hands to other programs (the fallback batch, a long PowerShell script, the
// task XML) live in a folder made for this run: mkdtemp picks an unpredictable name and fails rather
// than reuse an existing folder (on POSIX it is also private, mode 0700), and each file is created
// exclusively inside it. A file another user planted in the shared temp folder is never written into
// or run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PrivateDir {
  path: string;
  /** Creates a new file in the folder (never an existing one) and returns its path. */
  write(name: string, data: string | Uint8Array, encoding?: BufferEncoding): string;
  remove(): void;
}

export function makePrivateDir(base: string): PrivateDir {
  const path = mkdtempSync(join(base, 'image-preflight-'));
  return {
    path,
    write(name, data, encoding) {
      const file = join(path, name);
      writeFileSync(file, data, { flag: 'wx', encoding: encoding ?? 'utf8' });
      return file;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}
