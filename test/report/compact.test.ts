// The compact JSON report (check --format json --compact) that fleet runs read back through TAT, whose
// output keeps only the first 24 KiB: every fixture, in every language, fits with room to spare (but one
// whose share-readiness scan found many secrets, listed with why), and
// what summarize, fix --report and the scheduled history read from it is what they read from the full one.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/commands/main.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { judge } from '../../src/engine/judge.js';
import { findingsOfSavedReport } from '../../src/fix/plan.js';
import { expandPaths, summarize } from '../../src/fleet/summarize.js';
import { LANGS } from '../../src/messages/types.js';
import { renderJson } from '../../src/report/render-json.js';
import { readSavedReport } from '../../src/report/saved-report.js';
import { FIXTURES, loadFixture } from '../helpers.js';

/** TAT's output limit, less the two marker lines and newlines the fleet script prints around the report. */
const ROOM = 24 * 1024 - 2 * 45;
/**
 * Fixtures whose compact report does not fit, with why. A fleet run reports such a machine as "report
 * truncated" (never a guessed report) unless --output-cos was given: then it is read from TAT's COS copy.
 */
const OVER_LIMIT: Record<string, string> = {
  'secrets-on-disk':
    'the share-readiness scan found 26 secrets in 18 files: each finding keeps its path, the masked secrets and their evidence (about 36 KB)',
};
const NAMES = readdirSync(FIXTURES.pathname)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('compact report', () => {
  it.each(NAMES)('%s: fits TAT output in every language, and reads back as the full report does', (name) => {
    for (const lang of LANGS) {
      const report = judge(loadFixture(name), resolveConfig(), { lang, now: new Date('2026-11-25T00:00:00Z') });
      const full = renderJson(report);
      const compact = renderJson(report, true);
      if (name in OVER_LIMIT) expect(Buffer.byteLength(compact), `${name} ${lang}: ${OVER_LIMIT[name]}`).toBeGreaterThan(ROOM);
      else expect(Buffer.byteLength(compact), `${name} ${lang}`).toBeLessThan(ROOM);
      expect(Buffer.byteLength(compact)).toBeLessThan(Buffer.byteLength(full) / 2);
      expect(compact.split('\n')).toHaveLength(2);

      const a = readSavedReport(JSON.parse(full));
      const b = readSavedReport(JSON.parse(compact));
      if (!a.ok || !b.ok) throw new Error('not readable');
      expect(b.report.verdict).toBe(a.report.verdict);
      expect(b.report.counts).toEqual(a.report.counts);
      expect(b.report.snapshot).toEqual(a.report.snapshot);
      expect(findingsOfSavedReport(b.report)).toEqual(findingsOfSavedReport(a.report));
    }
  });

  it('summarize reads a folder of compact reports as it reads full ones', () => {
    const full = mkdtempSync(join(tmpdir(), 'ipf-compact-'));
    const compact = mkdtempSync(join(tmpdir(), 'ipf-compact-'));
    NAMES.forEach((name, i) => {
      const r = judge(loadFixture(name), resolveConfig(), { lang: i % 2 ? 'zh-CN' : 'en', now: new Date('2026-11-25T00:00:00Z') });
      r.snapshot.instanceId = `ins-c${String(i).padStart(7, '0')}`;
      writeFileSync(join(full, `${i}.json`), renderJson(r));
      writeFileSync(join(compact, `${i}.json`), renderJson(r, true));
    });
    const strip = (s: ReturnType<typeof summarize>) => ({ ...s, rows: s.rows.map((r) => ({ ...r, file: '' })) });
    for (const lang of LANGS)
      expect(strip(summarize(expandPaths([compact]), { lang }))).toEqual(strip(summarize(expandPaths([full]), { lang })));
  });

  it('the CLI: --compact prints one line of JSON; with another format it is a usage error', async () => {
    const env = { platform: 'linux' as const, stdoutIsTTY: false, env: {} };
    const snapshot = new URL('safedog-running.json', FIXTURES).pathname;
    const r = await main(['check', '--snapshot', snapshot, '--format', 'json', '--compact'], env);
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ reportVersion: 1, compact: true, verdict: 'BLOCKED' });
    const bad = await main(['check', '--snapshot', snapshot, '--compact'], env);
    expect(bad).toEqual({
      stdout: '',
      stderr: 'image-preflight: --compact is a form of the JSON report: use it with --format json, not --format text\n',
      exitCode: 3,
    });
  });
});
