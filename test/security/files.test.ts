// Issue 12: files the tool reads and writes, in folders others may write. Each case was reproduced on
// the code before it was fixed.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSnapshot } from '../../src/collect/collect.js';
import { main, type CliEnv } from '../../src/commands/main.js';
import { InputError } from '../../src/errors.js';
import { expandPaths, summarize } from '../../src/fleet/summarize.js';
import { saveRun } from '../../src/schedule/history.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { makePrivateDir } from '../../src/util/private-dir.js';
import { readInputFile } from '../../src/util/read-input.js';
import { fixturePath, machine, run } from '../helpers.js';
import { options, recording, ReplayRunner } from '../collect/replay.js';

const linux: CliEnv = { platform: 'linux', stdoutIsTTY: false, env: { LANG: 'C' } };
const tmp = (prefix = 'ipf-sec-') => mkdtempSync(join(tmpdir(), prefix));
const fifo = (path: string) => execFileSync('mkfifo', [path]);

describe('--output', () => {
  it.each([
    ['-', /"-" is not a file; leave out --output to print to the screen/],
    ['NUL', /a device name, not a file/],
    ['C:\\Reports\\con.txt', /a device name, not a file/],
    ['\\\\.\\PhysicalDrive0', /a device name, not a file/],
  ])('refuses %s with one line and exit 3', async (target, message) => {
    const r = await main(['check', '--snapshot', fixturePath('healthy-server-2019'), '--output', target], linux);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a device node, a FIFO, a folder and a link, and leaves each as it was', async () => {
    const dir = tmp();
    const pipe = join(dir, 'pipe');
    fifo(pipe);
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const link = join(dir, 'report.txt');
    symlinkSync(victim, link);
    for (const target of ['/dev/null', pipe, dir, link]) {
      const r = await main(['check', '--snapshot', fixturePath('healthy-server-2019'), '--output', target], linux);
      expect(r.exitCode, target).toBe(3);
      expect(r.stderr, target).toMatch(/not a regular file/);
    }
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  it("keeps an existing file's mode and leaves no temporary file behind, also when the write fails", () => {
    const dir = tmp();
    const file = join(dir, 'report.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(() => writeFileAtomic(join(dir, 'missing', 'x.json'), 'x')).toThrow(InputError);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('writes through an unpredictable temporary name, created exclusively', () => {
    const dir = tmp();
    const file = join(dir, 'latest.json');
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      writeFileAtomic(file, `${i}`);
      for (const n of readdirSync(dir)) seen.add(n);
    }
    expect([...seen]).toEqual(['latest.json']);
  });
});

describe('reading input', () => {
  it('refuses /dev/zero and a FIFO at once instead of reading forever or blocking', async () => {
    const pipe = join(tmp(), 'snapshot.json');
    fifo(pipe);
    for (const file of ['/dev/zero', pipe]) {
      const r = await main(['check', '--snapshot', file], linux);
      expect(r.exitCode, file).toBe(3);
      expect(r.stderr, file).toMatch(/not a regular file/);
    }
  });

  it('refuses a file over the size limit by its size, not as "not valid UTF-8"', async () => {
    const big = join(tmp(), 'huge.json');
    writeFileSync(big, '');
    truncateSync(big, 600 * 1024 * 1024);
    const r = await main(['check', '--snapshot', big], linux);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe(`image-preflight: snapshot ${big}: 600 MB is more than the 256 MB this tool reads\n`);
  });

  it('reads a file up to the limit', () => {
    const f = join(tmp(), 'a.json');
    writeFileSync(f, '{}');
    expect(readInputFile(f, 'x', 2).toString()).toBe('{}');
    expect(() => readInputFile(f, 'x', 1)).toThrow(/more than/);
  });
});

describe('temporary files handed to other programs', () => {
  it('go in a new folder of their own, created exclusively, and are gone afterwards', async () => {
    const shared = tmp('ipf-shared-temp-');
    // What another user could plant in the shared temp folder beforehand.
    writeFileSync(join(shared, 'fallback.cmd'), 'calc.exe');
    let seen: { path?: string; content?: string } = {};
    const runner = new ReplayRunner({
      cmd: (req) => {
        const path = req.args[2] ?? '';
        seen = { path, content: readFileSync(path, 'latin1') };
        return { stdout: recording('en-server-2019', 'fallback.stdout') };
      },
    });
    await collectSnapshot(options(runner, { fileExists: () => false, tempDir: shared }));
    expect(seen.path?.startsWith(join(shared, 'image-preflight-'))).toBe(true);
    expect(seen.content).toMatch(/^@echo off/);
    expect(readdirSync(shared)).toEqual(['fallback.cmd']);
    expect(readFileSync(join(shared, 'fallback.cmd'), 'utf8')).toBe('calc.exe');
  });

  it('never write into a file that exists', () => {
    const dir = makePrivateDir(tmp());
    dir.write('a.cmd', 'x');
    expect(() => dir.write('a.cmd', 'y')).toThrow(/EEXIST/);
    dir.remove();
    expect(existsSync(dir.path)).toBe(false);
  });
});

describe('report history of the scheduled check', () => {
  const report = (name = 'VM-0-12-WINDOWS') => {
    const s = machine();
    if (s.host && !('collectionError' in s.host)) s.host.computerName = name;
    // Machines told apart by name only, as off Tencent Cloud (no instance ID).
    delete s.instance;
    return run(s);
  };
  const ours = (dir: string, file: string, name?: string) => writeFileSync(join(dir, file), JSON.stringify(report(name)));

  it("deletes only its own reports of this machine, never a foreign file with a run's name", () => {
    const dir = tmp();
    writeFileSync(join(dir, '20200101T000000Z.json'), 'my notes');
    ours(dir, '20200102T000000Z.json', 'ANOTHER-VM');
    ours(dir, '20200103T000000Z.json');
    const saved = saveRun(dir, report(), 1, new Date('2026-11-25T00:00:00Z'));
    expect(saved.pruned).toEqual(['20200103T000000Z.json']);
    expect(readdirSync(dir).sort()).toEqual(['20200101T000000Z.json', '20200102T000000Z.json', '20261125T000000Z.json', 'latest.json']);
    expect(readFileSync(join(dir, '20200101T000000Z.json'), 'utf8')).toBe('my notes');
  });

  it('never overwrites a latest.json that is not a report of this tool', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'latest.json'), 'keep me');
    const saved = saveRun(dir, report(), 30, new Date('2026-11-25T00:00:00Z'));
    expect(saved.latestKept).toBe(true);
    expect(readFileSync(join(dir, 'latest.json'), 'utf8')).toBe('keep me');
  });

  it('a future-dated run does not count: --keep 1 keeps the run just written', () => {
    const dir = tmp();
    ours(dir, '20991231T000000Z.json');
    const saved = saveRun(dir, report(), 1, new Date('2026-11-25T00:00:00Z'));
    expect(saved.pruned).toEqual([]);
    expect(existsSync(join(dir, '20261125T000000Z.json'))).toBe(true);
  });

  it("a folder with a run's name neither stops the run nor is touched", async () => {
    const dir = tmp();
    mkdirSync(join(dir, '00000000T000000Z.json'));
    const saved = saveRun(dir, report(), 1, new Date('2026-11-25T00:00:00Z'));
    expect(saved.pruned).toEqual([]);
    expect(statSync(join(dir, '00000000T000000Z.json')).isDirectory()).toBe(true);
  });
});

describe('summarize over a hostile folder', () => {
  it('lists what it cannot read, follows links once, detects loops, and never aborts', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'good.json'), JSON.stringify(report()));
    writeFileSync(
      join(dir, 'nulls.json'),
      JSON.stringify({ reportVersion: 1, tool: { name: 'image-preflight' }, verdict: 'BLOCKED', checks: [null, { id: 'x', findings: 5 }] }),
    );
    // Parameters nested 20,000 deep (written as text: JSON.stringify itself would overflow).
    const deep = `${'{"id":"x","params":{"p":'.repeat(20_000)}{"id":"x"}${'}}'.repeat(20_000)}`;
    writeFileSync(
      join(dir, 'deep.json'),
      `{"reportVersion":1,"tool":{"name":"image-preflight"},"verdict":"AT RISK","snapshot":{"computerName":"DEEP"},"checks":[{"id":"y","findings":[{"checkId":"y","code":"c","severity":"warn","message":"m","messageId":"x","params":{"p":${deep}}}]}]}`,
    );
    mkdirSync(join(dir, 'sub'));
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'dangling.json'));
    fifo(join(dir, 'pipe.json'));
    const linked = tmp();
    writeFileSync(join(linked, 'other.json'), JSON.stringify(report('LINKED-VM')));
    symlinkSync(linked, join(dir, 'linked'));
    const s = summarize(expandPaths([dir]));
    expect(s.machines).toBe(4);
    expect(s.rows.map((r) => r.computerName).sort()).toEqual([
      expect.stringMatching(/^\(unknown: .*nulls\.json\)$/),
      'DEEP',
      'LINKED-VM',
      'VM-0-12-WINDOWS',
    ]);
    const skipped = Object.fromEntries(s.skipped.map((k) => [k.file.slice(dir.length + 1), k.reason]));
    expect(skipped).toMatchObject({
      'dangling.json': 'cannot read: no such file',
      'pipe.json': 'cannot read: not a regular file (a device, pipe or socket)',
    });
    expect(skipped[join('sub', 'loop')]).toMatch(/a link back to a folder already read/);
  });

  function report(name = 'VM-0-12-WINDOWS') {
    const s = machine();
    if (s.host && !('collectionError' in s.host)) s.host.computerName = name;
    // Machines told apart by name only, as off Tencent Cloud (no instance ID).
    delete s.instance;
    return run(s);
  }
});
