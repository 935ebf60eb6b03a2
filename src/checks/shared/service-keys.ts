// What every check compares a service by, computed once per service object: its lower-cased name and
// display name, its program (from PathName) and that program's image key. A machine can have 10,000
// services and a dozen checks and catalogue entries look at each.
import type { Service } from '../../snapshot/schema.js';
import { executableOf, imageKey } from '../../util/windows-path.js';

export interface ServiceKeys {
  name: string;
  display: string | undefined;
  /** The program as PathName names it (quotes and arguments removed), or undefined without a PathName. */
  exe: string | undefined;
  /** Its image key: lower case, no folder, no ".exe". */
  exeKey: string | undefined;
  /** PathName lower-cased, for path-fragment matches. */
  pathLower: string | undefined;
}

const cache = new WeakMap<Service, ServiceKeys & { from: [string, string | null | undefined, string | null | undefined] }>();

export function keysOf(svc: Service): ServiceKeys {
  let k = cache.get(svc);
  // Tests edit services in place: a changed name, display name or path is computed again.
  if (k?.from[0] !== svc.Name || k.from[1] !== svc.DisplayName || k.from[2] !== svc.PathName) {
    const exe = svc.PathName ? executableOf(svc.PathName) : undefined;
    k = {
      from: [svc.Name, svc.DisplayName, svc.PathName],
      name: svc.Name.toLowerCase(),
      display: svc.DisplayName?.toLowerCase(),
      exe,
      exeKey: exe ? imageKey(exe) : undefined,
      pathLower: svc.PathName?.toLowerCase(),
    };
    cache.set(svc, k);
  }
  return k;
}
