#!/usr/bin/env node
// The only place that writes to stdout/stderr and sets the exit code.
import { main } from './commands/main.js';

void main(process.argv.slice(2), {
  platform: process.platform,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  env: process.env,
}).then((result) => {
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
});
