// Two bundles, one program. The start-up bundle (dist/image-preflight-startup.cjs) carries what
// `check --snapshot`, `--version` and `--help` run, and nothing else, so a cold start parses a third of
// the code; the full bundle (dist/image-preflight-full.cjs) is the whole program on its own. The loader
// (dist/image-preflight.cjs: the `bin`, the exe's main script, src/startup/loader.ts) picks one before
// anything runs; in the exe both are assets. Only one of the two runs in a process.

/** Options `check --snapshot` takes, and whether each takes a value. */
const CHECK_OPTIONS: Readonly<Record<string, boolean>> = {
  snapshot: true,
  config: true,
  format: true,
  output: true,
  lang: true,
  timeout: true,
  'log-file': true,
  color: false,
  'no-color': false,
  crlf: false,
  'no-crlf': false,
  verbose: false,
  sysprep: false,
};
const LIGHT_FORMATS = new Set(['text', 'json', 'junit', 'markdown']);

/**
 * Whether the start-up bundle can run this command line by itself. Conservative: anything it does not
 * recognise goes to the full bundle, which is only slower, never wrong. `isBatchOutput` peeks at the
 * beginning of the `--snapshot` file.
 */
export function carriedByStartupBundle(argv: readonly string[], isBatchOutput: (file: string) => boolean = () => false): boolean {
  if (argv.length === 1 && ['--version', '--help', '-h'].includes(argv[0] ?? '')) return true;
  const args = argv[0] === 'check' ? argv.slice(1) : [...argv];
  let snapshot = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') continue;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m?.[1]) return false;
    const name = m[1];
    const takesValue = CHECK_OPTIONS[name];
    if (takesValue === undefined) return false;
    if (!takesValue) {
      if (m[2] !== undefined) return false;
      continue;
    }
    const value = m[2] ?? args[++i];
    if (value === undefined) return false;
    // The batch's output (Server 2008 R2) is turned into a snapshot by the full bundle only.
    if (name === 'snapshot') {
      if (isBatchOutput(value)) return false;
      snapshot = true;
    }
    if (name === 'format' && !LIGHT_FORMATS.has(value)) return false;
  }
  return snapshot || argv.includes('--help') || argv.includes('-h');
}

/** The command a line runs, to keep one code cache per command: `check` unless another is named. */
export function commandOf(argv: readonly string[], startup: boolean): string {
  if (startup) return argv.includes('--help') || argv.includes('-h') ? 'help' : argv.includes('--version') ? 'version' : 'check';
  return argv.find((a) => !a.startsWith('-')) ?? 'check';
}
