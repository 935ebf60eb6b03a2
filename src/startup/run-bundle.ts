// Runs one of the two bundles (src/startup/full-build.ts says which) in this process, from the exe's
// assets or from beside the loader, through V8's code cache when there is a trusted one
// (src/startup/code-cache.ts). The bundle sees what Node gives a CommonJS module.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDir, cacheKey, processHost, readCache, writeCache } from './code-cache.js';

export interface Bundle {
  /** `startup` or `full`: the cache's name for it. */
  name: string;
  /** Its file name, beside the loader (and the exe's asset key). */
  file: string;
  /** SHA-256 of its text, set by scripts/build.mjs. */
  sha256: string;
}

interface Sea {
  isSea(): boolean;
  getAsset(key: string, encoding: string): string;
}

function loadSea(loaderFile: string): Sea | undefined {
  try {
    // node:sea is there from Node 20.12; the exe's Node has it, a plain Node may not.
    return createRequire(loaderFile)('node:sea') as Sea; // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- Node's documented module
  } catch {
    return undefined;
  }
}

/** `command`: which command line this is, for the cache (one file per command). */
export function runBundle(bundle: Bundle, command: string, loaderFile: string): void {
  const sea = loadSea(loaderFile);
  const exe = sea?.isSea() === true ? sea : undefined;
  const filename = join(dirname(exe ? process.execPath : loaderFile), bundle.file);
  let code: string;
  try {
    code = exe ? exe.getAsset(bundle.file, 'utf8') : readFileSync(filename, 'utf8');
  } catch (err) {
    // The loader copied without its bundles: one line and exit 3, not a stack trace. In English: the
    // sentences in the reader's language are in the bundle that is missing.
    const why = (err as NodeJS.ErrnoException).code ?? 'unreadable'; // eslint-disable-line @typescript-eslint/no-unsafe-type-assertion -- fs errors carry a code
    process.stderr.write(
      `image-preflight: cannot read ${bundle.file} beside ${basename(loaderFile)} (${why}); copy the whole dist folder, or run npm run build\n`,
    );
    process.exitCode = 3;
    return;
  }
  // The wrapper stays on the first line, so line numbers in a stack trace are the file's own.
  const body = code.startsWith('#!') ? `//${code.slice(2)}` : code;
  const source = `(function (exports, require, module, __filename, __dirname) {${body}\n})`;

  const host = processHost();
  const dir = cacheDir(host);
  const key = cacheKey(bundle, command);
  const cachedData = dir === undefined ? undefined : readCache(dir, key, host);
  const script = new Script(source, { filename, cachedData });
  if (dir !== undefined && (cachedData === undefined || script.cachedDataRejected === true))
    // At exit the cache holds every function this run compiled, not only the top level.
    process.once('exit', () => {
      writeCache(dir, key, script.createCachedData(), host);
    });
  // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- the wrapper above is this function
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
}
