// V8's code cache for the bundles: compiling the program, and then each function it calls on first use,
// is about 40% of what a run costs over bare Node (measured in `npm run bench`). After a run that had no
// usable cache, the loader asks V8 for the code of everything that run compiled and keeps it here; the
// next run of the same command starts from it. It is made on the machine that runs it, by the Node that
// runs it (a cache made at build time on Linux is rejected by the Windows exe).
//
// V8 runs a cache after checking little more than the source's length, its own version and its flags,
// so the cache lives only in a folder the user owns: %LOCALAPPDATA% on Windows (the profile's own ACL;
// SYSTEM's is under system32\config\systemprofile), $XDG_CACHE_HOME or ~/.cache elsewhere, where the
// folder and the file must belong to this user and be writable by no one else. The file name carries the
// bundle's SHA-256 (set at build time), the Node version and the architecture; any doubt means no cache,
// never a failed run. IPF_CODE_CACHE=off turns it off; IPF_CODE_CACHE_DIR moves it (same ownership rules).
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface CacheHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The running user's id (POSIX); undefined on Windows. */
  uid: number | undefined;
  home: () => string;
}

export const processHost = (): CacheHost => ({
  platform: process.platform,
  env: process.env,
  uid: typeof process.getuid === 'function' ? process.getuid() : undefined,
  home: homedir,
});

const SUFFIX = '.v8cache';

/** The folder the cache belongs in, or undefined when it is turned off or there is no user folder to use. */
export function cacheDir(host: CacheHost): string | undefined {
  const { env } = host;
  if (/^(0|off|false|no)$/i.test(env.IPF_CODE_CACHE ?? '')) return undefined;
  if (env.IPF_CODE_CACHE_DIR) return env.IPF_CODE_CACHE_DIR;
  if (host.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'image-preflight', 'code-cache') : undefined;
  let base = env.XDG_CACHE_HOME;
  if (!base) {
    try {
      base = join(host.home(), '.cache');
    } catch {
      return undefined;
    }
  }
  return join(base, 'image-preflight', 'code-cache');
}

/** The file for one bundle (`startup`, `full`) and command: the cache of one command is not another's. */
export function cacheKey(bundle: { name: string; sha256: string }, command: string): string {
  if (!/^[a-z]+$/.test(bundle.name) || !/^[0-9a-f]{16,}$/.test(bundle.sha256)) throw new Error(`bad bundle ${bundle.name}`);
  const word = /^[a-z][a-z-]{0,23}$/.test(command) ? command : 'other';
  return `${bundle.name}-${bundle.sha256.slice(0, 16)}-${word}-${process.version}-${process.arch}${SUFFIX}`;
}

/** POSIX: owned by this user and writable by no one else (and not a link). Windows: the profile's ACL. */
function trusted(path: string, host: CacheHost, kind: 'dir' | 'file'): boolean {
  try {
    const st = lstatSync(path);
    if (kind === 'dir' ? !st.isDirectory() : !st.isFile()) return false;
    if (host.platform === 'win32' || host.uid === undefined) return true;
    return st.uid === host.uid && (st.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

export function readCache(dir: string, key: string, host: CacheHost): Buffer | undefined {
  const file = join(dir, key);
  if (!trusted(dir, host, 'dir') || !trusted(file, host, 'file')) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Keeps the code of this run (atomically: a new file, then a rename) and removes caches of other builds
 * or other Node versions, so the folder holds one file per bundle and command. Never throws.
 */
export function writeCache(dir: string, key: string, data: Uint8Array, host: CacheHost): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!trusted(dir, host, 'dir')) return;
    const tmp = join(dir, `.${key}.${process.pid}.${Date.now()}.tmp`);
    writeFileSync(tmp, data, { flag: 'wx', mode: 0o600 });
    renameSync(tmp, join(dir, key));
    const [name, build] = key.split('-', 2);
    const current = `${process.version}-${process.arch}${SUFFIX}`;
    for (const entry of readdirSync(dir)) {
      // A run killed between writing and renaming leaves its temporary file: gone after an hour.
      if (entry.startsWith('.') && entry.endsWith('.tmp')) {
        if (Date.now() - lstatSync(join(dir, entry)).mtimeMs > 3_600_000) rmSync(join(dir, entry), { force: true });
        continue;
      }
      if (!entry.endsWith(SUFFIX) || !entry.startsWith(`${name ?? ''}-`)) continue;
      if (!entry.startsWith(`${name ?? ''}-${build ?? ''}-`) || !entry.endsWith(current)) rmSync(join(dir, entry), { force: true });
    }
  } catch {
    // A run never fails for its cache: the next one compiles from source again.
  }
}
