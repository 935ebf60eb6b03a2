// The inspector's pieces on hand-made bytes and facts, no tools needed: NTFS data runs and fixups,
// VMDK descriptors and extent paths, GUIDs, the findings as pure data, and their sentences in every language.
import { describe, expect, it } from 'vitest';
import { INSPECT_CODES, inspectFindings, LIMITS, RULES, type ImageFacts, type InspectFinding } from '../../src/inspect/index.js';
import { en } from '../../src/messages/en.js';
import { formatMessage } from '../../src/messages/format.js';
import { LANGS } from '../../src/messages/types.js';
import { findingMessageId } from '../../src/report/inspection.js';
import { healthy } from './sample-facts.js';
import { applyFixups, decodeRuns, parseBootSector } from '../../src/inspect/ntfs-records.js';
import { guidString } from '../../src/inspect/partitions.js';
import { parseDescriptor, parentOf } from '../../src/inspect/vmdk-descriptor.js';
import { resolveExtent } from '../../src/inspect/vmdk.js';
import { DamagedError } from '../../src/inspect/errors.js';

describe('NTFS records', () => {
  it('decodes data runs: lengths, signed LCN deltas and sparse runs', () => {
    // 0x18 clusters at LCN 0x5634; 0x10 clusters back by 0x100; 8 sparse clusters; end.
    const runs = decodeRuns(Buffer.from([0x21, 0x18, 0x34, 0x56, 0x21, 0x10, 0x00, 0xff, 0x01, 0x08, 0x00]), 0, 'test');
    expect(runs).toEqual([
      { vcn: 0, lcn: 0x5634, length: 0x18 },
      { vcn: 0x18, lcn: 0x5534, length: 0x10 },
      { vcn: 0x28, lcn: null, length: 8 },
    ]);
  });

  it('refuses runs that are not terminated or point before the volume', () => {
    expect(() => decodeRuns(Buffer.from([0x21, 0x18, 0x34]), 0, 'test')).toThrow(DamagedError);
    expect(() => decodeRuns(Buffer.from([0x11, 0x01, 0xf0, 0x00]), 0, 'test')).toThrow(/points to cluster -16/);
  });

  it('applies update sequence fixups and detects a torn write', () => {
    const rec = Buffer.alloc(1024);
    rec.write('FILE', 0, 'latin1');
    rec.writeUInt16LE(48, 4);
    rec.writeUInt16LE(3, 6);
    rec.writeUInt16LE(0x0707, 48);
    rec.writeUInt16LE(0x1111, 50);
    rec.writeUInt16LE(0x2222, 52);
    rec.writeUInt16LE(0x0707, 510);
    rec.writeUInt16LE(0x0707, 1022);
    const ok = Buffer.from(rec);
    applyFixups(ok, 'FILE', 'test');
    expect([ok.readUInt16LE(510), ok.readUInt16LE(1022)]).toEqual([0x1111, 0x2222]);
    rec.writeUInt16LE(0x0808, 1022);
    expect(() => applyFixups(rec, 'FILE', 'test')).toThrow(/torn write/);
  });

  it('reads boot sector sizes, including negative powers of two', () => {
    const bs = Buffer.alloc(512);
    bs.write('NTFS    ', 3, 'latin1');
    bs.writeUInt16LE(512, 11);
    bs[13] = 8;
    bs.writeInt8(-10, 0x40);
    bs.writeInt8(1, 0x44);
    expect(parseBootSector(bs)).toMatchObject({ clusterSize: 4096, mftRecordSize: 1024, indexBlockSize: 4096 });
    bs[13] = 3;
    expect(() => parseBootSector(bs)).toThrow(/sectors per cluster/);
  });
});

describe('VMDK descriptors', () => {
  const text = [
    '# Disk DescriptorFile',
    'version=1',
    'CID=fffffffe',
    'parentCID=1a2b3c4d',
    'createType="twoGbMaxExtentSparse"',
    'parentFileNameHint="base.vmdk"',
    '',
    'RW 4192256 SPARSE "disk-s001.vmdk"',
    'RW 2048 FLAT "disk-flat.vmdk" 128',
    'RDONLY 100 ZERO',
    'RW 8 VMFSSPARSE "x.vmdk"',
  ].join('\r\n');

  it('parses extents and the parent', () => {
    const d = parseDescriptor(text);
    expect(d.createType).toBe('twoGbMaxExtentSparse');
    expect(d.extents).toEqual([
      { access: 'RW', sectors: 4192256, type: 'SPARSE', fileName: 'disk-s001.vmdk', offsetSectors: 0 },
      { access: 'RW', sectors: 2048, type: 'FLAT', fileName: 'disk-flat.vmdk', offsetSectors: 128 },
      { access: 'RDONLY', sectors: 100, type: 'ZERO', fileName: null, offsetSectors: 0 },
      { access: 'RW', sectors: 8, type: 'VMFSSPARSE', fileName: 'x.vmdk', offsetSectors: 0 },
    ]);
    expect(parentOf(d)).toBe('base.vmdk');
    expect(parentOf(parseDescriptor('parentCID=ffffffff\n'))).toBeNull();
  });

  it.each(['../x-flat.vmdk', '/etc/passwd', 'C:\\vm\\x.vmdk', 'a/../../x.vmdk', '..\\x.vmdk'])(
    'refuses the extent path %s outside the folder',
    (name) => {
      expect(resolveExtent('/data/vm/disk.vmdk', name).status).toBe('outside');
    },
  );

  it('accepts a path inside the folder (missing here)', () => {
    expect(resolveExtent('/data/vm/disk.vmdk', 'sub/disk-flat.vmdk')).toEqual({ path: '/data/vm/sub/disk-flat.vmdk', status: 'missing' });
  });
});

it('writes GUIDs with their first three fields little-endian', () => {
  const b = Buffer.from('28732AC11FF8D211BA4B00A0C93EC93B', 'hex');
  expect(guidString(b)).toBe('C12A7328-F81F-11D2-BA4B-00A0C93EC93B');
});

const summary = (f: InspectFinding[]) => f.map((x) => `${x.code}:${x.severity}`);

describe('inspectFindings', () => {
  it('passes a healthy image, finding the 32-bit Cloudbase-Init too', () => {
    const f = inspectFindings(healthy());
    expect(f.every((x) => x.severity === 'pass')).toBe(true);
    expect(f.find((x) => x.code === 'cloudbase-init-ok')?.params.path).toBe('Program Files (x86)\\Cloudbase Solutions\\Cloudbase-Init');
  });

  it('draws the size lines at 500 GiB virtual and 50 GiB of data', () => {
    const f = healthy();
    f.virtualSize = LIMITS.virtualBytes;
    expect(summary(inspectFindings(f))).toContain('virtual-size-ok:pass');
    f.virtualSize = LIMITS.virtualBytes + 512;
    expect(inspectFindings(f).find((x) => x.code === 'virtual-size-too-large')).toMatchObject({
      severity: 'fail',
      tencentCode: 'InvalidFormatSize',
      params: { gib: { decimal: 500, digits: 0 }, limitGib: { decimal: 500, digits: 0 } },
    });
    f.allocatedSize = { known: true, value: 49.99 * 2 ** 30 };
    const big = inspectFindings(f).find((x) => x.code === 'actual-size-may-exceed');
    expect(big).toMatchObject({
      severity: 'warn',
      tencentCode: 'InvalidFormatSize',
      params: { gib: { decimal: 50, digits: 0 } },
      commands: ['qemu-img measure -O qcow2 "C:\\export\\web01.vhd"'],
    });
  });

  it('marks dirty and BitLocker volumes, and what cannot be verified', () => {
    const f = healthy();
    if (!f.volumes.known) throw new Error();
    const v = f.volumes.value[1];
    if (!v?.ntfs?.known) throw new Error();
    v.ntfs.value.dirty = { known: true, value: true };
    f.volumes.value.push({ partitionIndex: 3, filesystem: { known: true, value: 'bitlocker' }, ntfs: null });
    f.windows = { known: false, reason: 'index block 4 of record 5: torn write' };
    expect(summary(inspectFindings(f)).filter((c) => !c.endsWith(':pass'))).toEqual([
      'ntfs-dirty:warn',
      'volume-bitlocker:warn',
      'windows-unknown:unknown',
      'virtio-unknown:unknown',
      'cloudbase-init-unknown:unknown',
    ]);
  });

  it('names a Tencent failure code on every non-passing finding it can foresee', () => {
    const f = healthy();
    f.partitions = {
      known: true,
      value: { scheme: 'none', sectorSize: 512, sector0: 'blank', gpt: null, ldm: false, problems: [], partitions: [] },
    };
    f.windows = { known: true, value: null };
    const out = inspectFindings(f);
    expect(out.find((x) => x.code === 'partition-none')?.tencentCode).toBe('PartitionNotPresent');
    expect(out.find((x) => x.code === 'windows-not-found')?.tencentCode).toBe('RootPartitionNotFound');
  });

  it('has a sentence for every code in every language, and leaves no placeholder unfilled', () => {
    for (const code of INSPECT_CODES) expect(en, code).toHaveProperty([findingMessageId(code)]);
    const variants: ImageFacts[] = [healthy()];
    const v1 = healthy();
    v1.format = { name: 'vhdx', accepted: false, subformat: null };
    v1.backing = { kind: 'qcow2-backing-file', name: 'base.qcow2' };
    v1.damage = ['something'];
    v1.virtualSize = 600 * 2 ** 30;
    v1.allocatedSize = { known: false, reason: 'x' };
    v1.partitions = { known: false, reason: 'y' };
    v1.windows = { known: false, reason: 'z' };
    variants.push(v1);
    for (const facts of variants) {
      for (const finding of inspectFindings(facts)) {
        for (const lang of LANGS) {
          expect(formatMessage(findingMessageId(finding.code), finding.params, lang), `${finding.code} ${lang}`).not.toMatch(/\{\w+\}/);
        }
      }
    }
  });

  it('gives each finding the group, severity and Tencent code of its rule', () => {
    const v = healthy();
    v.damage = ['x'];
    v.backing = { kind: 'vhd-parent', name: 'parent.vhd' };
    for (const f of inspectFindings(v)) {
      const rule: { group: string; severity: string; tencent?: string } = RULES[f.code];
      expect(f, f.code).toMatchObject({ group: rule.group, severity: rule.severity });
      expect(f.tencentCode).toBe(rule.tencent);
    }
  });

  it('gives commands only when the file name is safe to paste into bash, cmd.exe and PowerShell', () => {
    for (const path of [
      '/srv/$(reboot).qcow2',
      'C:\\export\\100%done.vhd',
      'web`01.vhd',
      'a"b.vhd',
      'line\nbreak.vhd',
      '\u201cquoted\u201d.vhd',
    ]) {
      const f = healthy();
      f.file.path = path;
      f.damage = ['x'];
      f.allocatedSize = { known: true, value: 60 * 2 ** 30 };
      const found = inspectFindings(f);
      expect(found.find((x) => x.code === 'image-damaged')?.commands, path).toEqual([]);
      expect(found.find((x) => x.code === 'actual-size-may-exceed')?.commands, path).toEqual([]);
    }
    const f = healthy();
    f.file.path = "D:\\exports (old)\\web & db's disk.vhd";
    f.damage = ['x'];
    expect(inspectFindings(f).find((x) => x.code === 'image-damaged')?.commands).toEqual([
      `qemu-img check "D:\\exports (old)\\web & db's disk.vhd"`,
    ]);
  });
});
