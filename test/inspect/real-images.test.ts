// The inspector against real images: a Windows-like MBR disk built with sfdisk, mkntfs and ntfs-3g,
// converted by qemu-img to every format Tencent Cloud imports (and VHDX, which it does not). Sizes are
// compared with `qemu-img info` and `qemu-img map`, and guest bytes read through each format with the
// raw disk itself.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inspectFindings, inspectImage, type ImageFacts } from '../../src/inspect/index.js';
import { openImage } from '../../src/inspect/inspect.js';
import { buildDisk, describeWithDiskTools, qemuInfo, qemuMappedBytes, run, SYSTEM_RESERVED, windowsVolume } from './disk-tools.js';

const codes = (f: ImageFacts) => inspectFindings(f).map((x) => `${x.code}:${x.severity}`);

describeWithDiskTools('inspect: real images from sfdisk, mkntfs, ntfs-3g and qemu-img', () => {
  let dir = '';
  let raw = '';
  const images: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ipf-inspect-'));
    raw = await buildDisk(join(dir, 'win-mbr.raw'), {
      scheme: 'mbr',
      sizeMiB: 128,
      systemReserved: SYSTEM_RESERVED,
      main: windowsVolume(),
    });
    const convert = (name: string, format: string, opts: string[] = []) => {
      images[name] = join(dir, name);
      run('qemu-img', ['convert', '-f', 'raw', '-O', format, ...opts, raw, images[name]]);
    };
    convert('v2.qcow2', 'qcow2', ['-o', 'compat=0.10']);
    convert('v3.qcow2', 'qcow2', ['-o', 'compat=1.1']);
    convert('compressed.qcow2', 'qcow2', ['-c']);
    convert('extl2.qcow2', 'qcow2', ['-o', 'extended_l2=on,cluster_size=128k']);
    convert('small-clusters.qcow2', 'qcow2', ['-o', 'cluster_size=4096']);
    convert('fixed.vhd', 'vpc', ['-o', 'subformat=fixed']);
    convert('dynamic.vhd', 'vpc', ['-o', 'subformat=dynamic']);
    convert('forced.vhd', 'vpc', ['-o', 'subformat=dynamic,force_size=on']);
    convert('sparse.vmdk', 'vmdk', ['-o', 'subformat=monolithicSparse']);
    convert('stream.vmdk', 'vmdk', ['-o', 'subformat=streamOptimized']);
    convert('flat.vmdk', 'vmdk', ['-o', 'subformat=monolithicFlat']);
    convert('split.vmdk', 'vmdk', ['-o', 'subformat=twoGbMaxExtentSparse']);
    convert('disk.vhdx', 'vhdx');
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the raw disk: MBR, boot partition, Windows volume, drivers and Cloudbase-Init, case-insensitively', async () => {
    const facts = await inspectImage(raw);
    expect(facts.format).toMatchObject({ name: 'raw', accepted: true, rawContent: 'disk' });
    expect(facts.virtualSize).toBe(128 * 1024 * 1024);
    expect(facts.damage).toEqual([]);
    if (!facts.partitions.known) throw new Error(facts.partitions.reason);
    expect(facts.partitions.value.scheme).toBe('mbr');
    expect(facts.partitions.value.partitions.map((p) => [p.index, p.start, p.type, p.active])).toEqual([
      [1, 1048576, '0x07', true],
      [2, 34816 * 512, '0x07', false],
    ]);
    if (!facts.volumes.known) throw new Error(facts.volumes.reason);
    const [reserved, windows] = facts.volumes.value;
    expect(reserved?.ntfs).toMatchObject({
      known: true,
      value: {
        label: { known: true, value: 'System Reserved' },
        windowsSystem: { known: true, value: false },
        bootFiles: { known: true, value: true },
      },
    });
    expect(windows?.ntfs).toMatchObject({
      known: true,
      value: {
        label: { known: true, value: 'Windows' },
        dirty: { known: true, value: false },
        windowsSystem: { known: true, value: true },
        bootFiles: { known: true, value: false },
      },
    });
    expect(facts.windows).toEqual({
      known: true,
      value: {
        partitionIndex: 2,
        files: {
          'Windows\\System32\\drivers\\viostor.sys': { known: true, value: true },
          'Windows\\System32\\drivers\\vioscsi.sys': { known: true, value: false },
          'Windows\\System32\\drivers\\netkvm.sys': { known: true, value: true },
          'Program Files\\Cloudbase Solutions\\Cloudbase-Init': { known: true, value: true },
          'Program Files (x86)\\Cloudbase Solutions\\Cloudbase-Init': { known: true, value: false },
        },
      },
    });
    expect(codes(facts)).toEqual([
      'format-accepted:pass',
      'virtual-size-ok:pass',
      'actual-size-ok:pass',
      'partition-mbr:pass',
      'boot-active-ok:pass',
      'windows-found:pass',
      'virtio-storage-ok:pass',
      'virtio-net-ok:pass',
      'cloudbase-init-ok:pass',
    ]);
    // A few hundred KiB of a 128 MiB disk.
    expect(facts.bytesRead).toBeLessThan(2 * 1024 * 1024);
  });

  const cases: Array<[string, string, string | null, string, boolean]> = [
    // file, format, subformat, qemu driver, whether qemu-img map counts allocation the same way
    ['v2.qcow2', 'qcow2', 'v2', 'qcow2', true],
    ['v3.qcow2', 'qcow2', 'v3', 'qcow2', true],
    ['compressed.qcow2', 'qcow2', 'v3', 'qcow2', true],
    ['extl2.qcow2', 'qcow2', 'v3', 'qcow2', true],
    ['small-clusters.qcow2', 'qcow2', 'v3', 'qcow2', true],
    ['fixed.vhd', 'vhd', 'fixed', 'vpc', false],
    ['dynamic.vhd', 'vhd', 'dynamic', 'vpc', true],
    ['forced.vhd', 'vhd', 'dynamic', 'vpc', true],
    ['sparse.vmdk', 'vmdk', 'monolithicSparse', 'vmdk', true],
    ['stream.vmdk', 'vmdk', 'streamOptimized', 'vmdk', true],
    ['flat.vmdk', 'vmdk', 'monolithicFlat', 'vmdk', false],
    ['split.vmdk', 'vmdk', 'twoGbMaxExtentSparse', 'vmdk', true],
  ];

  it.each(cases)(
    '%s: format, virtual size and allocation as qemu-img reports, same Windows facts',
    async (name, format, subformat, driver, sameMap) => {
      const path = images[name] ?? '';
      const facts = await inspectImage(path);
      expect(facts.format.name).toBe(format);
      expect(facts.format.subformat).toBe(subformat);
      expect(facts.virtualSize).toBe(qemuInfo(path, driver)['virtual-size']);
      if (sameMap) expect(facts.allocatedSize).toEqual({ known: true, value: qemuMappedBytes(path, driver) });
      expect(facts.damage).toEqual([]);
      expect(facts.windows.known && facts.windows.value?.files).toEqual({
        'Windows\\System32\\drivers\\viostor.sys': { known: true, value: true },
        'Windows\\System32\\drivers\\vioscsi.sys': { known: true, value: false },
        'Windows\\System32\\drivers\\netkvm.sys': { known: true, value: true },
        'Program Files\\Cloudbase Solutions\\Cloudbase-Init': { known: true, value: true },
        'Program Files (x86)\\Cloudbase Solutions\\Cloudbase-Init': { known: true, value: false },
      });
      const c = codes(facts);
      expect(c).toContain('windows-found:pass');
      expect(c.filter((x) => x.endsWith(':fail'))).toEqual(name === 'flat.vmdk' || name === 'split.vmdk' ? ['vmdk-multi-file:fail'] : []);
    },
  );

  it.each(cases)('%s: guest bytes read through the format equal the raw disk', async (name) => {
    const original = readFileSync(raw);
    const { opened, close } = await openImage(images[name] ?? '');
    try {
      const device = opened.device;
      if (!device) throw new Error(opened.noDevice);
      // Spans that start mid-cluster and cross cluster and grain boundaries, over the written areas.
      const spans: Array<[number, number]> = [
        [0, 512],
        [1048576 - 300, 70_000],
        [34816 * 512, 4096],
        [34816 * 512 + 1_000_003, 200_000],
      ];
      for (let i = 0; i < 40; i++) spans.push([Math.floor((((i * 7919) % 997) / 997) * (original.length - 140_000)), 131_071]);
      for (const [offset, length] of spans) {
        expect(
          (await device.read(offset, length)).equals(original.subarray(offset, offset + length)),
          `${name} at ${offset}+${length}`,
        ).toBe(true);
      }
    } finally {
      await close();
    }
  });

  it('refuses VHDX with the conversion command', async () => {
    const facts = await inspectImage(images['disk.vhdx'] ?? '');
    expect(facts.format).toMatchObject({ name: 'vhdx', accepted: false });
    const [first] = inspectFindings(facts);
    expect(first).toMatchObject({ code: 'format-vhdx', severity: 'fail', tencentCode: 'InvalidFormatSize' });
    expect(first?.commands).toEqual([
      `qemu-img convert -f vhdx -O vpc -o subformat=fixed "${images['disk.vhdx']}" converted.vhd`,
      `qemu-img convert -f vhdx -O qcow2 "${images['disk.vhdx']}" converted.qcow2`,
    ]);
  });

  it('reports a backing file and does not follow it', async () => {
    const overlay = join(dir, 'overlay.qcow2');
    run('qemu-img', ['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', images['v3.qcow2'] ?? '', overlay]);
    const facts = await inspectImage(overlay);
    expect(facts.backing).toEqual({ kind: 'qcow2-backing-file', name: `${images['v3.qcow2']} (qcow2)` });
    expect(facts.partitions.known).toBe(false);
    const f = inspectFindings(facts);
    expect(f.find((x) => x.code === 'backing-file')).toMatchObject({ severity: 'fail', tencentCode: 'PartitionNotPresent' });
    expect(f.filter((x) => x.severity === 'unknown').map((x) => x.code)).toEqual([
      'actual-size-unknown',
      'partition-unknown',
      'windows-unknown',
      'virtio-unknown',
      'cloudbase-init-unknown',
    ]);
  });

  it('reads a stream-optimized VMDK whose grain directory is in a footer (GD_AT_END), as VMware exports them', async () => {
    // qemu writes the grain directory near the start; move the header into a footer and mark gdOffset GD_AT_END.
    const src = readFileSync(images['stream.vmdk'] ?? '');
    const header = Buffer.from(src.subarray(0, 512));
    const marker = Buffer.alloc(512);
    marker.writeBigUInt64LE(1n, 0);
    marker.writeUInt32LE(0, 8);
    marker.writeUInt32LE(3, 12);
    const edited = Buffer.from(src);
    edited.writeBigUInt64LE(0xffffffffffffffffn, 56);
    const path = join(dir, 'gd-at-end.vmdk');
    writeFileSync(path, Buffer.concat([edited, marker, header, Buffer.alloc(512)]));
    // qemu-img reads it the same as the raw disk.
    run('qemu-img', ['compare', '-q', '-f', 'vmdk', '-F', 'raw', path, raw]);
    const facts = await inspectImage(path);
    expect(facts.format.vmdk).toMatchObject({ gdAtEnd: true, compressed: true });
    expect(facts.windows).toMatchObject({ known: true, value: { partitionIndex: 2 } });
  });
});
