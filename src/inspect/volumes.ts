// Looks inside each partition: which file system it holds (from its boot sector), and for NTFS the
// label, the dirty bit, whether it is a Windows system volume (Windows\System32\config\SYSTEM) and
// whether it holds the BIOS boot files (bootmgr, Boot\BCD). On the Windows volume it then looks up the
// virtio drivers and Cloudbase-Init. Each fact is read on its own: one damaged index costs that fact,
// not the report.
import { SliceDevice, type BlockDevice } from './block-device.js';
import { reasonOf } from './errors.js';
import { NtfsVolume } from './ntfs.js';
import {
  BOOT_FILES,
  known,
  SYSTEM_HIVE,
  unknown,
  WINDOWS_FILES,
  type FileSystemName,
  type Known,
  type NtfsFacts,
  type PartitionTableFacts,
  type VolumeFacts,
  type WindowsFacts,
} from './types.js';

async function attempt<T>(fn: () => Promise<T>): Promise<Known<T>> {
  try {
    return known(await fn());
  } catch (err) {
    return unknown(reasonOf(err));
  }
}

export function fileSystemOf(sector: Buffer): FileSystemName {
  const text = (o: number, n: number) => sector.toString('latin1', o, o + n);
  if (sector.every((b) => b === 0)) return 'empty';
  if (text(3, 8) === 'NTFS    ') return 'ntfs';
  if (text(3, 8) === '-FVE-FS-') return 'bitlocker';
  if (text(3, 8) === 'EXFAT   ') return 'exfat';
  if (text(3, 4) === 'ReFS') return 'refs';
  if (text(82, 8) === 'FAT32   ' || text(54, 5) === 'FAT12' || text(54, 5) === 'FAT16') return 'fat';
  return 'unknown';
}

interface Probed {
  volumes: VolumeFacts[];
  windows: Known<WindowsFacts | null>;
}

export async function probeVolumes(device: BlockDevice, table: PartitionTableFacts): Promise<Probed> {
  const targets: Array<{ index: number; start: number; size: number }> = [];
  if (table.scheme === 'none' && table.sector0 === 'ntfs-volume') targets.push({ index: 0, start: 0, size: device.size });
  for (const p of table.partitions) {
    if (p.role === 'extended' || p.role === 'gpt-protective' || p.role === 'empty' || p.role === 'msr') continue;
    targets.push({ index: p.index, start: p.start, size: Math.min(p.size, Math.max(0, device.size - p.start)) });
  }
  const volumes: VolumeFacts[] = [];
  const opened = new Map<number, NtfsVolume>();
  for (const t of targets) {
    const slice = new SliceDevice(device, t.start, t.size, `partition ${t.index}`);
    const filesystem = await attempt(async () => fileSystemOf(await slice.read(0, 512)));
    const facts: VolumeFacts = { partitionIndex: t.index, filesystem, ntfs: null };
    if (filesystem.known && filesystem.value === 'ntfs') {
      facts.ntfs = await attempt(async () => {
        const volume = await NtfsVolume.open(slice);
        opened.set(t.index, volume);
        const info = await attempt(() => volume.volumeInformation());
        const ntfs: NtfsFacts = {
          clusterSize: volume.clusterSize,
          mftRecordSize: volume.boot.mftRecordSize,
          label: info.known ? known(info.value.label) : info,
          dirty: info.known ? known(info.value.dirty) : info,
          windowsSystem: await attempt(() => volume.exists(SYSTEM_HIVE)),
          bootFiles: await attempt(async () => {
            for (const f of BOOT_FILES) if (!(await volume.exists(f))) return false;
            return true;
          }),
        };
        return ntfs;
      });
    }
    volumes.push(facts);
  }

  const system = volumes.find((v) => v.ntfs?.known && v.ntfs.value.windowsSystem.known && v.ntfs.value.windowsSystem.value);
  const volume = system ? opened.get(system.partitionIndex) : undefined;
  if (system && volume) {
    const files: Record<string, Known<boolean>> = {};
    for (const path of Object.values(WINDOWS_FILES)) files[path] = await attempt(() => volume.exists(path));
    return { volumes, windows: known({ partitionIndex: system.partitionIndex, files }) };
  }
  for (const v of volumes) {
    const why = unreadReason(v);
    if (why) return { volumes, windows: unknown(`partition ${v.partitionIndex} could not be read: ${why}`) };
  }
  return { volumes, windows: known(null) };
}

/** Why a volume that may hold Windows could not be looked into, or null. */
function unreadReason(v: VolumeFacts): string | null {
  if (!v.filesystem.known) return v.filesystem.reason;
  if (v.filesystem.value === 'bitlocker') return 'it is encrypted with BitLocker';
  if (!v.ntfs) return null;
  if (!v.ntfs.known) return v.ntfs.reason;
  return v.ntfs.value.windowsSystem.known ? null : v.ntfs.value.windowsSystem.reason;
}
