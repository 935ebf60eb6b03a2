// Hand-made inspection facts: a healthy Windows image, to vary one fact at a time.
import type { ImageFacts } from '../../src/inspect/index.js';

/** A healthy Windows image's facts, to vary one fact at a time. */
export function healthy(): ImageFacts {
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
