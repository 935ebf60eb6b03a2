// What a secret looks like, as pure functions over a file's text: Tencent Cloud SecretIds and the keys
// beside them, other clouds' access keys, PEM and PuTTY private keys, tccli's credential JSON, answer
// files' passwords and password-like arguments in PowerShell history. Each hit carries its kind, its
// line and the secret masked, never the secret. Look-alikes are not hits: documentation examples,
// masked or placeholder values, an "AKID" inside a sentence. Sources for every shape: docs/checks.md
// (share-* checks). Every pattern is bounded and runs in linear time: the text comes from the machine.
import { maskSecret } from './mask.js';

export type SecretKind =
  /** A permanent Tencent Cloud SecretId (AKID/IKID + 32 letters and digits). */
  | 'tencent-secret-id'
  /** A temporary (STS, CAM role) SecretId: longer, and it expires. */
  | 'tencent-temporary-id'
  /** A SecretKey beside a SecretId, or under a key name in a Tencent tool's file. */
  | 'tencent-secret-key'
  /** A long-lived token: tccli's OAuth refresh token. */
  | 'tencent-token'
  /** coscli's secretid/secretkey: "encrypted" with a key built into coscli, so anyone can read them. */
  | 'tencent-obfuscated'
  | 'aws-access-key'
  | 'alibaba-access-key'
  /** Azure CLI tokens or service principal secrets in plain text. */
  | 'azure-token'
  /** Azure CLI's DPAPI-encrypted token cache (.bin). */
  | 'azure-token-encrypted'
  | 'private-key'
  /** Protected by a passphrase. */
  | 'private-key-encrypted'
  /** A PKCS#12 file (.pfx/.p12): a certificate with its private key, usually password-protected. */
  | 'key-container'
  | 'answer-file-password'
  /** `<PlainText>false</PlainText>`: Base64, which hides but does not encrypt. */
  | 'answer-file-encoded-password'
  | 'history-password'
  /** Saved Windows credentials (Credential Manager, saved RDP passwords): counted, never read. */
  | 'credential-manager'
  /** A browser's saved-password store: presence only. */
  | 'browser-passwords';

export interface SecretHit {
  kind: SecretKind;
  /** 1-based line of the hit in its file, when it has one. */
  line: number | null;
  /** The secret masked (first 4 and last 2 characters at most), or null when nothing is shown. */
  masked: string | null;
  /** What the hit is, in a few words: a field name, a pattern, a profile. Never secret. */
  detail?: string;
}

/** How a file is read: every file gets the generic patterns, some also their format's parser. */
export type FileFormat = 'text' | 'tccli' | 'coscli' | 'unattend' | 'sysprep-inf' | 'history' | 'aliyun' | 'azure';

// ---- Look-alikes --------------------------------------------------------------------------------

/**
 * Example keys printed in Tencent Cloud's and AWS's documentation, which people paste into notes and
 * scripts; not credentials. Values ending in EXAMPLE, holding `*` or a run of x are caught by the rules.
 */
export const DOCUMENTATION_EXAMPLES: ReadonlySet<string> = new Set([
  'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
  'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA',
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
]);

/**
 * A value that stands for a secret instead of being one: a documentation example, a masked value,
 * a run of x or of one character, EXAMPLE/YOUR_/REPLACE/PLACEHOLDER, angle or curly brackets, a
 * variable reference ($x, %X%, ${X}), or too few kinds of character to be random.
 */
export function isPlaceholder(value: string, { minClasses = 2 }: { minClasses?: number } = {}): boolean {
  const v = value.trim();
  if (v === '' || DOCUMENTATION_EXAMPLES.has(v)) return true;
  if (/[*\u2026<>{}]|\.\.\.|^\$|^%.*%$|\$\{|\$\(/.test(v)) return true;
  if (/x{4,}|X{4,}|EXAMPLE|example|YOUR_|your_|REPLACE|replace_?me|PLACEHOLDER|placeholder|CHANGEME|changeme/.test(v)) return true;
  if (/(.)\1{5,}/.test(v)) return true;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(v)).length;
  return classes < minClasses;
}

/**
 * A password field that holds no password: `<password>`, `****`, `xxx`, YOUR_PASSWORD, a variable
 * ($pw, %PW%, {{pw}}), Windows Setup's *SENSITIVE*DATA*DELETED*. Real passwords may hold any character,
 * so this is narrower than isPlaceholder.
 */
export function isPasswordPlaceholder(value: string): boolean {
  const v = value.trim();
  return (
    v === '' ||
    /^<[^<>]*>$|^\*+$|^x+$|^\.{3,}$|^\$|^%[^%]+%$|\{\{|\$\{|\$\(|\u2026/i.test(v) ||
    /^\*SENSITIVE\*DATA\*DELETED\*$/i.test(v) ||
    /^(?:your|my|the|new|admin|user)?[_-]?(?:pass(?:word)?|pwd|secret)(?:[_-]?here)?$|^(?:changeme|replace_?me|placeholder)$/i.test(v)
  );
}

// ---- Helpers ------------------------------------------------------------------------------------

/** Line numbers of offsets in a text, computed once per file. */
export class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** The 1-based line holding offset `at`. */
  lineOf(at: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

const hit = (kind: SecretKind, line: number | null, secret: string | null, detail?: string): SecretHit => ({
  kind,
  line,
  masked: secret === null ? null : maskSecret(secret),
  ...(detail ? { detail } : {}),
});

// ---- Cloud access keys --------------------------------------------------------------------------

/** Tencent SecretIds: AKID (or IKID, sub-accounts) then 32 or more key characters, not inside a longer word. */
const TENCENT_ID = /(?<![A-Za-z0-9_-])(?:AKID|IKID)[A-Za-z0-9_-]{32,160}(?![A-Za-z0-9_-])/g;
/** AWS access key ids (gitleaks' aws-access-token rule). */
const AWS_ID = /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/g;
/** Alibaba Cloud AccessKey ids (gitleaks and trufflehog: LTAI + 17-21 letters and digits). */
const ALIBABA_ID = /(?<![A-Za-z0-9])LTAI[A-Za-z0-9]{12,24}(?![A-Za-z0-9])/g;
/** A secret under a key name: secret_key, SecretKey, TENCENTCLOUD_SECRET_KEY, aws_secret_access_key, access_key_secret. */
const SECRET_BY_NAME =
  /(?<![A-Za-z0-9])(?:[A-Za-z]{1,24}_){0,3}(?:secret[_-]?(?:access[_-]?)?key|access[_-]?key[_-]?secret)["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9+/=_-]{16,128})/gi;

/** Masked examples such as `AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******` continue with `*` or an ellipsis. */
const continuesMasked = (text: string, end: number) => /^[*\u2026]|^\.\.\./.test(text.slice(end, end + 3));

function cloudKeys(text: string, lines: Lines): SecretHit[] {
  const hits: SecretHit[] = [];
  const ids = { tencent: false, aws: false, alibaba: false };
  for (const m of text.matchAll(TENCENT_ID)) {
    const id = m[0];
    const end = m.index + id.length;
    if (continuesMasked(text, end) || DOCUMENTATION_EXAMPLES.has(id) || isPlaceholder(id.slice(4))) continue;
    const permanent = id.length === 36 && /^[A-Za-z0-9]+$/.test(id);
    if (!permanent && id.length < 40) continue;
    ids.tencent = true;
    hits.push(hit(permanent ? 'tencent-secret-id' : 'tencent-temporary-id', lines.lineOf(m.index), id));
  }
  for (const m of text.matchAll(AWS_ID)) {
    if (isPlaceholder(m[0], { minClasses: 1 }) || continuesMasked(text, m.index + m[0].length)) continue;
    ids.aws = true;
    hits.push(hit('aws-access-key', lines.lineOf(m.index), m[0]));
  }
  for (const m of text.matchAll(ALIBABA_ID)) {
    if (isPlaceholder(m[0].slice(4)) || continuesMasked(text, m.index + m[0].length)) continue;
    ids.alibaba = true;
    hits.push(hit('alibaba-access-key', lines.lineOf(m.index), m[0]));
  }
  // A key under its name counts only beside an id of its cloud: a lone "secret_key" is too often another app's setting.
  if (ids.tencent) {
    for (const m of text.matchAll(SECRET_BY_NAME)) {
      const value = m[1] ?? '';
      if (/aws|alibaba|aliyun|access_key_secret/i.test(m[0]) || isPlaceholder(value)) continue;
      hits.push(hit('tencent-secret-key', lines.lineOf(m.index), value, 'SecretKey'));
    }
  }
  return hits;
}

// ---- Private keys -------------------------------------------------------------------------------

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40}?)PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_MAX = 64 * 1024;

/** The cipher an OpenSSH private key is protected with ("none" when it is not), from its binary header. */
function opensshCipher(body: string): string | undefined {
  const bytes = Buffer.from(body.slice(0, 200), 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.subarray(0, magic.length).toString('latin1') !== magic) return undefined;
  const len = bytes.readUInt32BE(magic.length);
  return bytes.subarray(magic.length + 4, magic.length + 4 + Math.min(len, 64)).toString('latin1');
}

function privateKeys(text: string, lines: Lines): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const m of text.matchAll(PEM_BEGIN)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('-----END', start);
    if (end < 0 || end - start > PEM_MAX) continue;
    const block = text.slice(start, end);
    const headers = block.split(/\r?\n/).filter((l) => l.includes(':'));
    const body = block
      .split(/\r?\n/)
      .filter((l) => !l.includes(':'))
      .join('')
      .replace(/\s+/g, '');
    // Documentation shows "...", "<key>" or a handful of characters: a real key is base64 and long.
    if (body.length < 64 || !/^[A-Za-z0-9+/]+=*$/.test(body)) continue;
    const type = (m[1] ?? '').trim();
    let encrypted = /ENCRYPTED/.test(type) || headers.some((h) => /^Proc-Type:.*ENCRYPTED/i.test(h.trim()));
    if (type === 'OPENSSH') {
      const cipher = opensshCipher(body);
      if (cipher !== undefined && cipher !== 'none') encrypted = true;
    }
    const label = `${type ? `${type} ` : ''}PRIVATE KEY`;
    hits.push(hit(encrypted ? 'private-key-encrypted' : 'private-key', lines.lineOf(m.index), body, label));
  }
  const ppk = /^PuTTY-User-Key-File-(\d+): *(\S+)/m.exec(text);
  if (ppk) {
    const encryption = /^Encryption: *(\S+)/m.exec(text)?.[1] ?? 'none';
    const body = /^Private-Lines: *\d+\r?\n([A-Za-z0-9+/=\r\n]{16,})/m.exec(text)?.[1]?.replace(/\s+/g, '') ?? null;
    if (body !== null && body.length >= 16)
      hits.push(
        hit(encryption === 'none' ? 'private-key' : 'private-key-encrypted', lines.lineOf(ppk.index), body, `PuTTY ${ppk[2] ?? ''} key`),
      );
  }
  return hits;
}

// ---- tccli, coscli, Alibaba Cloud CLI, Azure CLI ------------------------------------------------

function lineOfKey(text: string, lines: Lines, key: string): number | null {
  const at = text.search(new RegExp(`["']?${key}["']?\\s*:`, 'i'));
  return at >= 0 ? lines.lineOf(at) : null;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const doc: unknown = JSON.parse(text.replace(/^\ufeff/, ''));
    return isObject(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** tccli's `<profile>.credential`: {"secretId", "secretKey", "token", "type", "oauth": {"refreshToken"}}. */
function tccli(text: string, lines: Lines): SecretHit[] | undefined {
  const doc = parseJsonObject(text);
  if (!doc) return undefined;
  const hits: SecretHit[] = [];
  const id = str(doc.secretId);
  const key = str(doc.secretKey);
  const temporary = str(doc.token) !== undefined;
  if (id && !DOCUMENTATION_EXAMPLES.has(id) && !isPlaceholder(id.slice(4)))
    hits.push(hit(temporary ? 'tencent-temporary-id' : 'tencent-secret-id', lineOfKey(text, lines, 'secretId'), id, 'secretId'));
  if (key && !isPlaceholder(key)) hits.push(hit('tencent-secret-key', lineOfKey(text, lines, 'secretKey'), key, 'secretKey'));
  const refresh = isObject(doc.oauth) ? str(doc.oauth.refreshToken) : undefined;
  if (refresh && !isPlaceholder(refresh, { minClasses: 1 }))
    hits.push(hit('tencent-token', lineOfKey(text, lines, 'refreshToken'), refresh, 'OAuth refreshToken'));
  return hits;
}

/** coscli's `.cos.yaml`: secretid/secretkey/sessiontoken, AES-encrypted with a key built into coscli unless disableencryption. */
function coscli(text: string, lines: Lines): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const m of text.matchAll(/^[ \t]*(secretid|secretkey|sessiontoken)[ \t]*:[ \t]*["']?([^"'\r\n#]{8,400}?)["']?[ \t]*$/gim)) {
    const field = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').trim();
    if (isPlaceholder(value, { minClasses: 1 })) continue;
    const line = lines.lineOf(m.index);
    if (field === 'secretid' && /^(?:AKID|IKID)[A-Za-z0-9_-]{32,}$/.test(value))
      hits.push(hit(value.length === 36 ? 'tencent-secret-id' : 'tencent-temporary-id', line, value, field));
    else if (field === 'secretkey' && /^[A-Za-z0-9]{32}$/.test(value)) hits.push(hit('tencent-secret-key', line, value, field));
    else if (field !== 'sessiontoken') hits.push(hit('tencent-obfuscated', line, value, `${field} (coscli encryption)`));
  }
  return hits;
}

/** The Alibaba Cloud CLI's `config.json`: profiles with access_key_id/access_key_secret (AK, StsToken modes). */
function aliyun(text: string, lines: Lines): SecretHit[] | undefined {
  const doc = parseJsonObject(text);
  if (!doc) return undefined;
  const hits: SecretHit[] = [];
  for (const p of Array.isArray(doc.profiles) ? doc.profiles : []) {
    if (!isObject(p)) continue;
    const id = str(p.access_key_id);
    if (id && !isPlaceholder(id, { minClasses: 1 }))
      hits.push(
        hit('alibaba-access-key', lineOfKey(text, lines, 'access_key_id'), id, `profile ${str(p.name) ?? '?'} (${str(p.mode) ?? 'AK'})`),
      );
  }
  return hits;
}

/** Azure CLI files: plain-text token caches and service principal entries (JSON), or DPAPI-encrypted (.bin). */
function azure(text: string): SecretHit[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '[]' || trimmed === '{}') return [];
  return [hit('azure-token', null, null, 'Azure CLI token cache')];
}

// ---- Answer files -------------------------------------------------------------------------------

const PASSWORD_ELEMENT = /<((?:[A-Za-z]+)?Password)(?:\s[^>]{0,200})?>([\s\S]{0,4000}?)<\/\1>/g;
const CONTAINERS = ['AutoLogon', 'LocalAccount', 'Credentials', 'DomainAccount', 'UserAccounts'];

function unattend(text: string, lines: Lines): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const m of text.matchAll(PASSWORD_ELEMENT)) {
    const element = m[1] ?? 'Password';
    const inner = m[2] ?? '';
    const at = m.index;
    const valueMatch = /<Value>([\s\S]{0,2000}?)<\/Value>/.exec(inner);
    if (!valueMatch && /</.test(inner)) continue;
    const value = (valueMatch ? (valueMatch[1] ?? '') : inner).trim();
    if (isPasswordPlaceholder(value)) continue;
    const plain = !/<PlainText>\s*false\s*<\/PlainText>/i.test(inner);
    const before = text.slice(Math.max(0, at - 2000), at);
    const container = CONTAINERS.map((c) => ({ c, i: before.lastIndexOf(`<${c}`) }))
      .filter((x) => x.i >= 0)
      .sort((a, b) => b.i - a.i)[0]?.c;
    const valueAt = at + Math.max(0, m[0].indexOf('<Value>'));
    hits.push(
      hit(
        plain ? 'answer-file-password' : 'answer-file-encoded-password',
        lines.lineOf(valueAt),
        value,
        container ? `${container}/${element}` : element,
      ),
    );
  }
  return hits;
}

/** Legacy sysprep.inf: AdminPassword= and DomainAdminPassword= ("*" means blank). */
function sysprepInf(text: string, lines: Lines): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const m of text.matchAll(/^[ \t]*((?:Domain)?AdminPassword)[ \t]*=[ \t]*"?([^"\r\n]*)"?/gim)) {
    const value = (m[2] ?? '').trim();
    if (isPasswordPlaceholder(value)) continue;
    hits.push(hit('answer-file-password', lines.lineOf(m.index), value, m[1]));
  }
  return hits;
}

// ---- PowerShell history -------------------------------------------------------------------------

/** A literal on a command line: not a variable, subexpression, prompt (*) or option. */
const literal = (v: string | undefined): v is string =>
  v !== undefined && !/^[$(@/-]/.test(v) && !/^(?:Read-Host|Get-Credential)$/i.test(v) && !isPasswordPlaceholder(v);

const HISTORY_PATTERNS: ReadonlyArray<{ name: string; re: RegExp }> = [
  { name: '-Password', re: /-(?:Account|Admin|Safe[A-Za-z]*)?Password[ \t]+(?:'([^'\r\n]{1,200})'|"([^"\r\n]{1,200})"|([^\s'"]{1,200}))/i },
  {
    name: 'net user',
    re: /\bnet(?:\.exe)?[ \t]+user[ \t]+(?:"[^"\r\n]{1,100}"|[^\s/"]{1,100})[ \t]+(?:"([^"\r\n]{1,200})"|([^\s"]{1,200}))/i,
  },
  {
    name: 'net use /user:',
    re: /\bnet(?:\.exe)?[ \t]+use\b[^\r\n]{0,300}?\/user:[^\s]{1,100}[ \t]+(?:"([^"\r\n]{1,200})"|([^\s"]{1,200}))/i,
  },
  { name: 'cmdkey /pass:', re: /\bcmdkey(?:\.exe)?\b[^\r\n]{0,300}?\/pass:(?:"([^"\r\n]{1,200})"|([^\s"]{1,200}))/i },
  { name: '/p:', re: /(?:^|[ \t])\/p:(?:"([^"=\r\n]{1,200})"|([^\s"=;]{1,200}))(?=[ \t]|$)/i },
  { name: 'mysql -p', re: /\bmysql(?:\.exe)?\b[^\r\n]{0,300}?[ \t]-p([^\s-][^\s]{0,199})/ },
  { name: 'sqlcmd -P', re: /\bsqlcmd(?:\.exe)?\b[^\r\n]{0,300}?[ \t]-P[ \t]+(?:"([^"\r\n]{1,200})"|([^\s"]{1,200}))/ },
  { name: 'tccli secretKey', re: /\btccli\b[^\r\n]{0,300}?(?:--secretKey|\bsecretKey)[ \t]+(?:"([^"\r\n]{1,200})"|([^\s"]{1,200}))/i },
  { name: 'coscmd config -s', re: /\bcoscmd\b[^\r\n]{0,300}?[ \t]-s[ \t]+(?:"([^"\r\n]{1,200})"|([^\s"]{1,200}))/ },
];

function history(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const all = text.split(/\r?\n/);
  all.forEach((line, i) => {
    if (line.length > 8192) return;
    if (/ConvertTo-SecureString/i.test(line) && /-AsPlainText/i.test(line)) {
      const q = /'([^'\r\n]{1,200})'|"([^"\r\n]{1,200})"/.exec(line);
      const value = q ? (q[1] ?? q[2]) : undefined;
      if (literal(value)) {
        hits.push(hit('history-password', i + 1, value, 'ConvertTo-SecureString -AsPlainText'));
        return;
      }
    }
    for (const { name, re } of HISTORY_PATTERNS) {
      const m = re.exec(line);
      const groups: Array<string | undefined> = m ? m.slice(1) : [];
      const value = groups.find((g) => g !== undefined);
      if (literal(value)) {
        hits.push(hit('history-password', i + 1, value, name));
        return;
      }
    }
  });
  return hits;
}

// ---- Entry point --------------------------------------------------------------------------------

/**
 * Every secret in a file's text. The generic patterns (cloud keys, private keys) run on every file;
 * the format's parser adds what only it can see. Hits of the same kind on the same line count once.
 */
export function detectSecrets(text: string, format: FileFormat = 'text'): SecretHit[] {
  const lines = new Lines(text);
  let specific: SecretHit[] = [];
  switch (format) {
    case 'tccli':
      specific = tccli(text, lines) ?? [];
      break;
    case 'coscli':
      specific = coscli(text, lines);
      break;
    case 'unattend':
      specific = unattend(text, lines);
      break;
    case 'sysprep-inf':
      specific = sysprepInf(text, lines);
      break;
    case 'history':
      specific = history(text);
      break;
    case 'aliyun':
      specific = aliyun(text, lines) ?? [];
      break;
    case 'azure':
      specific = azure(text);
      break;
    default:
      break;
  }
  const seen = new Set<string>();
  const out: SecretHit[] = [];
  for (const h of [...specific, ...cloudKeys(text, lines), ...privateKeys(text, lines)]) {
    const key = `${h.kind}:${h.line ?? ''}:${h.masked ?? ''}`;
    // A tccli or coscli id already reported by its parser is the same secret the generic pattern sees.
    const sameSecret = `${h.line ?? ''}:${h.masked ?? ''}`;
    if (seen.has(key) || seen.has(sameSecret)) continue;
    seen.add(key);
    seen.add(sameSecret);
    out.push(h);
  }
  return out;
}
