// Our own TC3-HMAC-SHA256 verifier, written from Tencent's "签名方法 v3" (Signature v3) document,
// not from the SDK: canonical request, string to sign, the key derived from "TC3"+SecretKey, date,
// service and "tc3_request", then the signature compared in constant time. The stand-in servers run
// every request through it, so a test passes only if the real SDK signs what it sends.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface KeyEntry {
  secretKey: string;
  /** Temporary keys must come with this X-TC-Token. */
  token?: string;
}

export interface VerifyOptions {
  service: string;
  version: string;
  keys: ReadonlyMap<string, KeyEntry>;
  /** Epoch seconds. */
  now: number;
  /** The documented tolerance: five minutes. */
  maxSkewS?: number;
}

export interface SignedRequest {
  method: string;
  /** Path and query as received, e.g. "/" or "/?a=b". */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type VerifyResult =
  { ok: true; secretId: string; action: string; region: string | null; version: string } | { ok: false; code: string; message: string };

const AUTH =
  /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([a-z0-9-]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function utcDate(timestampS: number): string {
  return new Date(timestampS * 1000).toISOString().slice(0, 10);
}

export function canonicalRequest(req: SignedRequest, signedHeaders: string[]): string {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = q < 0 ? '' : req.url.slice(q + 1);
  const lines = signedHeaders.map((name) => {
    let value = (header(req.headers, name) ?? '').trim().toLowerCase();
    // The doc signs the Host header. The SDK signs URL.hostname, which leaves out a non-default
    // port (the stand-ins listen on one); on port 443 the two are the same.
    if (name === 'host') value = value.replace(/:\d+$/, '');
    return `${name}:${value}\n`;
  });
  return [req.method.toUpperCase(), path, query, lines.join(''), signedHeaders.join(';'), sha256Hex(req.body)].join('\n');
}

export function signature(secretKey: string, date: string, service: string, stringToSign: string): string {
  const kDate = hmac(`TC3${secretKey}`, date);
  const kService = hmac(kDate, service);
  const kSigning = hmac(kService, 'tc3_request');
  return createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
}

export function verifyTc3(req: SignedRequest, opts: VerifyOptions): VerifyResult {
  const fail = (code: string, message: string): VerifyResult => ({ ok: false, code, message });
  if (req.method.toUpperCase() !== 'POST' && req.method.toUpperCase() !== 'GET')
    return fail('UnsupportedProtocol', 'only GET and POST are supported');
  const auth = header(req.headers, 'authorization');
  if (!auth) return fail('AuthFailure.SignatureFailure', 'the Authorization header is missing');
  const m = AUTH.exec(auth);
  if (!m) return fail('AuthFailure.SignatureFailure', `the Authorization header is malformed`);
  const [, secretId = '', date = '', scopeService = '', signedList = '', sig = ''] = m;
  const signed = signedList.split(';');
  if (!signed.includes('content-type') || !signed.includes('host'))
    return fail('AuthFailure.SignatureFailure', 'SignedHeaders must include content-type and host');
  if ([...signed].sort().join(';') !== signedList) return fail('AuthFailure.SignatureFailure', 'SignedHeaders are not sorted');

  const tsText = header(req.headers, 'x-tc-timestamp');
  if (!tsText || !/^\d+$/.test(tsText)) return fail('AuthFailure.SignatureFailure', 'X-TC-Timestamp is missing or not a number');
  const ts = Number(tsText);
  if (Math.abs(opts.now - ts) > (opts.maxSkewS ?? 300))
    return fail('AuthFailure.SignatureExpire', 'the signature has expired (timestamp too far from server time)');
  if (date !== utcDate(ts)) return fail('AuthFailure.SignatureFailure', 'the credential scope date is not the UTC date of X-TC-Timestamp');
  if (scopeService !== opts.service)
    return fail('AuthFailure.SignatureFailure', `the credential scope names service ${scopeService}, not ${opts.service}`);

  const action = header(req.headers, 'x-tc-action');
  if (!action) return fail('MissingParameter', 'X-TC-Action is missing');
  const version = header(req.headers, 'x-tc-version');
  if (version !== opts.version) return fail('NoSuchVersion', `X-TC-Version ${version ?? '(missing)'} is not ${opts.version}`);
  const region = header(req.headers, 'x-tc-region') ?? null;

  const key = opts.keys.get(secretId);
  if (!key) return fail('AuthFailure.SecretIdNotFound', 'the SecretId does not exist');
  const token = header(req.headers, 'x-tc-token');
  if (key.token !== undefined && token !== key.token) return fail('AuthFailure.TokenFailure', 'the token is missing or wrong');
  if (key.token === undefined && token !== undefined) return fail('AuthFailure.TokenFailure', 'a token was sent with a permanent key');

  const contentType = header(req.headers, 'content-type') ?? '';
  if (req.method.toUpperCase() === 'POST' && !/^application\/json/i.test(contentType))
    return fail('AuthFailure.SignatureFailure', `content-type ${contentType} is not JSON`);

  const canonical = canonicalRequest(req, signed);
  const stringToSign = ['TC3-HMAC-SHA256', tsText, `${date}/${scopeService}/tc3_request`, sha256Hex(canonical)].join('\n');
  const expected = signature(key.secretKey, date, scopeService, stringToSign);
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(sig, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b))
    return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
  return { ok: true, secretId, action, region, version };
}
