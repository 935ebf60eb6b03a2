// Secrets are never stored or printed whole: the snapshot, reports and logs carry a masked form that
// identifies a key to its owner (the prefix says which kind, the last characters tell two keys apart)
// without giving it away. At most the first 4 and the last 2 characters, fewer for short values.

/** The character that stands for what was left out. */
export const ELLIPSIS = '\u2026';

/**
 * A secret as evidence: `AKIDz8…9f` style. 16 characters or more keep 4 + 2, 8 to 15 keep 1 + 1,
 * shorter ones keep nothing. A value already masked (holding the ellipsis or a run of `*`) is kept as
 * it is, so masking twice changes nothing.
 */
export function maskSecret(value: string): string {
  const s = value.trim();
  if (s.includes(ELLIPSIS) || /\*{3,}/.test(s)) return s.length <= 12 ? s : `${s.slice(0, 4)}${ELLIPSIS}`;
  // Code points, so a character outside the BMP is never cut in half.
  const chars = Array.from(s);
  if (chars.length >= 16) return `${chars.slice(0, 4).join('')}${ELLIPSIS}${chars.slice(-2).join('')}`;
  if (chars.length >= 8) return `${chars[0] ?? ''}${ELLIPSIS}${chars[chars.length - 1] ?? ''}`;
  return ELLIPSIS;
}
