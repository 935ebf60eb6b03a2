// The HTML pages as text: escaping, the Content-Security-Policy hashes, the embedded JSON report and
// reading it back with summarize, and that the HTML code stays out of the start-up path. What a
// browser does with the pages is tested in test/browser/html-pages.test.ts.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/commands/main.js';
import { renderSummaryHtml } from '../../src/fleet/render-html.js';
import { expandPaths, summarize } from '../../src/fleet/summarize.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderJson } from '../../src/report/render-json.js';
import { reportJsonFromHtml } from '../../src/report/saved-report.js';
import { htmlAttr, htmlText, jsonForScript } from '../../src/util/html.js';
import { fixturePath, machine, run } from '../helpers.js';

const env = { platform: 'linux' as const, stdoutIsTTY: false, env: {} };
const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const between = (html: string, open: RegExp, close: string) => {
  const m = open.exec(html);
  if (!m) throw new Error(`no ${open}`);
  const start = m.index + m[0].length;
  return html.slice(start, html.indexOf(close, start));
};

describe('html escaping', () => {
  it('text escapes & < >; attributes also quotes and backticks; invisible characters are shown', () => {
    expect(htmlText('<b>&"\'')).toBe('&lt;b&gt;&amp;"\'');
    expect(htmlAttr('"><img src=x onerror=alert(1)>')).toBe('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(htmlAttr("a'b`c")).toBe('a&#39;b&#96;c');
    expect(htmlText('svc\u202eexe.txt\u200b\r\n')).toBe('svc\\u202eexe.txt\\u200b\\r\\n');
  });

  it('JSON in a script block: no "<" at all, and JSON.parse gives back the exact value', () => {
    const value = { name: '</script><script>alert(1)</script><!--', n: 1, u: '\u2028\u2029' };
    const body = jsonForScript(value);
    expect(body).not.toContain('<');
    expect(JSON.parse(body)).toEqual(value);
  });
});

describe('machine page', () => {
  const report = run(machine('safedog-running'));
  const html = renderHtml(report);

  it('states its language, the machine and the verdict first, before the checks', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">/);
    expect(html.indexOf('WEB-PROD-03')).toBeLessThan(html.indexOf('BLOCKED: image creation will fail'));
    expect(html.indexOf('BLOCKED: image creation will fail')).toBeLessThan(html.indexOf('<article'));
    // Failing groups first: the security software check (fail) comes before the Tencent agents (pass).
    expect(html.indexOf('id="check-security-software"')).toBeLessThan(html.indexOf('id="check-tencent-agents"'));
  });

  it('allows exactly its own style sheet and script by hash, and nothing else', () => {
    const csp = between(html, /<meta http-equiv="Content-Security-Policy" content="/, '"').replace(/&#39;/g, "'");
    const style = between(html, /<style>/, '</style>');
    const script = between(html, /<script>/, '</script>');
    expect(csp).toBe(
      `default-src 'none'; style-src ${sha256(style)}; script-src ${sha256(script)}; img-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html).toContain('<script type="application/json" id="image-preflight-report">');
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('embeds the exact JSON report, which reads back equal to --format json', () => {
    const json = reportJsonFromHtml(html);
    expect(json).toBeDefined();
    expect(JSON.parse(json!)).toEqual(JSON.parse(renderJson(report)));
  });

  it('a typical page stays small (the bench measures it too)', () => {
    expect(Buffer.byteLength(renderHtml(run(machine('updates-installing'))))).toBeLessThan(100 * 1024);
  });
});

describe('summarize reads machine pages back', () => {
  it('counts an .html page like its .json report, found in a folder or named; a page without a report is skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-html-'));
    const a = run(machine('safedog-running'));
    a.snapshot.computerName = 'PAGE-A</script><b>';
    const b = run(machine('healthy-server-2019'));
    b.snapshot.computerName = 'JSON-B';
    b.snapshot.instanceId = 'ins-jsonb001';
    writeFileSync(join(dir, 'a.html'), renderHtml(a));
    writeFileSync(join(dir, 'b.json'), renderJson(b));
    writeFileSync(join(dir, 'other.htm'), '<!doctype html><p>hello</p>');
    const s = summarize(expandPaths([dir]));
    expect(s.rows.map((r) => [r.computerName, r.verdict])).toEqual([
      ['PAGE-A</script><b>', 'BLOCKED'],
      ['JSON-B', 'READY'],
    ]);
    expect(s.skipped.map((k) => [k.file.split('/').pop(), k.reason])).toEqual([
      ['other.htm', 'an HTML page without an embedded report (only the machine page of check --format html has one)'],
    ]);
    // A fleet page holds no machine report: summarizing it again is a skip, not a machine.
    writeFileSync(join(dir, 'fleet.html'), renderSummaryHtml(s));
    expect(summarize(expandPaths([join(dir, 'fleet.html'), join(dir, 'a.html')])).machines).toBe(1);
    const cli = await main(['summarize', join(dir, 'a.html'), '--format', 'json'], env);
    expect(JSON.parse(cli.stdout).rows[0].computerName).toBe('PAGE-A</script><b>');
  });

  it('a damaged embedded block is a one-line skip reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-html-'));
    const page = renderHtml(run(machine())).replace(/"verdict":"READY"/, '"verdict":"READY"}}}');
    writeFileSync(join(dir, 'broken.html'), page);
    expect(summarize(expandPaths([dir])).skipped[0]?.reason).toMatch(/^not valid JSON at line 1, column \d+: /);
  });
});

describe('fleet page', () => {
  it('shows an instance id column only when a report names one, and links rows to findings by number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-html-'));
    const a = run(machine('safedog-running'));
    a.snapshot.instanceId = null;
    writeFileSync(join(dir, 'a.json'), renderJson(a));
    expect(renderSummaryHtml(summarize(expandPaths([dir])))).not.toContain('Instance ID');
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...a, snapshot: { ...a.snapshot, instanceId: 'ins-k2x9a1b3' } }));
    const s = summarize(expandPaths([dir]));
    expect(s.rows[0]?.instanceId).toBe('ins-k2x9a1b3');
    const html = renderSummaryHtml(s);
    expect(html).toContain('Instance ID');
    expect(html).toContain('<a href="#m-0"><bdi>WEB-PROD-03</bdi></a>');
    expect(html).toContain('<div class="machine" id="m-0">');
  });
});

describe('command line', () => {
  it('check --format html and summarize --format html write pages; --help lists the format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-html-'));
    const out = join(dir, 'report.html');
    const r = await main(
      ['check', '--snapshot', fixturePath('busy-web-server'), '--format', 'html', '--output', out, '--lang', 'pt-BR'],
      env,
    );
    expect(r).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    const fleet = await main(['summarize', out, '--format', 'html', '--lang', 'id'], env);
    expect(fleet.exitCode).toBe(0);
    expect(fleet.stdout).toMatch(/^<!DOCTYPE html>\n<html lang="id"/);
    expect(fleet.stdout).toContain('WEB-PROD-09');
    for (const cmd of ['check', 'summarize']) expect((await main([cmd, '--help'], env)).stdout).toMatch(/"markdown", "html"|"csv", "html"/);
  });
});

describe('start-up cost', () => {
  it('the HTML renderers are not in the code every command loads (they are imported on demand)', async () => {
    const result = await build({
      entryPoints: [new URL('../../src/cli.ts', import.meta.url).pathname],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      outdir: mkdtempSync(join(tmpdir(), 'ipf-split-')),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = Object.values(result.metafile.outputs);
    const entry = outputs.find((o) => o.entryPoint?.endsWith('src/cli.ts'));
    const eager = new Set<string>();
    const walk = (o: (typeof outputs)[number]) => {
      for (const i of Object.keys(o.inputs)) eager.add(i);
      for (const imp of o.imports) {
        const chunk = result.metafile.outputs[imp.path];
        if (imp.kind === 'import-statement' && chunk) walk(chunk);
      }
    };
    walk(entry!);
    expect(eager.has('src/report/render-text.ts')).toBe(true);
    for (const lazy of ['src/report/render-html.ts', 'src/report/html-page.ts', 'src/fleet/render-html.ts', 'src/util/html.ts'])
      expect(eager.has(lazy), lazy).toBe(false);
  });
});
