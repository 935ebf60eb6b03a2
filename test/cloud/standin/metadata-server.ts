// A stand-in for the CVM metadata service on 127.0.0.1: paths under /latest/meta-data/ answer plain
// text, the CAM role path a JSON object shaped like the documented one. A route can also hang (to
// test the short deadline) or fail.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = string | { status: number } | { hang: true } | (() => string | { status: number });

export interface MetadataStandin {
  /** Ends with /latest/meta-data/ */
  readonly baseUrl: string;
  routes: Map<string, Route>;
  readonly requests: string[];
  close(): Promise<void>;
}

export function roleCredentialJson(c: { id: string; key: string; token: string; expiredTime: number }): string {
  return JSON.stringify({
    TmpSecretId: c.id,
    TmpSecretKey: c.key,
    ExpiredTime: c.expiredTime,
    Expiration: new Date(c.expiredTime * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
    Token: c.token,
    Code: 'Success',
  });
}

export async function startMetadataStandin(routes: Record<string, Route> = {}): Promise<MetadataStandin> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const hanging = new Set<ServerResponse>();
  const prefix = '/latest/meta-data/';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').startsWith(prefix) ? (req.url ?? '').slice(prefix.length) : null;
    requests.push(req.url ?? '');
    const route = path === null ? undefined : table.get(decodeURIComponent(path));
    const answer = typeof route === 'function' ? route() : route;
    if (answer === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    } else if (typeof answer === 'string') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(answer);
    } else if ('hang' in answer) {
      hanging.add(res);
    } else {
      res.writeHead(answer.status, { 'Content-Type': 'text/plain' });
      res.end('error');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    routes: table,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
