// Two bundles, one program (src/startup/full-build.ts): the loader runs the start-up bundle for what it
// carries and hands everything else to the full bundle before anything runs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { carriedByStartupBundle } from '../../src/startup/full-build.js';
import { main } from '../../src/commands/main.js';
import { fixturePath } from '../helpers.js';

const LOADER = 'dist/image-preflight.cjs';
const LIGHT = 'dist/image-preflight-startup.cjs';
const F = fixturePath('healthy-server-2019');

describe('which bundle runs a command line', () => {
  it.each([
    [['--version'], true],
    [['--help'], true],
    [['check', '--snapshot', 'x.json'], true],
    [['--snapshot', 'x.json', '--format', 'json', '--lang', 'zh-CN', '--output', 'r.json', '--no-color'], true],
    [['--snapshot=x.json', '--format=markdown', '--config', 'c.json', '--sysprep'], true],
    [['check', '--help'], true],
    [[], false],
    [['check'], false],
    [['--snapshot', 'x.json', '--format', 'html'], false],
    [['--snapshot', 'x.json', '--share'], false],
    [['--snapshot'], false],
    [['summarize', 'r'], false],
    [['schema'], false],
    [['collect', '--output', 'x'], false],
    [['fix', '--snapshot', 'x.json'], false],
    [['-v'], false],
    [['--snapshot', 'x.json', 'extra'], false],
  ])('%j: start-up bundle %s', (argv, light) => {
    expect(carriedByStartupBundle(argv)).toBe(light);
  });
});

describe('the built bundles', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [LOADER, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });

  it('the start-up bundle runs what it carries without reaching a part it left out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-startup-'));
    for (const args of [
      ['--version'],
      ['--help'],
      ['check', '--help'],
      ['check', '--snapshot', F],
      ['--snapshot', F, '--format', 'json'],
      ['--snapshot', F, '--format', 'junit', '--lang', 'pt-BR'],
      ['--snapshot', F, '--format', 'markdown', '--output', join(dir, 'r.md'), '--sysprep'],
    ]) {
      const r = run(args);
      expect(r.stderr, args.join(' ')).not.toMatch(/not in the start-up bundle|internal error/i);
      expect(r.status, args.join(' ')).toBe(0);
    }
    expect(readFileSync(join(dir, 'r.md'), 'utf8')).toContain('READY');
  });

  it('hands other command lines to the full bundle, which gives the same answers', () => {
    const html = run(['--snapshot', F, '--format', 'html']);
    expect(html.status).toBe(0);
    expect(html.stdout).toMatch(/^<!DOCTYPE html>/);
    const schema = run(['schema', 'snapshot']);
    expect(JSON.parse(schema.stdout)).toHaveProperty('$schema');
    // The batch's output from a Server 2008 R2 (a file, not an option, says so): the converter is in the full bundle.
    const batch = run([
      'check',
      '--snapshot',
      new URL('../../fixtures/recordings/ps2-server-2008r2/batch-cmd.out', import.meta.url).pathname,
    ]);
    expect(batch.stderr).toBe('');
    expect(batch.stdout).toMatch(/collected by the batch of native tools/);
    const live = run(['check']);
    expect(live.status).toBe(3);
    expect(live.stderr).toMatch(/live collection needs Windows/);
    expect(live.stderr).not.toMatch(/at .*\.cjs/);
  });

  it('the start-up bundle carries neither the Tencent Cloud SDK nor the cloud commands (check --cloud, capture, fleet run)', () => {
    const light = readFileSync(LIGHT, 'utf8');
    const full = readFileSync('dist/image-preflight-full.cjs', 'utf8');
    // The SDK's request signing header, TAT's polling action and the fleet script's marker line.
    for (const mark of ['X-TC-Action', 'DescribeInvocationTasks', 'IMAGE-PREFLIGHT REPORT']) {
      expect(light, mark).not.toContain(mark);
      expect(full, mark).toContain(mark);
    }
    expect(carriedByStartupBundle(['fleet', 'run', '--tag', 'a=b', '--region', 'ap-guangzhou'])).toBe(false);
    expect(carriedByStartupBundle(['check', '--snapshot', 'x.json', '--cloud'])).toBe(false);
    expect(carriedByStartupBundle(['capture', '--name', 'x'])).toBe(false);
  });

  it("the start-up bundle leaves the checks' documentation to the full bundle, where explain runs", () => {
    const light = readFileSync(LIGHT, 'utf8');
    const full = readFileSync('dist/image-preflight-full.cjs', 'utf8');
    // Phrases of the shutdown-readiness docs, in English and in Portuguese (the bundles escape non-ASCII).
    for (const mark of ['CVM shutdown process analysis', 'processo de desligamento da CVM']) {
      expect(light, mark).not.toContain(mark);
      expect(full, mark).toContain(mark);
    }
    expect(carriedByStartupBundle(['explain', 'shutdown-readiness'])).toBe(false);
    const r = spawnSync(process.execPath, [LOADER, 'explain', 'shutdown-readiness', '--lang', 'zh-CN'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('云服务器关机流程分析');
  });

  it('the loader is small: it carries the choice, not the program', () => {
    const loader = readFileSync(LOADER, 'utf8');
    expect(loader.length).toBeLessThan(16 * 1024);
    expect(loader.startsWith('#!/usr/bin/env node')).toBe(true);
    for (const mark of ['yargs', 'X-TC-Action', 'reportVersion']) expect(loader, mark).not.toContain(mark);
  });

  it('the loader without its bundles says so in one line and exits 3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-loader-'));
    copyFileSync(LOADER, join(dir, 'image-preflight.cjs'));
    const r = spawnSync(process.execPath, [join(dir, 'image-preflight.cjs'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(
      'image-preflight: cannot read image-preflight-startup.cjs beside image-preflight.cjs (ENOENT); copy the whole dist folder, or run npm run build\n',
    );
  });

  it('a reader that stops early is not an error', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" ${LOADER} --snapshot "${F}" --format json | head -c 10`], { encoding: 'utf8' });
    expect(r.stdout).toBe('{\n  "repor');
    expect(r.stderr).toBe('');
  });
});

describe('colour', () => {
  it('never colours a report written to a file, even on Windows where stdout.isTTY is undefined', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-colour-'));
    const out = join(dir, 'r.txt');
    const r = await main(['--snapshot', F, '--output', out], { platform: 'win32', stdoutIsTTY: undefined, env: {} });
    expect(r.exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('\u001b[');
    const piped = await main(['--snapshot', F], { platform: 'win32', stdoutIsTTY: undefined, env: {} });
    expect(piped.stdout).not.toContain('\u001b[');
  });
});
