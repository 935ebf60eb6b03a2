// Two bundles, one program. The start-up bundle (dist/image-preflight.cjs, the exe's main script) carries
// what `check --snapshot`, `--version` and `--help` run, and nothing else, so a cold start parses a third
// of the code. Every other command line hands over, before anything runs, to the full bundle
// (dist/image-preflight-full.cjs; an asset inside the exe), which is the whole program on its own. Only
// one of the two runs in a process: no object ever crosses from one to the other.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFunction } from 'node:vm';

// Set by scripts/build.mjs in the start-up bundle only: the full bundle's file name.
declare const IPF_FULL_BUILD: string | undefined;

export function fullBuildFile(): string | undefined {
  return typeof IPF_FULL_BUILD === 'string' ? IPF_FULL_BUILD : undefined;
}

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
  verbose: false,
  sysprep: false,
};
const LIGHT_FORMATS = new Set(['text', 'json', 'junit', 'markdown']);

/**
 * Whether the start-up bundle can run this command line by itself. Conservative: anything it does not
 * recognise goes to the full bundle, which is only slower, never wrong.
 */
export function carriedByStartupBundle(argv: readonly string[]): boolean {
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
    if (name === 'snapshot') snapshot = true;
    if (name === 'format' && !LIGHT_FORMATS.has(value)) return false;
  }
  return snapshot || argv.includes('--help') || argv.includes('-h');
}

/** Runs the full bundle in this process: from the exe's assets, or from beside this file. */
export function runFullBuild(file: string): void {
  const sea = loadSea();
  let filename: string;
  let code: string;
  if (sea?.isSea()) {
    filename = join(dirname(process.execPath), file);
    code = sea.getAsset(file, 'utf8');
  } else {
    filename = join(dirname(fileURLToPath(import.meta.url)), file);
    code = readFileSync(filename, 'utf8');
  }
  const body = code.startsWith('#!') ? code.slice(code.indexOf('\n') + 1) : code;
  const compiled = compileFunction(body, ['exports', 'require', 'module', '__filename', '__dirname'], { filename });
  const module = { exports: {} };
  Reflect.apply(compiled, undefined, [module.exports, createRequire(filename), module, filename, dirname(filename)]);
}

interface Sea {
  isSea(): boolean;
  getAsset(key: string, encoding: string): string;
}

function loadSea(): Sea | undefined {
  try {
    // node:sea is there from Node 20.12; the exe's Node has it, a plain Node may not.
    return createRequire(import.meta.url)('node:sea') as Sea; // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- Node's documented module
  } catch {
    return undefined;
  }
}
