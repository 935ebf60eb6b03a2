// Property tests (fast-check): whatever text a machine or a report holds, the renderers keep their
// promises, summarize and the scheduled history never throw, and limits stay linear.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCsv, renderSummaryText } from '../../src/fleet/render.js';
import { renderSummaryHtml } from '../../src/fleet/render-html.js';
import { renderHtml } from '../../src/report/render-html.js';
import { expandPaths, summarize } from '../../src/fleet/summarize.js';
import { render } from '../../src/report/render.js';
import { readSavedReport } from '../../src/report/saved-report.js';
import { saveRun } from '../../src/schedule/history.js';
import { globMatch } from '../../src/util/glob.js';
import { markdownCode, visible } from '../../src/util/safe-text.js';
import { addService, machine, run, setService } from '../helpers.js';

/** Text an attacker would choose: controls, escape sequences, quotes, Markdown, HTML, formulas, bidi. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u001b[2J',
    '\u001b]8;;http://x/\u001b\\',
    '\r\nREADY',
    '```',
    '`',
    '</td><script>',
    '[x](javascript:1)',
    '=cmd|',
    '@SUM',
    '\u202e',
    '\u200b',
    '"&calc&"',
    '$(calc)',
    '%PATH%',
    '|',
    '\\',
  ),
);
const nastyText = fc.array(nasty, { maxLength: 6 }).map((parts) => parts.join(''));
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200f]/;

/** Every tag the HTML pages are made of: anything else in a page came from data. */
const HTML_TAGS = new Set(
  'html head meta title style body script header p h1 h2 h3 dl dt dd section article span ul li details summary div button pre footer bdi table thead tbody tr th td a code label input select option time svg text rect'.split(
    ' ',
  ),
);
const tagsOf = (html: string) => [...new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()))];
/** A page without its embedded JSON report, and that report's text. */
function splitHtml(html: string): { page: string; json: string } {
  const open = '<script type="application/json" id="image-preflight-report">';
  const start = html.indexOf(open);
  const end = html.indexOf('</script>', start);
  return { page: html.slice(0, start) + html.slice(end), json: html.slice(start + open.length, end) };
}

function hostileReport(name: string, path: string, caption: string) {
  const s = machine('safedog-running');
  if (s.host && !('collectionError' in s.host)) {
    s.host.computerName = name;
    s.host.osCaption = caption;
  }
  setService(s, 'QcloudService', { State: 'Stopped', PathName: path });
  addService(s, { Name: name || 'x', State: 'Running', StartMode: 'Auto', PathName: `C:\\SafeDog\\${path}`, ProcessId: 4321 });
  return run(s);
}

describe('renderers under hostile machine data', () => {
  it('text: no raw control or invisible character reaches the terminal; one verdict line at the end', () => {
    fc.assert(
      fc.property(nastyText, nastyText, nastyText, (name, path, caption) => {
        const out = render(hostileReport(name, path, caption), { format: 'text', color: false, windowsSymbols: false });
        expect(out).not.toMatch(RAW_CONTROL);
        expect(out.split('\n').filter((l) => /^(READY|AT RISK|BLOCKED): /.test(l))).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });

  it('markdown: no raw control characters, and every code block closes with its own fence', () => {
    fc.assert(
      fc.property(nastyText, nastyText, nastyText, (name, path, caption) => {
        const md = render(hostileReport(name, path, caption), { format: 'markdown', color: false, windowsSymbols: false });
        expect(md).not.toMatch(RAW_CONTROL);
        const fences = md.split('\n').filter((l) => /^`{3,}/.test(l));
        for (let i = 0; i < fences.length; i += 2) expect(fences[i + 1]?.replace(/bat$/, '')).toBe(fences[i]?.replace(/bat$/, ''));
      }),
      { numRuns: 150 },
    );
  });

  it('html: machine data never makes a tag, a raw control character or a second script; the embedded JSON is exact', () => {
    fc.assert(
      fc.property(nastyText, nastyText, nastyText, (name, path, caption) => {
        const report = hostileReport(name, path, caption);
        const html = renderHtml(report);
        const { page, json } = splitHtml(html);
        expect(tagsOf(page).filter((t) => !HTML_TAGS.has(t))).toEqual([]);
        expect(page).not.toMatch(RAW_CONTROL);
        expect(html.match(/<script\b/g)).toHaveLength(2);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
      }),
      { numRuns: 150 },
    );
  });

  it('a code span always holds its whole text', () => {
    fc.assert(
      fc.property(nastyText, (s) => {
        const span = markdownCode(s);
        const fence = /^`+/.exec(span)?.[0] ?? '';
        const inner = span.slice(fence.length, span.length - fence.length);
        expect(inner.includes(fence)).toBe(false);
        expect(inner.trim() === visible(s).trim() || inner === ` ${visible(s)} `).toBe(true);
      }),
    );
  });

  it('CSV: every field quoted, no field starts a formula', () => {
    fc.assert(
      fc.property(nastyText, nastyText, (name, os) => {
        const summary = summarize({ files: [], skipped: [] });
        summary.rows.push({
          computerName: name,
          instanceId: null,
          verdict: 'READY',
          failures: 0,
          warnings: 0,
          couldNotVerify: 0,
          problems: [],
          findings: [],
          generatedAt: '',
          collectedAt: '',
          os,
          file: name,
        });
        const row = renderCsv(summary).split('\r\n')[1] ?? '';
        expect(row).not.toMatch(RAW_CONTROL);
        const fields = row.match(/"(?:[^"]|"")*"/g) ?? [];
        expect(fields).toHaveLength(11);
        for (const f of fields) expect(f).not.toMatch(/^"\s*[=+\-@]/);
      }),
    );
  });
});

describe('readers under hostile reports', () => {
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      nastyText,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(
        fc.constantFrom('checks', 'findings', 'params', 'severity', 'verdict', 'messageId', 'snapshot', 'counts', 'id', 'x'),
        tie('value'),
        { maxKeys: 5 },
      ),
    ),
  })).value;

  it('readSavedReport never throws, whatever the document', () => {
    fc.assert(
      fc.property(json, fc.constantFrom('READY', 'AT RISK', 'BLOCKED', 'FINE'), (checks, verdict) => {
        const read = readSavedReport({
          reportVersion: 1,
          tool: { name: 'image-preflight' },
          verdict,
          checks,
          snapshot: checks,
          counts: checks,
        });
        expect(typeof read.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('summarize and its renderers never throw over a folder of hostile files', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(json, nastyText), { minLength: 1, maxLength: 6 }), (docs) => {
        const dir = mkdtempSync(join(tmpdir(), 'ipf-fuzz-'));
        docs.forEach(([checks, name], i) => {
          writeFileSync(
            join(dir, `${i}.json`),
            JSON.stringify({
              reportVersion: 1,
              tool: { name: 'image-preflight' },
              verdict: 'AT RISK',
              snapshot: { computerName: name },
              checks,
            }),
          );
        });
        writeFileSync(join(dir, 'broken.json'), '{"reportVersion":1,');
        const s = summarize(expandPaths([dir]), { lang: 'zh-CN' });
        expect(s.rows.length + s.skipped.length).toBe(docs.length + 1);
        expect(renderSummaryText(s)).not.toMatch(RAW_CONTROL);
        renderCsv(s);
        const page = renderSummaryHtml(s);
        expect(tagsOf(page).filter((t) => !HTML_TAGS.has(t))).toEqual([]);
        expect(page).not.toMatch(RAW_CONTROL);
      }),
      { numRuns: 60 },
    );
  });

  it('the scheduled history never throws over hostile files in its folder', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('20200101T000000Z.json', '20991231T000000Z.json', 'latest.json', '20261124T000000Z.json'), json),
          { maxLength: 4 },
        ),
        (files) => {
          const dir = mkdtempSync(join(tmpdir(), 'ipf-fuzz-history-'));
          for (const [name, content] of files) writeFileSync(join(dir, name), JSON.stringify(content));
          const saved = saveRun(dir, run(machine()), 1, new Date('2026-11-25T00:00:00Z'));
          expect(saved.file.endsWith('20261125T000000Z.json')).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('limits', () => {
  it('matches an allow-list glob without backtracking (the old RegExp took minutes)', () => {
    const pattern = `${'*a'.repeat(30)}*b`;
    const text = 'a'.repeat(50_000);
    const started = process.hrtime.bigint();
    expect(globMatch(pattern, text)).toBe(false);
    // Generous: this is a correctness guard against exponential time, not a speed target.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
  });

  it('globs: * and ? match as in the docs, case-insensitively', () => {
    expect(globMatch('C:\\ProgramData\\Acme\\*', 'c:\\programdata\\acme\\scan\\x.tmp')).toBe(true);
    expect(globMatch('*.tmp', 'x.tmp')).toBe(true);
    expect(globMatch('a?c', 'abc')).toBe(true);
    expect(globMatch('a?c', 'ac')).toBe(false);
    expect(globMatch('a*a', 'a')).toBe(false);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('ab', 'abc')).toBe(false);
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 }), (p, t) => {
        const re = new RegExp(
          `^${p
            .toLowerCase()
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[\\s\\S]*')
            .replace(/\?/g, '[\\s\\S]')}$`,
        );
        expect(globMatch(p, t)).toBe(re.test(t.toLowerCase()));
      }),
      { numRuns: 500 },
    );
  });

  it('renders 80,000 findings as text and Markdown without overflowing the stack', () => {
    const s = machine();
    for (let i = 0; i < 80_000; i++)
      addService(s, { Name: `SafeDog${i}`, State: 'Running', StartMode: 'Auto', PathName: `C:\\SafeDog\\${i}.exe` });
    const report = run(s);
    expect(report.checks.flatMap((c) => c.findings).flatMap((f) => f.evidence).length).toBeGreaterThan(80_000);
    expect(render(report, { format: 'text', color: false, windowsSymbols: false }).length).toBeGreaterThan(1_000_000);
    expect(render(report, { format: 'markdown', color: false, windowsSymbols: false }).length).toBeGreaterThan(1_000_000);
    expect(renderHtml(report).length).toBeGreaterThan(1_000_000);
  });
});
