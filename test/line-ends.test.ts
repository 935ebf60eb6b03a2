// Files for Windows eyes (issue 18): text, Markdown and CSV get CRLF when written on Windows or with
// --crlf; CSV files carry a UTF-8 BOM for Excel; JSON and HTML are written exactly as made (LF, no BOM).
// The same is checked on files the exe writes under Wine (test/exe/wine.test.ts).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/commands/main.js';
import { fixturePath } from './helpers.js';

const F = fixturePath('updates-installing');
const win = { platform: 'win32' as const, stdoutIsTTY: false, env: {} };
const linux = { platform: 'linux' as const, stdoutIsTTY: false, env: {} };

const crlfOnly = (s: string) => s.includes('\r\n') && !/[^\r]\n/.test(s);
const lfOnly = (s: string) => s.includes('\n') && !s.includes('\r');

describe('line ends and BOMs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ipf-lines-'));
  const file = async (args: string[], env: typeof win, name: string) => {
    const out = join(dir, name);
    const r = await main([...args, '--output', out], env);
    expect(r.stderr).toBe('');
    return readFileSync(out);
  };

  it('on Windows: text and Markdown reports in CRLF without a BOM, JSON and HTML as made', async () => {
    for (const format of ['text', 'markdown']) {
      const bytes = await file(['--snapshot', F, '--format', format], win, `r.${format}`);
      expect(crlfOnly(bytes.toString('utf8')), format).toBe(true);
      expect(bytes[0], format).not.toBe(0xef);
    }
    for (const format of ['json', 'html']) {
      const text = (await file(['--snapshot', F, '--format', format], win, `r.${format}`)).toString('utf8');
      expect(lfOnly(text), format).toBe(true);
      expect(text.startsWith('\uFEFF'), format).toBe(false);
    }
  });

  it('elsewhere: LF unless --crlf; --no-crlf keeps LF on Windows; stdout follows the same rule', async () => {
    expect(lfOnly((await file(['--snapshot', F], linux, 'l.txt')).toString('utf8'))).toBe(true);
    expect(crlfOnly((await file(['--snapshot', F, '--crlf'], linux, 'c.txt')).toString('utf8'))).toBe(true);
    expect(lfOnly((await file(['--snapshot', F, '--no-crlf'], win, 'n.txt')).toString('utf8'))).toBe(true);
    expect(crlfOnly((await main(['--snapshot', F], win)).stdout)).toBe(true);
    expect(lfOnly((await main(['--snapshot', F], linux)).stdout)).toBe(true);
  });

  it('CSV: a UTF-8 BOM in every file (Excel), CRLF rows; on stdout the BOM only for Windows', async () => {
    const reports = mkdtempSync(join(tmpdir(), 'ipf-lines-r-'));
    await main(['--snapshot', F, '--format', 'json', '--output', join(reports, 'a.json')], linux);
    for (const env of [linux, win]) {
      const bytes = await file(['summarize', reports, '--format', 'csv'], env, `s-${env.platform}.csv`);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(crlfOnly(bytes.toString('utf8'))).toBe(true);
    }
    expect((await main(['summarize', reports, '--format', 'csv'], linux)).stdout.startsWith('\uFEFF')).toBe(false);
    expect((await main(['summarize', reports, '--format', 'csv'], win)).stdout.startsWith('\uFEFF')).toBe(true);
    // A summary's text table and a fix plan are text too.
    expect(crlfOnly((await file(['summarize', reports], win, 's.txt')).toString('utf8'))).toBe(true);
    expect(crlfOnly((await file(['fix', '--snapshot', F], win, 'plan.txt')).toString('utf8'))).toBe(true);
    expect(lfOnly((await file(['fix', '--snapshot', F, '--format', 'json'], win, 'plan.json')).toString('utf8'))).toBe(true);
  });
});
