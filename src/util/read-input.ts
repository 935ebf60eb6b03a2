import type { ParamValue } from '../messages/types.js';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../errors.js';
import { errnoReason } from './errno.js';

/** Larger than any real snapshot (a 100,000-process machine is ~30 MB) or config; a file beyond it is refused, not read. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Reads a file the user named, turning the usual failures into one line. Only regular files are read,
 * and only up to `maxBytes`: /dev/zero, a FIFO or a 600 MB file get a clear refusal instead of filling
 * memory, blocking, or being reported as "not valid UTF-8".
 */
export function readInputFile(file: string, what: ParamValue, maxBytes = MAX_INPUT_BYTES): Buffer {
  let fd: number;
  try {
    // Opening a FIFO for reading would wait for a writer: O_NONBLOCK where the platform has it (the file
    // is then refused by fstat; for a regular file the flag changes nothing).
    fd = openSync(file, process.platform === 'win32' ? 'r' : constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError('error.cannotRead', { what, file, why: errnoReason(err) });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      throw new InputError('error.cannotRead', { what, file, why: { id: stat.isDirectory() ? 'why.isFolder' : 'why.notRegular' } });
    if (stat.size > maxBytes)
      throw new InputError('error.tooLarge', {
        what,
        file,
        size: Math.ceil(stat.size / 1024 / 1024),
        limit: Math.floor(maxBytes / 1024 / 1024),
      });
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, buffer, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return read === stat.size ? buffer : buffer.subarray(0, read);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError('error.cannotRead', { what, file, why: errnoReason(err) });
  } finally {
    closeSync(fd);
  }
}
