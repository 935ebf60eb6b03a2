// `node bench/inspect.mjs`: how fast and how little the image inspector reads (issue 25). It bundles
// src/inspect with esbuild, makes 500 GB images with qemu-img (an empty sparse qcow2, and a Windows-like
// MBR disk whose two NTFS partitions span the 500 GB, converted to qcow2 and to a dynamic VHD), inspects
// each and prints the time and the bytes read, then times the bundled CLI (`inspect … --format json`)
// cold on the Windows-like qcow2. Target: well under a second and a few megabytes each. Part of
// `npm run bench`.
// Needs qemu-img, sfdisk, mkntfs and ntfs-3g with FUSE (scripts/ensure-disk-tools.sh); without FUSE the
// NTFS volumes stay empty and the Windows lookups end at the root.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const missing = ['qemu-img', 'sfdisk', 'mkntfs', 'ntfs-3g'].filter((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status !== 0);
if (missing.length > 0) {
  console.log(`inspect bench skipped: ${missing.join(', ')} missing (bash scripts/ensure-disk-tools.sh installs them)`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'ipf-bench-inspect-'));
const lib = join(dir, 'inspect.cjs');
await build({
  stdin: {
    contents: "export { inspectImage, inspectFindings, newReadStats } from './src/inspect/index.ts';",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: lib,
  logLevel: 'error',
});
const { inspectImage, inspectFindings, newReadStats } = createRequire(import.meta.url)(lib);

function sh(cmd, args, input) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.error}`);
  return r.stdout;
}
const sparse = (path, bytes) => {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
};
const GB500 = 500 * 1024 ** 3;

/** Formats a partition-sized sparse file as NTFS and, when FUSE works, adds the files a Windows volume has. */
async function ntfsPartition(path, bytes, startSector, label, files, fill = 0) {
  sparse(path, bytes);
  sh('mkntfs', ['-F', '-Q', '-q', '-s', '512', '-p', String(startSector), '-H', '255', '-S', '63', '-L', label, path]);
  const mnt = `${path}.mnt`;
  mkdirSync(mnt);
  const child = spawn('ntfs-3g', [path, mnt, '-o', 'no_detach'], { stdio: 'ignore' });
  const exited = new Promise((res) => child.on('exit', res));
  let mounted = false;
  for (let i = 0; i < 100 && !mounted; i++) {
    mounted = readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${mnt} `);
    if (!mounted) await new Promise((r) => setTimeout(r, 50));
  }
  if (!mounted) {
    child.kill();
    await exited;
    return false;
  }
  try {
    for (const f of files) {
      const p = join(mnt, ...f.split('\\'));
      mkdirSync(join(p, '..'), { recursive: true });
      writeFileSync(p, 'x');
    }
    // Enough entries for System32's index to be a multi-level B+ tree, as on a real system.
    for (let i = 0; i < fill; i++) writeFileSync(join(mnt, 'Windows', 'System32', `file-${i}.dll`), '');
  } finally {
    sh(spawnSync('sh', ['-c', 'command -v fusermount']).status === 0 ? 'fusermount' : 'fusermount3', ['-u', mnt]);
    await exited;
  }
  return true;
}

/** Writes a partition file into the disk at its offset without touching the holes (qemu's raw driver has offset/size). */
function place(disk, part, offset, size) {
  sh('qemu-img', [
    'convert',
    '-n',
    '-f',
    'raw',
    part,
    '--target-image-opts',
    `driver=raw,offset=${offset},size=${size},file.driver=file,file.filename=${disk}`,
  ]);
  rmSync(part);
}

// An empty 500 GB qcow2.
const empty = join(dir, 'empty-500G.qcow2');
sh('qemu-img', ['create', '-q', '-f', 'qcow2', empty, '500G']);

// A 500 GB Windows-like MBR disk: System Reserved (16 MiB, active) and the rest as the Windows volume.
const raw = join(dir, 'windows-500G.raw');
sparse(raw, GB500);
const p1Start = 2048;
const p2Start = 2048 + 32768;
const p2Sectors = GB500 / 512 - p2Start;
sh('sfdisk', ['-q', raw], `label: dos\nstart=${p1Start}, size=32768, type=7, bootable\nstart=${p2Start}, type=7\n`);
const populated =
  (await ntfsPartition(join(dir, 'p1.img'), 32768 * 512, p1Start, 'System Reserved', ['bootmgr', 'Boot\\BCD'])) &&
  (await ntfsPartition(
    join(dir, 'p2.img'),
    p2Sectors * 512,
    p2Start,
    'Windows',
    [
      'Windows\\System32\\config\\SYSTEM',
      'Windows\\System32\\drivers\\viostor.sys',
      'Windows\\System32\\drivers\\netkvm.sys',
      'Program Files\\Cloudbase Solutions\\Cloudbase-Init\\conf\\cloudbase-init.conf',
    ],
    3000,
  ));
if (!populated) console.log('note: ntfs-3g could not mount (no FUSE): the volumes are empty NTFS');
if (populated) {
  place(raw, join(dir, 'p1.img'), p1Start * 512, 32768 * 512);
  place(raw, join(dir, 'p2.img'), p2Start * 512, p2Sectors * 512);
}
const qcow2 = join(dir, 'windows-500G.qcow2');
const vhd = join(dir, 'windows-500G.vhd');
sh('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
sh('qemu-img', ['convert', '-f', 'raw', '-O', 'vpc', '-o', 'subformat=dynamic', raw, vhd]);

const results = {};
for (const [name, path] of [
  ['empty 500 GB qcow2', empty],
  ['Windows 500 GB qcow2', qcow2],
  ['Windows 500 GB dynamic VHD', vhd],
  ['Windows 500 GB sparse raw', raw],
]) {
  const runs = [];
  let facts;
  for (let i = 0; i < 5; i++) {
    const stats = newReadStats();
    const t = process.hrtime.bigint();
    facts = await inspectImage(path, { stats });
    runs.push({ ms: Number(process.hrtime.bigint() - t) / 1e6, bytes: stats.bytesRead, reads: stats.reads });
  }
  const first = runs[0];
  const median = [...runs].sort((a, b) => a.ms - b.ms)[2];
  const verdict = inspectFindings(facts)
    .filter((f) => f.severity !== 'pass')
    .map((f) => `${f.code}:${f.severity}`);
  results[name] = { firstMs: first.ms, medianMs: median.ms, bytesRead: first.bytes, reads: first.reads, notPassing: verdict };
  const ok = median.ms < 1000 && first.bytes < 8 * 1024 * 1024;
  console.log(
    `${ok ? 'ok  ' : 'MISS'} ${name}: first ${first.ms.toFixed(1)} ms, median of 5 ${median.ms.toFixed(1)} ms; read ${(first.bytes / 1024).toFixed(0)} KiB in ${first.reads} reads (target < 1000 ms, < 8 MiB); not passing: ${verdict.join(', ') || 'none'}`,
  );
}

// The command as an admin runs it: the bundled CLI, cold, on the Windows-like 500 GB qcow2 (and node -e 0
// beside it, interleaved, so both see the same machine load).
const cli = 'dist/image-preflight.cjs';
try {
  readFileSync(cli);
  const wall = (args) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, status: r.status, stdout: r.stdout };
  };
  const bare = [];
  const cold = [];
  let last;
  for (let i = 0; i < 9; i++) {
    bare.push(wall(['-e', '0']).ms);
    last = wall([cli, 'inspect', qcow2, '--format', 'json']);
    cold.push(last.ms);
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const report = JSON.parse(last.stdout);
  results.cli = {
    coldMs: med(cold),
    nodeBareMs: med(bare),
    exitCode: last.status,
    verdict: report.verdict,
    bytesRead: report.image.bytesRead,
  };
  const ok = results.cli.coldMs < 1000;
  console.log(
    `${ok ? 'ok  ' : 'MISS'} image-preflight inspect (bundled CLI, cold) on the Windows 500 GB qcow2: median of 9 ${results.cli.coldMs.toFixed(0)} ms (node -e 0: ${results.cli.nodeBareMs.toFixed(0)} ms); ${report.verdict}, exit ${last.status}, read ${(report.image.bytesRead / 1024).toFixed(0)} KiB (target < 1000 ms)`,
  );
} catch (err) {
  console.log(`inspect CLI cold start skipped: ${err instanceof Error ? err.message : err} (npm run build first)`);
}
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
rmSync(dir, { recursive: true, force: true });
