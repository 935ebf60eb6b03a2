// The HTML reports in a real browser: Debian's chromium (headless), driven by playwright-core, never
// its browser download. Each page must show the right verdict and counts in its language, filter and
// sort, log no console error, request nothing, and run nothing from machine data, even with its
// Content-Security-Policy taken out. A screenshot of every page is kept in test-artifacts/html/ for
// review; IPF_DOCS_SCREENSHOTS=1 also writes the README's docs/images/html-*.png.
// Skipped when chromium is missing, unless IPF_REQUIRE_CHROMIUM=1 (npm run test:all and CI set it),
// where that is a failure.
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { judge } from '../../src/engine/judge.js';
import { renderSummaryHtml } from '../../src/fleet/render-html.js';
import { expandPaths, summarize, type FleetSummary } from '../../src/fleet/summarize.js';
import { translator } from '../../src/messages/format.js';
import type { Lang } from '../../src/messages/types.js';
import type { Report } from '../../src/report/build-report.js';
import { renderHtml } from '../../src/report/render-html.js';
import { renderJson } from '../../src/report/render-json.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { addService, loadFixture, machine, setService } from '../helpers.js';
import { buildInspection } from '../../src/report/inspection.js';
import { renderInspectionHtml } from '../../src/report/render-inspection-html.js';
import { healthy } from '../inspect/sample-facts.js';

const CHROMIUM = process.env.IPF_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.IPF_REQUIRE_CHROMIUM === '1';
const available = existsSync(CHROMIUM);
const ARTIFACTS = new URL('../../test-artifacts/html/', import.meta.url).pathname;
const DOCS_IMAGES = new URL('../../docs/images/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ipf-browser-'));
const NOW = new Date('2026-11-23T00:00:00Z');

const report = (s: Snapshot, lang: Lang = 'en'): Report => judge(s, resolveConfig(), { lang, now: NOW });

interface Opened {
  page: Page;
  requests: string[];
  problems: string[];
}

let browser: Browser | undefined;

/** Opens a page from a file, recording every request beyond the page itself (and aborting it) and every console error. */
async function open(html: string, name: string, options: { screenshot?: boolean } = {}): Promise<Opened> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser!.newContext({ viewport: { width: 1100, height: 850 } });
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.route('**', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  if (options.screenshot !== false) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }
  return { page, requests, problems };
}

async function close(o: Opened) {
  await o.page.context().close();
}

/** A fleet folder of reports from every fixture machine, some with an instance id; returns the summary. */
function fleet(lang: Lang, top = 10): FleetSummary {
  const folder = mkdtempSync(join(dir, 'fleet-'));
  const names = [
    'healthy-server-2019',
    'healthy-server-2022',
    'busy-web-server',
    'safedog-running',
    'chinese-server-2016-huorong',
    'portuguese-server-2022',
    'services-unreadable',
    'trustedinstaller-disabled',
    'updates-installing',
    'crash-dialog-open',
    'qcloudservice-stopped',
    'evaluation-expired',
  ];
  names.forEach((name, i) => {
    const r = report(loadFixture(name));
    r.snapshot.computerName = `${name.toUpperCase()}`;
    // Every third report names its instance; the others are as from a machine off Tencent Cloud.
    const doc = { ...r, snapshot: { ...r.snapshot, instanceId: i % 3 === 0 ? `ins-${String(i).padStart(8, '0')}` : null } };
    writeFileSync(join(folder, `${name}.json`), JSON.stringify(doc));
  });
  return summarize(expandPaths([folder]), { lang, top });
}

describe.skipIf(!available && !required)('HTML pages in headless Chromium', () => {
  beforeAll(async () => {
    if (!available) throw new Error(`browser tests required but ${CHROMIUM} is missing (scripts/ensure-chromium.sh)`);
    browser = await chromium.launch({ executablePath: CHROMIUM });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe.each([
    ['healthy-server-2019', 'en'],
    ['safedog-running', 'en'],
    ['busy-web-server', 'pt-BR'],
    ['chinese-server-2016-huorong', 'zh-CN'],
    ['services-unreadable', 'id'],
    ['trustedinstaller-disabled', 'zh-CN'],
  ] as const)('machine page: %s in %s', (fixture, lang) => {
    it('shows the verdict and counts in its language, failing checks first, with no error and no request', async () => {
      const r = report(loadFixture(fixture), lang);
      const { t } = translator(lang);
      const o = await open(renderHtml(r), `machine-${fixture}-${lang}`);
      const { page } = o;
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.title()).toBe(t('md.title', { verdict: t(`verdict.${r.verdict}`), computer: r.snapshot.computerName ?? '' }));
      expect(await page.textContent('h1')).toBe(r.snapshot.computerName);
      expect(await page.textContent('#verdict .word')).toBe(t(`verdict.${r.verdict}`));
      expect(await page.textContent('#verdict .counts')).toBe(t('report.counts', r.counts));
      const statuses = await page.$$eval('article.check', (as) => as.map((a) => a.getAttribute('data-status')));
      expect(statuses).toHaveLength(r.checks.filter((c) => c.status !== 'not-applicable').length);
      const worst = r.checks.some((c) => c.status === 'fail') ? 'fail' : r.checks.some((c) => c.status === 'warn') ? 'warn' : undefined;
      if (worst) expect(statuses[0]).toBe(worst);
      expect(o.problems).toEqual([]);
      expect(o.requests).toEqual([]);
      await close(o);
    });
  });

  it('copy buttons copy the fix commands; printing opens every <details> and hides the buttons', async () => {
    const r = report(loadFixture('safedog-running'));
    const o = await open(renderHtml(r), 'machine-copy-print', { screenshot: false });
    const { page } = o;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const commands = r.checks.flatMap((c) => c.findings).flatMap((f) => f.remediation)[0]!.commands;
    const button = page.locator('details[open] button.copy').first();
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(commands.join('\n'));
    const closed = () => page.$$eval('details', (ds) => ds.filter((d) => !d.open).length);
    expect(await closed()).toBeGreaterThan(0);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await closed()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    expect(await button.isVisible()).toBe(false);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    expect(await closed()).toBeGreaterThan(0);
    expect(o.problems).toEqual([]);
    await close(o);
  });

  describe.each(['en', 'zh-CN', 'pt-BR', 'id'] as const)('fleet page in %s', (lang) => {
    const s = fleet(lang);
    const { t } = translator(lang);

    it('shows counts by verdict, the most frequent problems and one row per machine', async () => {
      const o = await open(renderSummaryHtml(s), `fleet-${lang}`);
      const { page } = o;
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      for (const v of ['BLOCKED', 'AT RISK', 'READY'] as const)
        expect(await page.textContent(`svg.chart text[data-verdict="${v}"]`)).toBe(String(s.byVerdict[v]));
      expect(await page.locator('#top tbody tr').count()).toBe(s.topProblems.length);
      expect(await page.textContent('#top tbody tr td.n')).toBe(String(s.topProblems[0]!.machines));
      expect(await page.locator('#machines tbody tr').count()).toBe(s.machines);
      expect(await page.textContent('#shown')).toBe(t('html.fleet.shown', { shown: s.machines, total: s.machines }));
      expect(await page.locator('#machines thead th').first().textContent()).toBe(t('html.fleet.col.instance'));
      expect(o.problems).toEqual([]);
      expect(o.requests).toEqual([]);
      await close(o);
    });

    it('filters by text and verdict, sorts by column, and links each row to its findings', async () => {
      const o = await open(renderSummaryHtml(s), `fleet-${lang}-interactive`, { screenshot: false });
      const { page } = o;
      const visibleNames = () => page.$$eval('#machines tbody tr:not([hidden]) td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
      await page.fill('#q', 'security-software/safedog-running');
      expect(await visibleNames()).toEqual(
        s.rows.filter((r) => r.problems.includes('security-software/safedog-running')).map((r) => r.computerName),
      );
      await page.fill('#q', '');
      await page.selectOption('#v', 'AT RISK');
      expect(await visibleNames()).toEqual(s.rows.filter((r) => r.verdict === 'AT RISK').map((r) => r.computerName));
      expect(await page.textContent('#shown')).toBe(t('html.fleet.shown', { shown: s.byVerdict['AT RISK'], total: s.machines }));
      await page.fill('#q', 'pending-reboot');
      expect(await visibleNames()).toEqual(
        s.rows.filter((r) => r.verdict === 'AT RISK' && r.problems.some((p) => p.startsWith('pending-reboot/'))).map((r) => r.computerName),
      );
      await page.fill('#q', '');
      await page.selectOption('#v', '');
      // Sort by warnings: once ascending, again descending; then by name.
      const warnings = page.locator('#machines thead th button', { hasText: t('html.fleet.col.warnings') });
      const column = (n: number) => page.$$eval(`#machines tbody tr td:nth-child(${n})`, (tds) => tds.map((td) => td.textContent ?? ''));
      await warnings.click();
      const up = (await column(5)).map(Number);
      expect(up).toEqual([...up].sort((a, b) => a - b));
      await warnings.click();
      const down = (await column(5)).map(Number);
      expect(down).toEqual([...up].sort((a, b) => b - a));
      expect(await page.getAttribute('#machines thead th:nth-child(5)', 'aria-sort')).toBe('descending');
      await page.locator('#machines thead th button', { hasText: t('html.fleet.col.name') }).click();
      const names = await column(2);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
      // Each name links to that machine's findings further down.
      const link = page.locator('#machines tbody tr td:nth-child(2) a').first();
      const target = await link.getAttribute('href');
      await link.click();
      expect(await page.evaluate(() => location.hash)).toBe(target);
      expect(await page.textContent(`${target} h3 bdi`)).toBe(names[0]);
      const row = s.rows.find((r) => r.computerName === names[0])!;
      expect(await page.locator(`${target} li`).count()).toBe(row.findings.length);
      expect(o.problems).toEqual([]);
      expect(o.requests).toEqual([]);
      await close(o);
    });
  });

  describe('hostile machine data', () => {
    const PAYLOADS = [
      '<script>window.__pwned=1</script>',
      '"><img src=x onerror="window.__pwned=2">',
      "'><svg onload=window.__pwned=3>",
      'javascript:window.__pwned=4',
      '</script><script>window.__pwned=5</script>',
    ];
    const INVISIBLE = '\u202eexe.\u200bsvc\u2066';

    function hostile(): Report {
      const s = machine('safedog-running');
      if (!s.host || 'collectionError' in s.host) throw new Error('no host');
      s.host.computerName = `WEB${PAYLOADS[0]}${INVISIBLE}`;
      s.host.osCaption = `Windows ${PAYLOADS[2]}`;
      setService(s, 'QcloudService', { State: 'Stopped', PathName: `C:\\${PAYLOADS[3]}\\${PAYLOADS[1]}.exe` });
      addService(s, {
        Name: `Safedog ${PAYLOADS[1]}${INVISIBLE}`,
        State: 'Running',
        StartMode: 'Auto',
        PathName: `C:\\SafeDog\\${PAYLOADS[4]}`,
      });
      s.collector = { ...s.collector, notes: [`<a href="javascript:window.__pwned=6">note</a>`] };
      const r = report(s);
      return { ...r, snapshot: { ...r.snapshot, instanceId: `ins-${PAYLOADS[1]}` } as Report['snapshot'] };
    }

    async function expectInert(o: Opened, scripts: number) {
      const { page } = o;
      const found = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        elements: document.querySelectorAll('img, iframe, object, embed, link, base, form, svg:not(.chart), a[href]:not([href^="#"])')
          .length,
        scripts: document.querySelectorAll('script').length,
        handlers: [...document.querySelectorAll('*')]
          .flatMap((e) => [...e.attributes].map((a) => a.name))
          .filter((n) => n.startsWith('on')),
        text: document.body.innerText,
      }));
      expect(found.pwned).toBeNull();
      expect(found.elements).toBe(0);
      expect(found.scripts).toBe(scripts);
      expect(found.handlers).toEqual([]);
      // The data is there, as text, with its invisible characters shown.
      expect(found.text).toContain(PAYLOADS[0]);
      expect(found.text).toContain('\\u202eexe.\\u200bsvc\\u2066');
      expect(found.text).not.toMatch(/[\u202a-\u202e\u200b-\u200f\u2066-\u2069]/);
      expect(o.requests).toEqual([]);
      expect(o.problems).toEqual([]);
    }

    it('the machine page shows it as text: nothing runs, nothing is requested, also without its CSP', async () => {
      const html = renderHtml(hostile());
      const withCsp = await open(html, 'hostile-machine');
      await expectInert(withCsp, 2);
      await close(withCsp);
      const bare = await open(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), 'hostile-machine-no-csp', {
        screenshot: false,
      });
      await expectInert(bare, 2);
      await close(bare);
    });

    it('the fleet page too, from the JSON report and from the HTML page read back', async () => {
      const folder = mkdtempSync(join(dir, 'hostile-'));
      const r = hostile();
      writeFileSync(join(folder, `a.json`), renderJson(r));
      writeFileSync(
        join(folder, `b.html`),
        renderHtml({
          ...r,
          snapshot: { ...r.snapshot, computerName: `${r.snapshot.computerName}-2`, instanceId: `${r.snapshot.instanceId ?? ''}-2` },
        }),
      );
      const s = summarize(expandPaths([folder]));
      expect(s.machines).toBe(2);
      const html = renderSummaryHtml(s);
      const withCsp = await open(html, 'hostile-fleet');
      await expectInert(withCsp, 1);
      await close(withCsp);
      const bare = await open(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), 'hostile-fleet-no-csp', {
        screenshot: false,
      });
      await expectInert(bare, 1);
      await close(bare);
    });

    it('the inspection page of an image file too: its name, a backing file name and details are text', async () => {
      const facts = healthy();
      facts.file.path = `D:\\export\\web${PAYLOADS[0]}${INVISIBLE}.qcow2`;
      facts.backing = { kind: 'qcow2-backing-file', name: `${PAYLOADS[1]}${PAYLOADS[3]}` };
      facts.damage = [PAYLOADS[4] ?? '', PAYLOADS[2] ?? ''];
      const html = renderInspectionHtml(buildInspection(facts, { now: NOW }));
      const withCsp = await open(html, 'hostile-inspection');
      await expectInert(withCsp, 2);
      await close(withCsp);
      const bare = await open(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), 'hostile-inspection-no-csp', {
        screenshot: false,
      });
      await expectInert(bare, 2);
      await close(bare);
    });
  });

  describe.each(['en', 'zh-CN'] as const)('inspection page in %s', (lang) => {
    it('shows the file, the verdict and counts in its language, each problem with its Tencent error, copyable commands', async () => {
      const facts = healthy();
      facts.damage = ['VHD BAT entry 7 points past the end of the file'];
      if (facts.windows.known && facts.windows.value)
        facts.windows.value.files['Windows\\System32\\drivers\\netkvm.sys'] = { known: true, value: false };
      const r = buildInspection(facts, { lang, now: NOW });
      const { t } = translator(lang);
      const o = await open(renderInspectionHtml(r), `inspection-${lang}`);
      const { page } = o;
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.textContent('h1')).toBe(facts.file.path);
      expect(await page.textContent('#verdict .word')).toBe(t('verdict.BLOCKED'));
      expect(await page.textContent('#verdict .counts')).toBe(t('report.counts', r.counts));
      const text = await page.evaluate(() => document.body.innerText);
      expect(text).toContain(t('inspect.prevents', { code: 'VirtioNotInstall', reason: { id: 'inspect.tencent.VirtioNotInstall' } }));
      expect(text).toContain(t('inspect.finding.image-damaged', { count: 1 }));
      const button = page.locator('details[open] button.copy').first();
      await button.click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`qemu-img check "${facts.file.path}"`);
      expect(o.problems).toEqual([]);
      expect(o.requests).toEqual([]);
      await close(o);
    });
  });

  it.runIf(process.env.IPF_DOCS_SCREENSHOTS === '1')('writes the README screenshots (docs/images)', async () => {
    mkdirSync(DOCS_IMAGES, { recursive: true });
    const shots: Array<[string, string, number]> = [
      ['html-machine.png', renderHtml(report(loadFixture('safedog-running'))), 720],
      ['html-fleet.png', renderSummaryHtml(fleet('en', 4)), 1000],
    ];
    for (const [name, html, height] of shots) {
      const o = await open(html, name.replace(/\.png$/, ''), { screenshot: false });
      await o.page.setViewportSize({ width: 960, height });
      await o.page.screenshot({ path: join(DOCS_IMAGES, name) });
      await close(o);
      expect(statSync(join(DOCS_IMAGES, name)).size).toBeLessThan(150 * 1024);
    }
  });
});
