// A stand-in for one COS bucket's XML API on 127.0.0.1: GET Object only. Every request's Authorization
// is checked with this file's own reading of the documented request signature
// (https://cloud.tencent.com/document/product/436/7778), written apart from src/cloud/fleet/cos.ts:
//   SignKey = HMAC-SHA1(SecretKey, q-key-time)
//   HttpString = method \n path (not URL-encoded) \n params \n headers \n   (keys lowercase and sorted,
//                values URL-encoded, "k=v" joined with "&"; the lists name the same keys, ";"-joined)
//   StringToSign = "sha1" \n q-sign-time \n SHA1(HttpString) \n
//   q-signature = HMAC-SHA1(SignKey, StringToSign)
// A refused request gets COS's XML error (403 SignatureDoesNotMatch, InvalidAccessKeyId, AccessDenied
// for a missing temporary-key token, RequestTimeTooSkewed) and is recorded, like the API stand-ins.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyEntry } from './tc3.js';

export interface CosStandin {
  /** host:port to connect to (through the loopback agent): "cos.standin.test:PORT". */
  readonly endpoint: string;
  /** The bucket's own host, which requests must name and sign. */
  readonly bucketHost: string;
  readonly objects: Map<string, Buffer>;
  /** Every GET: the object key asked for, and the Authorization header as sent. */
  readonly calls: Array<{ key: string; authorization: string; token: string | null }>;
  readonly rejected: Array<{ code: string; message: string }>;
  keys: Map<string, KeyEntry>;
  close(): Promise<void>;
}

const hex = (h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>) => h.digest('hex');

/** RFC 3986 unreserved characters stay, everything else is %XX (upper case), byte by byte. */
function urlEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function pairs(entries: Array<[string, string]>, list: string): string | null {
  const map = new Map(entries.map(([k, v]) => [urlEncode(k.toLowerCase()).toLowerCase(), urlEncode(v)]));
  const named = list === '' ? [] : list.split(';');
  if ([...named].sort().join(';') !== named.join(';')) return null;
  const parts: string[] = [];
  for (const k of named) {
    const v = map.get(k);
    if (v === undefined) return null;
    parts.push(`${k}=${v}`);
  }
  return parts.join('&');
}

export function verifyCosSignature(
  req: { method: string; url: string; headers: Record<string, string | string[] | undefined> },
  keys: ReadonlyMap<string, KeyEntry>,
  nowS: number,
): { ok: true } | { ok: false; status: number; code: string; message: string } {
  const no = (code: string, message: string, status = 403) => ({ ok: false as const, status, code, message });
  const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
  const fields = new Map(auth.split('&').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  if (fields.get('q-sign-algorithm') !== 'sha1') return no('AccessDenied', 'q-sign-algorithm must be sha1');
  const ak = fields.get('q-ak') ?? '';
  const entry = keys.get(ak);
  if (!entry) return no('InvalidAccessKeyId', 'unknown q-ak');
  const signTime = fields.get('q-sign-time') ?? '';
  const keyTime = fields.get('q-key-time') ?? '';
  const m = /^(\d+);(\d+)$/.exec(signTime);
  if (!m || keyTime !== signTime) return no('AccessDenied', 'bad q-sign-time / q-key-time');
  if (nowS < Number(m[1]) - 300 || nowS > Number(m[2])) return no('RequestTimeTooSkewed', 'the signature is not valid now');
  const token = req.headers['x-cos-security-token'];
  if (entry.token !== undefined && token !== entry.token) return no('AccessDenied', 'a temporary key needs its x-cos-security-token');
  const headerList = fields.get('q-header-list') ?? '';
  if (!headerList.split(';').includes('host')) return no('AccessDenied', 'host must be signed');
  const url = new URL(req.url, 'http://x');
  const headerEntries = Object.entries(req.headers)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([k, v]): [string, string] => [k, v]);
  const httpHeaders = pairs(headerEntries, headerList);
  const httpParams = pairs([...url.searchParams.entries()], fields.get('q-url-param-list') ?? '');
  if (httpHeaders === null || httpParams === null)
    return no('AccessDenied', 'q-header-list or q-url-param-list names what the request lacks');
  const httpString = [req.method.toLowerCase(), decodeURIComponent(url.pathname), httpParams, httpHeaders, ''].join('\n');
  const stringToSign = ['sha1', signTime, hex(createHash('sha1').update(httpString)), ''].join('\n');
  const signKey = hex(createHmac('sha1', entry.secretKey).update(keyTime));
  const expected = hex(createHmac('sha1', signKey).update(stringToSign));
  if (fields.get('q-signature') !== expected) return no('SignatureDoesNotMatch', 'The calculated signature does not match');
  return { ok: true };
}

export async function startCosStandin(opts: { bucketHost: string; keys: Map<string, KeyEntry>; now?: () => number }): Promise<CosStandin> {
  const objects = new Map<string, Buffer>();
  const calls: CosStandin['calls'] = [];
  const rejected: CosStandin['rejected'] = [];
  const state = { keys: opts.keys };
  const xmlError = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'Content-Type': 'application/xml' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>NjA</RequestId></Error>`,
    );
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const key = decodeURIComponent(url.pathname).replace(/^\//, '');
    const token = req.headers['x-cos-security-token'];
    calls.push({ key, authorization: String(req.headers.authorization ?? ''), token: typeof token === 'string' ? token : null });
    if (req.method !== 'GET') return xmlError(res, 405, 'MethodNotAllowed', 'GET only');
    if (req.headers.host !== opts.bucketHost) return xmlError(res, 400, 'InvalidURI', 'not this bucket');
    const v = verifyCosSignature(
      { method: req.method, url: req.url ?? '/', headers: req.headers },
      state.keys,
      Math.floor((opts.now ?? Date.now)() / 1000),
    );
    if (!v.ok) {
      rejected.push({ code: v.code, message: v.message });
      return xmlError(res, v.status, v.code, v.message);
    }
    const body = objects.get(key);
    if (!body) return xmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `cos.standin.test:${port}`,
    bucketHost: opts.bucketHost,
    objects,
    calls,
    rejected,
    get keys() {
      return state.keys;
    },
    set keys(k: Map<string, KeyEntry>) {
      state.keys = k;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
