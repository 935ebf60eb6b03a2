// Bundles the CLI into one CommonJS file (dist/image-preflight.cjs) for `bin`, the single executable
// and fast start-up. Live-collection-only modules are imported lazily, so `check --snapshot` never
// evaluates them.
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
  // import.meta.url is used by ESM-only dependencies to find themselves; give the bundle a real one.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
chmodSync(outfile, 0o755);
const bytes = Object.values(result.metafile.outputs)[0].bytes;
console.log(`built ${outfile} (${(bytes / 1024).toFixed(0)} KiB)`);
