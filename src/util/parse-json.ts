import { InputError } from '../errors.js';
import { errorMessage } from './guards.js';
import type { MessageRef, ParamValue } from '../messages/types.js';

/** JSON.parse with a one-line error that names the file and the line and column. */
export function parseJson(text: string, what: ParamValue): unknown {
  if (text.trim() === '') throw new InputError('error.emptyFile', { what });
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = errorMessage(err) || 'invalid JSON';
    const pos = /position (\d+)/.exec(detail);
    let where: MessageRef | string = '';
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      where = { id: 'error.notJsonAt', params: { line, column } };
    } else if (/Unexpected end/i.test(detail)) {
      where = { id: 'error.notJsonTruncated' };
    }
    const cleaned = detail.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected token/, 'unexpected token');
    throw new InputError('error.notJson', { what, where, detail: cleaned });
  }
}
