// The inspector's pieces on hand-made bytes and facts, no tools needed: NTFS data runs and fixups,
// VMDK descriptors and extent paths, GUIDs, the findings as pure data, and the English table.
import { describe, expect, it } from 'vitest';
import {
  formatInspectMessage,
  INSPECT_CODES,
  inspectFindings,
  inspectMessagesEn,
  LIMITS,
  type ImageFacts,
  type InspectFinding,
} from '../../src/inspect/index.js';
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

/** A healthy Windows image's facts, to vary one fact at a time. */
function healthy(): ImageFacts {
  const yes = { known: true as const, value: true };
  const no = { known: true as const, value: false };
  return {
    file: { path: 'C:\\export\\web01.vhd', size: 20 * 2 ** 30, hostAllocated: 20 * 2 ** 30 },
    format: {
      name: 'vhd',
      accepted: true,
      subformat: 'dynamic',
      vhd: {
        diskType: 'dynamic',
        creatorApp: 'd2v ',
        checksumOk: true,
        sizeFrom: 'current-size',
        currentSize: 60 * 2 ** 30,
        blockSize: 2 ** 21,
        batEntries: 30720,
      },
    },
    virtualSize: 60 * 2 ** 30,
    allocatedSize: { known: true, value: 20 * 2 ** 30 },
    backing: null,
    damage: [],
    partitions: {
      known: true,
      value: {
        scheme: 'mbr',
        sectorSize: 512,
        sector0: 'mbr',
        gpt: null,
        ldm: false,
        problems: [],
        partitions: [
          {
            index: 1,
            start: 2 ** 20,
            size: 500 * 2 ** 20,
            type: '0x07',
            role: 'ntfs-or-exfat',
            active: true,
            logical: false,
            name: null,
            beyondDisk: false,
          },
          {
            index: 2,
            start: 501 * 2 ** 20,
            size: 59 * 2 ** 30,
            type: '0x07',
            role: 'ntfs-or-exfat',
            active: false,
            logical: false,
            name: null,
            beyondDisk: false,
          },
        ],
      },
    },
    volumes: {
      known: true,
      value: [
        {
          partitionIndex: 1,
          filesystem: { known: true, value: 'ntfs' },
          ntfs: {
            known: true,
            value: {
              clusterSize: 4096,
              mftRecordSize: 1024,
              label: { known: true, value: 'System Reserved' },
              dirty: no,
              windowsSystem: no,
              bootFiles: yes,
            },
          },
        },
        {
          partitionIndex: 2,
          filesystem: { known: true, value: 'ntfs' },
          ntfs: {
            known: true,
            value: {
              clusterSize: 4096,
              mftRecordSize: 1024,
              label: { known: true, value: '' },
              dirty: no,
              windowsSystem: yes,
              bootFiles: no,
            },
          },
        },
      ],
    },
    windows: {
      known: true,
      value: {
        partitionIndex: 2,
        files: {
          'Windows\\System32\\drivers\\viostor.sys': yes,
          'Windows\\System32\\drivers\\vioscsi.sys': no,
          'Windows\\System32\\drivers\\netkvm.sys': yes,
          'Program Files\\Cloudbase Solutions\\Cloudbase-Init': no,
          'Program Files (x86)\\Cloudbase Solutions\\Cloudbase-Init': yes,
        },
      },
    },
    bytesRead: 1000,
  };
}

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
      params: { gib: 500, limitGib: 500 },
    });
    f.allocatedSize = { known: true, value: 49.99 * 2 ** 30 };
    const big = inspectFindings(f).find((x) => x.code === 'actual-size-may-exceed');
    expect(big).toMatchObject({
      severity: 'warn',
      tencentCode: 'InvalidFormatSize',
      params: { command: 'qemu-img measure -O qcow2 "C:\\export\\web01.vhd"' },
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

  it('has an English sentence for every code, and leaves no placeholder unfilled', () => {
    expect(Object.keys(inspectMessagesEn).sort()).toEqual([...INSPECT_CODES].sort());
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
        expect(formatInspectMessage(inspectMessagesEn[finding.code], finding.params), finding.code).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
