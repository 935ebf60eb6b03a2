// A stand-in for one Tencent Cloud API endpoint (cvm or tat) on 127.0.0.1 and a random port. Every
// request is checked with our own TC3 verifier; a bad one is answered AuthFailure.SignatureFailure,
// like the real API, and recorded so the test that caused it fails (see assertSigned). Answers have
// the documented shapes: {"Response": {..., "RequestId"}} and {"Response": {"Error": {"Code",
// "Message"}, "RequestId"}}. The SDK is pointed at "<service>.standin.test:<port>" (it signs for the
// service named by the host's first label) through an agent that resolves only that name, to
// loopback: nothing can leave the machine.
import { randomUUID } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { verifyTc3, type KeyEntry } from './tc3.js';

export interface ApiCall {
  action: string;
  params: Record<string, unknown>;
  region: string | null;
  secretId: string;
}

export type HandlerResult =
  | { error: { code: string; message: string } }
  | { hang: true }
  | { dropConnection: true }
  | { httpStatus: number }
  | { ok: Record<string, unknown> };

export type Handler = (call: ApiCall) => HandlerResult | Promise<HandlerResult>;

export interface ApiStandin {
  readonly service: string;
  readonly endpoint: string;
  readonly port: number;
  readonly calls: ApiCall[];
  /** Requests refused for their signature, timestamp, token or key. */
  readonly rejected: Array<{ code: string; message: string }>;
  keys: Map<string, KeyEntry>;
  handler: Handler;
  close(): Promise<void>;
}

export const API_ERROR = (code: string, message = code): HandlerResult => ({ error: { code, message } });

export async function startApiStandin(opts: {
  service: 'cvm' | 'tat';
  version: string;
  keys: Map<string, KeyEntry>;
  handler: Handler;
  now?: () => number;
}): Promise<ApiStandin> {
  const calls: ApiCall[] = [];
  const rejected: Array<{ code: string; message: string }> = [];
  const hanging = new Set<ServerResponse>();
  const state = { keys: opts.keys, handler: opts.handler };

  const reply = (res: ServerResponse, body: Record<string, unknown>) => {
    const text = JSON.stringify({ Response: { ...body, RequestId: randomUUID() } });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(text);
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const verdict = verifyTc3(
      { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body },
      { service: opts.service, version: opts.version, keys: state.keys, now: Math.floor((opts.now ?? Date.now)() / 1000) },
    );
    if (!verdict.ok) {
      rejected.push({ code: verdict.code, message: verdict.message });
      reply(res, { Error: { Code: verdict.code, Message: verdict.message } });
      return;
    }
    let params: Record<string, unknown> = {};
    try {
      const parsed: unknown = body.length > 0 ? JSON.parse(body.toString('utf8')) : {};
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) params = parsed as Record<string, unknown>;
    } catch {
      reply(res, { Error: { Code: 'InvalidParameter', Message: 'the body is not JSON' } });
      return;
    }
    const call: ApiCall = { action: verdict.action, params, region: verdict.region, secretId: verdict.secretId };
    calls.push(call);
    const result = await state.handler(call);
    if ('hang' in result) {
      hanging.add(res);
      return;
    }
    if ('dropConnection' in result) {
      req.socket.destroy();
      return;
    }
    if ('httpStatus' in result) {
      res.writeHead(result.httpStatus, { 'Content-Type': 'text/plain' });
      res.end('unavailable');
      return;
    }
    if ('error' in result) reply(res, { Error: { Code: result.error.code, Message: result.error.message } });
    else reply(res, result.ok);
  };

  const server: Server = createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    service: opts.service,
    endpoint: `${opts.service}.standin.test:${port}`,
    port,
    calls,
    rejected,
    get keys() {
      return state.keys;
    },
    set keys(k: Map<string, KeyEntry>) {
      state.keys = k;
    },
    get handler() {
      return state.handler;
    },
    set handler(h: Handler) {
      state.handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resolves *.standin.test to 127.0.0.1 and refuses every other name. */
export const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  if (!hostname.endsWith('.standin.test')) {
    const err: NodeJS.ErrnoException = new Error(`the test agent resolves only *.standin.test, not ${hostname}`);
    err.code = 'ENOTFOUND';
    callback(err, '', 4);
    return;
  }
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

export function loopbackAgent(): Agent {
  return new Agent({ keepAlive: false, lookup: loopbackLookup });
}
