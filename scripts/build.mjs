// Bundles the CLI into two CommonJS files (src/startup/full-build.ts says why) and their loader:
// - dist/image-preflight-full.cjs: the whole program;
// - dist/image-preflight-startup.cjs: the start-up bundle, with every lazily imported part that
//   `check --snapshot`, `--version` and `--help` never reach left out;
// - dist/image-preflight.cjs (`bin`, the exe's main script): the loader, which picks one of the two for
//   the command line and runs it through V8's code cache (src/startup/code-cache.ts).
// IPF_BUILD_PROFILE=FILE writes an unminified start-up bundle with names there instead, for CPU profiles.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Imports the bundles answer with their own modules: start-up cost with no behaviour of ours behind it. */
const startupShims = {
  name: 'startup-shims',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, () => ({ path: resolve('scripts/shims/string-width.cjs') }));
    b.onResolve({ filter: /^string-width-real$/ }, () => ({ path: resolve('node_modules/string-width/index.js') }));
    b.onResolve({ filter: /^escalade\/sync$/ }, () => ({ path: resolve('scripts/shims/escalade-sync.cjs') }));
    b.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      /[\\/]node_modules[\\/]yargs[\\/]/.test(args.importer) ? { path: resolve('scripts/shims/yargs-assert.cjs') } : undefined,
    );
    // The Tencent Cloud SDK's node-fetch pulls whatwg-url, whose punycode use prints a deprecation
    // warning on Node 22 (the exe's Node); the shim gives it Node's own URL.
    if (existsSync('src/cloud/shims/whatwg-url.cjs'))
      b.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: resolve('src/cloud/shims/whatwg-url.cjs') }));
  },
};

/**
 * The checks' documentation (their `docs` sentences, in four languages) is read only by `explain` and the
 * docs generator, never by `check --snapshot`: the start-up bundle carries each check without it (a
 * fifth of its size), and `explain` runs in the full bundle like every other command.
 */
const DOCS_PROPERTY = /\n {2}docs: \{\n[\s\S]*?\n {2}\},\n/g;
const withoutDocs = {
  name: 'without-docs',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]checks[\\/][^\\/]+\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('\n  docs: {')) return undefined;
      if ((source.match(DOCS_PROPERTY) ?? []).length !== 1)
        throw new Error(`${args.path}: expected one \`docs: {…}\` property at two spaces`);
      return { contents: source.replace(DOCS_PROPERTY, "\n  docs: { en: '' },\n"), loader: 'ts' };
    });
  },
};

/** Lazily imported parts the start-up bundle leaves out: live collection, fix, schedule, cloud (and the capture and
 * fleet run commands), fleet, HTML, inspect, logs. */
const LEFT_OUT =
  /[\\/]src[\\/](commands[\\/](capture|fleet|cloud)\.ts$|collect[\\/](collect|exec-runner|recording|net-probes|script|share-scan[\\/]scan|fallback[\\/]offline)|fix[\\/]|schedule[\\/]|cloud[\\/]|fleet[\\/]|inspect[\\/]|report[\\/](render-html|render-inspection|inspection)|util[\\/](logger|rotating-log))/;
const STUB = resolve('scripts/shims/not-in-startup-bundle.cjs');

const leaveOut = {
  name: 'leave-out',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind !== 'dynamic-import' || args.pluginData === 'resolving') return undefined;
      const r = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolving',
      });
      return LEFT_OUT.test(r.path) ? { path: STUB } : undefined;
    });
  },
};

const profile = process.env.IPF_BUILD_PROFILE;
const common = {
  entryPoints: ['src/cli.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !profile,
  keepNames: !!profile,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // node-fetch 2 (inside the Tencent Cloud SDK) needs whatwg-url only where Node has no URL class; the real
  // package pulls in tr46, whose require("punycode") makes Node 22 (the exe) print a DeprecationWarning.
  // form-data is needed only for multipart requests, which this tool never sends; it brings mime-db.
  alias: { 'whatwg-url': './src/cloud/shims/whatwg-url.cjs', 'form-data': './src/cloud/shims/form-data.cjs' },
  // import.meta.url is used by ESM-only dependencies to find themselves; give the bundle a real one.
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const FULL = 'image-preflight-full.cjs';
const STARTUP = 'image-preflight-startup.cjs';
const outputs = [
  { name: 'full', outfile: `dist/${FULL}`, define: { 'import.meta.url': 'importMetaUrl' }, plugins: [startupShims] },
  {
    name: 'startup',
    outfile: profile ?? `dist/${STARTUP}`,
    define: { 'import.meta.url': 'importMetaUrl' },
    plugins: [startupShims, leaveOut, withoutDocs],
  },
];
const bundles = {};
for (const { name, outfile, define, plugins } of outputs) {
  if (profile && outfile.startsWith('dist/')) continue;
  const result = await build({ ...common, outfile, define, plugins });
  const text = readFileSync(outfile, 'utf8');
  // A single executable has no module loader: an import() that esbuild left in place (a node: builtin
  // loaded on demand) throws "A dynamic import callback was not specified" only in the .exe.
  const leftImport = /[^\w.$]import\((["'`])/.exec(text);
  if (leftImport) {
    console.error(`${outfile}: an import() survived bundling; import node: builtins statically`);
    process.exit(1);
  }
  bundles[name] = { name, file: outfile.split('/').pop(), sha256: createHash('sha256').update(text).digest('hex') };
  report(outfile, result);
}
if (!profile) {
  // The loader (src/startup/loader.ts): the `bin` and the exe's main script, which picks a bundle and runs it.
  const outfile = 'dist/image-preflight.cjs';
  const result = await build({
    ...common,
    entryPoints: ['src/startup/loader.ts'],
    banner: undefined,
    outfile,
    define: { IPF_BUNDLES: JSON.stringify(bundles) },
  });
  chmodSync(outfile, 0o755);
  report(outfile, result);
}

function report(outfile, result) {
  const bytes = Object.values(result.metafile.outputs)[0].bytes;
  // esbuild's metafile, for what each bundle is made of (https://esbuild.github.io/analyze/ reads it).
  mkdirSync('.cache', { recursive: true });
  writeFileSync(`.cache/${outfile.split('/').pop()}.meta.json`, JSON.stringify(result.metafile));
  console.log(`built ${outfile} (${(bytes / 1024).toFixed(0)} KiB)`);
}
