// One unreadable file or folder never stops the scan: each is counted, the first ones named with their
// error code, and the scan goes on. (Tests run as root here, where permissions do not deny anything,
// so the file system's answers are replaced for two paths.)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const denied = (code: string) => Object.assign(new Error(code), { code });
  return {
    ...fs,
    openSync: (path: string, ...rest: Parameters<typeof fs.openSync> extends [unknown, ...infer R] ? R : never) => {
      if (String(path).includes('locked')) throw denied('EBUSY');
      return fs.openSync(path, ...rest);
    },
    readdirSync: ((path: string, options: unknown) => {
      if (String(path).endsWith('private')) throw denied('EACCES');
      return fs.readdirSync(path, options as never);
    }) as typeof fs.readdirSync,
  };
});

const { scanForSecrets } = await import('../../src/collect/share-scan/scan.js');
const { plantedSecrets } = await import('../../scripts/fixtures/share-tree.js');

describe('unreadable files and folders', () => {
  it('are counted and named, and the scan carries on', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ipf-scan-err-'));
    const desktop = join(root, 'Users', 'Administrator', 'Desktop');
    mkdirSync(join(desktop, 'private'), { recursive: true });
    const id = plantedSecrets()[0];
    writeFileSync(join(desktop, 'a-locked.txt'), `${id}\n`);
    writeFileSync(join(desktop, 'private', 'x.txt'), `${id}\n`);
    writeFileSync(join(desktop, 'z-notes.txt'), `${id}\n`);
    const r = await scanForSecrets({ root });
    expect(r.findings.map((f) => f.path)).toEqual([join(desktop, 'z-notes.txt')]);
    expect(r.scan.skipped.unreadable).toBe(2);
    expect(r.scan.unreadable).toEqual(
      expect.arrayContaining([
        { path: join(desktop, 'a-locked.txt'), code: 'EBUSY' },
        { path: join(desktop, 'private'), code: 'EACCES' },
      ]),
    );
  });
});
