// Disks an admin may really upload: a UEFI/GPT Windows disk, one without virtio drivers or
// Cloudbase-Init, a data disk, a disk whose boot partition was left out, a dynamic disk, and empty
// qcow2 images at and past the 500 GiB limit. Built with the real tools; judged end to end.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FileDevice, SliceDevice } from '../../src/inspect/block-device.js';
import { ImageFile, newReadStats } from '../../src/inspect/image-file.js';
import { inspectFindings, inspectImage, type ImageFacts } from '../../src/inspect/index.js';
import { NtfsVolume } from '../../src/inspect/ntfs.js';
import { buildDisk, describeWithDiskTools, GPT_BASIC, GPT_ESP, GPT_MSR, run, SYSTEM_RESERVED, windowsVolume } from './disk-tools.js';

const codes = (f: ImageFacts) => inspectFindings(f).map((x) => `${x.code}:${x.severity}`);

describeWithDiskTools('inspect: disks admins upload', () => {
  let dir = '';
  let gpt = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ipf-scen-'));
    gpt = await buildDisk(join(dir, 'uefi.raw'), { scheme: 'gpt', sizeMiB: 96, main: windowsVolume({ fill: false }) });
  }, 240_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a GPT (UEFI) Windows disk: warned, not refused; the partitions by type GUID', async () => {
    const facts = await inspectImage(gpt);
    if (!facts.partitions.known) throw new Error(facts.partitions.reason);
    expect(facts.partitions.value).toMatchObject({ scheme: 'gpt', gpt: { primaryOk: true, backupOk: true }, problems: [] });
    expect(facts.partitions.value.partitions.map((p) => [p.index, p.type, p.role])).toEqual([
      [1, GPT_ESP, 'efi-system'],
      [2, GPT_MSR, 'msr'],
      [3, GPT_BASIC, 'basic-data'],
    ]);
    expect(codes(facts)).toEqual([
      'format-accepted:pass',
      'virtual-size-ok:pass',
      'actual-size-ok:pass',
      'partition-gpt:warn',
      'boot-efi-partition:pass',
      'windows-found:pass',
      'virtio-storage-ok:pass',
      'virtio-net-ok:pass',
      'cloudbase-init-ok:pass',
    ]);
  });

  it('a GPT disk with a damaged primary header is read from the backup header', async () => {
    const buf = Buffer.from(readFileSync(gpt));
    buf[512 + 40] = (buf[512 + 40] ?? 0) ^ 0xff;
    const path = join(dir, 'gpt-primary-bad.raw');
    writeFileSync(path, buf);
    const facts = await inspectImage(path);
    expect(facts.partitions).toMatchObject({ known: true, value: { gpt: { primaryOk: false, backupOk: true } } });
    expect(codes(facts)).toEqual(expect.arrayContaining(['gpt-header-damaged:warn', 'windows-found:pass']));
    // Both headers gone: the table is damaged.
    buf[buf.length - 512 + 40] = (buf[buf.length - 512 + 40] ?? 0) ^ 0xff;
    writeFileSync(path, buf);
    expect(codes(await inspectImage(path))).toContain('partition-damaged:fail');
  });

  it('Windows without virtio drivers or Cloudbase-Init, without an active partition: warnings with Tencent codes', async () => {
    const path = await buildDisk(join(dir, 'bare.raw'), {
      scheme: 'mbr',
      sizeMiB: 64,
      main: windowsVolume({ virtio: false, cloudbase: false, fill: false }),
    });
    const f = inspectFindings(await inspectImage(path));
    expect(f.filter((x) => x.severity !== 'pass').map((x) => [x.code, x.severity, x.tencentCode])).toEqual([
      ['boot-no-active', 'warn', 'PartitionNotPresent'],
      ['virtio-storage-missing', 'warn', 'VirtioNotInstall'],
      ['virtio-net-missing', 'warn', 'VirtioNotInstall'],
      ['cloudbase-init-missing', 'warn', 'CloudInitNotInstalled'],
    ]);
  });

  it('an active Windows partition without bootmgr: the boot partition was left out', async () => {
    const path = await buildDisk(join(dir, 'no-boot.raw'), {
      scheme: 'mbr',
      sizeMiB: 64,
      mainActive: true,
      main: windowsVolume({ fill: false }),
    });
    expect(codes(await inspectImage(path))).toContain('boot-files-missing:warn');
  });

  it('a data disk (NTFS without Windows) is refused as RootPartitionNotFound', async () => {
    const path = await buildDisk(join(dir, 'data.raw'), {
      scheme: 'mbr',
      sizeMiB: 64,
      systemReserved: SYSTEM_RESERVED,
      main: { label: 'Data', folders: ['Backups\\2026'], files: ['Backups\\2026\\db.bak'] },
    });
    const f = inspectFindings(await inspectImage(path));
    expect(f.find((x) => x.code === 'windows-not-found')).toMatchObject({
      severity: 'fail',
      tencentCode: 'RootPartitionNotFound',
      params: { ntfsVolumes: 2 },
    });
  });

  it('a folder whose MFT record overflowed into extension records ($ATTRIBUTE_LIST) is still searched', async () => {
    const volume = windowsVolume({ fill: false });
    volume.fill = [{ folder: 'Windows\\System32', count: 800, prefix: 'f' }];
    volume.streams = [
      { path: 'Windows\\System32', count: 60, bytes: 200 },
      { path: 'Windows\\System32\\drivers', count: 60, bytes: 200 },
    ];
    const path = await buildDisk(join(dir, 'attribute-list.raw'), { scheme: 'mbr', sizeMiB: 64, mainActive: true, main: volume });
    // The folders really have an attribute list, as ntfsinfo would show.
    const stats = newReadStats();
    const file = await ImageFile.open(path, stats);
    try {
      const ntfs = await NtfsVolume.open(
        new SliceDevice(new FileDevice(file, 0, file.size), 2048 * 512, file.size - 2048 * 512, 'partition 1'),
      );
      const windows = await ntfs.lookup(5, 'windows');
      const system32 = windows && (await ntfs.lookup(windows.record, 'SYSTEM32'));
      if (!system32) throw new Error('System32 not found');
      expect((await ntfs.record(system32.record)).attributes.some((a) => a.type === 0x20)).toBe(true);
    } finally {
      await file.close();
    }
    const facts = await inspectImage(path);
    expect(facts.windows).toMatchObject({
      known: true,
      value: { files: { 'Windows\\System32\\drivers\\viostor.sys': { known: true, value: true } } },
    });
  });

  it('a Windows dynamic disk (LDM, type 0x42) is refused', async () => {
    const path = join(dir, 'ldm.raw');
    run('truncate', ['-s', '16M', path]);
    run('sfdisk', ['-q', path], 'label: dos\nstart=2048, type=42\n');
    expect(codes(await inspectImage(path))).toContain('partition-ldm:fail');
  });

  it.each([
    ['500G', 'virtual-size-ok:pass'],
    ['501G', 'virtual-size-too-large:fail'],
  ])('an empty %s qcow2: %s, blank disk refused', async (size, expected) => {
    const path = join(dir, `empty-${size}.qcow2`);
    run('qemu-img', ['create', '-q', '-f', 'qcow2', path, size]);
    const facts = await inspectImage(path);
    expect(codes(facts)).toEqual(expect.arrayContaining([expected, 'actual-size-ok:pass', 'partition-none:fail']));
    expect(facts.bytesRead).toBeLessThan(200 * 1024);
  });
});
