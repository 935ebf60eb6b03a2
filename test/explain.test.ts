// `image-preflight explain`: the documentation inside the exe (issue 18). The same text docs/checks.md is
// generated from, in the reader's language; every "more: image-preflight explain …" a report prints resolves.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../src/checks/index.js';
import { checkSection } from '../src/checks/docs.js';
import { main } from '../src/commands/main.js';
import { resolveConfig } from '../src/config/resolve.js';
import { judge } from '../src/engine/judge.js';
import { render } from '../src/report/render.js';
import { FIXTURES, loadFixture } from './helpers.js';

const env = { platform: 'linux' as const, stdoutIsTTY: false, env: {} };
const explain = (...args: string[]) => main(['explain', ...args], env);

describe('explain', () => {
  it('lists every check by section, and the two codes every check can report', async () => {
    const r = await explain();
    expect(r.exitCode).toBe(0);
    for (const c of CHECKS) expect(r.stdout).toMatch(new RegExp(`^  ${c.id} +\\S`, 'm'));
    expect(r.stdout).toContain('facts-unavailable');
  });

  it("prints a check's section exactly as docs/checks.md has it", async () => {
    const docs = readFileSync(new URL('../docs/checks.md', import.meta.url), 'utf8');
    for (const c of CHECKS) {
      const r = await explain(c.id);
      expect(r.stdout).toBe(`${checkSection(c, 'en')}\n`);
      expect(docs).toContain(checkSection(c, 'en'));
      // The codes' table: its header, then one separator row (a second one would show as a row of dashes).
      expect(checkSection(c, 'zh-CN')).toMatch(/\n\| 代码 \| 严重级别 \| 说明 \|\n\| --- \| --- \| --- \|\n\| [a-z]/);
    }
  });

  it("has every check's docs in every language, with English's code spans, links and table rows", () => {
    const spans = (s: string) => [...s.matchAll(/`([^`]*)`/g)].map((m) => (m[1] ?? '').replace(/\s+/g, ' ')).sort();
    const links = (s: string) => [...s.matchAll(/\]\([^)]*\)|https?:\/\/[^\s`)]+/g)].map((m) => m[0]).sort();
    const tableRows = (s: string) => s.split('\n').filter((l) => l.startsWith('|')).length;
    for (const c of CHECKS)
      for (const lang of ['zh-CN', 'pt-BR', 'id'] as const) {
        const text = c.docs[lang];
        expect(text, `${c.id} ${lang}`).toBeDefined();
        expect(spans(text ?? ''), `${c.id} ${lang}`).toEqual(spans(c.docs.en));
        expect(links(text ?? ''), `${c.id} ${lang}`).toEqual(links(c.docs.en));
        expect(tableRows(text ?? ''), `${c.id} ${lang}`).toBe(tableRows(c.docs.en));
        expect(text, `${c.id} ${lang}`).not.toMatch(/\(s\)/);
      }
  });

  it('puts the finding first for CHECK/CODE and for a code only one check has', async () => {
    const byPair = await explain('shutdown-readiness/shutdown-tracker-on');
    expect(byPair.stdout).toMatch(/^This finding: shutdown-tracker-on \(warn\): The Shutdown Event Tracker is on/);
    expect(byPair.stdout).toContain('## shutdown-readiness');
    expect((await explain('shutdown-tracker-on')).stdout).toBe(byPair.stdout);
  });

  it('speaks the reader language', async () => {
    const r = await explain('security-software/safedog-running', '--lang', 'zh-CN');
    expect(r.stdout).toMatch(/^本结果：safedog-running（失败）：/);
    expect(r.stdout).toContain('所需事实：services, processes。');
    expect(r.stdout).toContain('| 代码 | 严重级别 | 说明 |');
  });

  it('a misspelt or ambiguous topic is one line, exit 3, with what to type', async () => {
    expect(await explain('shutdwn-readiness')).toEqual({
      stdout: '',
      stderr:
        'image-preflight: explain: no check or finding "shutdwn-readiness"; did you mean "shutdown-readiness"? (image-preflight explain lists them)\n',
      exitCode: 3,
    });
    const ambiguous = await explain('registry-unreadable');
    expect(ambiguous.exitCode).toBe(3);
    expect(ambiguous.stderr).toMatch(
      /several checks have a finding "registry-unreadable": crash-dialogs\/registry-unreadable, .*; name one as CHECK\/CODE\n$/,
    );
  });

  it('every explain command any fixture report prints, in text and Markdown, resolves to its finding', async () => {
    const commands = new Set<string>();
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
      const report = judge(loadFixture(name.replace(/\.json$/, '')), resolveConfig(), { lang: 'en' });
      for (const format of ['text', 'markdown'] as const)
        for (const m of render(report, { format, color: false, windowsSymbols: false }).matchAll(/image-preflight explain ([\w/-]+)/g))
          commands.add(m[1] ?? '');
    }
    expect(commands.size).toBeGreaterThan(20);
    for (const topic of commands) {
      const r = await explain(topic);
      expect(r.exitCode, topic).toBe(0);
      expect(r.stdout, topic).toMatch(/^This finding: /);
    }
  });
});
