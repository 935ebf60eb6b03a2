// English sentence templates for `image-preflight inspect`, one per finding code and one per file error,
// with {name} parameters as in src/messages/en.ts. Kept in this one table so the lead can move them into
// the project's message catalogue (and its translations) as they are; the `satisfies` clause makes a
// missing code a compile error.
import type { InspectErrorCode } from './errors.js';
import type { InspectCode } from './findings.js';

export const inspectMessagesEn = {
  'format-accepted': 'The image is {format}, a format Tencent Cloud imports',
  'format-vhdx': 'VHDX is not accepted: convert it to a fixed VHD first ({command}) or to qcow2 ({commandQcow2})',
  'format-unsupported':
    'The image is {format}, which Tencent Cloud does not import (qcow2, VHD, VMDK and raw only): convert it with {command}',
  'raw-not-a-disk':
    'This is not a disk image but a {content} file: upload the disk image itself (an .ova is a tar archive: extract its .vmdk)',
  'vmdk-multi-file':
    'This VMDK is a descriptor whose data is in {count} other file(s) ({files}); Tencent Cloud imports one file: convert it with {command}',
  'image-damaged': 'The image file is damaged ({detail}): check it with {command} and export it again',
  'vhd-checksum': 'The VHD footer checksum does not match; qemu reads the image anyway, but check it with {command}',
  'backing-file': 'The image depends on a backing file ({backing}); Tencent Cloud imports a single file: flatten the chain with {command}',
  'qcow2-encrypted':
    'The qcow2 image is encrypted ({method}); Tencent Cloud cannot read it: convert it to an unencrypted image with qemu-img and the key',
  'qcow2-external-data':
    'The qcow2 image keeps its data in an external file ({name}), which is not uploaded with it: convert it to a self-contained image',
  'qcow2-unknown-features':
    'The qcow2 image uses features (incompatible bits {bits}) that qemu-img does not know; Tencent Cloud cannot open it',
  'qcow2-dirty': 'The qcow2 image was not closed cleanly (dirty bit): repair its refcounts with {command} before uploading',
  'qcow2-corrupt': 'qemu marked this qcow2 image corrupt: repair it with {command} and check the result before uploading',
  'qcow2-zstd': 'The qcow2 image is compressed with {compression}, which older qemu-img cannot read: convert it with {command}',
  'qcow2-snapshots':
    'The qcow2 image holds {count} internal snapshot(s); only the current state is imported and they add to the file size ({command})',
  'virtual-size-ok': 'Virtual size {gib} GiB is within the {limitGib} GiB limit',
  'virtual-size-too-large': 'Virtual size {gib} GiB is larger than the {limitGib} GiB Tencent Cloud imports',
  'virtual-size-unknown': 'The virtual size could not be read',
  'actual-size-ok': 'The image holds {gib} GiB of data, within the {limitGib} GiB limit after conversion to qcow2',
  'actual-size-may-exceed':
    'The image holds up to {gib} GiB of data; after conversion to qcow2 it may exceed the {limitGib} GiB limit. Only converting tells exactly: {command}',
  'actual-size-unknown':
    'How much data the image holds could not be measured ({reason}); check the size after conversion to qcow2 with {command}',
  'partition-mbr': 'MBR partition table with {count} partition(s)',
  'partition-gpt':
    'GPT partition table (UEFI boot): the console import documents MBR only; import with the ImportImage API and BootMode UEFI, or convert the disk to MBR',
  'partition-none': 'The disk has no partition table: it is blank or not a whole-disk image',
  'partition-none-volume': 'The image is a single {filesystem} volume without a partition table: image the whole disk, not one partition',
  'partition-damaged': 'The partition table is damaged: {detail}',
  'gpt-header-damaged': 'One of the two GPT headers is damaged ({detail}); Windows can repair it from the other',
  'partition-ldm': 'The disk is a Windows dynamic disk (LDM); Tencent Cloud imports basic disks only: convert it to a basic disk',
  'partition-unknown': 'The partition table could not be read: {reason}',
  'boot-active-ok': 'Partition {partition} is active and holds bootmgr and Boot\\BCD',
  'boot-no-active': 'No partition is marked active: a BIOS boot finds nothing to start (mark the system partition active with diskpart)',
  'boot-files-missing':
    'The active partition {partition} has no bootmgr or Boot\\BCD: the boot partition was probably left out of the image',
  'boot-efi-partition': 'EFI system partition {partition} found',
  'boot-no-efi-partition': 'GPT disk without an EFI system partition: it cannot boot in UEFI mode',
  'boot-unknown': 'Whether active partition {partition} can boot could not be verified: {reason}',
  'windows-found': 'Windows system volume found on partition {partition}',
  'windows-not-found':
    'No Windows system volume ({path}) found on {ntfsVolumes} NTFS volume(s): this looks like a data disk or the wrong file',
  'windows-unknown': 'Whether the image holds a Windows system volume could not be verified: {reason}',
  'volume-bitlocker': 'Partition {partition} is encrypted with BitLocker: decrypt it before exporting ({command})',
  'ntfs-dirty':
    'The NTFS volume on partition {partition} is marked dirty: Windows will run a disk check at first boot (run {command} before exporting)',
  'virtio-storage-ok': 'virtio storage driver present ({files})',
  'virtio-storage-missing':
    'No virtio storage driver (viostor.sys or vioscsi.sys) in {folder}: Windows cannot find its disk on Tencent Cloud; install the virtio drivers before exporting',
  'virtio-net-ok': 'virtio network driver present ({files})',
  'virtio-net-missing':
    'No virtio network driver (netkvm.sys) in {folder}: the instance will have no network; install the virtio drivers before exporting',
  'virtio-unknown': 'Whether the virtio drivers are installed could not be verified: {reason}',
  'cloudbase-init-ok': 'Cloudbase-Init is installed ({path})',
  'cloudbase-init-missing':
    'Cloudbase-Init is not installed ({path} not found): the instance will not get its password, host name or network settings',
  'cloudbase-init-unknown': 'Whether Cloudbase-Init is installed could not be verified: {reason}',
} as const satisfies Record<InspectCode, string>;

export const inspectErrorsEn = {
  'not-found': 'No such file: {path}',
  'not-a-file': '{path} is not a regular file (a folder or a device)',
  empty: '{path} is empty (0 bytes)',
  unreadable: '{path} cannot be read: {reason}',
} as const satisfies Record<InspectErrorCode, string>;

/** Fills {name} placeholders; unknown names stay as they are. */
export function formatInspectMessage(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
