// Finds the installed instances of a catalogue entry: by service name, name prefix or the executable in
// PathName, and by process image name for agents that run without a service. Never by display name.
import type { AgentEntry } from '../../catalog/agents.js';
import type { Process, Service } from '../../snapshot/schema.js';
import { imageKey } from '../../util/windows-path.js';
import { keysOf, type ServiceKeys } from './service-keys.js';

export interface AgentInstance {
  service?: Service;
  /** Found only by its display name: text anyone can set, so it may warn but never block. */
  byDisplayName?: boolean;
  /** The running process, when one matches the service's ProcessId or the entry's image names. */
  process?: Process;
}

/** A catalogue entry's names lower-cased once, as sets. */
interface EntryKeys {
  names: Set<string>;
  prefixes: string[];
  displayPrefixes: string[];
  images: Set<string>;
}
const entryCache = new WeakMap<AgentEntry, EntryKeys>();
function entryKeys(entry: AgentEntry): EntryKeys {
  let k = entryCache.get(entry);
  if (!k) {
    k = {
      names: new Set((entry.serviceNames ?? []).map((n) => n.toLowerCase())),
      prefixes: (entry.serviceNamePrefixes ?? []).map((p) => p.toLowerCase()),
      displayPrefixes: (entry.displayNamePrefixes ?? []).map((p) => p.toLowerCase()),
      images: new Set((entry.imageNames ?? []).map(imageKey)),
    };
    entryCache.set(entry, k);
  }
  return k;
}

/** Whether a list is the one an index was built from: same length and the same items at a few places
 * (lists are edited in place only by tests, which push or replace). */
function unchanged<T>(from: readonly T[], now: readonly T[]): boolean {
  const n = now.length;
  return from.length === n && (n === 0 || (from[0] === now[0] && from[n - 1] === now[n - 1] && from[n >> 1] === now[n >> 1]));
}

/** A service list indexed once by name and program; entries with prefixes scan the names only. */
interface ServiceIndex {
  from: readonly Service[];
  keys: ServiceKeys[];
  byName: Map<string, number[]>;
  byExe: Map<string, number[]>;
}
const serviceIndexes = new WeakMap<readonly Service[], ServiceIndex>();
function indexServices(services: readonly Service[]): ServiceIndex {
  const cached = serviceIndexes.get(services);
  // A list edited in place since (tests do) is indexed again.
  if (cached && unchanged(cached.from, services)) return cached;
  const index: ServiceIndex = { from: [...services], keys: services.map(keysOf), byName: new Map(), byExe: new Map() };
  const add = (map: Map<string, number[]>, key: string, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  index.keys.forEach((k, i) => {
    add(index.byName, k.name, i);
    if (k.exeKey) add(index.byExe, k.exeKey, i);
  });
  serviceIndexes.set(services, index);
  return index;
}

/** Processes by image key and by PID, built once per list (100,000 processes, a dozen catalogue entries). */
interface ProcessIndex {
  from: readonly Process[];
  /** Positions in the list, by image key: in order, so candidates come in the list's order. */
  byImage: Map<string, number[]>;
  byPid: Map<number, Process>;
}
const processIndexes = new WeakMap<readonly Process[], ProcessIndex>();
function indexProcesses(processes: readonly Process[]): ProcessIndex {
  const cached = processIndexes.get(processes);
  if (cached && unchanged(cached.from, processes)) return cached;
  const index: ProcessIndex = { from: [...processes], byImage: new Map(), byPid: new Map() };
  for (let at = 0; at < processes.length; at++) {
    const p = processes[at];
    if (!p) continue;
    const key = imageKey(p.Name);
    const list = index.byImage.get(key);
    if (list) list.push(at);
    else index.byImage.set(key, [at]);
    if (p.ProcessId && !index.byPid.has(p.ProcessId)) index.byPid.set(p.ProcessId, p);
  }
  processIndexes.set(processes, index);
  return index;
}

export function findAgentInstances(entry: AgentEntry, services: readonly Service[], processes: readonly Process[] = []): AgentInstance[] {
  const index = indexServices(services);
  const procs = indexProcesses(processes);
  const e = entryKeys(entry);
  const byName = new Set<number>();
  for (const n of e.names) for (const i of index.byName.get(n) ?? []) byName.add(i);
  for (const img of e.images) for (const i of index.byExe.get(img) ?? []) byName.add(i);
  const byDisplay = new Set<number>();
  if (e.prefixes.length > 0 || e.displayPrefixes.length > 0)
    index.keys.forEach((k, i) => {
      if (e.prefixes.some((p) => k.name.startsWith(p))) byName.add(i);
      else if (k.display && e.displayPrefixes.some((p) => k.display?.startsWith(p) === true)) byDisplay.add(i);
    });
  const instances: AgentInstance[] = [];
  const claimedPids = new Set<number>();
  // In the services' own order, as a scan would find them.
  for (const i of [...byName, ...[...byDisplay].filter((x) => !byName.has(x))].sort((x, y) => x - y)) {
    const svc = services[i];
    if (!svc) continue;
    const process = svc.ProcessId ? procs.byPid.get(svc.ProcessId) : undefined;
    if (svc.ProcessId) claimedPids.add(svc.ProcessId);
    instances.push(byName.has(i) ? { service: svc, process } : { service: svc, process, byDisplayName: true });
  }
  const candidates = [...e.images]
    .flatMap((img) => procs.byImage.get(img) ?? [])
    .sort((a, b) => a - b)
    .flatMap((at) => processes[at] ?? []);
  for (const proc of candidates) {
    if (proc.ProcessId && claimedPids.has(proc.ProcessId)) continue;
    // A second process of an agent that already has a service instance is that agent's helper.
    if (instances.some((x) => x.service)) continue;
    instances.push({ process: proc });
  }
  return instances;
}

/** A predicate for "belongs to a Tencent agent": such services and processes are never third-party AV. */
export function tencentComponentFilter(agents: readonly AgentEntry[], services: readonly Service[]) {
  const images = new Set(agents.flatMap((a) => (a.imageNames ?? []).map(imageKey)));
  const tencent = new Set(agents.flatMap((entry) => findAgentInstances(entry, services).flatMap((i) => (i.service ? [i.service] : []))));
  return {
    service: (svc: Service) => tencent.has(svc),
    process: (proc: Process) => images.has(imageKey(proc.Name)),
  };
}
