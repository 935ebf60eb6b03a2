// Every option takes one value: given twice, yargs would make an array of it (crashing code that
// expects a string) or silently keep one. Found before yargs runs, so the error is one clear line.

/** yargs accepts --log-file, --logFile and --no-log-file for the same option. */
const canonical = (name: string) => name.replace(/^no-/, '').replace(/-/g, '').toLowerCase();

/** The first option named twice on the command line, as the user wrote it, or undefined. */
export function repeatedOption(argv: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const arg of argv) {
    if (arg === '--') break;
    const m = /^--([^=]+)/.exec(arg) ?? /^-([A-Za-z])$/.exec(arg);
    if (!m?.[1]) continue;
    const name = canonical(m[1]);
    if (seen.has(name)) return arg.replace(/=.*$/, '');
    seen.add(name);
  }
  return undefined;
}
