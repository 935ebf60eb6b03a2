// Builds real disk images for the inspector's tests with the tools admins use: sfdisk lays out the
// partition table, mkntfs formats a partition-sized file, ntfs-3g (FUSE, as a child process with
// no_detach so unmounting waits for it) populates it with folders and files, and dd places it at its
// offset in the disk. qemu-img then converts the raw disk to every format. When a tool or FUSE is
// missing the suites skip with the reason, and fail instead when IPF_REQUIRE_DISK_TOOLS=1.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe } from 'vitest';

export const REQUIRED = process.env.IPF_REQUIRE_DISK_TOOLS === '1';
export const MiB = 1024 * 1024;

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

export function run(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout;
}

function fusermount(): string {
  return has('fusermount') ? 'fusermount' : 'fusermount3';
}

function truncateTo(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

/** Why the real-image tests cannot run here, or null when they can (tried once: a FUSE mount of a tiny NTFS). */
function probe(): string | null {
  const missing = ['qemu-img', 'sfdisk', 'mkntfs', 'ntfs-3g'].filter((c) => !has(c));
  if (!has('fusermount') && !has('fusermount3')) missing.push('fusermount');
  if (missing.length > 0) return `missing ${missing.join(', ')} (scripts/ensure-disk-tools.sh installs them)`;
  if (!existsSync('/dev/fuse')) return '/dev/fuse is missing, so ntfs-3g cannot mount to populate test volumes';
  const dir = mkdtempSync(join(tmpdir(), 'ipf-probe-'));
  try {
    const img = join(dir, 'p.img');
    truncateTo(img, 4 * MiB);
    run('mkntfs', ['-F', '-Q', '-q', img]);
    mkdirSync(join(dir, 'm'));
    const mount = spawnSync('ntfs-3g', [img, join(dir, 'm')], { encoding: 'utf8', timeout: 20_000 });
    if (mount.status !== 0) return `ntfs-3g cannot mount here (FUSE): ${mount.stderr.trim()}`;
    spawnSync(fusermount(), ['-u', join(dir, 'm')], { timeout: 20_000 });
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const toolsProblem = probe();

/** A describe block that needs the disk tools: skipped with the reason, or failing when they are required. */
export function describeWithDiskTools(name: string, body: () => void): void {
  describe.skipIf(toolsProblem !== null && !REQUIRED)(`${name}${toolsProblem ? ` (skipped: ${toolsProblem})` : ''}`, () => {
    beforeAll(() => {
      if (toolsProblem) throw new Error(`IPF_REQUIRE_DISK_TOOLS=1 but the disk tools cannot run: ${toolsProblem}`);
    });
    body();
  });
}

export interface VolumeSpec {
  label: string;
  /** Folders to create, "\"-separated. */
  folders?: string[];
  /** Files to create with small contents, "\"-separated. */
  files?: string[];
  /** Many empty files in a folder, to make its index a multi-level B+ tree. */
  fill?: Array<{ folder: string; count: number; prefix: string }>;
  /** Named data streams on a folder or file, enough of them to overflow its MFT record into extension records. */
  streams?: Array<{ path: string; count: number; bytes: number }>;
}

export interface DiskSpec {
  scheme: 'mbr' | 'gpt';
  sizeMiB: number;
  /** MBR: a 16 MiB first partition marked active (System Reserved). */
  systemReserved?: VolumeSpec;
  /** MBR: mark the System Reserved partition active (default true). */
  active?: boolean;
  /** MBR: mark the main partition active (default false). */
  mainActive?: boolean;
  /** MBR: the main partition's type byte (default 7). */
  mainType?: string;
  /** The main NTFS partition (all the rest of the disk). */
  main: VolumeSpec;
}

async function waitForMount(mountPoint: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${mountPoint} `)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`ntfs-3g did not mount ${mountPoint}`);
}

const posix = (p: string) => p.split('\\').join('/');

/** Formats `image` (a partition-sized file) as NTFS for a partition at `startSector`, then fills it through ntfs-3g. */
export async function makeNtfs(image: string, bytes: number, startSector: number, spec: VolumeSpec): Promise<void> {
  truncateTo(image, bytes);
  run('mkntfs', ['-F', '-Q', '-q', '-s', '512', '-p', String(startSector), '-H', '255', '-S', '63', '-L', spec.label, image]);
  const mnt = `${image}.mnt`;
  mkdirSync(mnt, { recursive: true });
  const child = spawn('ntfs-3g', [image, mnt, '-o', 'no_detach,streams_interface=windows'], { stdio: 'ignore' });
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  try {
    await waitForMount(mnt);
    for (const f of spec.folders ?? []) mkdirSync(join(mnt, posix(f)), { recursive: true });
    for (const f of spec.files ?? []) {
      const path = join(mnt, posix(f));
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, `${f}\n`);
    }
    for (const { folder, count, prefix } of spec.fill ?? []) {
      mkdirSync(join(mnt, posix(folder)), { recursive: true });
      for (let i = 0; i < count; i++) writeFileSync(join(mnt, posix(folder), `${prefix}${i}.dll`), '');
    }
    // With streams_interface=windows, "name:stream" opens a named data stream.
    for (const { path, count, bytes } of spec.streams ?? []) {
      for (let i = 0; i < count; i++) writeFileSync(`${join(mnt, posix(path))}:s${i}`, 'x'.repeat(bytes));
    }
  } finally {
    run(fusermount(), ['-u', mnt]);
    await exited;
    rmSync(mnt, { recursive: true, force: true });
  }
}

function place(disk: string, part: string, startSector: number): void {
  run('dd', [`if=${part}`, `of=${disk}`, 'bs=512', `seek=${startSector}`, 'conv=notrunc,sparse', 'status=none']);
  rmSync(part);
}

export const GPT_ESP = 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B';
export const GPT_MSR = 'E3C9E316-0B5C-4DB8-817D-F92DF00215AE';
export const GPT_BASIC = 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7';

/** Builds a raw disk image at `path` and returns it. */
export async function buildDisk(path: string, spec: DiskSpec): Promise<string> {
  const sectors = spec.sizeMiB * 2048;
  truncateTo(path, spec.sizeMiB * MiB);
  if (spec.scheme === 'mbr') {
    const reserved = spec.systemReserved;
    const mainStart = reserved ? 2048 + 32768 : 2048;
    const lines = ['label: dos'];
    if (reserved) lines.push(`start=2048, size=32768, type=7${spec.active === false ? '' : ', bootable'}`);
    lines.push(`start=${mainStart}, type=${spec.mainType ?? '7'}${spec.mainActive ? ', bootable' : ''}`);
    run('sfdisk', ['-q', path], `${lines.join('\n')}\n`);
    if (reserved) {
      await makeNtfs(`${path}.p1`, 32768 * 512, 2048, reserved);
      place(path, `${path}.p1`, 2048);
    }
    await makeNtfs(`${path}.p2`, (sectors - mainStart) * 512, mainStart, spec.main);
    place(path, `${path}.p2`, mainStart);
  } else {
    // ESP 8 MiB (left unformatted: no mkfs.vfat needed), MSR 16 MiB, then the Windows partition up to the backup GPT.
    const mainStart = 2048 + 16384 + 32768;
    const mainSectors = sectors - 34 - mainStart - 2047;
    run(
      'sfdisk',
      ['-q', path],
      `label: gpt\nstart=2048, size=16384, type=${GPT_ESP}\nstart=18432, size=32768, type=${GPT_MSR}\nstart=${mainStart}, size=${mainSectors}, type=${GPT_BASIC}\n`,
    );
    await makeNtfs(`${path}.p3`, mainSectors * 512, mainStart, spec.main);
    place(path, `${path}.p3`, mainStart);
  }
  return path;
}

/** `qemu-img info` as JSON. */
export function qemuInfo(path: string, format?: string): { 'virtual-size': number; format: string } {
  return JSON.parse(run('qemu-img', ['info', '--output=json', ...(format ? ['-f', format] : []), path])) as {
    'virtual-size': number;
    format: string;
  };
}

/** Bytes `qemu-img map` reports as data (allocated in this image). */
export function qemuMappedBytes(path: string, format?: string): number {
  const map = JSON.parse(run('qemu-img', ['map', '--output=json', ...(format ? ['-f', format] : []), path])) as Array<{
    length: number;
    data: boolean;
    zero: boolean;
  }>;
  return map.filter((e) => e.data).reduce((s, e) => s + e.length, 0);
}

/** A Windows system volume as Windows lays it out, with the drivers and Cloudbase-Init in mixed case. */
export function windowsVolume(options: { virtio?: boolean; cloudbase?: boolean; fill?: boolean } = {}): VolumeSpec {
  const { virtio = true, cloudbase = true, fill = true } = options;
  return {
    label: 'Windows',
    folders: [
      'Windows\\System32\\drivers',
      'Program Files\\Common Files',
      'Users\\Administrator',
      ...(cloudbase ? ['Program Files\\Cloudbase Solutions\\Cloudbase-Init\\conf'] : []),
    ],
    files: [
      'Windows\\System32\\config\\SYSTEM',
      'Windows\\System32\\config\\SOFTWARE',
      'Windows\\System32\\ntoskrnl.exe',
      // Names around the ones looked up, and names that fold differently, to test the index order.
      'Windows\\System32\\drivers\\viostor.sys.bak',
      'Windows\\System32\\drivers\\vioscsi',
      'Windows\\System32\\drivers\\Ärger.sys',
      'Windows\\System32\\drivers\\ıdx.sys',
      'Windows\\System32\\drivers\\中文.sys',
      'Windows\\System32\\drivers\\ſtrasse.sys',
      ...(virtio ? ['Windows\\System32\\drivers\\VioStor.SYS', 'Windows\\System32\\drivers\\NetKVM.sys'] : []),
    ],
    fill: fill
      ? [
          { folder: 'Windows\\System32\\drivers', count: 400, prefix: 'drv' },
          { folder: 'Windows\\System32', count: 2500, prefix: 'file-' },
        ]
      : [],
  };
}

export const SYSTEM_RESERVED: VolumeSpec = { label: 'System Reserved', files: ['bootmgr', 'Boot\\BCD', 'Boot\\BOOTSTAT.DAT'] };
