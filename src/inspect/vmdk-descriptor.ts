// The text descriptor of a VMDK (qemu block/vmdk.c, vmdk_parse_extents and vmdk_parse_description):
// `key="value"` lines (createType, parentCID, parentFileNameHint) and extent lines such as
// `RW 4192256 SPARSE "disk-s001.vmdk"` or `RW 2048 FLAT "disk-flat.vmdk" 0`. Pure parsing: whether
// the named files exist is decided by the caller.

export interface DescriptorExtent {
  access: string;
  sectors: number;
  type: string;
  fileName: string | null;
  /** FLAT extents: the sector in the file where this extent starts. */
  offsetSectors: number;
}

export interface VmdkDescriptor {
  createType: string | null;
  parentCID: string | null;
  parentFileNameHint: string | null;
  extents: DescriptorExtent[];
}

const EXTENT = /^(RW|RDONLY|NOACCESS)\s+(\d+)\s+([A-Z]+)(?:\s+"([^"\r\n]*)")?(?:\s+(\d+))?\s*$/;
const KEY = /^([A-Za-z][\w.]*)\s*=\s*"?([^"\r\n]*)"?\s*$/;

/** Whether the first bytes of a file look like a VMDK text descriptor. */
export function looksLikeDescriptor(head: Buffer): boolean {
  const text = head.subarray(0, 4096).toString('latin1');
  if (/^\uFEFF?\s*# Disk DescriptorFile/.test(text)) return true;
  return /^\s*createType\s*=/m.test(text) && /^\s*version\s*=/m.test(text) && !text.includes('\0');
}

export function parseDescriptor(text: string): VmdkDescriptor {
  const out: VmdkDescriptor = { createType: null, parentCID: null, parentFileNameHint: null, extents: [] };
  const lines = text.split(/\r?\n|\r/);
  for (const raw of lines.slice(0, 10_000)) {
    const line = raw.replace(/\0.*$/, '').trim();
    if (!line || line.startsWith('#')) continue;
    const ext = EXTENT.exec(line);
    if (ext) {
      const [, access = '', sectors = '0', type = '', fileName, offset] = ext;
      out.extents.push({ access, sectors: Number(sectors), type, fileName: fileName ?? null, offsetSectors: offset ? Number(offset) : 0 });
      continue;
    }
    const kv = KEY.exec(line);
    if (!kv) continue;
    const [, key = '', value = ''] = kv;
    if (key === 'createType') out.createType = value;
    else if (key === 'parentCID') out.parentCID = value;
    else if (key === 'parentFileNameHint') out.parentFileNameHint = value;
  }
  return out;
}

/** A descriptor names a parent when its parentCID is not ffffffff (no parent). */
export function parentOf(d: VmdkDescriptor): string | null {
  if (d.parentCID === null || d.parentCID.toLowerCase() === 'ffffffff') return null;
  return d.parentFileNameHint ?? `parent with CID ${d.parentCID}`;
}
