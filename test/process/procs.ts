// Helpers for tests that start real processes and must leave none behind.
import { readFileSync } from 'node:fs';

/** Alive and not a zombie: a killed orphan stays a zombie until its new parent reaps it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ..."; comm may contain spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/** Polls until the process is gone; a few seconds at most, for busy machines. */
export async function waitGone(pid: number, withinMs = 6000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !isAlive(pid);
}

/** "label 1234" lines, as the test scripts print them. */
export function pidOf(text: string | Uint8Array, label: string): number {
  const s = typeof text === 'string' ? text : Buffer.from(text).toString('utf8');
  const m = new RegExp(`^${label} (\\d+)$`, 'm').exec(s);
  if (!m) throw new Error(`no "${label} <pid>" line in: ${JSON.stringify(s.slice(0, 200))}`);
  return Number(m[1]);
}

/** Remembers PIDs a test learnt, and SIGKILLs any still alive afterwards (even when the test failed). */
export class Survivors {
  private readonly pids = new Set<number>();
  add(...pids: number[]): void {
    for (const pid of pids) this.pids.add(pid);
  }
  reap(): void {
    for (const pid of this.pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    this.pids.clear();
  }
}

/** Counts of what keeps the event loop alive, by type (ProcessWrap, PipeWrap, Timeout...). */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
