// Judges the facts of an inspection against Tencent Cloud's import rules, as pure data. Each finding is
// a code whose rule (RULES) fixes its group, severity and the Tencent import error it foresees; the
// parameters of its sentence (the catalogues in src/messages/, id `inspect.finding.<code>`), the
// commands that fix or check it, and technical details. 'fail' is what Tencent's import refuses or
// cannot use; 'warn' what imports but may fail at first boot; 'unknown' what could not be read. No
// wording happens here.
import type { ParamDecimal } from '../messages/types.js';
import { quotedArg } from '../util/shell-command.js';
import { GiB } from './bytes.js';
import { SYSTEM_HIVE, WINDOWS_FILES, type ImageFacts, type Known, type PartitionTableFacts, type VolumeFacts } from './types.js';

export type InspectSeverity = 'pass' | 'info' | 'warn' | 'fail' | 'unknown';

/** Tencent Cloud's import failure codes (导入镜像概述, 错误码). */
export const TENCENT_CODES = [
  'InvalidFormatSize',
  'VirtioNotInstall',
  'CloudInitNotInstalled',
  'PartitionNotPresent',
  'RootPartitionNotFound',
] as const;
export type TencentCode = (typeof TENCENT_CODES)[number];

/** The report's sections, in order. */
export const INSPECT_GROUPS = ['format', 'size', 'disk', 'windows'] as const;
export type InspectGroup = (typeof INSPECT_GROUPS)[number];

interface Rule {
  group: InspectGroup;
  severity: InspectSeverity;
  /** The import error this rule foresees (for a passing finding: the one it rules out). */
  tencent?: TencentCode;
}

const F = 'InvalidFormatSize';
const P = 'PartitionNotPresent';
const R = 'RootPartitionNotFound';
const V = 'VirtioNotInstall';
const C = 'CloudInitNotInstalled';

/** Every finding the inspector can report. docs/inspect.md has the same table, with the source of each rule. */
export const RULES = {
  'format-accepted': { group: 'format', severity: 'pass', tencent: F },
  'format-vhdx': { group: 'format', severity: 'fail', tencent: F },
  'format-unsupported': { group: 'format', severity: 'fail', tencent: F },
  'raw-not-a-disk': { group: 'format', severity: 'fail', tencent: R },
  'vmdk-multi-file': { group: 'format', severity: 'fail', tencent: F },
  'image-damaged': { group: 'format', severity: 'fail', tencent: P },
  'vhd-checksum': { group: 'format', severity: 'warn' },
  'backing-file': { group: 'format', severity: 'fail', tencent: P },
  'qcow2-encrypted': { group: 'format', severity: 'fail' },
  'qcow2-external-data': { group: 'format', severity: 'fail', tencent: P },
  'qcow2-unknown-features': { group: 'format', severity: 'fail', tencent: F },
  'qcow2-dirty': { group: 'format', severity: 'warn' },
  'qcow2-corrupt': { group: 'format', severity: 'warn' },
  'qcow2-zstd': { group: 'format', severity: 'warn' },
  'qcow2-snapshots': { group: 'format', severity: 'info' },
  'virtual-size-ok': { group: 'size', severity: 'pass', tencent: F },
  'virtual-size-too-large': { group: 'size', severity: 'fail', tencent: F },
  'virtual-size-unknown': { group: 'size', severity: 'unknown', tencent: F },
  'actual-size-ok': { group: 'size', severity: 'pass', tencent: F },
  'actual-size-may-exceed': { group: 'size', severity: 'warn', tencent: F },
  'actual-size-unknown': { group: 'size', severity: 'unknown', tencent: F },
  'partition-mbr': { group: 'disk', severity: 'pass', tencent: P },
  'partition-gpt': { group: 'disk', severity: 'warn' },
  'partition-none': { group: 'disk', severity: 'fail', tencent: P },
  'partition-none-volume': { group: 'disk', severity: 'fail', tencent: P },
  'partition-damaged': { group: 'disk', severity: 'fail', tencent: P },
  'gpt-header-damaged': { group: 'disk', severity: 'warn' },
  'partition-ldm': { group: 'disk', severity: 'fail', tencent: R },
  'partition-unknown': { group: 'disk', severity: 'unknown', tencent: P },
  'boot-active-ok': { group: 'disk', severity: 'pass', tencent: P },
  'boot-no-active': { group: 'disk', severity: 'warn', tencent: P },
  'boot-files-missing': { group: 'disk', severity: 'warn', tencent: P },
  'boot-efi-partition': { group: 'disk', severity: 'pass', tencent: P },
  'boot-no-efi-partition': { group: 'disk', severity: 'warn', tencent: P },
  'boot-unknown': { group: 'disk', severity: 'unknown', tencent: P },
  'windows-found': { group: 'windows', severity: 'pass', tencent: R },
  'windows-not-found': { group: 'windows', severity: 'fail', tencent: R },
  'windows-unknown': { group: 'windows', severity: 'unknown', tencent: R },
  'volume-bitlocker': { group: 'windows', severity: 'warn' },
  'ntfs-dirty': { group: 'windows', severity: 'warn' },
  'virtio-storage-ok': { group: 'windows', severity: 'pass', tencent: V },
  'virtio-storage-missing': { group: 'windows', severity: 'warn', tencent: V },
  'virtio-net-ok': { group: 'windows', severity: 'pass', tencent: V },
  'virtio-net-missing': { group: 'windows', severity: 'warn', tencent: V },
  'virtio-unknown': { group: 'windows', severity: 'unknown', tencent: V },
  'cloudbase-init-ok': { group: 'windows', severity: 'pass', tencent: C },
  'cloudbase-init-missing': { group: 'windows', severity: 'warn', tencent: C },
  'cloudbase-init-unknown': { group: 'windows', severity: 'unknown', tencent: C },
} as const satisfies Record<string, Rule>;

export type InspectCode = keyof typeof RULES;
const isCode = (key: string): key is InspectCode => Object.prototype.hasOwnProperty.call(RULES, key);
export const INSPECT_CODES: readonly InspectCode[] = Object.keys(RULES).filter(isCode);

/** Sentence parameters: names and counts as they are, sizes as decimals in the reader's notation. */
export type InspectParams = Record<string, string | number | ParamDecimal>;

export interface InspectFinding {
  code: InspectCode;
  group: InspectGroup;
  severity: InspectSeverity;
  params: InspectParams;
  tencentCode?: TencentCode;
  /** Commands that fix or check it, verbatim; none when the file's name holds a character a shell would interpret. */
  commands: string[];
  /** Technical detail from the reader (English): what is damaged, why a fact could not be read. */
  details: string[];
}

/** Tencent's limits: "镜像 vsize 不超过500G" and "镜像实际大小不超过50G", as qemu-img info prints them (GiB). */
export const LIMITS = { virtualBytes: 500 * GiB, actualBytes: 50 * GiB } as const;

/** qcow2 metadata a conversion adds at most, beyond the data: L2 tables and refcounts for 64 KiB clusters, rounded up. */
function qcow2Overhead(virtualSize: number): number {
  return Math.ceil(virtualSize / 8192) + Math.ceil(virtualSize / 16384) + 4 * 1024 * 1024;
}

/** Bytes in GiB, as qemu-img info shows them ("500 GiB", "21.5 GiB"). */
export function gibParam(bytes: number): ParamDecimal {
  // Under 1 GiB two decimals, so 200 MiB is not "0.2" and a few MiB are not "0".
  const digits = bytes < GiB ? 2 : 1;
  const gib = Math.round((bytes / GiB) * 10 ** digits) / 10 ** digits;
  return { decimal: gib, digits: Number.isInteger(gib) ? 0 : digits };
}

interface Extra {
  commands?: ReadonlyArray<string | undefined>;
  details?: readonly string[];
}

function find(code: InspectCode, params: InspectParams = {}, extra: Extra = {}): InspectFinding {
  const rule: Rule = RULES[code];
  const commands = (extra.commands ?? []).filter((c): c is string => c !== undefined);
  const details = (extra.details ?? []).filter((d) => d !== '');
  const base = { code, group: rule.group, severity: rule.severity, params, commands, details };
  return rule.tencent ? { ...base, tencentCode: rule.tencent } : base;
}

/**
 * Command lines naming the image, pasted into bash, cmd.exe or PowerShell alike: the path in double
 * quotes, or no command at all when it holds a character one of them would still interpret ($, %, a
 * backtick, a quote, a control character): a file name is data, never part of a command.
 */
function withFile(path: string): (build: (file: string) => string) => string | undefined {
  const file = quotedArg(path);
  return (build) => (file === undefined ? undefined : build(file));
}

export function inspectFindings(facts: ImageFacts): InspectFinding[] {
  return [...formatFindings(facts), ...sizeFindings(facts), ...partitionFindings(facts), ...windowsFindings(facts)];
}

function formatFindings(facts: ImageFacts): InspectFinding[] {
  const out: InspectFinding[] = [];
  const f = facts.format;
  const cmd = withFile(facts.file.path);
  if (f.name === 'vhdx') {
    out.push(
      find(
        'format-vhdx',
        {},
        {
          commands: [
            cmd((file) => `qemu-img convert -f vhdx -O vpc -o subformat=fixed ${file} converted.vhd`),
            cmd((file) => `qemu-img convert -f vhdx -O qcow2 ${file} converted.qcow2`),
          ],
        },
      ),
    );
  } else if (!f.accepted) {
    out.push(
      find(
        'format-unsupported',
        { format: f.name },
        { commands: [cmd((file) => `qemu-img convert -f ${f.name} -O qcow2 ${file} converted.qcow2`)] },
      ),
    );
  } else if (f.name === 'raw' && f.rawContent && f.rawContent !== 'disk') {
    out.push(find('raw-not-a-disk', { content: f.rawContent }));
  } else {
    out.push(find('format-accepted', { format: f.subformat ? `${f.name} ${f.subformat}` : f.name }));
  }
  if (f.vmdk?.descriptorOnly) {
    const files = f.vmdk.extents.map((e) => e.fileName).filter((n): n is string => n !== null);
    out.push(
      find(
        'vmdk-multi-file',
        { count: files.length, files: files.join(', ') },
        { commands: [cmd((file) => `qemu-img convert -f vmdk -O qcow2 ${file} converted.qcow2`)] },
      ),
    );
  }
  if (facts.damage.length > 0) {
    out.push(
      find(
        'image-damaged',
        { count: facts.damage.length },
        { details: facts.damage.slice(0, 5), commands: [cmd((file) => `qemu-img check ${file}`)] },
      ),
    );
  }
  if (f.vhd && !f.vhd.checksumOk) out.push(find('vhd-checksum', {}, { commands: [cmd((file) => `qemu-img check -f vpc ${file}`)] }));
  if (facts.backing) {
    out.push(
      find(
        'backing-file',
        { backing: facts.backing.name },
        { commands: [cmd((file) => `qemu-img convert -O qcow2 ${file} standalone.qcow2`)] },
      ),
    );
  }
  const q = f.qcow2;
  if (q) {
    if (q.encryption !== 'none') out.push(find('qcow2-encrypted', { method: q.encryption }));
    if (q.externalDataFile) out.push(find('qcow2-external-data', { name: q.externalDataFileName ?? '' }));
    if (q.unknownIncompatibleBits.length > 0) out.push(find('qcow2-unknown-features', { bits: q.unknownIncompatibleBits.join(', ') }));
    if (q.dirty) out.push(find('qcow2-dirty', {}, { commands: [cmd((file) => `qemu-img check -r all ${file}`)] }));
    if (q.corrupt) out.push(find('qcow2-corrupt', {}, { commands: [cmd((file) => `qemu-img check -r all ${file}`)] }));
    if (q.compressionType !== 'zlib')
      out.push(
        find(
          'qcow2-zstd',
          { compression: q.compressionType },
          { commands: [cmd((file) => `qemu-img convert -O qcow2 ${file} converted.qcow2`)] },
        ),
      );
    if (q.snapshots > 0)
      out.push(find('qcow2-snapshots', { count: q.snapshots }, { commands: [cmd((file) => `qemu-img snapshot -l ${file}`)] }));
  }
  return out;
}

function sizeFindings(facts: ImageFacts): InspectFinding[] {
  const out: InspectFinding[] = [];
  const measure = withFile(facts.file.path)((file) => `qemu-img measure -O qcow2 ${file}`);
  const v = facts.virtualSize;
  const virtualLimit = gibParam(LIMITS.virtualBytes);
  const actualLimit = gibParam(LIMITS.actualBytes);
  if (v === null) out.push(find('virtual-size-unknown'));
  else if (v > LIMITS.virtualBytes) out.push(find('virtual-size-too-large', { bytes: v, gib: gibParam(v), limitGib: virtualLimit }));
  else out.push(find('virtual-size-ok', { bytes: v, gib: gibParam(v), limitGib: virtualLimit }));

  const a = facts.allocatedSize;
  if (!a.known) {
    out.push(find('actual-size-unknown', {}, { details: [a.reason], commands: [measure] }));
  } else {
    const bound = a.value + qcow2Overhead(v ?? a.value);
    // Under the limit even with all of it stored: certain. Over: a conversion skips zeroed clusters, so only qemu-img measure can tell.
    if (bound <= LIMITS.actualBytes) out.push(find('actual-size-ok', { bytes: a.value, gib: gibParam(a.value), limitGib: actualLimit }));
    else
      out.push(find('actual-size-may-exceed', { bytes: a.value, gib: gibParam(a.value), limitGib: actualLimit }, { commands: [measure] }));
  }
  return out;
}

function partitionFindings(facts: ImageFacts): InspectFinding[] {
  if (!facts.partitions.known) return [find('partition-unknown', {}, { details: [facts.partitions.reason] })];
  const t = facts.partitions.value;
  const out: InspectFinding[] = [];
  const real = t.partitions.filter((p) => p.role !== 'extended' && p.role !== 'gpt-protective');
  if (t.scheme === 'none' || (t.scheme === 'mbr' && real.length === 0)) {
    if (t.sector0 === 'ntfs-volume' || t.sector0 === 'fat-volume')
      out.push(find('partition-none-volume', { filesystem: t.sector0 === 'ntfs-volume' ? 'NTFS' : 'FAT' }));
    else out.push(find('partition-none'));
    return out;
  }
  const gptSideOnly = t.gpt !== null && (t.gpt.primaryOk || t.gpt.backupOk === true);
  const structural = t.problems.filter((p) => !(gptSideOnly && /^(primary|backup) GPT/.test(p)));
  const gptProblems = t.problems.filter((p) => /^(primary|backup) GPT/.test(p));
  if (t.scheme === 'gpt' && t.gpt && !t.gpt.primaryOk && t.gpt.backupOk !== true) {
    out.push(find('partition-damaged', {}, { details: t.problems }));
    return out;
  }
  if (t.scheme === 'mbr') out.push(find('partition-mbr', { count: real.length }));
  else out.push(find('partition-gpt', { count: real.length }));
  if (structural.length > 0) out.push(find('partition-damaged', {}, { details: structural }));
  if (gptSideOnly && gptProblems.length > 0) out.push(find('gpt-header-damaged', {}, { details: gptProblems }));
  if (t.ldm) out.push(find('partition-ldm'));
  out.push(...bootFindings(t, facts.volumes));
  return out;
}

function bootFindings(t: PartitionTableFacts, volumes: Known<VolumeFacts[]>): InspectFinding[] {
  if (t.scheme === 'gpt') {
    const esp = t.partitions.find((p) => p.role === 'efi-system');
    return esp ? [find('boot-efi-partition', { partition: esp.index })] : [find('boot-no-efi-partition')];
  }
  const active = t.partitions.filter((p) => p.active && !p.logical);
  const first = active[0];
  if (!first) return [find('boot-no-active')];
  const partition = first.index;
  if (!volumes.known) return [find('boot-unknown', { partition }, { details: [volumes.reason] })];
  const v = volumes.value.find((x) => x.partitionIndex === partition);
  if (!v?.ntfs) return [find('boot-unknown', { partition }, { details: ['the active partition is not NTFS'] })];
  if (!v.ntfs.known) return [find('boot-unknown', { partition }, { details: [v.ntfs.reason] })];
  const boot = v.ntfs.value.bootFiles;
  if (!boot.known) return [find('boot-unknown', { partition }, { details: [boot.reason] })];
  return boot.value ? [find('boot-active-ok', { partition })] : [find('boot-files-missing', { partition })];
}

const reasonsOf = (facts: ReadonlyArray<Known<boolean>>) => facts.flatMap((f) => (f.known ? [] : [f.reason]));

function windowsFindings(facts: ImageFacts): InspectFinding[] {
  const out: InspectFinding[] = [];
  if (facts.volumes.known) {
    for (const v of facts.volumes.value) {
      // Commands for the machine the image is made from, where the volume is C:.
      if (v.filesystem.known && v.filesystem.value === 'bitlocker')
        out.push(find('volume-bitlocker', { partition: v.partitionIndex }, { commands: ['manage-bde.exe -off C:'] }));
      if (v.ntfs?.known && v.ntfs.value.dirty.known && v.ntfs.value.dirty.value)
        out.push(find('ntfs-dirty', { partition: v.partitionIndex }, { commands: ['chkdsk.exe C: /f'] }));
    }
  }
  const w = facts.windows;
  if (!w.known || w.value === null) {
    if (!w.known) out.push(find('windows-unknown', { path: SYSTEM_HIVE }, { details: [w.reason] }));
    else {
      const ntfs = facts.volumes.known ? facts.volumes.value.filter((v) => v.ntfs !== null).length : 0;
      out.push(find('windows-not-found', { ntfsVolumes: ntfs, path: SYSTEM_HIVE }));
    }
    // With no Windows volume the finding above says why; with an unreadable one, the reason.
    const details = w.known ? [] : [w.reason];
    out.push(find('virtio-unknown', {}, { details }), find('cloudbase-init-unknown', {}, { details }));
    return out;
  }
  const { partitionIndex, files } = w.value;
  out.push(find('windows-found', { partition: partitionIndex }));
  const get = (path: string): Known<boolean> => files[path] ?? { known: false, reason: `${path} was not looked up` };
  const drivers = 'Windows\\System32\\drivers';

  const storage = [get(WINDOWS_FILES.viostor), get(WINDOWS_FILES.vioscsi)];
  const storageNames = ['viostor.sys', 'vioscsi.sys'].filter((_, i) => {
    const s = storage[i];
    return s?.known === true && s.value;
  });
  if (storageNames.length > 0) out.push(find('virtio-storage-ok', { files: storageNames.join(', ') }));
  else if (storage.every((s) => s.known)) out.push(find('virtio-storage-missing', { folder: drivers }));
  else out.push(find('virtio-unknown', {}, { details: reasonsOf(storage) }));

  const net = get(WINDOWS_FILES.netkvm);
  if (!net.known) out.push(find('virtio-unknown', {}, { details: [net.reason] }));
  else if (net.value) out.push(find('virtio-net-ok', { files: 'netkvm.sys' }));
  else out.push(find('virtio-net-missing', { folder: drivers }));

  const cb = [get(WINDOWS_FILES.cloudbaseInit), get(WINDOWS_FILES.cloudbaseInitX86)];
  const found = [WINDOWS_FILES.cloudbaseInit, WINDOWS_FILES.cloudbaseInitX86].find((_, i) => {
    const c = cb[i];
    return c?.known === true && c.value;
  });
  if (found) out.push(find('cloudbase-init-ok', { path: found }));
  else if (cb.every((c) => c.known)) out.push(find('cloudbase-init-missing', { path: WINDOWS_FILES.cloudbaseInit }));
  else out.push(find('cloudbase-init-unknown', {}, { details: reasonsOf(cb) }));
  return out;
}
