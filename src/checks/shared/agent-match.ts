// Finds the installed instances of a catalogue entry: by service name, name prefix or the executable in
// PathName, and by process image name for agents that run without a service. Never by display name.
import type { AgentEntry } from '../../catalog/agents.js';
import type { Process, Service } from '../../snapshot/schema.js';
import { executableOf, imageKey } from '../../util/windows-path.js';

export interface AgentInstance {
  service?: Service;
  /** Found only by its display name: text anyone can set, so it may warn but never block. */
  byDisplayName?: boolean;
  /** The running process, when one matches the service's ProcessId or the entry's image names. */
  process?: Process;
}

function displayNameMatches(entry: AgentEntry, svc: Service): boolean {
  const display = svc.DisplayName?.toLowerCase();
  return !!display && !!entry.displayNamePrefixes?.some((p) => display.startsWith(p.toLowerCase()));
}

function serviceMatches(entry: AgentEntry, svc: Service): boolean {
  const name = svc.Name.toLowerCase();
  if (entry.serviceNames?.some((n) => n.toLowerCase() === name)) return true;
  if (entry.serviceNamePrefixes?.some((p) => name.startsWith(p.toLowerCase()))) return true;
  if (svc.PathName && entry.imageNames?.length) {
    const exe = imageKey(executableOf(svc.PathName));
    if (entry.imageNames.some((i) => imageKey(i) === exe)) return true;
  }
  return false;
}

export function findAgentInstances(entry: AgentEntry, services: readonly Service[], processes: readonly Process[] = []): AgentInstance[] {
  const instances: AgentInstance[] = [];
  const claimedPids = new Set<number>();
  for (const svc of services) {
    const byName = serviceMatches(entry, svc);
    if (!byName && !displayNameMatches(entry, svc)) continue;
    const process = svc.ProcessId ? processes.find((p) => p.ProcessId === svc.ProcessId) : undefined;
    if (svc.ProcessId) claimedPids.add(svc.ProcessId);
    instances.push(byName ? { service: svc, process } : { service: svc, process, byDisplayName: true });
  }
  const images = new Set((entry.imageNames ?? []).map(imageKey));
  for (const proc of processes) {
    if (!images.has(imageKey(proc.Name))) continue;
    if (proc.ProcessId && claimedPids.has(proc.ProcessId)) continue;
    // A second process of an agent that already has a service instance is that agent's helper.
    if (instances.some((i) => i.service)) continue;
    instances.push({ process: proc });
  }
  return instances;
}

/** A predicate for "belongs to a Tencent agent": such services and processes are never third-party AV. */
export function tencentComponentFilter(agents: readonly AgentEntry[]) {
  const images = new Set(agents.flatMap((a) => (a.imageNames ?? []).map(imageKey)));
  return {
    service: (svc: Service) => agents.some((entry) => serviceMatches(entry, svc) || displayNameMatches(entry, svc)),
    process: (proc: Process) => images.has(imageKey(proc.Name)),
  };
}
