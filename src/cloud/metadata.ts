// The CVM metadata service (http://metadata.tencentyun.com/latest/meta-data/): plain HTTP GETs on
// the instance's own link, no credentials. Off a CVM the name does not resolve or the address does
// not answer, so every read shares one short deadline (1.5 s by default) and a hanging service costs
// no more than that. Plain node:http with no agent: never through an HTTP proxy, no kept-alive socket.
import { request } from 'node:http';
import { CloudError } from './errors.js';

export const METADATA_BASE_URL = 'http://metadata.tencentyun.com/latest/meta-data/';
export const METADATA_TIMEOUT_MS = 1500;
/** Answers are a line or a small JSON object; anything bigger is not the metadata service. */
const MAX_BODY_BYTES = 64 * 1024;

export interface MetadataOptions {
  /** Ends with a slash; tests point it at a local stand-in. */
  baseUrl?: string;
  /** Shared by every read made through one client. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface MetadataClient {
  /** The value at `path` (relative to the base URL), or null when the service answers 404. */
  get(path: string): Promise<string | null>;
  readonly baseUrl: string;
}

export function metadataClient(opts: MetadataOptions = {}): MetadataClient {
  const baseUrl = opts.baseUrl ?? METADATA_BASE_URL;
  const deadline = Date.now() + (opts.timeoutMs ?? METADATA_TIMEOUT_MS);
  return {
    baseUrl,
    get: (path) => httpGetText(new URL(path, baseUrl), deadline, opts.signal),
  };
}

function httpGetText(url: URL, deadline: number, signal?: AbortSignal): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const left = deadline - Date.now();
    if (left <= 0) {
      reject(new CloudError('timeout', `metadata service: no answer within the time allowed (${url.pathname})`));
      return;
    }
    if (url.protocol !== 'http:') {
      reject(new CloudError('invalid-parameter', `metadata service: only http:// is supported, not ${url.protocol}`));
      return;
    }
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const req = request(url, { method: 'GET', agent: false, headers: { Connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          req.destroy();
          finish(() => {
            reject(new CloudError('service', `metadata service: answer for ${url.pathname} is too large`));
          });
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status === 404)
          finish(() => {
            resolve(null);
          });
        else if (status !== 200)
          finish(() => {
            reject(new CloudError('service', `metadata service: HTTP ${status} for ${url.pathname}`, { httpStatus: status }));
          });
        else
          finish(() => {
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
      });
      res.on('error', (err) => {
        finish(() => {
          reject(new CloudError('network', `metadata service: ${err.message}`));
        });
      });
    });
    const onAbort = () => {
      req.destroy();
      finish(() => {
        reject(new CloudError('aborted', 'cancelled'));
      });
    };
    const timer = setTimeout(() => {
      req.destroy();
      finish(() => {
        reject(new CloudError('timeout', `metadata service: no answer within the time allowed (${url.pathname})`));
      });
    }, left);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? '';
      const kind = code === 'ETIMEDOUT' ? 'timeout' : 'network';
      finish(() => {
        reject(new CloudError(kind, `metadata service unreachable (${url.host}): ${code || err.message}`));
      });
    });
    req.end();
  });
}
