// What the long commands (capture, fleet run) print while they run, through the console the CLI entry
// hands them (src/cli.ts stays the only code that touches stdout and stderr), and their Ctrl-C.
import type { Translator } from '../messages/format.js';
import { visible } from '../util/safe-text.js';

export interface LiveConsole {
  /** Now, not at the end: the check's report before a capture that takes ten minutes. */
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: a progress line is rewritten in place. */
  errIsTTY: boolean;
}

export interface LongRunEnv {
  console?: LiveConsole;
  /** Ctrl-C: the first aborts this signal, a second ends the process (src/cli.ts). */
  interrupts?: () => AbortSignal;
}

export interface ProgressLine {
  /** `key` is what makes a line worth printing off a terminal (a new state, new counts). */
  update(text: string, key: string): void;
  /** Ends the line on a terminal, so what follows starts on its own. */
  done(): void;
}

/** Off a terminal, an unchanged line is repeated at most this often (a sign of life in a log). */
const PLAIN_REPEAT_MS = 60_000;

export function progressLine(live: LiveConsole | undefined, now: () => number = Date.now): ProgressLine {
  let lastKey: string | null = null;
  let lastAt = 0;
  let open = false;
  return {
    update(text, key) {
      if (!live) return;
      const line = visible(text);
      if (live.errIsTTY) {
        live.err(`\r${line}\x1b[K`);
        open = true;
        return;
      }
      if (key === lastKey && now() - lastAt < PLAIN_REPEAT_MS) return;
      lastKey = key;
      lastAt = now();
      live.err(`${line}\n`);
    },
    done() {
      if (live && open) live.err('\n');
      open = false;
    },
  };
}

/** 45 s, 12 min 3 s: elapsed time in the reader's language. */
export function elapsedText(ms: number, t: Translator['t']): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? t('time.minSec', { minutes, seconds }) : t('time.sec', { seconds });
}
