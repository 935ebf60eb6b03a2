// The programs a step runs, once: `fix --apply` and `restore` start them with these arguments (no shell in
// between), the plan prints them for cmd.exe and Windows PowerShell alike, and the PowerShell script
// quotes each argument for PowerShell. Machine data is an argument, never part of a command string.
import { quotedArg, shellArg } from '../util/shell-command.js';
import type { RegistryState, ServiceState, ServiceStep, Step, StartType } from './model.js';
import { irreversible, wantedStartType } from './model.js';

export interface Invocation {
  /** A program in %SystemRoot%\System32. */
  exe: 'sc.exe' | 'reg.exe' | 'taskkill.exe' | 'logoff.exe';
  args: string[];
  /** Arguments always printed in double quotes (service names, registry paths), by position. */
  quoted?: number[];
}

const sc = (verb: string, name: string, ...rest: string[]): Invocation => ({ exe: 'sc.exe', args: [verb, name, ...rest], quoted: [1] });
const reg = (verb: 'add' | 'delete', key: string, ...rest: string[]): Invocation => ({
  exe: 'reg.exe',
  args: [verb, key, ...rest],
  quoted: [1],
});

/** The line an admin can paste into either shell, or undefined when an argument cannot be written safely there. */
export function printed(inv: Invocation): string | undefined {
  const args = inv.args.map((a, i) => (inv.quoted?.includes(i) ? quotedArg(a) : shellArg(a)));
  if (args.some((a) => a === undefined)) return undefined;
  return [inv.exe, ...args].join(' ');
}

/** Printed lines of several invocations, or undefined when one of them cannot be printed. */
export function printedAll(invs: readonly Invocation[]): string[] | undefined {
  const lines = invs.map(printed);
  return lines.every((l): l is string => l !== undefined) ? lines : undefined;
}

export const RUNNING = 4;
export const STOPPED = 1;

/** What a service step runs from a known state; with none, what it runs from the usual one (Automatic, running). */
export function serviceDo(step: ServiceStep, current?: ServiceState): Invocation[] {
  const out: Invocation[] = [];
  const type = current ? wantedStartType(step, current.startType) : step.startType === 'manual-if-auto' ? 'demand' : step.startType;
  if (type && type !== current?.startType) out.push(sc('config', step.name, 'start=', type));
  if (step.state === 'running' && current?.stateCode !== RUNNING) out.push(sc('start', step.name));
  if (step.state === 'stopped' && current?.stateCode !== STOPPED) out.push(sc('stop', step.name));
  return out;
}

/** What puts a service back as `previous` recorded it, from `current` (or from the step's target). */
export function serviceUndo(step: ServiceStep, previous: ServiceState, current?: ServiceState): Invocation[] {
  const out: Invocation[] = [];
  const nowType: StartType | undefined = current?.startType ?? wantedStartType(step, previous.startType);
  if (nowType !== undefined && nowType !== previous.startType) out.push(sc('config', step.name, 'start=', previous.startType));
  const nowState = current?.stateCode ?? (step.state === 'running' ? RUNNING : step.state === 'stopped' ? STOPPED : previous.stateCode);
  if (previous.stateCode === RUNNING && nowState !== RUNNING) out.push(sc('start', step.name));
  if (previous.stateCode === STOPPED && nowState !== STOPPED) out.push(sc('stop', step.name));
  return out;
}

export function registryDo(key: string, name: string, value: { type: 'REG_DWORD'; data: number } | null): Invocation {
  return value ? reg('add', key, '/v', name, '/t', value.type, '/d', String(value.data), '/f') : reg('delete', key, '/v', name, '/f');
}

/** A separator for REG_MULTI_SZ entries that none of them contains. */
function multiSeparator(entries: readonly string[]): string | undefined {
  return ['|', '#', '~', ';', ',', '^', '`', '\u0001'].find((c) => !entries.some((e) => e.includes(c)));
}

/** Writes the value back exactly as recorded (type and data), or deletes it when it did not exist. */
export function registryRestore(key: string, name: string, previous: RegistryState): Invocation | undefined {
  if (!previous.exists) return reg('delete', key, '/v', name, '/f');
  const { type, data } = previous;
  if (type === 'REG_MULTI_SZ') {
    const entries = Array.isArray(data) ? data : [String(data)];
    const sep = multiSeparator(entries);
    if (sep === undefined) return undefined;
    return reg('add', key, '/v', name, '/t', type, '/s', sep, '/d', entries.join(sep), '/f');
  }
  return reg('add', key, '/v', name, '/t', type, '/d', Array.isArray(data) ? data.join('') : String(data), '/f');
}

export function stepDo(step: Step, current?: ServiceState): Invocation[] {
  switch (step.kind) {
    case 'service':
      return serviceDo(step, current);
    case 'registry':
      return [registryDo(step.key, step.name, step.value)];
    case 'end-process':
      return [{ exe: 'taskkill.exe', args: ['/PID', String(step.pid), '/F'] }];
    case 'logoff':
      return [{ exe: 'logoff.exe', args: [String(step.sessionId)] }];
  }
}

/** The undo as a plan can print it before anything ran: from the state the report saw, when it saw one. */
export function plannedUndo(step: Step, seen?: ServiceState): Invocation[] | undefined {
  if (irreversible(step)) return [];
  if (step.kind === 'service') return seen ? serviceUndo(step, seen) : undefined;
  return undefined;
}
