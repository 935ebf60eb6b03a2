#!/usr/bin/env node
// The program's entry: dist/image-preflight.cjs, the `bin` and the exe's main script. It picks the bundle
// that carries this command line (src/startup/full-build.ts) and runs it through V8's code cache
// (src/startup/code-cache.ts). Small on purpose: it is compiled from source on every run.
import { fileLooksLikeBatchOutput } from '../collect/fallback/batch-output.js';
import { carriedByStartupBundle, commandOf } from './full-build.js';
import { runBundle, type Bundle } from './run-bundle.js';

// Set by scripts/build.mjs: each bundle's file name and SHA-256.
declare const IPF_BUNDLES: { startup: Bundle; full: Bundle };

const argv = process.argv.slice(2);
const startup = carriedByStartupBundle(argv, fileLooksLikeBatchOutput);
runBundle(startup ? IPF_BUNDLES.startup : IPF_BUNDLES.full, commandOf(argv, startup), __filename);
