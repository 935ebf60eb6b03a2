// Probe logging: --verbose to stderr, --log-file FILE as JSON lines, and the scheduled check's daily
// files. Each probe's command (never the script body), duration, exit code and output sizes; nothing
// secret is collected anyway. Every sink writes synchronously, one line at a time, so a log is complete
// the moment a line is logged and nothing can hold up the exit. (winston was used here before; its
// daily-rotate transport trusted an audit file any user could forge, and three one-line sinks did not
// need a framework. docs/collection.md says more.)
import { appendFileSync, closeSync, openSync } from 'node:fs';
import type { CollectLog, ProbeRecord } from '../collect/collect.js';
import { InputError } from '../errors.js';
import { errnoReason } from './errno.js';
import { DailyLogFiles, ROTATION } from './rotating-log.js';

export { ROTATION };

export interface ClosableLog extends CollectLog {
  /** A line worth keeping in the rotating log (the run's verdict). */
  summary(message: string): void;
  close(): Promise<void>;
}

type Level = 'debug' | 'info';
type Data = Record<string, unknown> | undefined;
type Sink = (level: Level, message: string, at: Date, data: Data) => void;

/** A failing sink loses its line, never the run. */
function safely(sink: Sink): Sink {
  return (level, message, at, data) => {
    try {
      sink(level, message, at, data);
    } catch {
      // Logging must never stop a check.
    }
  };
}

const jsonLine = (level: Level, message: string, at: Date, data: Data) =>
  `${JSON.stringify({ timestamp: at.toISOString(), level, message, ...data })}\n`;

export function createProbeLog(options: { verbose: boolean; logFile?: string; rotateDir?: string; now?: () => Date }): ClosableLog {
  const now = options.now ?? (() => new Date());
  const sinks: Sink[] = [];
  if (options.verbose) sinks.push((_level, message) => process.stderr.write(`image-preflight: ${message}\n`));
  const logFile = options.logFile;
  if (logFile) {
    try {
      closeSync(openSync(logFile, 'a'));
    } catch (err) {
      throw new InputError('error.cannotWriteLog', { file: logFile, why: errnoReason(err) });
    }
    sinks.push((level, message, at, data) => {
      appendFileSync(logFile, jsonLine(level, message, at, data));
    });
  }
  if (options.rotateDir) {
    const daily = new DailyLogFiles(options.rotateDir, { ...ROTATION, now });
    sinks.push((level, message, at, data) => {
      daily.append(jsonLine(level, message, at, data));
    });
  }
  const guarded = sinks.map(safely);
  const log = (level: Level, message: string, data?: Record<string, unknown>) => {
    const at = now();
    for (const sink of guarded) sink(level, message, at, data);
  };
  return {
    probe(r: ProbeRecord) {
      const outcome = r.startError ? `did not start (${r.startError})` : r.timedOut ? 'timed out' : `exit ${String(r.exitCode)}`;
      log('info', `probe ${r.command}: ${outcome} in ${r.durationMs} ms, ${r.stdoutBytes} bytes out, ${r.stderrBytes} bytes err`, {
        probe: r,
      });
    },
    info: (message) => {
      log('debug', message);
    },
    summary: (message) => {
      log('info', message);
    },
    close: () => Promise.resolve(),
  };
}
