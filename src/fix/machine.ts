// This machine, as `fix --apply` and `restore` see and change it: every read and change is a program run
// through the runner (sc.exe, reg.exe, tasklist.exe, taskkill.exe, logoff.exe, net.exe), each within the
// command's deadline. What is parsed is never localized text: exit codes, sc.exe's numeric state
// (`STATE : 4 RUNNING` read by its number), the service key's Start and DelayedAutostart DWORDs (reg.exe
// type tokens and hex data are not translated), the UTF-16 file of `reg.exe export`, tasklist's CSV.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult, Runner } from '../collect/runner.js';
import type { MessageRef } from '../messages/types.js';
import { failureRef, runProgram } from '../schedule/task-service.js';
import type { Deadline } from '../util/deadline.js';
import type { Invocation } from './commands.js';
import { RESTORABLE_TYPES, type RegistryState, type RestorableType, type ServiceState, type StartType } from './model.js';
import { decodeRegFile, parseRegFile, shortKey, type RegFileKey } from './reg-file.js';

export interface FixRuntime {
  runner: Runner;
  env: Record<string, string | undefined>;
  deadline: Deadline;
  /** The journal's folder (SYSTEM and Administrators only); reg.exe exports go there too. */
  dir: string;
  sleep: (ms: number) => Promise<void>;
  now: () => Date;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; why: MessageRef };
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = (why: MessageRef): Outcome<never> => ({ ok: false, why });

/** How long a service may take to reach the state asked for (sc.exe start/stop return at once). */
export const SERVICE_WAIT_MS = 30_000;
const POLL_MS = 500;

export const SERVICES_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';
const CRYPTOGRAPHY_KEY = 'HKLM\\SOFTWARE\\Microsoft\\Cryptography';

const text = (r: RunResult) => Buffer.from(r.stdout).toString('latin1');
export const label = (inv: Invocation) => `${inv.exe} ${inv.args[0] ?? ''}`.trim();

export function run(rt: FixRuntime, inv: Invocation): Promise<RunResult> {
  return runProgram(rt, inv.exe, inv.args);
}

/** `net session` succeeds only for an elevated administrator: its exit code, not its text, tells. */
export async function isElevated(rt: FixRuntime): Promise<boolean> {
  const r = await runProgram(rt, 'net.exe', ['session']);
  return r.exitCode === 0;
}

/** HKLM\SOFTWARE\Microsoft\Cryptography MachineGuid, or null when it cannot be read. */
export async function machineGuid(rt: FixRuntime): Promise<string | null> {
  const r = await runProgram(rt, 'reg.exe', ['query', CRYPTOGRAPHY_KEY, '/v', 'MachineGuid']);
  if (r.exitCode !== 0) return null;
  return /^\s+MachineGuid\s+REG_SZ\s+([0-9A-Fa-f{}-]+)\s*$/m.exec(text(r))?.[1]?.toLowerCase() ?? null;
}

const START_TYPES_BY_NUMBER: Record<number, StartType> = { 0: 'boot', 1: 'system', 2: 'auto', 3: 'demand', 4: 'disabled' };

/** A DWORD of `reg.exe query` output by value name: `    Start    REG_DWORD    0x2`. */
function dwordIn(output: string, name: string): number | undefined {
  const m = new RegExp(`^ {4}${name} {4}REG_DWORD {4}0x([0-9a-fA-F]+)\\s*$`, 'im').exec(output);
  return m?.[1] ? Number.parseInt(m[1], 16) : undefined;
}

/** sc.exe query's second indented "label : value" line is STATE, whatever the label's language. */
export function stateCodeOf(output: string): number | undefined {
  const fields = output.split(/\r?\n/).filter((l) => /^\s+\S/.test(l) && l.includes(':'));
  const m = /:\s*(\d+)/.exec(fields[1] ?? '');
  return m?.[1] ? Number(m[1]) : undefined;
}

export async function readServiceState(rt: FixRuntime, name: string): Promise<Outcome<number>> {
  const r = await runProgram(rt, 'sc.exe', ['query', name]);
  if (r.exitCode !== 0) return fail(r.exitCode === 1060 ? { id: 'fix.why.noService', params: { name } } : failureRef('sc.exe query', r));
  const code = stateCodeOf(text(r));
  return code === undefined ? fail(failureRef('sc.exe query', r)) : ok(code);
}

export async function readService(rt: FixRuntime, name: string): Promise<Outcome<ServiceState>> {
  const r = await runProgram(rt, 'reg.exe', ['query', `${SERVICES_KEY}\\${name}`]);
  if (r.exitCode !== 0) return fail({ id: 'fix.why.noService', params: { name } });
  const start = dwordIn(text(r), 'Start');
  const startType = start === undefined ? undefined : START_TYPES_BY_NUMBER[start];
  if (!startType) return fail({ id: 'fix.why.unreadable', params: { what: `${SERVICES_KEY}\\${name} Start` } });
  const delayed = startType === 'auto' && dwordIn(text(r), 'DelayedAutostart') === 1;
  const state = await readServiceState(rt, name);
  if (!state.ok) return state;
  return ok({ startType: delayed ? 'delayed-auto' : startType, stateCode: state.value });
}

/** Waits until the service reports `code` (1 stopped, 4 running), within SERVICE_WAIT_MS and the deadline. */
export async function waitForState(rt: FixRuntime, name: string, code: number): Promise<Outcome<number>> {
  const until = Date.now() + Math.min(SERVICE_WAIT_MS, rt.deadline.remaining());
  for (;;) {
    const state = await readServiceState(rt, name);
    if (!state.ok || state.value === code) return state;
    if (Date.now() >= until || rt.deadline.expired) return fail({ id: 'fix.why.stateNotReached', params: { name, code: state.value } });
    await rt.sleep(POLL_MS);
  }
}

/** sc.exe's "already running" (1056) and "not started" (1062) mean the state asked for is there. */
const ALREADY: Record<string, number> = { start: 1056, stop: 1062 };

/** Runs an invocation; a failure is worded with the program's exit code and first line of output. */
export async function invoke(rt: FixRuntime, inv: Invocation): Promise<Outcome<true>> {
  const r = await run(rt, inv);
  if (r.exitCode === 0) return ok(true);
  if (inv.exe === 'sc.exe' && r.exitCode !== null && ALREADY[inv.args[0] ?? ''] === r.exitCode) return ok(true);
  return fail(failureRef(label(inv), r));
}

/** Runs `reg.exe export KEY file` into the journal folder and reads the file back (then deletes it). */
async function exportKey(rt: FixRuntime, key: string): Promise<Outcome<RegFileKey[] | null>> {
  const file = join(rt.dir, `export-${randomBytes(8).toString('hex')}.reg`);
  try {
    const r = await runProgram(rt, 'reg.exe', ['export', key, file, '/y']);
    if (r.timedOut || r.startError) return fail(failureRef('reg.exe export', r));
    // Exit code 1: the key does not exist (reg.exe says so only in localized text).
    if (r.exitCode !== 0) return ok(null);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return fail(failureRef('reg.exe export', r));
    }
    return ok(parseRegFile(decodeRegFile(bytes)));
  } finally {
    rmSync(file, { force: true });
  }
}

const sameKey = (a: string, b: string) => shortKey(a).toLowerCase() === shortKey(b).toLowerCase();

/** `reg.exe query KEY /ve` exits 0 exactly when the key exists. */
async function keyExists(rt: FixRuntime, key: string): Promise<Outcome<boolean>> {
  const r = await runProgram(rt, 'reg.exe', ['query', key, '/ve']);
  if (r.timedOut || r.startError) return fail(failureRef('reg.exe query', r));
  return ok(r.exitCode === 0);
}

const isRestorable = (t: string): t is RestorableType => (RESTORABLE_TYPES as readonly string[]).includes(t);

/**
 * A value as it is now, exactly (type and data), or its absence with the keys a write would create (so
 * that restore can remove them again when they are still empty).
 */
export async function readRegistryValue(rt: FixRuntime, key: string, name: string): Promise<Outcome<RegistryState>> {
  const dump = await exportKey(rt, key);
  if (!dump.ok) return dump;
  if (dump.value === null) {
    const createdKeys: string[] = [];
    let k = key;
    // Up to the first key that exists; never the hive itself.
    while (k.split('\\').length > 2) {
      const exists = await keyExists(rt, k);
      if (!exists.ok) return exists;
      if (exists.value) break;
      createdKeys.push(k);
      k = k.slice(0, k.lastIndexOf('\\'));
    }
    return ok({ exists: false, createdKeys });
  }
  const own = dump.value.find((d) => sameKey(d.path, key));
  const value = own?.values.find((v) => v.name.toLowerCase() === name.toLowerCase());
  if (!value) return ok({ exists: false, createdKeys: [] });
  if (!isRestorable(value.type)) return fail({ id: 'fix.why.cannotRecord', params: { what: `${key}\\${name}`, type: value.type } });
  return ok({ exists: true, type: value.type, data: value.data });
}

/** True when the key has no values and no subkeys (a key fix created and nothing else has used). */
export async function keyIsEmpty(rt: FixRuntime, key: string): Promise<Outcome<boolean | null>> {
  const dump = await exportKey(rt, key);
  if (!dump.ok) return dump;
  if (dump.value === null) return ok(null);
  return ok(dump.value.length === 1 && (dump.value[0]?.values.length ?? 0) === 0);
}

export function sameRegistryState(a: RegistryState, b: RegistryState): boolean {
  if (!a.exists || !b.exists) return a.exists === b.exists;
  if (a.type !== b.type) return false;
  const norm = (d: RegistryState & { exists: true }) =>
    typeof d.data === 'string' && a.type === 'REG_BINARY' ? d.data.toLowerCase() : d.data;
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** CSV fields of one tasklist line ("WerFault.exe","1234","Console","1","12,345 K"). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"'));
}

/** Whether process `pid` runs and is still `image` (its PID is reused once it ends). */
export async function processRunning(rt: FixRuntime, pid: number, image: string): Promise<Outcome<boolean>> {
  const r = await runProgram(rt, 'tasklist.exe', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH']);
  if (r.exitCode !== 0) return fail(failureRef('tasklist.exe', r));
  for (const line of text(r).split(/\r?\n/)) {
    const [name, id] = csvFields(line);
    if (id === String(pid)) return ok((name ?? '').toLowerCase() === image.toLowerCase());
  }
  return ok(false);
}

/** Waits until process `pid` is gone (taskkill /F returns before the process has ended). */
export async function waitForExit(rt: FixRuntime, pid: number, image: string): Promise<Outcome<boolean>> {
  const until = Date.now() + Math.min(SERVICE_WAIT_MS, rt.deadline.remaining());
  for (;;) {
    const running = await processRunning(rt, pid, image);
    if (!running.ok || !running.value) return running;
    if (Date.now() >= until || rt.deadline.expired) return fail({ id: 'fix.why.stillRunning', params: { image, pid } });
    await rt.sleep(POLL_MS);
  }
}
