// Case-insensitive wildcard matching for allow-lists (`*` any run of characters, `?` one character),
// without a RegExp: a pattern such as `*a*a*a*…*b` made the old RegExp backtrack for minutes. The
// pattern is split at its stars and each literal piece is found left-most in turn, which is correct for
// star-only wildcards and never revisits a piece: O(text × pattern) at worst, no backtracking.

/** Index of the first match of `piece` (which may hold `?`) in `text` at or after `from`, or -1. */
function indexOfPiece(text: string, piece: string, from: number): number {
  outer: for (let i = from; i + piece.length <= text.length; i++) {
    for (let j = 0; j < piece.length; j++) {
      const p = piece.charAt(j);
      if (p !== '?' && p !== text.charAt(i + j)) continue outer;
    }
    return i;
  }
  return -1;
}

const matchesAt = (text: string, piece: string, at: number) =>
  at >= 0 && at + piece.length <= text.length && indexOfPiece(text.slice(at, at + piece.length), piece, 0) === 0;

export function globMatch(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  const pieces = p.split('*');
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return first.length === t.length && matchesAt(t, first, 0);
  const last = pieces[pieces.length - 1] ?? '';
  if (first.length + last.length > t.length) return false;
  if (!matchesAt(t, first, 0) || !matchesAt(t, last, t.length - last.length)) return false;
  let at = first.length;
  const end = t.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === '') continue;
    const found = indexOfPiece(t.slice(0, end), piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}
