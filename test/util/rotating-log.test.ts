// The scheduled check's daily logs: no state on disk a user could forge, only its own names pruned.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DailyLogFiles, logFilesToPrune } from '../../src/util/rotating-log.js';
import { createProbeLog } from '../../src/util/logger.js';

const day = (d: string) => new Date(`${d}T12:00:00Z`);

describe('logFilesToPrune', () => {
  it('keeps the newest N of its own files and never names another file', () => {
    const names = [
      'image-preflight-2026-11-01.log',
      'image-preflight-2026-11-02.log',
      'image-preflight-2026-11-03.log',
      'notes.txt',
      'image-preflight-2026-11-01.log.bak',
      'x-image-preflight-2026-10-01.log',
    ];
    expect(logFilesToPrune(names, 2, day('2026-11-03'))).toEqual(['image-preflight-2026-11-01.log']);
  });
  it("a future-dated file does not push today's log out", () => {
    const names = ['image-preflight-2026-11-02.log', 'image-preflight-2026-11-03.log', 'image-preflight-2099-01-01.log'];
    expect(logFilesToPrune(names, 1, day('2026-11-03'))).toEqual(['image-preflight-2026-11-02.log']);
  });
});

describe('DailyLogFiles', () => {
  it('ignores a forged audit file and deletes nothing outside its own names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-log-'));
    const victim = join(mkdtempSync(join(tmpdir(), 'ipf-victim-')), 'precious.txt');
    writeFileSync(victim, 'keep me');
    // What winston-daily-rotate-file trusted: an audit file naming files to delete.
    writeFileSync(
      join(dir, '.image-preflight-log-audit.json'),
      JSON.stringify({
        keep: { days: false, amount: 1 },
        files: [
          { date: 1, name: victim, hash: 'x' },
          { date: 2, name: victim, hash: 'y' },
        ],
      }),
    );
    for (let d = 1; d <= 20; d++) writeFileSync(join(dir, `image-preflight-2026-10-${String(d).padStart(2, '0')}.log`), 'old\n');
    const log = createProbeLog({ verbose: false, rotateDir: dir, now: () => day('2026-11-03') });
    log.summary('first');
    log.summary('second');
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(existsSync(join(dir, '.image-preflight-log-audit.json'))).toBe(true);
    const logs = readdirSync(dir)
      .filter((n) => n.endsWith('.log'))
      .sort();
    expect(logs).toHaveLength(14);
    expect(logs.at(-1)).toBe('image-preflight-2026-11-03.log');
    const lines = readFileSync(join(dir, 'image-preflight-2026-11-03.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.message)).toEqual(['first', 'second']);
  });

  it("stops writing a day's file at its size cap", () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-log-'));
    const files = new DailyLogFiles(dir, { maxBytes: 100, keep: 3, now: () => day('2026-11-03') });
    for (let i = 0; i < 50; i++) files.append(`line ${i} ${'x'.repeat(10)}\n`);
    expect(readFileSync(join(dir, 'image-preflight-2026-11-03.log')).length).toBeLessThanOrEqual(100);
  });
});
