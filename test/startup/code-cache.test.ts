// V8's code cache (src/startup/code-cache.ts): where it lives, when it is trusted, and that a run with a
// cache, with a damaged one or with none prints the same bytes.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir, cacheKey, readCache, writeCache, type CacheHost } from '../../src/startup/code-cache.js';
import { commandOf } from '../../src/startup/full-build.js';
import { fixturePath } from '../helpers.js';

const uid = process.getuid?.();
const posix = (env: NodeJS.ProcessEnv = {}): CacheHost => ({ platform: 'linux', env, uid, home: () => '/home/admin' });
const BUNDLE = { name: 'startup', sha256: 'a'.repeat(64) };
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describe('where the cache lives', () => {
  it("in the user's own folders, or nowhere", () => {
    expect(cacheDir({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\admin\\AppData\\Local' }, uid: undefined, home: () => '' })).toBe(
      join('C:\\Users\\admin\\AppData\\Local', 'image-preflight', 'code-cache'),
    );
    expect(cacheDir({ platform: 'win32', env: {}, uid: undefined, home: () => 'C:\\Users\\admin' })).toBeUndefined();
    expect(cacheDir(posix())).toBe('/home/admin/.cache/image-preflight/code-cache');
    expect(cacheDir(posix({ XDG_CACHE_HOME: '/var/cache/admin' }))).toBe('/var/cache/admin/image-preflight/code-cache');
    expect(cacheDir(posix({ IPF_CODE_CACHE_DIR: '/srv/ipf-cache' }))).toBe('/srv/ipf-cache');
    for (const off of ['off', '0', 'false', 'NO'])
      expect(cacheDir(posix({ IPF_CODE_CACHE: off, IPF_CODE_CACHE_DIR: '/x' }))).toBeUndefined();
    const homeless: CacheHost = { ...posix(), home: () => { throw new Error('no home'); } }; // prettier-ignore
    expect(cacheDir(homeless)).toBeUndefined();
  });

  it('one file per bundle, build, command, Node version and architecture; a strange command word is "other"', () => {
    expect(cacheKey(BUNDLE, 'check')).toBe(`startup-aaaaaaaaaaaaaaaa-check-${process.version}-${process.arch}.v8cache`);
    expect(cacheKey(BUNDLE, '../../etc/passwd')).toContain('-other-');
    expect(cacheKey(BUNDLE, 'C:\\x')).toContain('-other-');
    expect(() => cacheKey({ name: '../x', sha256: 'a'.repeat(64) }, 'check')).toThrow();
    expect(commandOf(['--snapshot', 'x.json'], true)).toBe('check');
    expect(commandOf(['--version'], true)).toBe('version');
    expect(commandOf(['check', '--help'], true)).toBe('help');
    // An option's value before the command is taken for it: only the cache's file name is affected.
    expect(cacheKey(BUNDLE, commandOf(['--lang', 'zh-CN', 'summarize', 'r'], false))).toContain('-other-');
    expect(commandOf(['summarize', 'reports'], false)).toBe('summarize');
  });
});

describe('which cache is trusted', () => {
  const key = cacheKey(BUNDLE, 'check');

  it('writes atomically, private to the user, and reads back', () => {
    const dir = join(tmp('ipf-cc-'), 'code-cache');
    writeCache(dir, key, Buffer.from('code'), posix());
    expect(readCache(dir, key, posix())?.toString()).toBe('code');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, key)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([key]);
  });

  it('keeps other commands and removes other builds and other Node versions', () => {
    const dir = tmp('ipf-cc-');
    const other = cacheKey(BUNDLE, 'version');
    const oldBuild = cacheKey({ name: 'startup', sha256: 'b'.repeat(64) }, 'check');
    const full = cacheKey({ name: 'full', sha256: 'c'.repeat(64) }, 'schema');
    const oldNode = key.replace(process.version, 'v18.0.0');
    const staleTmp = `.${key}.123.1.tmp`;
    const freshTmp = `.${key}.456.2.tmp`;
    for (const f of [other, oldBuild, full, oldNode, 'notes.txt', staleTmp, freshTmp]) writeFileSync(join(dir, f), 'x');
    utimesSync(join(dir, staleTmp), new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
    writeCache(dir, key, Buffer.from('new'), posix());
    // A temporary file left by a killed run goes after an hour; one being written now stays.
    expect(readdirSync(dir).sort()).toEqual([full, 'notes.txt', other, key, freshTmp].sort());
  });

  it.skipIf(uid === undefined)('refuses a folder or file others may write, a link and a folder of another user', () => {
    const dir = tmp('ipf-cc-');
    writeCache(dir, key, Buffer.from('code'), posix());
    chmodSync(join(dir, key), 0o666);
    expect(readCache(dir, key, posix())).toBeUndefined();
    chmodSync(join(dir, key), 0o600);
    chmodSync(dir, 0o777);
    expect(readCache(dir, key, posix())).toBeUndefined();
    writeCache(dir, cacheKey(BUNDLE, 'help'), Buffer.from('code'), posix());
    expect(existsSync(join(dir, cacheKey(BUNDLE, 'help')))).toBe(false);
    chmodSync(dir, 0o700);
    expect(readCache(dir, key, { ...posix(), uid: (uid ?? 0) + 1 })).toBeUndefined();
    const linked = tmp('ipf-cc-');
    symlinkSync(join(dir, key), join(linked, key));
    expect(readCache(linked, key, posix())).toBeUndefined();
  });

  it('never throws: a file where the folder should be means no cache', () => {
    const base = tmp('ipf-cc-');
    writeFileSync(join(base, 'code-cache'), 'not a folder');
    expect(() => writeCache(join(base, 'code-cache'), key, Buffer.from('x'), posix())).not.toThrow();
    expect(readCache(join(base, 'code-cache'), key, posix())).toBeUndefined();
  });
});

describe('the built program with its cache', () => {
  const F = fixturePath('updates-installing');
  const run = (env: NodeJS.ProcessEnv, args = ['--snapshot', F, '--format', 'json', '--lang', 'pt-BR']) =>
    spawnSync(process.execPath, ['dist/image-preflight.cjs', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('prints the same bytes with no cache, a new one, a kept one and a damaged one', () => {
    const dir = join(tmp('ipf-cc-'), 'cache');
    const without = run({ IPF_CODE_CACHE: 'off', IPF_CODE_CACHE_DIR: dir });
    expect(without.status).toBe(1);
    expect(existsSync(dir)).toBe(false);

    const first = run({ IPF_CODE_CACHE_DIR: dir });
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^startup-[0-9a-f]{16}-check-v\d+\.\d+\.\d+-\w+\.v8cache$/);
    const made = readFileSync(join(dir, file ?? ''));
    // More than the top level: the functions the run compiled are in it.
    expect(made.length).toBeGreaterThan(200_000);

    const second = run({ IPF_CODE_CACHE_DIR: dir });
    // Accepted, so not written again.
    expect(readFileSync(join(dir, file ?? '')).equals(made)).toBe(true);

    writeFileSync(join(dir, file ?? ''), Buffer.alloc(made.length, 7));
    const damaged = run({ IPF_CODE_CACHE_DIR: dir });
    // Rejected by V8, then replaced by a good one.
    expect(readFileSync(join(dir, file ?? '')).equals(made)).toBe(false);
    expect(readFileSync(join(dir, file ?? '')).length).toBeGreaterThan(200_000);

    // The report's own clock aside.
    const stable = (out: string) => out.replace(/"generatedAt": "[^"]+"/, '');
    for (const r of [first, second, damaged]) {
      expect(stable(r.stdout)).toBe(stable(without.stdout));
      expect(r.stderr).toBe(without.stderr);
      expect(r.status).toBe(without.status);
    }
  });

  it('the full bundle keeps its own cache per command, and a folder others may write is not used', () => {
    const base = tmp('ipf-cc-');
    const dir = join(base, 'cache');
    const schema = run({ IPF_CODE_CACHE_DIR: dir }, ['schema', 'config']);
    expect(schema.status).toBe(0);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^full-[0-9a-f]{16}-schema-/)]);
    if (uid === undefined) return;
    const open = join(base, 'open');
    mkdirSync(open, { mode: 0o777 });
    chmodSync(open, 0o777);
    expect(run({ IPF_CODE_CACHE_DIR: open }).status).toBe(1);
    expect(readdirSync(open)).toEqual([]);
  });
});
