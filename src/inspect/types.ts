// What an inspection found out about an image file, as plain data: no wording, no judgement. The
// findings (findings.ts) judge these facts; the CLI renders the findings. Every fact that could not be
// read is { known: false, reason } with a technical reason, so "could not verify" is never a guess.

/** A fact, or why it could not be read. */
export type Known<T> = { known: true; value: T } | { known: false; reason: string };

export function known<T>(value: T): Known<T> {
  return { known: true, value };
}

export function unknown<T>(reason: string): Known<T> {
  return { known: false, reason };
}

/** Containers recognised from their header. Only qcow2, vhd, vmdk and raw are accepted by Tencent Cloud. */
export type FormatName = 'raw' | 'qcow2' | 'vhd' | 'vmdk' | 'vhdx' | 'vdi' | 'qed' | 'qcow' | 'parallels' | 'luks';

export const ACCEPTED_FORMATS: readonly FormatName[] = ['raw', 'qcow2', 'vhd', 'vmdk'];

/** What a file that qemu would read as raw actually holds, when it is clearly not a disk. */
export type RawContent = 'disk' | 'iso9660' | 'gzip' | 'xz' | 'bzip2' | 'zip' | '7z' | 'tar' | 'zstd';

export interface Qcow2Facts {
  version: number;
  clusterSize: number;
  /** 'none', 'aes' (1), 'luks' (2) or 'method-N'. */
  encryption: string;
  dirty: boolean;
  corrupt: boolean;
  externalDataFile: boolean;
  externalDataFileName: string | null;
  /** 'zlib', 'zstd' or 'type-N'. */
  compressionType: string;
  extendedL2: boolean;
  lazyRefcounts: boolean;
  /** Incompatible feature bits this reader (and qemu) does not know: qemu refuses such images. */
  unknownIncompatibleBits: number[];
  snapshots: number;
  l1Entries: number;
  /** Clusters stored compressed, counted while measuring allocation (null when not measured). */
  compressedClusters: number | null;
}

export interface VhdFacts {
  diskType: 'fixed' | 'dynamic' | 'differencing' | `type-${number}`;
  creatorApp: string;
  checksumOk: boolean;
  /** Where qemu takes the virtual size from: the CHS geometry or the footer's current size. */
  sizeFrom: 'geometry' | 'current-size';
  currentSize: number;
  blockSize: number | null;
  batEntries: number | null;
}

export interface VmdkExtentFacts {
  access: string;
  sectors: number;
  /** FLAT, SPARSE, ZERO, VMFS, VMFSSPARSE, SESPARSE... as written in the descriptor. */
  type: string;
  fileName: string | null;
  /** 'present', 'missing', 'outside' (the path leaves the descriptor's folder, not followed), 'self' (embedded). */
  status: 'present' | 'missing' | 'outside' | 'self';
}

export interface VmdkFacts {
  createType: string | null;
  /** A text descriptor whose data lives in other files. */
  descriptorOnly: boolean;
  extents: VmdkExtentFacts[];
  compressed: boolean;
  /** The grain directory offset is in a footer at the end (GD_AT_END), as in stream-optimized exports. */
  gdAtEnd: boolean;
  version: number | null;
  grainSize: number | null;
}

export interface FormatFacts {
  name: FormatName;
  accepted: boolean;
  /** qcow2: 'v2'/'v3'; vhd: fixed/dynamic/differencing; vmdk: createType. */
  subformat: string | null;
  /** For raw: what the bytes look like. */
  rawContent?: RawContent;
  qcow2?: Qcow2Facts;
  vhd?: VhdFacts;
  vmdk?: VmdkFacts;
}

export interface BackingFacts {
  /** qcow2 backing file, VHD differencing parent, or VMDK parentFileNameHint. */
  kind: 'qcow2-backing-file' | 'vhd-parent' | 'vmdk-parent';
  name: string;
}

export type PartitionRole =
  | 'ntfs-or-exfat'
  | 'fat'
  | 'linux'
  | 'extended'
  | 'gpt-protective'
  | 'ldm'
  | 'efi-system'
  | 'msr'
  | 'basic-data'
  | 'windows-recovery'
  | 'ldm-metadata'
  | 'ldm-data'
  | 'bios-boot'
  | 'linux-data'
  | 'linux-lvm'
  | 'linux-swap'
  | 'empty'
  | 'other';

export interface PartitionFacts {
  /** 1-based, as Windows Disk Management and sfdisk number them (MBR logical partitions from 5). */
  index: number;
  start: number;
  size: number;
  /** MBR type byte as 0xNN, or the GPT type GUID in upper case. */
  type: string;
  role: PartitionRole;
  /** MBR boot indicator 0x80. */
  active: boolean;
  logical: boolean;
  /** GPT partition name. */
  name: string | null;
  /** Part of the partition lies past the end of the virtual disk. */
  beyondDisk: boolean;
}

export interface PartitionTableFacts {
  scheme: 'mbr' | 'gpt' | 'none';
  sectorSize: number;
  partitions: PartitionFacts[];
  /** When there is no partition table, what sector 0 holds instead. */
  sector0: 'blank' | 'ntfs-volume' | 'fat-volume' | 'other' | 'mbr';
  gpt: { primaryOk: boolean; backupOk: boolean | null } | null;
  /** Windows dynamic disk (LDM): type 0x42 or the LDM GPT types. */
  ldm: boolean;
  /** Technical descriptions of damage: loops in the extended chain, bad CRCs, overlaps. */
  problems: string[];
}

export type FileSystemName = 'ntfs' | 'fat' | 'exfat' | 'refs' | 'bitlocker' | 'empty' | 'unknown';

export interface NtfsFacts {
  clusterSize: number;
  mftRecordSize: number;
  label: Known<string>;
  /** The volume's dirty bit: Windows runs chkdsk at the next boot. */
  dirty: Known<boolean>;
  /** Windows\System32\config\SYSTEM exists: this is a Windows system volume. */
  windowsSystem: Known<boolean>;
  /** bootmgr and Boot\BCD at the root: the volume a BIOS boot starts from. */
  bootFiles: Known<boolean>;
}

export interface VolumeFacts {
  partitionIndex: number;
  filesystem: Known<FileSystemName>;
  ntfs: Known<NtfsFacts> | null;
}

export interface WindowsFacts {
  partitionIndex: number;
  /** Each marker file by its path under the volume root. */
  files: Record<string, Known<boolean>>;
}

export interface ImageFacts {
  file: { path: string; size: number; hostAllocated: number | null };
  format: FormatFacts;
  /** Guest disk size in bytes; null when the header could not be read. */
  virtualSize: number | null;
  /** Bytes of guest data the image allocates: what a conversion to qcow2 can at most have to store. */
  allocatedSize: Known<number>;
  backing: BackingFacts | null;
  /** Structural damage found in the container (technical English). */
  damage: string[];
  partitions: Known<PartitionTableFacts>;
  volumes: Known<VolumeFacts[]>;
  /** The Windows system volume, null when every volume was read and none is one. */
  windows: Known<WindowsFacts | null>;
  /** Bytes read from the file(s) during the inspection. */
  bytesRead: number;
}

/** Marker paths looked up on the Windows volume, relative to its root, case-insensitive. */
export const WINDOWS_FILES = {
  viostor: 'Windows\\System32\\drivers\\viostor.sys',
  vioscsi: 'Windows\\System32\\drivers\\vioscsi.sys',
  netkvm: 'Windows\\System32\\drivers\\netkvm.sys',
  cloudbaseInit: 'Program Files\\Cloudbase Solutions\\Cloudbase-Init',
  cloudbaseInitX86: 'Program Files (x86)\\Cloudbase Solutions\\Cloudbase-Init',
} as const;

export const SYSTEM_HIVE = 'Windows\\System32\\config\\SYSTEM';
export const BOOT_FILES = ['bootmgr', 'Boot\\BCD'] as const;
