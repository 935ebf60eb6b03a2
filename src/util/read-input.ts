import type { ParamValue } from '../messages/types.js';
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { errnoReason } from './errno.js';

/** Reads a file the user named, turning the usual failures into one line. */
export function readInputFile(file: string, what: ParamValue): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new InputError('error.cannotRead', { what, file, why: errnoReason(err) });
  }
}
