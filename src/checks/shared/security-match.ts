// Finds the installed security products of the catalogue on a machine: by process image name, service
// name and install-path fragment, with the table indexed once (a machine with 10,000 processes is one
// pass, not one per product). Shared by the known-product check and the unrecognised-software heuristic.
import type { SecurityProduct } from '../../catalog/security-products.js';
import type { Process, Service } from '../../snapshot/schema.js';
import { imageKey } from '../../util/windows-path.js';

export interface Detection {
  product: SecurityProduct;
  processes: Process[];
  services: Service[];
}

/** The product table indexed once, so a machine with 10,000 processes is one pass, not one per product. */
export function detectAll(products: readonly SecurityProduct[], services: readonly Service[], processes: readonly Process[]): Detection[] {
  const hits = products.map((product): Detection => ({ product, processes: [], services: [] }));
  const byImage = new Map<string, Detection[]>();
  const byService = new Map<string, Detection[]>();
  const fragments: Array<[string, Detection]> = [];
  const index = (map: Map<string, Detection[]>, key: string, d: Detection) => {
    const list = map.get(key);
    if (list) list.push(d);
    else map.set(key, [d]);
  };
  for (const d of hits) {
    for (const name of d.product.processes ?? []) index(byImage, imageKey(name), d);
    for (const name of d.product.services ?? []) index(byService, name.toLowerCase(), d);
    for (const f of d.product.pathFragments ?? []) fragments.push([f.toLowerCase(), d]);
  }
  const matching = (direct: Detection[] | undefined, path: string | null | undefined): Set<Detection> => {
    const found = new Set(direct);
    if (path) {
      const lower = path.toLowerCase();
      for (const [f, d] of fragments) if (lower.includes(f)) found.add(d);
    }
    return found;
  };
  for (const proc of processes) for (const d of matching(byImage.get(imageKey(proc.Name)), proc.ExecutablePath)) d.processes.push(proc);
  for (const svc of services) for (const d of matching(byService.get(svc.Name.toLowerCase()), svc.PathName)) d.services.push(svc);
  return hits;
}
