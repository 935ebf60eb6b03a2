// An interrupted write must leave the previous file whole: kill a writer half-way and look.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { InputError } from '../src/errors.js';

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-aw-'));
    const file = join(dir, 'latest.json');
    writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['latest.json']);
  });

  it('a writer killed mid-write leaves the previous latest.json intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-aw-'));
    const lib = join(dir, 'aw.cjs');
    buildSync({
      entryPoints: [new URL('../src/util/atomic-write.ts', import.meta.url).pathname],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: lib,
      logLevel: 'error',
    });
    const file = join(dir, 'latest.json');
    writeFileSync(file, JSON.stringify({ verdict: 'READY', run: 'previous' }));
    // 256 MB takes long enough to write that the test sees the temporary file and kills the writer.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(lib)}).writeFileAtomic(${JSON.stringify(file)}, JSON.stringify({ verdict: 'BLOCKED', pad: 'x'.repeat(256 * 1024 * 1024) }))`,
      ],
      { stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 20_000;
    let sawTemp = false;
    while (Date.now() < deadline && !sawTemp) {
      sawTemp = readdirSync(dir).some((f) => f.endsWith('.tmp'));
      if (!sawTemp) await new Promise((r) => setTimeout(r, 1));
    }
    child.kill('SIGKILL');
    await exited;
    expect(sawTemp).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ verdict: 'READY', run: 'previous' });
  }, 30_000);

  it('a folder that does not exist is one line', () => {
    expect(() => writeFileAtomic('/nonexistent-dir/x.json', 'x')).toThrow(InputError);
    expect(existsSync('/nonexistent-dir')).toBe(false);
  });
});
