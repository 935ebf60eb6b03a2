// Every fixture, in every format and language, rendered byte for byte as pinned: a change to start-up,
// matching or caching code must not change a single byte of any report (issue 17). The pins are SHA-256
// hashes (test/report/__snapshots__/outputs.json); a deliberate change of wording updates them with
// `vitest -u`, and the diff of the pinned reports in test/i18n shows what changed.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve.js';
import { judge } from '../../src/engine/judge.js';
import { LANGS } from '../../src/messages/types.js';
import { render } from '../../src/report/render.js';
import { FIXTURES, loadFixture } from '../helpers.js';

const FORMATS = ['text', 'json', 'junit', 'markdown'] as const;

it('renders every fixture in every format and language exactly as pinned', async () => {
  const hashes: Record<string, string> = {};
  const names = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
  for (const name of names) {
    const snapshot = loadFixture(name);
    for (const lang of LANGS) {
      const report = judge(snapshot, resolveConfig(), { lang, now: new Date('2026-11-23T00:00:00Z') });
      for (const format of FORMATS) {
        const out = render(report, { format, color: false, windowsSymbols: false });
        hashes[`${name} ${lang} ${format}`] = createHash('sha256').update(out).digest('hex').slice(0, 16);
      }
    }
  }
  await expect(`${JSON.stringify(hashes, null, 1)}\n`).toMatchFileSnapshot('./__snapshots__/outputs.json');
});
