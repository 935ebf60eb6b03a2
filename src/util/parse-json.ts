import { InputError } from '../errors.js';

/** JSON.parse with a one-line error that names the file and the line and column. */
export function parseJson(text: string, what: string): unknown {
  if (text.trim() === '') throw new InputError(`${what}: the file is empty`);
  try {
    return JSON.parse(text);
  } catch (err) {
    const detail = (err as Error).message.split('\n')[0] ?? 'invalid JSON';
    const pos = /position (\d+)/.exec(detail);
    let where = '';
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    } else if (/Unexpected end/i.test(detail)) {
      where = ' (it ends too early: truncated?)';
    }
    throw new InputError(`${what}: not valid JSON${where}: ${detail.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected token/, 'unexpected token')}`);
  }
}
