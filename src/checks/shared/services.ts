// Win32_Service State/StartMode normalised: CIM writes "Stop Pending", "Auto"; hand-written captures
// and Get-Service write "StopPending", "Automatic". Neither is localized.
import type { Evidence } from '../define-check.js';
import type { Process, Service } from '../../snapshot/schema.js';
import { quotedArg } from '../../util/shell-command.js';

export type ServiceState =
  'running' | 'stopped' | 'start-pending' | 'stop-pending' | 'paused' | 'pause-pending' | 'continue-pending' | 'unknown';
export type StartMode = 'auto' | 'manual' | 'disabled' | 'boot' | 'system' | 'unknown';

const STATES: Record<string, ServiceState> = {
  running: 'running',
  stopped: 'stopped',
  startpending: 'start-pending',
  stoppending: 'stop-pending',
  paused: 'paused',
  pausepending: 'pause-pending',
  continuepending: 'continue-pending',
};
const MODES: Record<string, StartMode> = {
  auto: 'auto',
  automatic: 'auto',
  manual: 'manual',
  demand: 'manual',
  disabled: 'disabled',
  boot: 'boot',
  system: 'system',
};

const squash = (s: string) => s.replace(/[\s_-]/g, '').toLowerCase();

export function serviceState(svc: Service): ServiceState {
  return STATES[squash(svc.State)] ?? 'unknown';
}

export function startMode(svc: Service): StartMode {
  return MODES[squash(svc.StartMode)] ?? 'unknown';
}

/** Services by lower-cased name, built once per list: a dozen checks look names up in 10,000 services. */
const byName = new WeakMap<readonly Service[], { length: number; map: Map<string, Service> }>();

export function findService(services: readonly Service[], name: string): Service | undefined {
  let index = byName.get(services);
  if (!index || index.length !== services.length) {
    const map = new Map<string, Service>();
    // The first service of a name wins, as a search from the start would find it.
    for (const s of services) {
      const key = s.Name.toLowerCase();
      if (!map.has(key)) map.set(key, s);
    }
    byName.set(services, (index = { length: services.length, map }));
  }
  const found = index.map.get(name.toLowerCase());
  // A list edited in place since (tests do) is looked through again.
  return found && found.Name.toLowerCase() === name.toLowerCase()
    ? found
    : services.find((s) => s.Name.toLowerCase() === name.toLowerCase());
}

export function serviceEvidence(svc: Service): Evidence {
  const data: Record<string, unknown> = { State: svc.State, StartMode: svc.StartMode };
  if (svc.PathName) data.PathName = svc.PathName;
  if (svc.ProcessId) data.ProcessId = svc.ProcessId;
  if (svc.DelayedAutoStart) data.DelayedAutoStart = true;
  return { kind: 'service', ref: svc.Name, data };
}

export function processEvidence(proc: Process): Evidence {
  const data: Record<string, unknown> = {};
  if (proc.ProcessId !== undefined && proc.ProcessId !== null) data.ProcessId = proc.ProcessId;
  if (proc.SessionId !== undefined && proc.SessionId !== null) data.SessionId = proc.SessionId;
  if (proc.ExecutablePath) data.ExecutablePath = proc.ExecutablePath;
  return { kind: 'process', ref: proc.Name, data };
}

/**
 * A service name in double quotes that cmd.exe and Windows PowerShell both hand to sc.exe unchanged, or
 * undefined when the name holds a character one of them would still interpret (src/util/shell-command.ts).
 * A name is data from the machine, so it is never trusted into a command.
 */
export function quotedServiceName(name: string): string | undefined {
  return quotedArg(name);
}

/** `sc.exe <verb> "<name>" …` for each service, or undefined when a name cannot be quoted safely. */
export function scCommands(services: readonly Service[], command: (quoted: string) => string[]): string[] | undefined {
  const out: string[] = [];
  for (const svc of services) {
    const quoted = quotedServiceName(svc.Name);
    if (quoted === undefined) return undefined;
    out.push(...command(quoted));
  }
  return out;
}

/** Commands that set a service to start automatically (unless it already does) and start it. */
export function enableAndStartCommands(svc: Service): string[] | undefined {
  return scCommands([svc], (name) => [...(startMode(svc) === 'auto' ? [] : [`sc.exe config ${name} start= auto`]), `sc.exe start ${name}`]);
}
