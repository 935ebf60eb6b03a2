// Spawns the built CLI (dist/image-preflight.cjs, made by `npm run build`) like an admin would.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from './helpers.js';

const CLI = new URL('../dist/image-preflight.cjs', import.meta.url).pathname;

function cli(args: string[], env: Record<string, string> = {}) {
  // A locale that names no language: a report speaks --lang or the snapshot's UI language.
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('image-preflight CLI', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('dist/image-preflight.cjs is missing: run `npm run build` first');
  });

  it.each([
    ['healthy-server-2019', 0, 'READY'],
    ['updates-installing', 1, 'AT RISK'],
    ['safedog-running', 2, 'BLOCKED'],
  ])('check --snapshot %s exits %i with verdict %s in JSON', (name, code, verdict) => {
    const r = cli(['check', '--snapshot', fixturePath(name), '--format', 'json']);
    expect(r.code).toBe(code);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe(verdict);
    expect(report.exitCode).toBe(code);
  });

  it('check is the default command and prints the text report', () => {
    const r = cli(['--snapshot', fixturePath('trustedinstaller-disabled')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('[✗] Windows Modules Installer');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('never colours a report on a pipe, even where the environment says CI or FORCE_COLOR', () => {
    const r = cli(['check', '--snapshot', fixturePath('trustedinstaller-disabled')], { CI: 'true', FORCE_COLOR: '1' });
    expect(r.stdout).toContain('[✗] Windows Modules Installer');
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--output writes the report atomically and prints nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-'));
    const out = join(dir, 'report.json');
    writeFileSync(out, 'previous');
    const r = cli(['check', '--snapshot', fixturePath('crash-dialog-open'), '--format', 'json', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).verdict).toBe('AT RISK');
  });

  it('--config is applied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-'));
    const cfg = join(dir, 'c.json');
    writeFileSync(cfg, JSON.stringify({ disableChecks: ['crash-dialogs'] }));
    expect(cli(['check', '--snapshot', fixturePath('crash-dialog-open'), '--config', cfg]).code).toBe(0);
  });

  it.each([
    [['check', '--snapshot', '/nonexistent/x.json'], /cannot read snapshot \/nonexistent\/x\.json: no such file/],
    [['check', '--snapshot'], /Not enough arguments following: snapshot/],
    [['check', '--format', 'xml', '--snapshot', 'x'], /Invalid values: Argument: format/],
    [['check', '--bogus'], /Unknown argument: bogus/],
    [['check'], /live collection needs Windows; use --snapshot FILE/],
    [['check', '--snapshot', fixturePath('healthy-server-2019'), '--config', '/nonexistent.json'], /cannot read config/],
    [
      ['check', '--snapshot', fixturePath('healthy-server-2019'), '--output', '/nonexistent-dir/r.txt'],
      /cannot write \/nonexistent-dir\/r\.txt: folder does not exist/,
    ],
  ])('bad usage %j exits 3 with one line and no stack trace', (args, pattern) => {
    const r = cli(args as string[]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed snapshot exits 3 naming the bad path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-'));
    const file = join(dir, 'bad.json');
    const doc = JSON.parse(readFileSync(fixturePath('healthy-server-2019'), 'utf8'));
    doc.services[3].State = 42;
    writeFileSync(file, JSON.stringify(doc));
    const r = cli(['check', '--snapshot', file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`image-preflight: snapshot ${file}: services[3].State: expected a string, got a number\n`);
  });

  it('--help and --version exit 0', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes: 0 READY, 1 AT RISK, 2 BLOCKED, 3 usage or input error');
    expect(help.stdout).toMatch(/image-preflight fix +Turn the findings into a plan/);
    expect(help.stdout).toMatch(/image-preflight restore +Undo what fix --apply changed/);
    expect(help.stdout).toContain('4 an action failed');
    const version = cli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version);
  });

  it('schema prints the JSON Schema', () => {
    const r = cli(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).title).toMatch(/snapshot/);
  });

  it.each([
    [['check', '--snapshot', 'a.json', '--lang', 'en', '--lang', 'id'], '--lang'],
    [['check', '--snapshot', 'a.json', '--snapshot', 'b.json'], '--snapshot'],
    [['check', '--config', 'a.json', '--config=b.json'], '--config'],
    [['check', '--output', 'a', '--output', 'b'], '--output'],
    [['check', '--format', 'json', '--format', 'junit'], '--format'],
    [['collect', '--log-file', 'a', '--logFile', 'b'], '--logFile'],
  ])('a repeated option is a usage error naming it: %j', (args, option) => {
    const r = cli(args);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`image-preflight: ${option} was given more than once; give it once\n`);
  });
});
