// Reading back the copy of a task's output that TAT uploaded to COS (RunCommand OutputCOSBucketUrl /
// OutputCOSKeyPrefix), for reports cut at TAT's 24 KiB output limit (issue 23).
//
// One signed GET Object, with a small hand-written signer for COS's XML API request signature
// (https://cloud.tencent.com/document/product/436/7778: q-sign-algorithm=sha1, q-ak, q-sign-time,
// q-key-time, q-header-list, q-url-param-list, q-signature). Why not cos-nodejs-sdk-v5: for one GET it
// would bring in its own HTTP stack (a fork of the deprecated `request` package and its dependency
// tree) next to the Tencent Cloud SDK we already ship, while the signature is a few HMAC-SHA1 lines
// that the tests verify with an independent implementation.
//
// Which object: TaskResult.OutputUrl is documented as "日志在cos中的地址" (the log's address in COS);
// its path is the key when it names the --output-cos bucket. When it is empty, the key follows
// COS_OUTPUT_KEY_LAYOUT: not in Tencent's API documentation, but what the TAT agent itself uploads
// (Tencent/tat-agent src/executor/task.rs, TaskUploadConf::object_name and output_url, v1.1.9:
// "/{prefix}/{invocation_id}/{task_id}.log", empty parts left out, OutputUrl = bucket URL + that).
import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { CredentialProvider } from '../credentials.js';

/** GET Object answers larger than this are not a report (the compact report is some 20 KB). */
export const COS_OBJECT_MAX_BYTES = 64 * 1024 * 1024;
/** How long one GET may take, ms. */
export const COS_REQUEST_TIMEOUT_MS = 60_000;
/** How long the signature is valid, seconds. */
const SIGN_VALIDITY_S = 900;

/**
 * Where the TAT agent puts a task's output, used when TaskResult.OutputUrl does not say:
 * {prefix}/{invocation-id}/{invocation-task-id}.log (the agent's source, see above; Tencent's API pages
 * do not give it, so it stays one constant).
 */
export const COS_OUTPUT_KEY_LAYOUT = '{prefix}/{invocationId}/{invocationTaskId}.log';

export function cosOutputKey(layout: string, p: { prefix?: string; invocationId: string; invocationTaskId: string }): string {
  return layout
    .replace('{prefix}', p.prefix ?? '')
    .replace('{invocationId}', p.invocationId)
    .replace('{invocationTaskId}', p.invocationTaskId)
    .replace(/^\/+/, '')
    .replace(/\/{2,}/g, '/');
}

/** The object key of a task's COS copy: OutputUrl's path when it is in our bucket, else the layout. */
export function cosKeyFor(
  bucketUrl: string,
  outputUrl: string | null | undefined,
  p: { prefix?: string; invocationId: string; invocationTaskId: string },
): string {
  if (outputUrl) {
    try {
      const u = new URL(outputUrl);
      const key = decodeURIComponent(u.pathname).replace(/^\/+/, '');
      if (u.host.toLowerCase() === new URL(bucketUrl).host.toLowerCase() && key !== '') return key;
    } catch {
      // Not a URL: the layout below.
    }
  }
  return cosOutputKey(COS_OUTPUT_KEY_LAYOUT, p);
}

/** COS's UrlEncode: RFC 3986, every byte but A-Z a-z 0-9 - _ . ~ percent-encoded (uppercase hex). */
export function cosEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** key1=value1&key2=value2 and key1;key2, keys lowercased and sorted, as the documented steps 3 and 4 say. */
function canonical(pairs: Record<string, string>): { list: string; text: string } {
  const entries = Object.entries(pairs)
    .map(([k, v]) => [cosEncode(k.toLowerCase()).toLowerCase(), cosEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { list: entries.map(([k]) => k).join(';'), text: entries.map(([k, v]) => `${k}=${v}`).join('&') };
}

export interface CosSignInput {
  method: string;
  /** The object's path, not URL-encoded: "/prefix/inv-1/invt-1.log". */
  pathname: string;
  query?: Record<string, string>;
  /** Headers to sign (host at least). */
  headers: Record<string, string>;
  secretId: string;
  secretKey: string;
  startS: number;
  endS: number;
}

/** The Authorization header value for one request. */
export function cosAuthorization(i: CosSignInput): string {
  const keyTime = `${i.startS};${i.endS}`;
  const signKey = createHmac('sha1', i.secretKey).update(keyTime).digest('hex');
  const params = canonical(i.query ?? {});
  const headers = canonical(i.headers);
  const httpString = `${i.method.toLowerCase()}\n${i.pathname}\n${params.text}\n${headers.text}\n`;
  const stringToSign = `sha1\n${keyTime}\n${createHash('sha1').update(httpString).digest('hex')}\n`;
  const signature = createHmac('sha1', signKey).update(stringToSign).digest('hex');
  return [
    'q-sign-algorithm=sha1',
    `q-ak=${i.secretId}`,
    `q-sign-time=${keyTime}`,
    `q-key-time=${keyTime}`,
    `q-header-list=${headers.list}`,
    `q-url-param-list=${params.list}`,
    `q-signature=${signature}`,
  ].join('&');
}

export type CosRead = { ok: true; body: Buffer } | { ok: false; why: string };

export interface CosReaderOptions {
  credentials: CredentialProvider;
  /** host[:port] to connect to instead of the bucket's host (IPF_COS_ENDPOINT; tests: a stand-in). */
  endpoint?: string;
  /** Default "https://"; a local stand-in uses "http://". */
  protocol?: 'https://' | 'http://';
  agent?: Agent;
  now?: () => number;
  maxBytes?: number;
  timeoutMs?: number;
}

export type CosReader = (bucketUrl: string, key: string, signal?: AbortSignal) => Promise<CosRead>;

/** A GET Object for the fleet run, signed with the run's credentials; never throws, never shows a secret. */
export function cosReader(opts: CosReaderOptions): CosReader {
  const maxBytes = opts.maxBytes ?? COS_OBJECT_MAX_BYTES;
  const scrub = (text: string) => opts.credentials.secrets.scrub(text);
  return async (bucketUrl, key, signal) => {
    let cred;
    try {
      cred = await opts.credentials.getCredential();
    } catch (err) {
      return { ok: false, why: scrub(`no credentials (${err instanceof Error ? err.message : String(err)})`) };
    }
    const bucketHost = new URL(bucketUrl).host;
    const pathname = `/${key}`;
    const startS = Math.floor((opts.now ?? Date.now)() / 1000) - 60;
    const authorization = cosAuthorization({
      method: 'GET',
      pathname,
      headers: { host: bucketHost },
      secretId: cred.secretId,
      secretKey: cred.secretKey,
      startS,
      endS: startS + SIGN_VALIDITY_S,
    });
    const headers: Record<string, string> = { Host: bucketHost, Authorization: authorization };
    if (cred.token) headers['x-cos-security-token'] = cred.token;
    const target = opts.endpoint ?? bucketHost;
    const [hostname = target, port] = target.split(/:(?=\d+$)/);
    const secure = (opts.protocol ?? 'https://') === 'https://';
    const send = secure ? httpsRequest : httpRequest;
    const path = `/${key.split('/').map(cosEncode).join('/')}`;
    return await new Promise<CosRead>((resolve) => {
      let settled = false;
      const done = (r: CosRead) => {
        if (settled) return;
        settled = true;
        resolve(r.ok ? r : { ok: false, why: scrub(r.why) });
      };
      const req = send(
        {
          method: 'GET',
          hostname,
          port: port ? Number(port) : undefined,
          path,
          headers,
          agent: opts.agent,
          signal,
          timeout: opts.timeoutMs ?? COS_REQUEST_TIMEOUT_MS,
          ...(secure ? { servername: bucketHost } : {}),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          const length = Number(res.headers['content-length'] ?? NaN);
          if (status === 200 && length > maxBytes) {
            res.destroy();
            done({ ok: false, why: `the object is ${length} bytes, more than ${maxBytes}` });
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            // An error body is small; only a report body may approach the limit.
            if (size > maxBytes) {
              res.destroy();
              done({ ok: false, why: `the object is more than ${maxBytes} bytes` });
              return;
            }
            chunks.push(c);
          });
          res.on('error', (err) => {
            done({ ok: false, why: errText(err) });
          });
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            if (status === 200) {
              done({ ok: true, body });
              return;
            }
            // <Error><Code>NoSuchKey</Code>...: the code is enough; the message may echo the request.
            const code = /<Code>([A-Za-z0-9.]{1,100})<\/Code>/.exec(body.toString('utf8'))?.[1];
            done({ ok: false, why: `${status}${code ? ` ${code}` : ''}` });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${(opts.timeoutMs ?? COS_REQUEST_TIMEOUT_MS) / 1000} s`)));
      req.on('error', (err) => {
        done({ ok: false, why: errText(err) });
      });
      req.end();
    });
  };
}

function errText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}
