// Reports and the fleet's state file are written whole or not at all: a temporary file beside the
// target with an unpredictable name, created with the exclusive flag ('wx', so an existing file or a
// planted link is never followed or overwritten), flushed, then renamed over the target.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CloudError } from './errors.js';

export function writeFileAtomicExclusive(file: string, data: string | Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.${randomBytes(12).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new CloudError('io', `cannot write ${file}: ${code}`);
  }
}
