// Write to a temporary file beside the target, flush it, then rename over the target: a reader sees
// the old file or the new one, never half of one, even if we are killed mid-write. The temporary name
// is unpredictable and created exclusively (O_EXCL), so a file or link planted in a folder others can
// write is never written through; the target must be a regular file or a new path (never a device, a
// FIFO, a folder or a link); an existing file keeps its mode.
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, win32 } from 'node:path';
import { InputError } from '../errors.js';
import { errnoReason } from './errno.js';
import { errnoCode } from './guards.js';

/** Windows device names, which name a device in every folder and with any extension (NUL, CON.txt). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/** Why `file` is not a place to write a report to, or undefined when it is. */
export function unwritableTarget(file: string): 'stdout' | 'device' | 'not-regular' | undefined {
  if (file === '-') return 'stdout';
  const name = win32.basename(file).replace(/[. ]+$/, '');
  if (WINDOWS_DEVICE.test(name) || /^\\\\[.?]\\/.test(file)) return 'device';
  try {
    return lstatSync(file).isFile() ? undefined : 'not-regular';
  } catch {
    // A new path is fine; anything else (a denied folder) surfaces when writing.
    return undefined;
  }
}

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const refused = unwritableTarget(file);
  if (refused) throw new InputError('error.notRegularTarget', { file, why: { id: `why.target.${refused}` } });
  let mode: number | undefined;
  try {
    mode = lstatSync(file).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  // node:crypto is loaded here, not at start-up, where most runs never write a file (2 ms on Node 22).
  const random = process.getBuiltinModule('node:crypto').randomBytes(8).toString('hex');
  const tmp = join(dirname(file), `.${basename(file)}.${random}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(tmp, 'wx', mode ?? 0o666);
    created = true;
    if (mode !== undefined) fchmodSync(fd, mode);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    if (created) rmSync(tmp, { force: true });
    throw new InputError('error.cannotWrite', { file, why: errnoCode(err) === 'ENOENT' ? { id: 'why.folderMissing' } : errnoReason(err) });
  }
}
