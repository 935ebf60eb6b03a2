// The one reader of reports from disk (summarize and the scheduled run's history): lenient where a value
// is only shown, strict where a decision rests on it, and never throwing.
import { describe, expect, it } from 'vitest';
import { readSavedReport } from '../../src/report/saved-report.js';
import { machine, run } from '../helpers.js';

const ours = (extra: Record<string, unknown>) => ({
  reportVersion: 1,
  tool: { name: 'image-preflight' },
  verdict: 'AT RISK',
  checks: [],
  ...extra,
});

describe('readSavedReport', () => {
  it('reads a report this version wrote', () => {
    const report = JSON.parse(JSON.stringify(run(machine('busy-web-server'))));
    const read = readSavedReport(report);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.report.verdict).toBe('AT RISK');
      expect(read.report.checks.flatMap((c) => c.findings).some((f) => f.code === 'disk-low')).toBe(true);
    }
  });

  it.each([
    [null, 'fleet.skip.notObject'],
    [[1, 2], 'fleet.skip.notObject'],
    [{ schemaVersion: 1, collectedAt: 'x' }, 'fleet.skip.snapshot'],
    [{ hello: 'world' }, 'fleet.skip.foreign'],
    [{ reportVersion: 1, verdict: 'READY', checks: [] }, 'fleet.skip.foreign'],
    [ours({ reportVersion: 2 }), 'fleet.skip.version'],
    [ours({ verdict: 'FINE' }), 'fleet.skip.damaged'],
    [ours({ checks: 5 }), 'fleet.skip.damaged'],
  ])('refuses %j with %s', (doc, reason) => {
    const read = readSavedReport(doc);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.reason.id).toBe(reason);
  });

  it('drops odd parts instead of failing: null checks, findings that are not a list, odd counts and severities', () => {
    const read = readSavedReport(
      ours({
        counts: { fail: 'many', warn: -3 },
        checks: [
          null,
          { id: 'x', findings: 5 },
          { id: 'y', findings: [null, { checkId: 'y', code: 'c', severity: 'catastrophic', message: 7 }] },
        ],
      }),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.report.counts).toMatchObject({ fail: 0, warn: 0 });
    expect(read.report.checks.map((c) => c.id)).toEqual(['x', 'y']);
    expect(read.report.checks[1]?.findings).toEqual([{ checkId: 'y', code: 'c', severity: 'unknown', message: '' }]);
  });

  it('drops message parameters nested deeper than any report writes them, keeping the text', () => {
    let deep: Record<string, unknown> = { id: 'x' };
    for (let i = 0; i < 20_000; i++) deep = { id: 'x', params: { p: deep } };
    const read = readSavedReport(
      ours({
        checks: [{ id: 'y', findings: [{ checkId: 'y', code: 'c', severity: 'warn', message: 'shown as written', params: { p: deep } }] }],
      }),
    );
    expect(read.ok).toBe(true);
    if (read.ok)
      expect(read.report.checks[0]?.findings[0]).toEqual({ checkId: 'y', code: 'c', severity: 'warn', message: 'shown as written' });
  });
});
