// Judges the facts of an inspection against Tencent Cloud's import rules, as pure data: each finding is
// a code, a severity, parameters for its sentence (messages-en.ts) and, where Tencent documents one, the
// import failure code it foresees. 'fail' is what Tencent's import refuses or cannot use; 'warn' what
// imports but may fail at first boot; 'unknown' what could not be read. No wording happens here.
import { GiB } from './bytes.js';
import { SYSTEM_HIVE, WINDOWS_FILES, type ImageFacts, type Known, type PartitionTableFacts, type VolumeFacts } from './types.js';

export type InspectSeverity = 'pass' | 'info' | 'warn' | 'fail' | 'unknown';

/** Tencent Cloud's import failure codes (导入镜像概述, 错误码). */
export type TencentCode =
  'InvalidFormatSize' | 'VirtioNotInstall' | 'CloudInitNotInstalled' | 'PartitionNotPresent' | 'RootPartitionNotFound';

export const INSPECT_CODES = [
  'format-accepted',
  'format-vhdx',
  'format-unsupported',
  'raw-not-a-disk',
  'vmdk-multi-file',
  'image-damaged',
  'vhd-checksum',
  'backing-file',
  'qcow2-encrypted',
  'qcow2-external-data',
  'qcow2-unknown-features',
  'qcow2-dirty',
  'qcow2-corrupt',
  'qcow2-zstd',
  'qcow2-snapshots',
  'virtual-size-ok',
  'virtual-size-too-large',
  'virtual-size-unknown',
  'actual-size-ok',
  'actual-size-may-exceed',
  'actual-size-unknown',
  'partition-mbr',
  'partition-gpt',
  'partition-none',
  'partition-none-volume',
  'partition-damaged',
  'gpt-header-damaged',
  'partition-ldm',
  'partition-unknown',
  'boot-active-ok',
  'boot-no-active',
  'boot-files-missing',
  'boot-efi-partition',
  'boot-no-efi-partition',
  'boot-unknown',
  'windows-found',
  'windows-not-found',
  'windows-unknown',
  'volume-bitlocker',
  'ntfs-dirty',
  'virtio-storage-ok',
  'virtio-storage-missing',
  'virtio-net-ok',
  'virtio-net-missing',
  'virtio-unknown',
  'cloudbase-init-ok',
  'cloudbase-init-missing',
  'cloudbase-init-unknown',
] as const;

export type InspectCode = (typeof INSPECT_CODES)[number];

export interface InspectFinding {
  code: InspectCode;
  severity: InspectSeverity;
  params: Record<string, string | number>;
  tencentCode?: TencentCode;
}

/** Tencent's limits: "镜像 vsize 不超过500G" and "镜像实际大小不超过50G", as qemu-img info prints them (GiB). */
export const LIMITS = { virtualBytes: 500 * GiB, actualBytes: 50 * GiB } as const;

/** qcow2 metadata a conversion adds at most, beyond the data: L2 tables and refcounts for 64 KiB clusters, rounded up. */
function qcow2Overhead(virtualSize: number): number {
  return Math.ceil(virtualSize / 8192) + Math.ceil(virtualSize / 16384) + 4 * 1024 * 1024;
}

const gib = (bytes: number) => Math.round((bytes / GiB) * 10) / 10;
const quote = (path: string) => `"${path}"`;

function find(
  code: InspectCode,
  severity: InspectSeverity,
  params: Record<string, string | number> = {},
  tencentCode?: TencentCode,
): InspectFinding {
  return tencentCode ? { code, severity, params, tencentCode } : { code, severity, params };
}

export function inspectFindings(facts: ImageFacts): InspectFinding[] {
  return [...formatFindings(facts), ...sizeFindings(facts), ...partitionFindings(facts), ...windowsFindings(facts)];
}

function formatFindings(facts: ImageFacts): InspectFinding[] {
  const out: InspectFinding[] = [];
  const f = facts.format;
  const file = quote(facts.file.path);
  if (f.name === 'vhdx') {
    out.push(
      find(
        'format-vhdx',
        'fail',
        {
          command: `qemu-img convert -f vhdx -O vpc -o subformat=fixed ${file} ${quote('converted.vhd')}`,
          commandQcow2: `qemu-img convert -f vhdx -O qcow2 ${file} ${quote('converted.qcow2')}`,
        },
        'InvalidFormatSize',
      ),
    );
  } else if (!f.accepted) {
    out.push(
      find(
        'format-unsupported',
        'fail',
        { format: f.name, command: `qemu-img convert -f ${f.name} -O qcow2 ${file} ${quote('converted.qcow2')}` },
        'InvalidFormatSize',
      ),
    );
  } else if (f.name === 'raw' && f.rawContent && f.rawContent !== 'disk') {
    out.push(find('raw-not-a-disk', 'fail', { content: f.rawContent }, 'RootPartitionNotFound'));
  } else {
    out.push(find('format-accepted', 'pass', { format: f.subformat ? `${f.name} ${f.subformat}` : f.name }));
  }
  if (f.vmdk?.descriptorOnly) {
    const files = f.vmdk.extents.map((e) => e.fileName).filter((n): n is string => n !== null);
    out.push(
      find(
        'vmdk-multi-file',
        'fail',
        { count: files.length, files: files.join(', '), command: `qemu-img convert -f vmdk -O qcow2 ${file} ${quote('converted.qcow2')}` },
        'InvalidFormatSize',
      ),
    );
  }
  if (facts.damage.length > 0) {
    out.push(
      find(
        'image-damaged',
        'fail',
        { detail: facts.damage.slice(0, 5).join('; '), count: facts.damage.length, command: `qemu-img check ${file}` },
        'PartitionNotPresent',
      ),
    );
  }
  if (f.vhd && !f.vhd.checksumOk) out.push(find('vhd-checksum', 'warn', { command: `qemu-img check -f vpc ${file}` }));
  if (facts.backing) {
    out.push(
      find(
        'backing-file',
        'fail',
        { backing: facts.backing.name, command: `qemu-img convert -O qcow2 ${file} ${quote('standalone.qcow2')}` },
        'PartitionNotPresent',
      ),
    );
  }
  const q = f.qcow2;
  if (q) {
    if (q.encryption !== 'none') out.push(find('qcow2-encrypted', 'fail', { method: q.encryption }));
    if (q.externalDataFile) out.push(find('qcow2-external-data', 'fail', { name: q.externalDataFileName ?? '' }, 'PartitionNotPresent'));
    if (q.unknownIncompatibleBits.length > 0)
      out.push(find('qcow2-unknown-features', 'fail', { bits: q.unknownIncompatibleBits.join(', ') }, 'InvalidFormatSize'));
    if (q.dirty) out.push(find('qcow2-dirty', 'warn', { command: `qemu-img check -r all ${file}` }));
    if (q.corrupt) out.push(find('qcow2-corrupt', 'warn', { command: `qemu-img check -r all ${file}` }));
    if (q.compressionType !== 'zlib')
      out.push(
        find('qcow2-zstd', 'warn', {
          compression: q.compressionType,
          command: `qemu-img convert -O qcow2 ${file} ${quote('converted.qcow2')}`,
        }),
      );
    if (q.snapshots > 0) out.push(find('qcow2-snapshots', 'info', { count: q.snapshots, command: `qemu-img snapshot -l ${file}` }));
  }
  return out;
}

function sizeFindings(facts: ImageFacts): InspectFinding[] {
  const out: InspectFinding[] = [];
  const measure = `qemu-img measure -O qcow2 ${quote(facts.file.path)}`;
  const v = facts.virtualSize;
  if (v === null) out.push(find('virtual-size-unknown', 'unknown', {}, 'InvalidFormatSize'));
  else if (v > LIMITS.virtualBytes)
    out.push(find('virtual-size-too-large', 'fail', { bytes: v, gib: gib(v), limitGib: 500 }, 'InvalidFormatSize'));
  else out.push(find('virtual-size-ok', 'pass', { bytes: v, gib: gib(v), limitGib: 500 }));

  const a = facts.allocatedSize;
  if (!a.known) {
    out.push(find('actual-size-unknown', 'unknown', { reason: a.reason, command: measure }, 'InvalidFormatSize'));
  } else {
    const bound = a.value + qcow2Overhead(v ?? a.value);
    // Under the limit even with all of it stored: certain. Over: a conversion skips zeroed clusters, so only qemu-img measure can tell.
    if (bound <= LIMITS.actualBytes) out.push(find('actual-size-ok', 'pass', { bytes: a.value, gib: gib(a.value), limitGib: 50 }));
    else
      out.push(
        find('actual-size-may-exceed', 'warn', { bytes: a.value, gib: gib(a.value), limitGib: 50, command: measure }, 'InvalidFormatSize'),
      );
  }
  return out;
}

function partitionFindings(facts: ImageFacts): InspectFinding[] {
  if (!facts.partitions.known) return [find('partition-unknown', 'unknown', { reason: facts.partitions.reason }, 'PartitionNotPresent')];
  const t = facts.partitions.value;
  const out: InspectFinding[] = [];
  const real = t.partitions.filter((p) => p.role !== 'extended' && p.role !== 'gpt-protective');
  if (t.scheme === 'none' || (t.scheme === 'mbr' && real.length === 0)) {
    if (t.sector0 === 'ntfs-volume' || t.sector0 === 'fat-volume')
      out.push(find('partition-none-volume', 'fail', { filesystem: t.sector0 === 'ntfs-volume' ? 'NTFS' : 'FAT' }, 'PartitionNotPresent'));
    else out.push(find('partition-none', 'fail', {}, 'PartitionNotPresent'));
    return out;
  }
  const gptSideOnly = t.gpt !== null && (t.gpt.primaryOk || t.gpt.backupOk === true);
  const structural = t.problems.filter((p) => !(gptSideOnly && /^(primary|backup) GPT/.test(p)));
  const gptProblems = t.problems.filter((p) => /^(primary|backup) GPT/.test(p));
  if (t.scheme === 'gpt' && t.gpt && !t.gpt.primaryOk && t.gpt.backupOk !== true) {
    out.push(find('partition-damaged', 'fail', { detail: t.problems.join('; ') }, 'PartitionNotPresent'));
    return out;
  }
  if (t.scheme === 'mbr') out.push(find('partition-mbr', 'pass', { count: real.length }));
  else out.push(find('partition-gpt', 'warn', { count: real.length }));
  if (structural.length > 0) out.push(find('partition-damaged', 'fail', { detail: structural.join('; ') }, 'PartitionNotPresent'));
  if (gptSideOnly && gptProblems.length > 0) out.push(find('gpt-header-damaged', 'warn', { detail: gptProblems.join('; ') }));
  if (t.ldm) out.push(find('partition-ldm', 'fail', {}, 'RootPartitionNotFound'));
  out.push(...bootFindings(t, facts.volumes));
  return out;
}

function bootFindings(t: PartitionTableFacts, volumes: Known<VolumeFacts[]>): InspectFinding[] {
  if (t.scheme === 'gpt') {
    const esp = t.partitions.find((p) => p.role === 'efi-system');
    return esp
      ? [find('boot-efi-partition', 'pass', { partition: esp.index })]
      : [find('boot-no-efi-partition', 'warn', {}, 'PartitionNotPresent')];
  }
  const active = t.partitions.filter((p) => p.active && !p.logical);
  const first = active[0];
  if (!first) return [find('boot-no-active', 'warn', {}, 'PartitionNotPresent')];
  if (!volumes.known) return [find('boot-unknown', 'unknown', { partition: first.index, reason: volumes.reason }, 'PartitionNotPresent')];
  const v = volumes.value.find((x) => x.partitionIndex === first.index);
  if (!v?.ntfs)
    return [find('boot-unknown', 'unknown', { partition: first.index, reason: 'the active partition is not NTFS' }, 'PartitionNotPresent')];
  if (!v.ntfs.known) return [find('boot-unknown', 'unknown', { partition: first.index, reason: v.ntfs.reason }, 'PartitionNotPresent')];
  const boot = v.ntfs.value.bootFiles;
  if (!boot.known) return [find('boot-unknown', 'unknown', { partition: first.index, reason: boot.reason }, 'PartitionNotPresent')];
  return boot.value
    ? [find('boot-active-ok', 'pass', { partition: first.index })]
    : [find('boot-files-missing', 'warn', { partition: first.index }, 'PartitionNotPresent')];
}

function windowsFindings(facts: ImageFacts): InspectFinding[] {
  const out: InspectFinding[] = [];
  if (facts.volumes.known) {
    for (const v of facts.volumes.value) {
      if (v.filesystem.known && v.filesystem.value === 'bitlocker')
        out.push(find('volume-bitlocker', 'warn', { partition: v.partitionIndex, command: 'manage-bde -off C:' }));
      if (v.ntfs?.known && v.ntfs.value.dirty.known && v.ntfs.value.dirty.value)
        out.push(find('ntfs-dirty', 'warn', { partition: v.partitionIndex, command: 'chkdsk C: /f' }));
    }
  }
  const w = facts.windows;
  if (!w.known || w.value === null) {
    if (!w.known) out.push(find('windows-unknown', 'unknown', { reason: w.reason, path: SYSTEM_HIVE }, 'RootPartitionNotFound'));
    else {
      const ntfs = facts.volumes.known ? facts.volumes.value.filter((v) => v.ntfs !== null).length : 0;
      out.push(find('windows-not-found', 'fail', { ntfsVolumes: ntfs, path: SYSTEM_HIVE }, 'RootPartitionNotFound'));
    }
    const reason = w.known ? 'no Windows system volume' : w.reason;
    out.push(find('virtio-unknown', 'unknown', { reason }, 'VirtioNotInstall'));
    out.push(find('cloudbase-init-unknown', 'unknown', { reason }, 'CloudInitNotInstalled'));
    return out;
  }
  const { partitionIndex, files } = w.value;
  out.push(find('windows-found', 'pass', { partition: partitionIndex }));
  const get = (path: string): Known<boolean> => files[path] ?? { known: false, reason: 'not looked up' };

  const storage = [get(WINDOWS_FILES.viostor), get(WINDOWS_FILES.vioscsi)];
  const storageNames = ['viostor.sys', 'vioscsi.sys'].filter((_, i) => {
    const s = storage[i];
    return s?.known === true && s.value;
  });
  if (storageNames.length > 0) out.push(find('virtio-storage-ok', 'pass', { files: storageNames.join(', ') }));
  else if (storage.every((s) => s.known))
    out.push(find('virtio-storage-missing', 'warn', { folder: 'Windows\\System32\\drivers' }, 'VirtioNotInstall'));
  else
    out.push(
      find(
        'virtio-unknown',
        'unknown',
        {
          reason: storage
            .map((s) => (s.known ? '' : s.reason))
            .filter(Boolean)
            .join('; '),
        },
        'VirtioNotInstall',
      ),
    );

  const net = get(WINDOWS_FILES.netkvm);
  if (!net.known) out.push(find('virtio-unknown', 'unknown', { reason: net.reason }, 'VirtioNotInstall'));
  else if (net.value) out.push(find('virtio-net-ok', 'pass', { files: 'netkvm.sys' }));
  else out.push(find('virtio-net-missing', 'warn', { folder: 'Windows\\System32\\drivers' }, 'VirtioNotInstall'));

  const cb = [get(WINDOWS_FILES.cloudbaseInit), get(WINDOWS_FILES.cloudbaseInitX86)];
  const found = [WINDOWS_FILES.cloudbaseInit, WINDOWS_FILES.cloudbaseInitX86].find((_, i) => {
    const c = cb[i];
    return c?.known === true && c.value;
  });
  if (found) out.push(find('cloudbase-init-ok', 'pass', { path: found }));
  else if (cb.every((c) => c.known))
    out.push(find('cloudbase-init-missing', 'warn', { path: WINDOWS_FILES.cloudbaseInit }, 'CloudInitNotInstalled'));
  else
    out.push(
      find(
        'cloudbase-init-unknown',
        'unknown',
        {
          reason: cb
            .map((c) => (c.known ? '' : c.reason))
            .filter(Boolean)
            .join('; '),
        },
        'CloudInitNotInstalled',
      ),
    );
  return out;
}
