// Bad and unusual files: every one ends in one clear error or in findings, never in a crash or a hang.
// Synthetic headers need no tools; the rest start from real images and corrupt them by hand.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectError, inspectFindings, inspectImage, type ImageFacts } from '../../src/inspect/index.js';
import { applyFixups, parseIndexEntries } from '../../src/inspect/ntfs-records.js';
import { vhdChecksum } from '../../src/inspect/vhd.js';
import { buildDisk, describeWithDiskTools, MiB, qemuInfo, run, SYSTEM_RESERVED, windowsVolume } from './disk-tools.js';
import { qcow2Header } from './headers.js';

const codes = (f: ImageFacts) => inspectFindings(f).map((x) => `${x.code}:${x.severity}`);
const dir = mkdtempSync(join(tmpdir(), 'ipf-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('inspect: files that are not images, synthetic headers', () => {
  it.each([
    ['a missing file', () => join(dir, 'nope.qcow2'), 'not-found'],
    [
      'a folder',
      () => {
        const d = join(dir, 'folder.vhd');
        mkdirSync(d);
        return d;
      },
      'folder',
    ],
    ['a device', () => '/dev/null', 'not-a-file'],
    ['a 0-byte file', () => file('empty.qcow2', Buffer.alloc(0)), 'empty'],
  ])('%s is one clear error', async (_what, make, code) => {
    const path = make();
    await expect(inspectImage(path)).rejects.toSatisfy((e) => e instanceof InspectError && e.code === code && e.params.path === path);
  });

  it('a one-byte file is a raw image without a partition table', async () => {
    const facts = await inspectImage(file('one.img', Buffer.from([1])));
    expect(codes(facts)).toEqual(expect.arrayContaining(['partition-none:fail', 'windows-not-found:fail']));
  });

  it.each([
    ['gzip', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(2000)])],
    ['zip', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(2000)])],
    [
      'iso9660',
      (() => {
        const b = Buffer.alloc(40000);
        b.write('CD001', 0x8001, 'latin1');
        return b;
      })(),
    ],
    [
      'tar',
      (() => {
        const b = Buffer.alloc(4096);
        b.write('disk.vmdk', 0, 'latin1');
        b.write('ustar', 257, 'latin1');
        return b;
      })(),
    ],
  ])('a %s file is named for what it is, whatever its extension', async (content, bytes) => {
    const facts = await inspectImage(file(`upload-${content}.qcow2`, bytes));
    expect(facts.format).toMatchObject({ name: 'raw', rawContent: content });
    expect(inspectFindings(facts)[0]).toMatchObject({ code: 'raw-not-a-disk', severity: 'fail', params: { content } });
  });

  it('a qcow2 header with a 2^62-byte virtual size and no L1 table: findings, no crash', async () => {
    const facts = await inspectImage(file('huge.qcow2', qcow2Header({ size: 1n << 62n, l1Size: 0, l1Offset: 0n })));
    expect(facts.virtualSize).toBe(2 ** 62);
    expect(codes(facts)).toEqual(
      expect.arrayContaining([
        'image-damaged:fail',
        'virtual-size-too-large:fail',
        'actual-size-unknown:unknown',
        'partition-unknown:unknown',
      ]),
    );
  });

  it('a qcow2 L1 table past the end of the file is damage, not a crash', async () => {
    const facts = await inspectImage(file('l1-past-end.qcow2', qcow2Header({ size: 1n << 30n, l1Size: 2, l1Offset: 1n << 40n })));
    expect(facts.damage.join()).toMatch(/L1 table .* lies outside/);
    expect(facts.partitions.known).toBe(false);
  });

  it('a qcow2 L2 pointer past the end of the file makes reads "could not verify"', async () => {
    const buf = qcow2Header({ size: 1n << 30n, l1Size: 2, l1Offset: 65536n });
    buf.writeBigUInt64BE((1n << 63n) | (1n << 33n), 65536);
    const facts = await inspectImage(file('l2-past-end.qcow2', buf));
    expect(facts.partitions).toMatchObject({ known: false, reason: expect.stringMatching(/L2 table .* past the end/) });
    expect(codes(facts)).toContain('image-damaged:fail');
  });

  it('qcow2 dirty and corrupt bits warn; an unknown incompatible bit fails', async () => {
    const facts = await inspectImage(
      file('flags.qcow2', qcow2Header({ size: 1n << 20n, l1Size: 1, l1Offset: 65536n, incompatible: 0b11n | (1n << 20n) })),
    );
    expect(codes(facts)).toEqual(expect.arrayContaining(['qcow2-dirty:warn', 'qcow2-corrupt:warn', 'qcow2-unknown-features:fail']));
  });

  it('a VHD whose dynamic header lies past the end of the file', async () => {
    const footer = Buffer.alloc(512);
    footer.write('conectix', 0, 'latin1');
    footer.writeBigUInt64BE(1n << 40n, 16);
    footer.write('win ', 28, 'latin1');
    footer.writeBigUInt64BE(1n << 30n, 48);
    footer.writeUInt32BE(3, 60);
    footer.writeUInt32BE(vhdChecksum(footer), 64);
    const facts = await inspectImage(file('dyn.vhd', Buffer.concat([footer, Buffer.alloc(1024), footer])));
    expect(facts.format).toMatchObject({ name: 'vhd', subformat: 'dynamic', vhd: { checksumOk: true, sizeFrom: 'current-size' } });
    expect(facts.virtualSize).toBe(2 ** 30);
    expect(codes(facts)).toContain('image-damaged:fail');
  });

  it('an MBR whose extended partition chain loops ends with a damaged-table finding', async () => {
    const disk = Buffer.alloc(4 * MiB);
    const entry = (at: number, o: number, type: number, lba: number, sectors: number) => {
      disk[at + o + 4] = type;
      disk.writeUInt32LE(lba, at + o + 8);
      disk.writeUInt32LE(sectors, at + o + 12);
    };
    entry(0, 446, 0x05, 2048, 4096);
    disk.writeUInt16LE(0xaa55, 510);
    // EBR at 2048: a logical partition, then a link to a second EBR 1024 sectors in, which links back to the first.
    const ebr = 2048 * 512;
    entry(ebr, 446, 0x07, 63, 500);
    entry(ebr, 462, 0x05, 1024, 1024);
    disk.writeUInt16LE(0xaa55, ebr + 510);
    const ebr2 = (2048 + 1024) * 512;
    entry(ebr2, 446, 0x07, 63, 500);
    entry(ebr2, 462, 0x05, 0, 1024);
    disk.writeUInt16LE(0xaa55, ebr2 + 510);
    const facts = await inspectImage(file('ebr-loop.img', disk));
    if (!facts.partitions.known) throw new Error(facts.partitions.reason);
    expect(facts.partitions.value.problems.join()).toMatch(/loops back/);
    expect(facts.partitions.value.partitions.filter((p) => p.logical).map((p) => p.index)).toEqual([5, 6]);
    expect(codes(facts)).toContain('partition-damaged:fail');
  });

  it('a VMDK descriptor whose extents lie outside its folder or are missing is reported, not followed', async () => {
    const sub = join(dir, 'vm');
    mkdirSync(sub);
    writeFileSync(join(dir, 'secret-flat.vmdk'), Buffer.alloc(1 * MiB));
    const desc = (extent: string) =>
      `# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\ncreateType="monolithicFlat"\n\nRW 2048 FLAT "${extent}" 0\n`;
    writeFileSync(join(sub, 'outside.vmdk'), desc('../secret-flat.vmdk'));
    writeFileSync(join(sub, 'missing.vmdk'), desc('gone-flat.vmdk'));
    const outside = await inspectImage(join(sub, 'outside.vmdk'));
    expect(outside.format.vmdk?.extents).toEqual([
      { access: 'RW', sectors: 2048, type: 'FLAT', fileName: '../secret-flat.vmdk', status: 'outside' },
    ]);
    expect(outside.partitions).toMatchObject({ known: false, reason: expect.stringMatching(/outside the descriptor's folder/) });
    const missing = await inspectImage(join(sub, 'missing.vmdk'));
    expect(missing.format.vmdk?.extents[0]?.status).toBe('missing');
    expect(codes(missing)).toEqual(expect.arrayContaining(['vmdk-multi-file:fail', 'partition-unknown:unknown']));
  });
});

describeWithDiskTools('inspect: real images corrupted by hand', () => {
  let base = '';
  let work = '';
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ipf-bad-real-'));
    base = await buildDisk(join(work, 'base.raw'), { scheme: 'mbr', sizeMiB: 64, systemReserved: SYSTEM_RESERVED, main: windowsVolume() });
  }, 240_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('a truncated qcow2 (an interrupted upload) is damaged, with the data past the end named', async () => {
    const path = join(work, 'truncated.qcow2');
    run('qemu-img', ['convert', '-O', 'qcow2', base, path]);
    truncateSync(path, Math.floor(readFileSync(path).length * 0.6));
    const facts = await inspectImage(path);
    expect(facts.damage.join()).toMatch(/past the end of the/);
    expect(codes(facts)).toContain('image-damaged:fail');
  });

  it.each([
    ['luks', 'luks'],
    ['aes', 'aes'],
  ])('an encrypted qcow2 (%s) is refused and its content is not guessed', async (format, method) => {
    const path = join(work, `${format}.qcow2`);
    const args = [
      'create',
      '-q',
      '-f',
      'qcow2',
      '--object',
      'secret,id=sec0,data=hunter2',
      '-o',
      `encrypt.format=${format},encrypt.key-secret=sec0${format === 'luks' ? ',encrypt.iter-time=10' : ''}`,
      path,
      '64M',
    ];
    // qemu benchmarks PBKDF for LUKS and sometimes cannot measure so short an iteration time on a busy machine: try again.
    for (let attempt = 1; ; attempt++) {
      const r = spawnSync('qemu-img', args, { encoding: 'utf8' });
      if (r.status === 0) break;
      if (attempt >= 5 || !r.stderr.includes('Unable to get accurate CPU usage')) throw new Error(r.stderr);
    }
    const facts = await inspectImage(path);
    expect(facts.format.qcow2?.encryption).toBe(method);
    expect(inspectFindings(facts).find((f) => f.code === 'qcow2-encrypted')).toMatchObject({ severity: 'fail', params: { method } });
    expect(facts.partitions).toMatchObject({ known: false, reason: expect.stringMatching(/encrypted/) });
  });

  it('a VHD made by another creator is sized by its footer, as qemu does; a bad checksum warns', async () => {
    const path = join(work, 'hyperv.vhd');
    run('qemu-img', ['convert', '-O', 'vpc', '-o', 'subformat=dynamic', base, path]);
    const buf = readFileSync(path);
    for (const at of [0, buf.length - 512]) {
      buf.write('win ', at + 28, 'latin1');
      buf.writeUInt32BE(vhdChecksum(buf.subarray(at, at + 512)), at + 64);
    }
    writeFileSync(path, buf);
    const facts = await inspectImage(path);
    expect(facts.format.vhd).toMatchObject({ creatorApp: 'win ', sizeFrom: 'current-size', checksumOk: true });
    expect(facts.virtualSize).toBe(qemuInfo(path, 'vpc')['virtual-size']);
    buf.writeUInt32BE(0x12345678, 64);
    writeFileSync(path, buf);
    expect(codes(await inspectImage(path))).toContain('vhd-checksum:warn');
  });

  it('a dynamic VHD whose block lies past the end of the file is damaged', async () => {
    const path = join(work, 'short.vhd');
    run('qemu-img', ['convert', '-O', 'vpc', '-o', 'subformat=dynamic', base, path]);
    const buf = readFileSync(path);
    // Keep the BAT, drop the data blocks, keep the footer copy at the end.
    const cut = Buffer.concat([buf.subarray(0, 64 * 1024), buf.subarray(buf.length - 512)]);
    writeFileSync(path, cut);
    const facts = await inspectImage(path);
    expect(facts.damage.join()).toMatch(/runs past the end/);
    expect(facts.partitions.known).toBe(false);
  });

  it('a loop in a directory index (a child pointing back at its own block) is "could not verify", not a hang', async () => {
    const disk = Buffer.from(readFileSync(base));
    const start = 34816 * 512;
    let patched = 0;
    for (let at = start; at + 4096 <= disk.length; at += 4096) {
      if (disk.toString('latin1', at, at + 4) !== 'INDX') continue;
      const block = Buffer.from(disk.subarray(at, at + 4096));
      applyFixups(block, 'INDX', 'test');
      const entries = parseIndexEntries(block, 24, 'test');
      if (!entries.some((e) => e.child !== null && e.name?.startsWith('file-'))) continue;
      const own = block.readBigUInt64LE(16);
      // Point every child of this System32 node back at the node itself, avoiding the fixup positions.
      let pos = 24 + block.readUInt32LE(24);
      for (const e of entries) {
        const len = block.readUInt16LE(pos + 8);
        const field = pos + len - 8;
        if (e.child !== null && field % 512 < 504) {
          disk.writeBigUInt64LE(own, at + field);
          patched += 1;
        }
        pos += len;
      }
    }
    expect(patched).toBeGreaterThan(0);
    const facts = await inspectImage(file('index-loop.raw', disk));
    expect(facts.windows).toMatchObject({ known: false, reason: expect.stringMatching(/loop|says it is VCN/) });
    expect(codes(facts)).toEqual(expect.arrayContaining(['windows-unknown:unknown', 'virtio-unknown:unknown']));
  });

  it.each([
    ['qcow2', ['-O', 'qcow2']],
    ['vhd', ['-O', 'vpc', '-o', 'subformat=dynamic']],
    ['vmdk', ['-O', 'vmdk', '-o', 'subformat=streamOptimized']],
    ['raw', ['-O', 'raw']],
  ])(
    'random damage to a %s image never crashes or hangs the inspection',
    async (ext, args) => {
      const path = join(work, `fuzz-src.${ext}`);
      run('qemu-img', ['convert', ...(args as string[]), base, path]);
      const original = readFileSync(path);
      let seed = 12345;
      const rand = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      // Metadata lives near the start (headers, tables, the MBR and NTFS structures) and at the end (footers).
      const hot = [0, 64 * 1024, 34816 * 512, 34816 * 512 + 4 * 1024 * 1024, original.length - 2048];
      for (let i = 0; i < 60; i++) {
        const buf = Buffer.from(original);
        for (let j = 0; j < 1 + rand(16); j++) {
          const base = hot[rand(hot.length)] ?? 0;
          const at = Math.min(buf.length - 1, base + rand(256 * 1024));
          buf[at] = rand(256);
        }
        const damaged = join(work, `fuzz.${ext}`);
        writeFileSync(damaged, buf);
        const facts = await inspectImage(damaged);
        expect(inspectFindings(facts).length).toBeGreaterThan(0);
      }
    },
    120_000,
  );

  it('an NTFS volume imaged on its own (no partition table) is named as such', async () => {
    const disk = readFileSync(base);
    const facts = await inspectImage(file('volume.img', disk.subarray(34816 * 512)));
    expect(codes(facts)).toEqual(expect.arrayContaining(['partition-none-volume:fail', 'windows-found:pass']));
  });
});
