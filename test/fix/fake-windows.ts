// A Windows machine for `fix --apply` and `restore` to change, in memory: a Runner that answers sc.exe,
// reg.exe, tasklist.exe, taskkill.exe, logoff.exe, net.exe, icacls.exe and eventcreate.exe the way the real
// programs do (their output formats, exit codes and the UTF-16 file of `reg.exe export`), built from a
// fixture snapshot. No real command runs. Tests read its state before and after and inject failures.
import { writeFileSync } from 'node:fs';
import type { RunRequest, RunResult, Runner } from '../../src/collect/runner.js';
import type { Snapshot } from '../../src/snapshot/schema.js';

type Data = string | number | string[] | null;
interface Value {
  name: string;
  type: string;
  data: Data;
}
interface Key {
  path: string;
  values: Map<string, Value>;
}
interface Svc {
  name: string;
  start: number;
  delayed: boolean;
  state: number;
}

const SERVICES = 'HKLM\\SYSTEM\\CurrentControlSet\\Services';
const START: Record<string, number> = { boot: 0, system: 1, auto: 2, automatic: 2, manual: 3, demand: 3, disabled: 4 };
const STATE: Record<string, number> = { stopped: 1, startpending: 2, stoppending: 3, running: 4, paused: 7 };
const STATE_WORD: Record<number, string> = { 1: 'STOPPED', 2: 'START_PENDING', 3: 'STOP_PENDING', 4: 'RUNNING', 7: 'PAUSED' };

const norm = (p: string) =>
  p
    .replace(/^HKEY_LOCAL_MACHINE\\/i, 'HKLM\\')
    .replace(/\\+$/, '')
    .toLowerCase();
const long = (p: string) => p.replace(/^HKLM\\/i, 'HKEY_LOCAL_MACHINE\\');
const squash = (s: string) => s.replace(/[\s_-]/g, '').toLowerCase();

export interface Injected {
  /** Answer this call instead of the machine (a refusal, a timeout...). */
  (req: RunRequest, n: number): Partial<RunResult> | undefined;
}

export class FakeWindows implements Runner {
  readonly calls: RunRequest[] = [];
  readonly keys = new Map<string, Key>();
  readonly services = new Map<string, Svc>();
  readonly processes = new Map<number, { image: string; session: number }>();
  readonly sessions = new Set<number>();
  readonly events: string[][] = [];
  elevated = true;
  /** sc.exe start/stop leave the service pending for this many queries before it gets there. */
  pendingQueries = 1;
  inject?: Injected;
  private pending = new Map<string, { target: number; left: number }>();

  constructor(
    snapshot: Snapshot,
    readonly computerName = 'VM-0-12-WINDOWS',
  ) {
    const reg = snapshot.registry;
    if (reg && !('collectionError' in reg))
      for (const k of reg.keys) {
        if (k.error !== undefined || k.exists === false) continue;
        const key = this.key(k.path, true);
        for (const v of k.values ?? []) key?.values.set(v.name.toLowerCase(), { name: v.name, type: v.type, data: v.data });
      }
    this.key('HKLM\\SOFTWARE\\Microsoft\\Cryptography', true)?.values.set('machineguid', {
      name: 'MachineGuid',
      type: 'REG_SZ',
      data: '5f1c2b7e-0d3a-4c1e-9a55-0b6f8e2d4c11',
    });
    if (Array.isArray(snapshot.services))
      for (const s of snapshot.services) {
        const start = START[squash(s.StartMode)] ?? 3;
        this.services.set(s.Name.toLowerCase(), {
          name: s.Name,
          start,
          delayed: start === 2 && s.DelayedAutoStart === true,
          state: STATE[squash(s.State)] ?? 1,
        });
        const key = this.key(`${SERVICES}\\${s.Name}`, true);
        key?.values.set('start', { name: 'Start', type: 'REG_DWORD', data: start });
      }
    if (Array.isArray(snapshot.processes))
      for (const p of snapshot.processes) if (p.ProcessId) this.processes.set(p.ProcessId, { image: p.Name, session: p.SessionId ?? 0 });
    if (Array.isArray(snapshot.sessions)) for (const s of snapshot.sessions) this.sessions.add(s.sessionId);
  }

  /** Everything fix may change, comparable with toEqual. */
  state() {
    return {
      registry: [...this.keys.values()]
        .map((k) => ({ path: norm(k.path), values: [...k.values.values()].sort((a, b) => a.name.localeCompare(b.name)) }))
        .sort((a, b) => a.path.localeCompare(b.path)),
      services: [...this.services.values()].map((s) => ({ ...s })).sort((a, b) => a.name.localeCompare(b.name)),
      processes: [...this.processes.keys()].sort((a, b) => a - b),
      sessions: [...this.sessions].sort((a, b) => a - b),
    };
  }

  key(path: string, create = false): Key | undefined {
    const n = norm(path);
    let k = this.keys.get(n);
    if (!k && create) {
      // Creating a key creates its parents, as reg.exe add does.
      const parts = path.split('\\');
      for (let i = 2; i < parts.length; i++) {
        const p = parts.slice(0, i).join('\\');
        if (!this.keys.has(norm(p))) this.keys.set(norm(p), { path: p, values: new Map() });
      }
      k = { path, values: new Map() };
      this.keys.set(n, k);
    }
    return k;
  }

  setValue(path: string, name: string, type: string, data: Data) {
    this.key(path, true)?.values.set(name.toLowerCase(), { name, type, data });
  }

  async run(req: RunRequest): Promise<RunResult> {
    this.calls.push(req);
    const exe = (req.file.split(/[\\/]/).pop() ?? '').toLowerCase();
    const base: RunResult = { exitCode: 0, stdout: new Uint8Array(), stderr: new Uint8Array(), timedOut: false, durationMs: 3 };
    const injected = this.inject?.(req, this.calls.length);
    if (injected) return { ...base, ...injected };
    const out = (text: string, exitCode = 0): RunResult => ({ ...base, exitCode, stdout: Buffer.from(text, 'latin1') });
    const a = req.args;
    switch (exe) {
      case 'net.exe':
        return out('', this.elevated ? 0 : 2);
      case 'icacls.exe':
        return out('Successfully processed 1 files; Failed processing 0 files\r\n');
      case 'eventcreate.exe':
        this.events.push(a);
        return out('SUCCESS: An event of type was created.\r\n');
      case 'reg.exe':
        return this.reg(a, out);
      case 'sc.exe':
        return this.sc(a, out);
      case 'tasklist.exe': {
        const pid = Number(/PID eq (\d+)/.exec(a[1] ?? '')?.[1]);
        const p = this.processes.get(pid);
        return out(
          p
            ? `"${p.image}","${pid}","Console","${p.session}","12,345 K"\r\n`
            : 'INFO: No tasks are running which match the specified criteria.\r\n',
        );
      }
      case 'taskkill.exe': {
        const pid = Number(a[1]);
        if (!this.processes.delete(pid)) return out(`ERROR: The process "${pid}" not found.\r\n`, 128);
        return out(`SUCCESS: The process with PID ${pid} has been terminated.\r\n`);
      }
      case 'logoff.exe': {
        const id = Number(a[0]);
        if (!this.sessions.delete(id)) return out('Invalid session identifier\r\n', 1);
        return out('');
      }
      default:
        return { ...base, exitCode: null, startError: 'ENOENT' };
    }
  }

  private reg(a: string[], out: (t: string, c?: number) => RunResult): RunResult {
    const [verb, path = ''] = a;
    const opt = (flag: string) => {
      const at = a.findIndex((x) => x.toLowerCase() === flag);
      return at >= 0 ? a[at + 1] : undefined;
    };
    const key = this.key(path);
    const line = (v: Value) => `    ${v.name}    ${v.type}    ${this.queryData(v)}\r\n`;
    switch (verb) {
      case 'query': {
        if (!key) return out('ERROR: The system was unable to find the specified registry key or value.\r\n', 1);
        if (a.includes('/ve')) return out(`\r\n${long(key.path)}\r\n    (Default)    REG_SZ    (value not set)\r\n\r\n`);
        const name = opt('/v');
        if (name !== undefined) {
          const v = key.values.get(name.toLowerCase());
          return v
            ? out(`\r\n${long(key.path)}\r\n${line(v)}\r\n`)
            : out('ERROR: The system was unable to find the specified registry key or value.\r\n', 1);
        }
        const svc = norm(path).startsWith(norm(SERVICES) + '\\') ? this.services.get(norm(path).split('\\').pop() ?? '') : undefined;
        const values = [...key.values.values()];
        if (svc) {
          values.push({ name: 'DelayedAutostart', type: 'REG_DWORD', data: svc.delayed ? 1 : 0 });
          const start = values.find((v) => v.name === 'Start');
          if (start) start.data = svc.start;
        }
        return out(`\r\n${long(key.path)}\r\n${values.map(line).join('')}\r\n`);
      }
      case 'add': {
        const name = opt('/v') ?? '';
        const type = opt('/t') ?? 'REG_SZ';
        const raw = opt('/d') ?? '';
        const sep = opt('/s') ?? '\\0';
        const data: Data =
          type === 'REG_DWORD' || type === 'REG_QWORD' ? Number(raw) : type === 'REG_MULTI_SZ' ? (raw === '' ? [] : raw.split(sep)) : raw;
        this.setValue(path, name, type, data);
        return out('The operation completed successfully.\r\n');
      }
      case 'delete': {
        if (!key) return out('ERROR: The system was unable to find the specified registry key or value.\r\n', 1);
        const name = opt('/v');
        if (name === undefined) {
          for (const k of [...this.keys.keys()]) if (k === norm(path) || k.startsWith(norm(path) + '\\')) this.keys.delete(k);
        } else if (!key.values.delete(name.toLowerCase()))
          return out('ERROR: The system was unable to find the specified registry key or value.\r\n', 1);
        return out('The operation completed successfully.\r\n');
      }
      case 'export': {
        if (!key) return out('ERROR: The system was unable to find the specified registry key or value.\r\n', 1);
        const file = a[2] ?? '';
        const sections = [...this.keys.values()]
          .filter((k) => norm(k.path) === norm(path) || norm(k.path).startsWith(norm(path) + '\\'))
          .sort((x, y) => norm(x.path).localeCompare(norm(y.path)));
        const text = [
          'Windows Registry Editor Version 5.00',
          '',
          ...sections.flatMap((k) => [`[${long(k.path)}]`, ...[...k.values.values()].map((v) => this.exportLine(v)), '']),
        ].join('\r\n');
        writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${text}\r\n`, 'utf16le')]));
        return out('The operation completed successfully.\r\n');
      }
      default:
        return out('ERROR: Invalid syntax.\r\n', 1);
    }
  }

  private queryData(v: Value): string {
    if (typeof v.data === 'number') return `0x${v.data.toString(16)}`;
    if (Array.isArray(v.data)) return v.data.join('\\0');
    return v.data ?? '';
  }

  private exportLine(v: Value): string {
    const name = v.name === '' ? '@' : `"${v.name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const hex = (b: Buffer) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(',');
    const utf16z = (s: string) => Buffer.from(`${s}\0`, 'utf16le');
    switch (v.type) {
      case 'REG_SZ':
        return `${name}="${String(v.data ?? '')
          .replace(/\\/g, '\\\\')
          .replace(/"/g, '\\"')}"`;
      case 'REG_DWORD':
        return `${name}=dword:${Number(v.data).toString(16).padStart(8, '0')}`;
      case 'REG_EXPAND_SZ':
        return `${name}=hex(2):${hex(utf16z(String(v.data ?? '')))}`;
      case 'REG_MULTI_SZ': {
        const entries = Array.isArray(v.data) ? v.data : [];
        return `${name}=hex(7):${hex(Buffer.from(`${entries.map((e) => `${e}\0`).join('')}\0`, 'utf16le'))}`;
      }
      case 'REG_QWORD': {
        const b = Buffer.alloc(8);
        b.writeBigUInt64LE(BigInt(Number(v.data)));
        return `${name}=hex(b):${hex(b)}`;
      }
      case 'REG_BINARY':
        return `${name}=hex:${hex(Buffer.from(String(v.data ?? ''), 'hex'))}`;
      default:
        return `${name}=hex(0):`;
    }
  }

  private sc(a: string[], out: (t: string, c?: number) => RunResult): RunResult {
    const [verb, name = ''] = a;
    const svc = this.services.get(name.toLowerCase());
    if (!svc) return out('[SC] OpenService FAILED 1060:\r\n\r\nThe specified service does not exist as an installed service.\r\n', 1060);
    switch (verb) {
      case 'query': {
        const p = this.pending.get(svc.name);
        let state = svc.state;
        if (p) {
          if (p.left > 0) {
            p.left -= 1;
            state = p.target === 4 ? 2 : 3;
          } else this.pending.delete(svc.name);
        }
        return out(
          `\r\nSERVICE_NAME: ${svc.name}\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n        STATE              : ${state}  ${STATE_WORD[state] ?? ''}\r\n                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)\r\n        WIN32_EXIT_CODE    : 0  (0x0)\r\n        SERVICE_EXIT_CODE  : 0  (0x0)\r\n        CHECKPOINT         : 0x0\r\n        WAIT_HINT          : 0x0\r\n`,
        );
      }
      case 'config': {
        const type = a[3] ?? '';
        const map: Record<string, [number, boolean]> = {
          boot: [0, false],
          system: [1, false],
          auto: [2, false],
          'delayed-auto': [2, true],
          demand: [3, false],
          disabled: [4, false],
        };
        const m = map[type];
        if (!m) return out('[SC] ChangeServiceConfig FAILED 87\r\n', 87);
        [svc.start, svc.delayed] = m;
        return out('[SC] ChangeServiceConfig SUCCESS\r\n');
      }
      case 'start':
        if (svc.state === 4) return out('[SC] StartService FAILED 1056:\r\n\r\nAn instance of the service is already running.\r\n', 1056);
        if (svc.start === 4)
          return out('[SC] StartService FAILED 1058:\r\n\r\nThe service cannot be started, because it is disabled.\r\n', 1058);
        svc.state = 4;
        this.pending.set(svc.name, { target: 4, left: this.pendingQueries });
        return out('\r\nSERVICE_NAME: x\r\n        STATE              : 2  START_PENDING\r\n');
      case 'stop':
        if (svc.state === 1) return out('[SC] ControlService FAILED 1062:\r\n\r\nThe service has not been started.\r\n', 1062);
        svc.state = 1;
        this.pending.set(svc.name, { target: 1, left: this.pendingQueries });
        return out('\r\nSERVICE_NAME: x\r\n        STATE              : 3  STOP_PENDING\r\n');
      default:
        return out('ERROR\r\n', 1);
    }
  }
}
