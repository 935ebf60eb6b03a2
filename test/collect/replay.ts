// A fake Runner that replays recorded output and counts what was spawned.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { CollectOptions } from '../../src/collect/collect.js';
import type { RunRequest, RunResult, Runner } from '../../src/collect/runner.js';
import { HEALTHY_EXAMPLES } from '../../src/snapshot/schema.js';

export const RECORDINGS = new URL('../../fixtures/recordings/', import.meta.url);

export function recording(machine: string, file: string): Buffer {
  return readFileSync(new URL(`${machine}/${file}`, RECORDINGS));
}

export type Reply = Partial<RunResult> | ((req: RunRequest) => Partial<RunResult>);

/** Replies keyed by the program's name without .exe: powershell, cmd, schtasks, eventcreate, icacls. */
export class ReplayRunner implements Runner {
  readonly calls: RunRequest[] = [];
  constructor(private readonly replies: Partial<Record<'powershell' | 'cmd' | 'schtasks' | 'eventcreate' | 'icacls', Reply>>) {}
  async run(req: RunRequest): Promise<RunResult> {
    this.calls.push(req);
    const which = (req.file.split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.exe$/, '') as keyof typeof this.replies;
    const reply = this.replies[which];
    if (!reply)
      return { exitCode: null, stdout: new Uint8Array(), stderr: new Uint8Array(), timedOut: false, startError: 'ENOENT', durationMs: 1 };
    const r = typeof reply === 'function' ? reply(req) : reply;
    return { exitCode: 0, stdout: new Uint8Array(), stderr: new Uint8Array(), timedOut: false, durationMs: 5, ...r };
  }
}

export const WINDOWS_ENV = {
  SystemRoot: 'C:\\Windows',
  SystemDrive: 'C:',
  COMPUTERNAME: 'VM-0-12-WINDOWS',
  ComSpec: 'C:\\Windows\\system32\\cmd.exe',
};

/** Node's own probes as on a CVM of a Tencent public image (the fixtures' instance and reachability): no
 * test reaches the real metadata service or KMS. */
export const healthyNetwork = () =>
  Promise.resolve(structuredClone({ instance: HEALTHY_EXAMPLES.instance, reachability: HEALTHY_EXAMPLES.reachability }));

export function options(runner: Runner, overrides: Partial<CollectOptions> = {}): CollectOptions {
  return {
    runner,
    platform: 'win32',
    arch: 'x64',
    env: WINDOWS_ENV,
    pid: 7312,
    timeoutMs: 60_000,
    tempDir: tmpdir(),
    fileExists: () => true,
    now: () => new Date('2026-11-23T02:00:00Z'),
    probeNetwork: healthyNetwork,
    ...overrides,
  };
}
