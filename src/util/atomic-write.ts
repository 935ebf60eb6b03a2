// Write to a temporary file beside the target, flush it, then rename over the target: a reader sees
// the old file or the new one, never half of one, even if we are killed mid-write.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { errnoReason } from './errno.js';
import { errnoCode } from './guards.js';

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w');
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new InputError('error.cannotWrite', { file, why: errnoCode(err) === 'ENOENT' ? { id: 'why.folderMissing' } : errnoReason(err) });
  }
}
