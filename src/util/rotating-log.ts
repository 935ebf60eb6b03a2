// The scheduled check's own log rotation: one file a day (image-preflight-YYYY-MM-DD.log, UTC), a size
// cap per file, the newest N kept. It keeps no state on disk: which files exist is read from the folder
// each time, and only files whose names are exactly its own are ever deleted, so nothing a user plants
// in the folder can make it delete or write elsewhere.
import { appendFileSync, lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A file a day, 1 MB at most each, 14 files: bounded at ~14 MB. */
export const ROTATION = { maxBytes: 1024 * 1024, keep: 14 } as const;

const NAME = /^image-preflight-(\d{4}-\d{2}-\d{2})\.log$/;

export const logFileName = (day: Date) => `image-preflight-${day.toISOString().slice(0, 10)}.log`;

/** Our own log files in `names` that fall outside the newest `keep` (by the date in the name, today's never). */
export function logFilesToPrune(names: readonly string[], keep: number, today: Date): string[] {
  const todayName = logFileName(today);
  const ours = names.filter((n) => NAME.test(n)).sort();
  // A future-dated name (a clock that was wrong once) must not push today's log out.
  const past = ours.filter((n) => n <= todayName);
  return past.slice(0, Math.max(0, past.length - keep)).filter((n) => n !== todayName);
}

export class DailyLogFiles {
  private pruned = false;

  constructor(
    private readonly dir: string,
    private readonly options: { maxBytes: number; keep: number; now?: () => Date },
  ) {}

  append(line: string): void {
    const today = (this.options.now ?? (() => new Date()))();
    const file = join(this.dir, logFileName(today));
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      // A new day's file.
    }
    if (size + Buffer.byteLength(line) > this.options.maxBytes) return;
    appendFileSync(file, line);
    if (!this.pruned) {
      this.pruned = true;
      this.prune(today);
    }
  }

  private prune(today: Date): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of logFilesToPrune(names, this.options.keep, today)) {
      const path = join(this.dir, name);
      try {
        if (lstatSync(path).isFile()) rmSync(path);
      } catch {
        // Gone already, or not ours to remove.
      }
    }
  }
}
