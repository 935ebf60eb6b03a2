// Padding by terminal columns, not UTF-16 units: a CJK character takes two columns, a combining
// mark none. Tables stay aligned whatever language their cells are in.
import stringWidth from 'string-width';

export const displayWidth = (s: string): number => stringWidth(s);

export function padEndDisplay(s: string, columns: number): string {
  return s + ' '.repeat(Math.max(0, columns - stringWidth(s)));
}

export function padStartDisplay(s: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - stringWidth(s))) + s;
}
