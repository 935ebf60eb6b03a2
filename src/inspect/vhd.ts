// VHD (qemu's "vpc" driver, block/vpc.c): a 512-byte big-endian footer "conectix" at the end of the
// file, copied at the start for dynamic and differencing disks. Fixed disks hold the guest bytes
// straight from offset 0; dynamic disks map 2 MiB blocks through the Block Allocation Table named by the
// "cxsparse" dynamic header, each block preceded by its sector bitmap. Differencing disks name a parent,
// which is reported and never followed. disk2vhd writes ordinary VHDs (creator "d2v ").
import { ClusterDevice, FileDevice, LruCache, type ClusterLocation } from './block-device.js';
import { approxNumber, Fields, isPowerOfTwo, SECTOR, utf16beUntilNul } from './bytes.js';
import { DamagedError, reasonOf } from './errors.js';
import type { ImageFile } from './image-file.js';
import { ALLOCATION_BUDGET, type OpenedImage } from './opened-image.js';
import { known, unknown, type VhdFacts } from './types.js';

const VHD_FIXED = 2;
const VHD_DYNAMIC = 3;
const VHD_DIFFERENCING = 4;
/** The largest CHS geometry: qemu then takes the footer's current size instead (block/vpc.c). */
const VHD_MAX_GEOMETRY = 65535 * 16 * 255;
const VHD_MAX_SECTORS = 0xff000000;
const BAT_UNUSED = 0xffffffff;

/** The one's complement of the byte sum with the checksum field (bytes 64-67) left out. */
export function vhdChecksum(footer: Buffer): number {
  let sum = 0;
  for (let i = 0; i < footer.length; i++) {
    if (i >= 64 && i < 68) continue;
    sum = (sum + (footer[i] ?? 0)) >>> 0;
  }
  return ~sum >>> 0;
}

export async function openVhd(file: ImageFile, footerAtStart: boolean): Promise<OpenedImage> {
  const damage: string[] = [];
  const footerBuf = footerAtStart ? await file.read(0, SECTOR) : await file.read(file.size - SECTOR, SECTOR);
  const f = new Fields(footerBuf, 'VHD footer');
  const diskTypeNum = f.u32be(60);
  const creatorApp = f.ascii(28, 4);
  const currentSizeBig = f.u64be(48);
  const chs = f.u16be(56) * f.u8(58) * f.u8(59);
  const checksumOk = vhdChecksum(footerBuf) === f.u32be(64);
  // block/vpc.c: Virtual PC and qemu (without force_size) size a disk by its CHS geometry, every
  // other creator (Hyper-V "win ", disk2vhd "d2v ", XenServer, Azure...) by the footer's current size.
  const useChs = (creatorApp === 'vpc ' || creatorApp === 'qemu') && chs !== VHD_MAX_GEOMETRY;
  const virtualSize = useChs ? chs * SECTOR : approxNumber(currentSizeBig);
  const diskType: VhdFacts['diskType'] =
    diskTypeNum === VHD_FIXED
      ? 'fixed'
      : diskTypeNum === VHD_DYNAMIC
        ? 'dynamic'
        : diskTypeNum === VHD_DIFFERENCING
          ? 'differencing'
          : `type-${diskTypeNum}`;
  const facts: VhdFacts = {
    diskType,
    creatorApp,
    checksumOk,
    sizeFrom: useChs ? 'geometry' : 'current-size',
    currentSize: approxNumber(currentSizeBig),
    blockSize: null,
    batEntries: null,
  };
  const opened: OpenedImage = {
    format: { name: 'vhd', accepted: true, subformat: diskType, vhd: facts },
    virtualSize,
    device: null,
    noDevice: '',
    backing: null,
    damage,
    measureAllocation: () => Promise.resolve(unknown('the VHD could not be read')),
    close: () => Promise.resolve(),
  };
  if (virtualSize / SECTOR > VHD_MAX_SECTORS) damage.push(`VHD virtual size ${virtualSize} is larger than the format allows (about 2 TiB)`);

  if (diskType === 'fixed') {
    const dataEnd = file.size - SECTOR;
    if (virtualSize > dataEnd) {
      damage.push(`fixed VHD declares ${virtualSize} bytes but the file holds only ${dataEnd} before its footer: truncated`);
      opened.noDevice = 'the fixed VHD is truncated';
    } else {
      opened.device = new FileDevice(file, 0, virtualSize);
    }
    opened.measureAllocation = () => Promise.resolve(known(Math.min(virtualSize, file.hostAllocated ?? virtualSize)));
    return opened;
  }
  if (diskType !== 'dynamic' && diskType !== 'differencing') {
    damage.push(`VHD disk type ${diskTypeNum} is not fixed (2), dynamic (3) or differencing (4)`);
    opened.noDevice = 'unknown VHD disk type';
    return opened;
  }

  // Dynamic header.
  const dataOffset = f.u64be(16);
  if (dataOffset + 1024n > BigInt(file.size)) {
    damage.push(`VHD dynamic header offset ${dataOffset} lies past the end of the file`);
    opened.noDevice = 'the VHD dynamic header is missing';
    return opened;
  }
  const dyn = new Fields(await file.read(Number(dataOffset), 1024), 'VHD dynamic header');
  if (dyn.ascii(0, 8) !== 'cxsparse') {
    damage.push(`VHD dynamic header at ${dataOffset} lacks the "cxsparse" cookie`);
    opened.noDevice = 'the VHD dynamic header is damaged';
    return opened;
  }
  const tableOffset = dyn.u64be(16);
  const entries = dyn.u32be(28);
  const blockSize = dyn.u32be(32);
  facts.blockSize = blockSize;
  facts.batEntries = entries;
  if (diskType === 'differencing') {
    opened.backing = { kind: 'vhd-parent', name: utf16beUntilNul(dyn.bytes(64, 512)) || '?' };
  }
  let tablesOk = true;
  if (!isPowerOfTwo(blockSize) || blockSize < SECTOR) {
    damage.push(`VHD block size ${blockSize} is not a power of two of at least 512`);
    tablesOk = false;
  } else if (entries * blockSize < virtualSize) {
    damage.push(`VHD BAT of ${entries} blocks of ${blockSize} bytes does not cover the virtual size ${virtualSize}`);
    tablesOk = false;
  }
  if (tableOffset + BigInt(entries) * 4n > BigInt(file.size)) {
    damage.push(`VHD BAT (${entries} entries at ${tableOffset}) runs past the end of the file`);
    tablesOk = false;
  }
  if (!tablesOk) {
    opened.noDevice = 'the VHD block allocation table is damaged';
    return opened;
  }
  const bat = Number(tableOffset);
  const bitmapSize = Math.ceil(blockSize / (8 * SECTOR) / SECTOR) * SECTOR;
  const pages = new LruCache<number, Buffer>(64);
  const entryOf = async (index: number): Promise<number> => {
    const at = bat + index * 4;
    const page = Math.floor(at / SECTOR) * SECTOR;
    let buf = pages.get(page);
    if (!buf) {
      buf = await file.readUpTo(page, SECTOR);
      pages.set(page, buf);
    }
    if (at - page + 4 > buf.length) throw new DamagedError(`VHD BAT entry ${index} lies past the end of the file`);
    return buf.readUInt32BE(at - page);
  };
  const locate = async (index: number): Promise<ClusterLocation> => {
    if (index >= entries) return { kind: 'zero' };
    const e = await entryOf(index);
    if (e === BAT_UNUSED) return { kind: 'zero' };
    const offset = e * SECTOR + bitmapSize;
    if (offset + blockSize > file.size)
      throw new DamagedError(`VHD block ${index} at ${offset} runs past the end of the ${file.size}-byte file`);
    return { kind: 'file', offset };
  };
  opened.measureAllocation = async () => {
    try {
      if (entries * 4 > ALLOCATION_BUDGET) return unknown(`the BAT has ${entries} entries, more than are counted`);
      let used = 0;
      for (let first = 0; first < entries; first += 256 * 1024) {
        const n = Math.min(256 * 1024, entries - first);
        const buf = await file.read(bat + first * 4, n * 4);
        for (let i = 0; i < n; i++) {
          const e = buf.readUInt32BE(i * 4);
          if (e === BAT_UNUSED) continue;
          used += 1;
          if (e * SECTOR + bitmapSize + blockSize > file.size && damage.length < 20) {
            damage.push(`VHD block ${first + i} at sector ${e} runs past the end of the ${file.size}-byte file`);
          }
        }
      }
      return known(Math.min(used * blockSize, virtualSize));
    } catch (err) {
      return unknown(reasonOf(err));
    }
  };
  if (opened.backing) opened.noDevice = 'the VHD is a differencing disk: the rest of the guest data is in its parent, which is not read';
  else if (virtualSize > Number.MAX_SAFE_INTEGER) opened.noDevice = 'the virtual size is beyond what can be addressed';
  else opened.device = new ClusterDevice(file, virtualSize, blockSize, locate, file.path);
  return opened;
}
