// Finds the installed security products of the catalogue on a machine: by process image name, service
// name and install-path fragment, with the table indexed once (a machine with 10,000 processes is one
// pass, not one per product). Shared by the known-product check and the unrecognised-software heuristic.
import type { SecurityProduct } from '../../catalog/security-products.js';
import type { Process, Service } from '../../snapshot/schema.js';
import { imageKey } from '../../util/windows-path.js';
import { keysOf } from './service-keys.js';

export interface Detection {
  product: SecurityProduct;
  processes: Process[];
  services: Service[];
}

const escape = (f: string) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Detections of one (table, services, processes): both security checks ask, the second gets the first's answer. */
interface Memo {
  services: number;
  processes: number;
  hits: Detection[];
}
const memo = new WeakMap<readonly SecurityProduct[], WeakMap<readonly Service[], WeakMap<readonly Process[], Memo>>>();

/** The product table indexed once, so a machine with 10,000 processes is one pass, not one per product. */
export function detectAll(products: readonly SecurityProduct[], services: readonly Service[], processes: readonly Process[]): Detection[] {
  const cached = memo.get(products)?.get(services)?.get(processes);
  // Lists edited in place since (tests do) are detected again.
  if (cached?.services === services.length && cached.processes === processes.length) return cached.hits;
  const hits = products.map((product): Detection => ({ product, processes: [], services: [] }));
  const byImage = new Map<string, Detection[]>();
  const byService = new Map<string, Detection[]>();
  const byFragment = new Map<string, Detection[]>();
  const index = (map: Map<string, Detection[]>, key: string, d: Detection) => {
    const list = map.get(key);
    if (list) list.push(d);
    else map.set(key, [d]);
  };
  for (const d of hits) {
    for (const name of d.product.processes ?? []) index(byImage, imageKey(name), d);
    for (const name of d.product.services ?? []) index(byService, name.toLowerCase(), d);
    for (const f of d.product.pathFragments ?? []) index(byFragment, f.toLowerCase(), d);
  }
  // Every fragment in one expression: one scan of each path, whatever the table's size; and each distinct
  // path scanned once (thousands of processes run the same few programs).
  const fragments = byFragment.size > 0 ? new RegExp([...byFragment.keys()].map(escape).join('|'), 'g') : undefined;
  const byPath = new Map<string, Detection[]>();
  const pathHits = (pathLower: string | undefined): Detection[] => {
    if (!pathLower || !fragments) return [];
    let found = byPath.get(pathLower);
    if (!found) {
      const set = new Set<Detection>();
      // exec in a loop, not matchAll: matchAll copies the expression on every call.
      fragments.lastIndex = 0;
      for (let m = fragments.exec(pathLower); m; m = fragments.exec(pathLower)) for (const d of byFragment.get(m[0]) ?? []) set.add(d);
      byPath.set(pathLower, (found = [...set]));
    }
    return found;
  };
  const add = <T>(direct: Detection[] | undefined, fromPath: Detection[], item: T, list: (d: Detection) => T[]) => {
    if (!direct) {
      for (const d of fromPath) list(d).push(item);
      return;
    }
    for (const d of direct) list(d).push(item);
    for (const d of fromPath) if (!direct.includes(d)) list(d).push(item);
  };
  // Processes repeat the same few paths: each path as written is lower-cased and scanned once.
  const byRawPath = new Map<string, Detection[]>();
  const processPathHits = (path: string | null | undefined): Detection[] => {
    if (!path || !fragments) return [];
    let found = byRawPath.get(path);
    if (!found) byRawPath.set(path, (found = pathHits(path.toLowerCase())));
    return found;
  };
  for (const proc of processes) add(byImage.get(imageKey(proc.Name)), processPathHits(proc.ExecutablePath), proc, (d) => d.processes);
  for (const svc of services) {
    const k = keysOf(svc);
    add(byService.get(k.name), pathHits(k.pathLower), svc, (d) => d.services);
  }
  const level1 = memo.get(products) ?? new WeakMap<readonly Service[], WeakMap<readonly Process[], Memo>>();
  memo.set(products, level1);
  const level2 = level1.get(services) ?? new WeakMap<readonly Process[], Memo>();
  level1.set(services, level2);
  level2.set(processes, { services: services.length, processes: processes.length, hits });
  return hits;
}
