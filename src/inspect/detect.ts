// Recognises a container from its bytes, never from the file name, with the magic numbers qemu's
// probes use: "QFI\xfb" (qcow2, block/qcow2.c), "conectix" at the start or in the last 512 bytes (VHD,
// block/vpc.c), "KDMV" or a text descriptor (VMDK, block/vmdk.c), "vhdxfile" (VHDX, block/vhdx.c),
// VDI, QED, qcow v1, Parallels and LUKS. Anything else is raw to qemu; for raw files the first bytes
// also tell an ISO or an archive from a disk, since uploading those is a common mistake.
import { looksLikeDescriptor } from './vmdk-descriptor.js';
import type { FormatName, RawContent } from './types.js';

export interface Detected {
  name: FormatName;
  /** VHD only: the footer copy at the start (dynamic/differencing) or only at the end (fixed). */
  vhdFooterAtStart?: boolean;
  /** VMDK only: a text descriptor rather than a sparse extent. */
  vmdkDescriptor?: boolean;
  /** VMDK "COWD" (ESX vmfsSparse) or seSparse extents, which Tencent's importer is not documented to read. */
  vmdkUnsupportedExtent?: string;
  rawContent?: RawContent;
}

const startsWith = (buf: Buffer, text: string, at = 0) =>
  buf.length >= at + text.length && buf.toString('latin1', at, at + text.length) === text;

/** `head`: the first bytes of the file (64 KiB or all of it); `tail`: its last 512 bytes. */
export function detectFormat(head: Buffer, tail: Buffer): Detected {
  if (startsWith(head, 'QFI\xfb')) {
    const version = head.length >= 8 ? head.readUInt32BE(4) : 0;
    return { name: version === 1 ? 'qcow' : 'qcow2' };
  }
  if (startsWith(head, 'vhdxfile')) return { name: 'vhdx' };
  if (startsWith(head, 'conectix')) return { name: 'vhd', vhdFooterAtStart: true };
  if (startsWith(head, 'KDMV')) return { name: 'vmdk' };
  if (startsWith(head, 'COWD')) return { name: 'vmdk', vmdkUnsupportedExtent: 'vmfsSparse (COWD)' };
  if (head.length >= 8 && head.readBigUInt64LE(0) === 0xcafebaben) return { name: 'vmdk', vmdkUnsupportedExtent: 'seSparse' };
  if (head.length >= 0x44 && head.readUInt32LE(0x40) === 0xbeda107f) return { name: 'vdi' };
  if (startsWith(head, 'QED\0')) return { name: 'qed' };
  if (startsWith(head, 'WithoutFreeSpace') || startsWith(head, 'WithouFreSpacExt')) return { name: 'parallels' };
  if (startsWith(head, 'LUKS\xba\xbe')) return { name: 'luks' };
  if (looksLikeDescriptor(head)) return { name: 'vmdk', vmdkDescriptor: true };
  if (tail.length === 512 && startsWith(tail, 'conectix')) return { name: 'vhd', vhdFooterAtStart: false };
  return { name: 'raw', rawContent: rawContent(head) };
}

function rawContent(head: Buffer): RawContent {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (startsWith(head, '\xfd7zXZ\0')) return 'xz';
  if (startsWith(head, 'BZh')) return 'bzip2';
  if (startsWith(head, 'PK\x03\x04')) return 'zip';
  if (startsWith(head, "7z\xbc\xaf'\x1c")) return '7z';
  if (startsWith(head, '\x28\xb5\x2f\xfd')) return 'zstd';
  if (startsWith(head, 'ustar', 257)) return 'tar';
  // An ISO 9660 volume descriptor at 32 KiB, on a file without a partition table (not a hybrid ISO).
  const hasMbr = head.length >= 512 && head[510] === 0x55 && head[511] === 0xaa;
  if (startsWith(head, 'CD001', 0x8001) && !hasMbr) return 'iso9660';
  return 'disk';
}
