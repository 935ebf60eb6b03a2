// Win32_Service State/StartMode normalised: CIM writes "Stop Pending", "Auto"; hand-written captures
// and Get-Service write "StopPending", "Automatic". Neither is localized.
import type { Evidence } from '../define-check.js';
import type { Process, Service } from '../../snapshot/schema.js';

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

export function findService(services: readonly Service[], name: string): Service | undefined {
  const wanted = name.toLowerCase();
  return services.find((s) => s.Name.toLowerCase() === wanted);
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

/** Quotes a service name for sc.exe when it has spaces. */
export function scName(name: string): string {
  return /[\s&|<>^]/.test(name) ? `"${name}"` : name;
}

/** Commands that set a service to start automatically (unless it already does) and start it. */
export function enableAndStartCommands(svc: Service): string[] {
  const cmds: string[] = [];
  if (startMode(svc) !== 'auto') cmds.push(`sc.exe config ${scName(svc.Name)} start= auto`);
  cmds.push(`sc.exe start ${scName(svc.Name)}`);
  return cmds;
}
