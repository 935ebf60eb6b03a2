// What a command hands back to the CLI entry: text for stdout or a file, the exit code, and the
// language everything was worded in (known only once a snapshot is read: a Chinese CVM's report,
// and an error writing it, are both in Chinese). Failures that happen after the language is known
// travel here too, so nothing needs to remember the language on the side.
import type { InputError } from '../errors.js';
import type { Lang } from '../messages/types.js';

export interface Outcome {
  lang: Lang;
  exitCode: number;
  /** Printed to stdout, or written atomically to `output` when that is set. */
  text: string;
  output?: string;
  /** Lines for stderr under --verbose and for the log file (stack traces of checks that threw). */
  diagnostics?: string[];
  /** A failure worded in `lang` (one line, exit code 3). */
  error?: InputError;
}

export const printed = (text: string, lang: Lang, exitCode = 0, output?: string): Outcome => ({ text, output, exitCode, lang });
