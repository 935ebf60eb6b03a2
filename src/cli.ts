#!/usr/bin/env node
// The only place that writes to stdout/stderr and sets the exit code, and the only place that may end
// the process early: the watchdog behind each run's deadline.
import { writeSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { WATCHDOG_MARGIN_MS } from './commands/run-clock.js';
import { main } from './commands/main.js';
import { EXIT } from './errors.js';
import { formatMessage } from './messages/format.js';
import type { Lang } from './messages/types.js';
import { startWatchdog } from './util/watchdog.js';
import { TOOL_NAME } from './version.js';

// How a scheduled task starts this program again: the single executable alone, or node plus the script.
const runByNode = /^node(\.exe)?$/i.test(basename(process.execPath));
const self = { command: process.execPath, prefixArgs: runByNode && process.argv[1] ? [resolve(process.argv[1])] : [] };

/** A margin after a run's deadline, whatever the run is waiting on: one line, exit 3, child trees killed on exit. */
function watchdog(deadlineMs: number, lang: Lang) {
  return startWatchdog({
    deadlineMs,
    marginMs: WATCHDOG_MARGIN_MS,
    onExpire: () => {
      const seconds = Math.round((deadlineMs + WATCHDOG_MARGIN_MS) / 1000);
      // writeSync: stderr can be asynchronous (a pipe, a Windows console) and exit would drop the line.
      writeSync(2, `${TOOL_NAME}: ${formatMessage('error.watchdog', { seconds }, lang)}\n`);
      process.exit(EXIT.INPUT);
    },
  });
}

/**
 * Ctrl-C for the commands that wait on the cloud (capture, fleet run): the first one aborts the signal so
 * the command can say what it leaves behind (an image still being created, a resumable fleet state);
 * a second one ends the process at once. Other commands keep Node's default (Ctrl-C ends them).
 */
function interrupts(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  return controller.signal;
}

// A reader that stops early (`| head`, `| Select-Object -First 5`) closes the pipe: that is not an error
// to report, just the end of the output.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

void main(process.argv.slice(2), {
  platform: process.platform,
  // undefined, not false, on a pipe or in a file (whatever @types/node says).
  stdoutIsTTY: (process.stdout as { isTTY?: boolean }).isTTY === true,
  env: process.env,
  self,
  watchdog,
  // What a long command prints while it runs (the report before a capture, progress lines).
  console: {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    errIsTTY: process.stderr.isTTY,
  },
  interrupts,
}).then((result) => {
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
});
