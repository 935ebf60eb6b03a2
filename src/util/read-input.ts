import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Reads a file the user named, turning the usual failures into one line. */
export function readInputFile(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
    throw new InputError(`cannot read ${what} ${file}: ${why}`);
  }
}
