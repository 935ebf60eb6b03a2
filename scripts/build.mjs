// Bundles the CLI into one CommonJS file (dist/image-preflight.cjs) for `bin`, the single executable
// and fast start-up. Live-collection-only modules and the cloud code (with the Tencent Cloud SDK) are
// imported lazily, so `check --snapshot` never evaluates them.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const outfile = 'dist/image-preflight.cjs';
const result = await build({
  entryPoints: ['src/cli.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // node-fetch 2 (inside the Tencent Cloud SDK) needs whatwg-url only where Node has no URL class; the real
  // package pulls in tr46, whose require("punycode") makes Node 22 (the exe) print a DeprecationWarning.
  // form-data is needed only for multipart requests, which this tool never sends; it brings mime-db.
  alias: { 'whatwg-url': './src/cloud/shims/whatwg-url.cjs', 'form-data': './src/cloud/shims/form-data.cjs' },
  // import.meta.url is used by ESM-only dependencies to find themselves; give the bundle a real one.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
chmodSync(outfile, 0o755);
const bytes = Object.values(result.metafile.outputs)[0].bytes;
console.log(`built ${outfile} (${(bytes / 1024).toFixed(0)} KiB)`);
