#!/usr/bin/env node
// The only place that writes to stdout/stderr and sets the exit code.
import { basename, resolve } from 'node:path';
import { main } from './commands/main.js';

// How a scheduled task starts this program again: the single executable alone, or node plus the script.
const runByNode = /^node(\.exe)?$/i.test(basename(process.execPath));
const self = { command: process.execPath, prefixArgs: runByNode && process.argv[1] ? [resolve(process.argv[1])] : [] };

void main(process.argv.slice(2), {
  platform: process.platform,
  stdoutIsTTY: process.stdout.isTTY,
  env: process.env,
  self,
}).then((result) => {
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
});
