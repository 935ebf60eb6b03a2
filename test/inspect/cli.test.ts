// `image-preflight inspect FILE` through the command line: in-process through main() like an admin's
// run, and a few runs of the built dist/image-preflight.cjs. Bad files end in one line and exit 3, or
// in findings; the verdict and exit code are check's; every format and language; the file is only read.
// The hand-made files need no tools; real Windows disks (built with the disk tools) give READY and AT RISK.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/commands/main.js';
import { LANGS } from '../../src/messages/types.js';
import { buildDisk, describeWithDiskTools, run, SYSTEM_RESERVED, windowsVolume } from './disk-tools.js';
import { qcow2Header } from './headers.js';

const CLI = new URL('../../dist/image-preflight.cjs', import.meta.url).pathname;
const linux = (env: Record<string, string> = {}) => ({ platform: 'linux' as const, stdoutIsTTY: false, env });
const dir = mkdtempSync(join(tmpdir(), 'ipf-inspect-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const inspect = (args: string[], env: Record<string, string> = {}) => main(['inspect', ...args], linux(env));
const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** One line on stderr, exit 3, nothing on stdout, no stack trace. */
function expectOneLine(r: { stdout: string; stderr: string; exitCode: number }, pattern: RegExp): void {
  expect(r.exitCode).toBe(3);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
}

/** An empty 1 GiB qcow2 (64 KiB clusters: two L1 entries, both unallocated): accepted, but no partition table. */
const blankQcow2 = () => file('blank.qcow2', qcow2Header({ size: 1n << 30n, l1Size: 2, l1Offset: 131072n }));

describe('inspect: files that cannot be inspected are one line, exit 3', () => {
  it('a missing file', async () => {
    expectOneLine(await inspect([join(dir, 'nope.qcow2')]), /^image-preflight: cannot read image file .*nope\.qcow2: no such file$/m);
  });

  it('a folder', async () => {
    const folder = join(dir, 'export.vhd');
    mkdirSync(folder);
    expectOneLine(await inspect([folder]), /cannot read image file .*export\.vhd: is a folder, not a file/);
  });

  it('a device and a named pipe: refused without reading (no hang)', async () => {
    expectOneLine(await inspect(['/dev/zero']), /cannot read image file \/dev\/zero: not a regular file/);
    const fifo = join(dir, 'pipe.img');
    if (spawnSync('mkfifo', [fifo]).status === 0) expectOneLine(await inspect([fifo]), /pipe\.img: not a regular file/);
  });

  it('a 0-byte file', async () => {
    expectOneLine(await inspect([file('empty.vmdk', Buffer.alloc(0))]), /image file .*empty\.vmdk: the file is empty$/m);
  });

  it.skipIf(process.getuid?.() === 0)('a file this user may not read', async () => {
    const secret = file('secret.qcow2', qcow2Header({ size: 1n << 30n, l1Size: 2, l1Offset: 131072n }));
    chmodSync(secret, 0);
    expectOneLine(await inspect([secret]), /secret\.qcow2: permission denied/);
  });

  it('in the language asked for', async () => {
    expectOneLine(await inspect([join(dir, 'nope.qcow2'), '--lang', 'zh-CN']), /无法读取镜像文件 .*nope\.qcow2/);
    expectOneLine(await inspect([join(dir, 'nope.qcow2')], { LANG: 'pt_BR.UTF-8' }), /arquivo de imagem .*nope\.qcow2/);
    expectOneLine(await inspect([file('empty.raw', Buffer.alloc(0)), '--lang', 'id']), /file citra .*empty\.raw/);
  });

  it.each([
    [[], /Not enough non-option arguments/],
    [['x.qcow2', '--format', 'junit'], /Invalid values: Argument: format/],
    [['x.qcow2', '--output'], /Not enough arguments following: output/],
    [['x.qcow2', '--format', 'json', '--format', 'text'], /--format was given more than once/],
  ])('bad usage %j', async (args, pattern) => {
    expectOneLine(await inspect(args), pattern);
  });

  it('refuses to write the report over the image (directly or through a link), which stays as it was', async () => {
    const image = blankQcow2();
    const before = digest(image);
    expectOneLine(await inspect([image, '--output', image]), /--output .*blank\.qcow2 is the image file itself/);
    const link = join(dir, 'link-to-blank.qcow2');
    symlinkSync(image, link);
    expectOneLine(await inspect([image, '--output', link]), /is the image file itself/);
    expect(digest(image)).toBe(before);
  });
});

describe('inspect: damaged and odd files are findings, never a crash', () => {
  it.each([
    ['random bytes (no known magic)', 'random.qcow2', () => Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919 + 13) % 251))],
    [
      'a qcow2 header whose L1 table lies past the end',
      'l1-past-end.qcow2',
      () => qcow2Header({ size: 1n << 30n, l1Size: 2, l1Offset: 1n << 40n }),
    ],
    [
      'a truncated qcow2 (the header only)',
      'truncated.qcow2',
      () => qcow2Header({ size: 1n << 30n, l1Size: 4, l1Offset: 131072n, fileSize: 512 }),
    ],
    ['a 2^62-byte virtual size', 'huge.qcow2', () => qcow2Header({ size: 1n << 62n, l1Size: 0, l1Offset: 0n })],
    ['a one-byte file', 'one.img', () => Buffer.from([1])],
    ['a VHDX', 'disk.vhdx', () => Buffer.concat([Buffer.from('vhdxfile', 'latin1'), Buffer.alloc(70_000)])],
    ['a gzip file named .vhd', 'disk.vhd', () => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(4000)])],
  ])('%s: BLOCKED (exit 2) with findings; the file is unchanged', async (_what, name, bytes) => {
    const path = file(name, bytes());
    const before = { hash: digest(path), mtime: statSync(path).mtimeMs };
    const r = await inspect([path, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(2);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ inspectionVersion: 1, verdict: 'BLOCKED', exitCode: 2, image: { path } });
    expect(report.findings.some((f: { severity: string }) => f.severity === 'fail')).toBe(true);
    expect(digest(path)).toBe(before.hash);
    expect(statSync(path).mtimeMs).toBe(before.mtime);
  });

  it('names what each problem is, and the Tencent Cloud import error it prevents', async () => {
    const huge = file('huge2.qcow2', qcow2Header({ size: 1n << 62n, l1Size: 0, l1Offset: 0n }));
    const report = JSON.parse((await inspect([huge, '--format', 'json'])).stdout);
    expect(report.findings.find((f: { code: string }) => f.code === 'virtual-size-too-large')).toMatchObject({
      severity: 'fail',
      tencentCode: 'InvalidFormatSize',
      tencentReason: 'invalid format or size',
      message:
        'Virtual size 4,294,967,296 GiB is larger than the 500 GiB Tencent Cloud imports: shrink the system volume, then the disk, before exporting',
    });
    const vhdx = JSON.parse(
      (await inspect([file('d.vhdx', Buffer.concat([Buffer.from('vhdxfile', 'latin1'), Buffer.alloc(70_000)])), '--format', 'json']))
        .stdout,
    );
    expect(vhdx.findings[0]).toMatchObject({
      code: 'format-vhdx',
      tencentCode: 'InvalidFormatSize',
      commands: [expect.stringContaining('qemu-img convert -f vhdx -O vpc -o subformat=fixed'), expect.stringContaining('-O qcow2')],
    });
  });
});

describe('inspect: formats and languages', () => {
  let blank = '';
  beforeAll(() => {
    blank = blankQcow2();
  });

  it('text by default: groups, marks, the Tencent error, the verdict line and counts', async () => {
    const r = await inspect([blank]);
    expect(r.exitCode).toBe(2);
    // 196,608 bytes: 0.2 MiB, as qemu-img would round it.
    expect(r.stdout).toContain(`image-preflight 0.1.0 - image file ${blank}\nqcow2 v3; virtual size 1 GiB; file size 0.2 MiB\n`);
    expect(r.stdout).toContain('Partitions and boot\n[✗] The disk has no partition table: it is blank or not a whole-disk image');
    expect(r.stdout).toContain('      Tencent Cloud import error: PartitionNotPresent (partition information not found)');
    expect(r.stdout).toMatch(/BLOCKED: Tencent Cloud will refuse this file or cannot use it; fix the failures first\.\n\d+ failed, /);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('markdown, HTML and JSON carry the same verdict and exit code', async () => {
    const md = await inspect([blank, '--format', 'markdown']);
    expect(md.exitCode).toBe(2);
    expect(md.stdout).toMatch(/^# image-preflight: BLOCKED for the image file /);
    expect(md.stdout).toContain(
      '| The disk has no partition table: it is blank or not a whole-disk image | FAIL | `PartitionNotPresent` |',
    );
    const html = await inspect([blank, '--format', 'html']);
    expect(html.exitCode).toBe(2);
    expect(html.stdout).toContain('Content-Security-Policy');
    expect(html.stdout).toContain('<p class="word">BLOCKED</p>');
    const embedded = /<script type="application\/json" id="image-preflight-report">([\s\S]*?)<\/script>/.exec(html.stdout)?.[1] ?? '';
    expect(JSON.parse(embedded)).toMatchObject({ inspectionVersion: 1, verdict: 'BLOCKED' });
  });

  it.each(LANGS)('%s: every sentence in the language, verdict words from the catalogue', async (lang) => {
    const r = await inspect([blank, '--lang', lang, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.lang).toBe(lang);
    for (const f of report.findings) {
      if (lang !== 'en') expect(f.localizedMessage, f.code).not.toBe(f.message);
      expect(f.localizedMessage).not.toMatch(/\{\w+\}/);
    }
    const text = (await inspect([blank, '--lang', lang])).stdout;
    const verdictStart = { en: '\nBLOCKED: ', 'zh-CN': '\n受阻：', 'pt-BR': '\nBLOQUEADO: ', id: '\nTERBLOKIR: ' }[lang];
    expect(text).toContain(verdictStart);
  });

  it('--output writes the report atomically and prints nothing', async () => {
    const out = join(dir, 'inspection.html');
    const r = await inspect([blank, '--format', 'html', '--output', out]);
    expect(r).toMatchObject({ stdout: '', stderr: '', exitCode: 2 });
    expect(readFileSync(out, 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('a file name with escape sequences and markup cannot act in any format', async () => {
    const evil = file(
      'evil\u001b[2J\u202e<img src=x onerror=alert(1)>`$(reboot)`.qcow2',
      qcow2Header({ size: 1n << 30n, l1Size: 2, l1Offset: 131072n }),
    );
    const text = (await inspect([evil])).stdout;
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u202e');
    expect(text).toContain('\\x1b[2J\\u202e');
    const md = (await inspect([evil, '--format', 'markdown'])).stdout;
    expect(md).not.toContain('<img');
    const html = (await inspect([evil, '--format', 'html'])).stdout;
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // No command is offered for a file whose name a shell would interpret.
    const json = JSON.parse((await inspect([evil, '--format', 'json'])).stdout);
    expect(json.findings.flatMap((f: { commands: string[] }) => f.commands)).toEqual([]);
  });

  it('summarize lists an inspection as skipped, not as a machine', async () => {
    const out = join(dir, 'inspection.json');
    await inspect([blank, '--format', 'json', '--output', out]);
    const r = await main(['summarize', out, '--format', 'json'], linux());
    const summary = JSON.parse(r.stdout);
    expect(summary.skipped).toEqual([expect.objectContaining({ file: out, reason: expect.stringContaining('an image file inspection') })]);
  });
});

describe('inspect: the built CLI', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('dist/image-preflight.cjs is missing: run `npm run build` first');
  });
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '', LANG: 'C.UTF-8', LC_ALL: '' },
    });
    return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  it('a missing file: one line, exit 3', () => {
    expectOneLine(cli(['inspect', join(dir, 'missing.vhd')]), /cannot read image file .*missing\.vhd: no such file/);
  });

  it('a hand-made qcow2: the JSON inspection and its exit code', () => {
    const r = cli(['inspect', file('dist.qcow2', qcow2Header({ size: 1n << 30n, l1Size: 2, l1Offset: 131072n })), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'BLOCKED', image: { format: 'qcow2', virtualSize: 2 ** 30 } });
  });

  it('--help lists inspect', () => {
    expect(cli(['--help']).stdout).toMatch(/image-preflight inspect <file>\s+Check an image file/);
    expect(cli(['inspect', '--help']).stdout).toContain('--format');
  });
});

describeWithDiskTools('inspect: real Windows disks through the command line', () => {
  let good = '';
  let noVirtio = '';
  beforeAll(async () => {
    const raw = await buildDisk(join(dir, 'win.raw'), {
      scheme: 'mbr',
      sizeMiB: 64,
      systemReserved: SYSTEM_RESERVED,
      main: windowsVolume({ fill: false }),
    });
    good = join(dir, 'win.qcow2');
    run('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, good]);
    const bare = await buildDisk(join(dir, 'bare.raw'), {
      scheme: 'mbr',
      sizeMiB: 64,
      systemReserved: SYSTEM_RESERVED,
      main: windowsVolume({ virtio: false, fill: false }),
    });
    noVirtio = join(dir, 'bare.vhd');
    run('qemu-img', ['convert', '-f', 'raw', '-O', 'vpc', '-o', 'subformat=dynamic', bare, noVirtio]);
  }, 240_000);

  it('a prepared Windows disk is READY, exit 0, in every language', async () => {
    const r = await inspect([good]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('READY: the file meets every import rule checked here; upload it to COS and import it.');
    expect(r.stdout).toContain('[✓] virtio storage driver present (viostor.sys)');
    for (const lang of LANGS) expect((await inspect([good, '--lang', lang, '--format', 'json'])).exitCode).toBe(0);
  });

  it('a disk without the virtio drivers is AT RISK, exit 1, naming VirtioNotInstall', async () => {
    const r = await inspect([noVirtio, '--lang', 'zh-CN']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('Windows\\System32\\drivers 中没有 Virtio 存储驱动（viostor.sys 或 vioscsi.sys）');
    expect(r.stdout).toContain('腾讯云导入镜像错误码：VirtioNotInstall（未安装 Virtio 驱动）');
    expect(r.stdout).toMatch(/有风险：导入可能失败/);
  });
});
