// The inspection: open the file read-only, recognise its container from the header, open the guest
// disk through it, read the partition table, look into the volumes. Each stage that cannot be read
// leaves its facts as "could not verify" and the stages after it too; only a file that cannot be opened
// at all is an InspectError.
import { reasonOf } from './errors.js';
import { detectFormat, type Detected } from './detect.js';
import { ImageFile, newReadStats, type ReadStats } from './image-file.js';
import type { OpenedImage } from './opened-image.js';
import { readPartitionTable } from './partitions.js';
import { openQcow2 } from './qcow2.js';
import { ACCEPTED_FORMATS, known, unknown, type FormatName, type ImageFacts, type Known, type PartitionTableFacts } from './types.js';
import { openVhd } from './vhd.js';
import { openVmdkDescriptor, openVmdkSparse } from './vmdk.js';
import { FileDevice } from './block-device.js';
import { probeVolumes } from './volumes.js';

export interface InspectOptions {
  /** Shared read counter (the benchmark passes one to see the bytes read). */
  stats?: ReadStats;
}

async function detect(file: ImageFile): Promise<Detected> {
  const head = await file.readUpTo(0, 64 * 1024);
  const tail = file.size >= 1024 ? await file.read(file.size - 512, 512) : Buffer.alloc(0);
  return detectFormat(head, tail);
}

async function openFormat(file: ImageFile, stats: ReadStats, d: Detected): Promise<OpenedImage> {
  const plain = (name: FormatName, noDevice: string): OpenedImage => ({
    format: { name, accepted: ACCEPTED_FORMATS.includes(name), subformat: null },
    virtualSize: null,
    device: null,
    noDevice,
    backing: null,
    damage: [],
    measureAllocation: () => Promise.resolve(unknown(noDevice)),
    close: () => Promise.resolve(),
  });
  switch (d.name) {
    case 'qcow2':
      return openQcow2(file);
    case 'vhd':
      return openVhd(file, d.vhdFooterAtStart === true);
    case 'vmdk':
      if (d.vmdkUnsupportedExtent) {
        const o = plain('vmdk', `${d.vmdkUnsupportedExtent} extents are not read by this tool`);
        o.format.subformat = d.vmdkUnsupportedExtent;
        return o;
      }
      return d.vmdkDescriptor ? openVmdkDescriptor(file, stats) : openVmdkSparse(file);
    case 'raw': {
      const o = plain('raw', '');
      o.format.rawContent = d.rawContent ?? 'disk';
      o.virtualSize = file.size;
      o.device = new FileDevice(file, 0, file.size);
      o.measureAllocation = () => Promise.resolve(known(Math.min(file.size, file.hostAllocated ?? file.size)));
      return o;
    }
    default:
      return plain(d.name, `${d.name} images are not read by this tool`);
  }
}

/** Opens the image and its guest disk without judging anything (tests compare guest bytes with qemu-img's). */
export async function openImage(path: string, stats: ReadStats = newReadStats()): Promise<{ opened: OpenedImage; close(): Promise<void> }> {
  const file = await ImageFile.open(path, stats);
  try {
    const opened = await openFormat(file, stats, await detect(file));
    return {
      opened,
      close: async () => {
        await opened.close();
        await file.close();
      },
    };
  } catch (err) {
    await file.close();
    throw err;
  }
}

/** Inspects the image file at `path`. Throws InspectError only when the file cannot be opened at all. */
export async function inspectImage(path: string, options: InspectOptions = {}): Promise<ImageFacts> {
  const stats = options.stats ?? newReadStats();
  const startBytes = stats.bytesRead;
  const file = await ImageFile.open(path, stats);
  try {
    const d = await detect(file);
    let opened: OpenedImage;
    try {
      opened = await openFormat(file, stats, d);
    } catch (err) {
      // A header that names structures past the end of the file, say.
      const reason = reasonOf(err);
      return {
        file: { path, size: file.size, hostAllocated: file.hostAllocated },
        format: { name: d.name, accepted: ACCEPTED_FORMATS.includes(d.name), subformat: null },
        virtualSize: null,
        allocatedSize: unknown(reason),
        backing: null,
        damage: [reason],
        partitions: unknown(reason),
        volumes: unknown(reason),
        windows: unknown(reason),
        bytesRead: stats.bytesRead - startBytes,
      };
    }
    try {
      // With a backing chain the file holds only the changes: the flattened image is larger.
      const allocatedSize = opened.backing
        ? unknown<number>('part of the guest data is in the backing file')
        : await opened.measureAllocation();
      let partitions: Known<PartitionTableFacts>;
      let volumes: ImageFacts['volumes'];
      let windows: ImageFacts['windows'];
      const device = opened.device;
      if (!device) {
        const why = opened.noDevice || 'the guest disk could not be opened';
        partitions = unknown(why);
        volumes = unknown(why);
        windows = unknown(why);
      } else {
        try {
          const table = await readPartitionTable(device);
          partitions = known(table);
          const probed = await probeVolumes(device, table);
          volumes = known(probed.volumes);
          windows = probed.windows;
        } catch (err) {
          const reason = reasonOf(err);
          partitions = unknown(reason);
          volumes = unknown(reason);
          windows = unknown(reason);
        }
      }
      return {
        file: { path, size: file.size, hostAllocated: file.hostAllocated },
        format: opened.format,
        virtualSize: opened.virtualSize,
        allocatedSize,
        backing: opened.backing,
        damage: opened.damage,
        partitions,
        volumes,
        windows,
        bytesRead: stats.bytesRead - startBytes,
      };
    } finally {
      await opened.close();
    }
  } finally {
    await file.close();
  }
}
