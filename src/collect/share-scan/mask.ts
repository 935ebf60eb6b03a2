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

/**
 * What a secret-bearing value looks like, first match wins: the shapes a registry value masked by the
 * collector is recorded with. Each pattern means the same in JavaScript and in .NET (the PowerShell pass
 * gets this table in its input and applies it with -cmatch), so both paths classify alike.
 */
export const SECRET_SHAPES: ReadonlyArray<{ shape: string; pattern: string }> = [
  {
    shape: 'placeholder',
    pattern: [
      '[*<>{}\\u2026]',
      '\\.\\.\\.',
      'x{4}|X{4}|EXAMPLE|example|YOUR_|your_|REPLACE|PLACEHOLDER|CHANGEME',
      '^\\$|^%.*%$',
      '^(.)\\1*$',
      '^AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA$|^Gu5t9xGARNpq86cd98joQYCN3Cozk1qA$',
    ].join('|'),
  },
  { shape: 'tencent-secret-id', pattern: '^(AKID|IKID)[A-Za-z0-9]{32}$' },
  { shape: 'tencent-temporary-id', pattern: '^AKID[A-Za-z0-9_-]{36,}$' },
  { shape: 'aws-access-key', pattern: '^(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$' },
  /** A key or token: long, without spaces. */
  { shape: 'secret', pattern: '^[A-Za-z0-9+/=_.:-]{16,}$' },
];

const SHAPES = SECRET_SHAPES.map(({ shape, pattern }) => ({ shape, re: new RegExp(pattern) }));

/** The shape of a value that may be a secret: one of SECRET_SHAPES, `empty`, or `other` (words, a path…). */
export function secretShape(value: string): string {
  if (value === '') return 'empty';
  return SHAPES.find(({ re }) => re.test(value))?.shape ?? 'other';
}
