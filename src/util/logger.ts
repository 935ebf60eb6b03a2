// Probe logging through winston: --verbose to stderr, --log-file FILE to a file. Each probe's command
// (never the script body), duration, exit code and output sizes; nothing secret is collected anyway.
import { closeSync, openSync } from 'node:fs';
import winston from 'winston';
import DailyRotateFile from 'winston-daily-rotate-file';
import type { CollectLog, ProbeRecord } from '../collect/collect.js';
import { InputError } from '../errors.js';

export interface ClosableLog extends CollectLog {
  /** A line worth keeping in the rotating log (the run's verdict). */
  summary(message: string): void;
  close(): Promise<void>;
}

/** Rotating logs of the scheduled check: a file a day, 1 MB at most each, 14 files: bounded at ~14 MB. */
export const ROTATION = { maxSize: '1m', maxFiles: 14 } as const;

export function createProbeLog(options: { verbose: boolean; logFile?: string; rotateDir?: string }): ClosableLog {
  const transports: winston.transport[] = [];
  if (options.verbose) {
    transports.push(new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'], format: winston.format.printf((i) => `image-preflight: ${String(i.message)}`) }));
  }
  if (options.logFile) {
    try {
      closeSync(openSync(options.logFile, 'a'));
    } catch (err) {
      throw new InputError('error.cannotWriteLog', { file: options.logFile, why: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
    }
    transports.push(new winston.transports.File({ filename: options.logFile, format: winston.format.combine(winston.format.timestamp(), winston.format.json()) }));
  }
  if (options.rotateDir) {
    transports.push(new DailyRotateFile({
      dirname: options.rotateDir, filename: 'image-preflight-%DATE%.log', datePattern: 'YYYY-MM-DD', ...ROTATION,
      auditFile: `${options.rotateDir}/.image-preflight-log-audit.json`,
      format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    }));
  }
  const logger = winston.createLogger({ level: 'debug', transports, silent: transports.length === 0 });
  return {
    probe(r: ProbeRecord) {
      const outcome = r.startError ? `did not start (${r.startError})` : r.timedOut ? 'timed out' : `exit ${r.exitCode}`;
      logger.info(`probe ${r.command}: ${outcome} in ${r.durationMs} ms, ${r.stdoutBytes} bytes out, ${r.stderrBytes} bytes err`, { probe: r });
    },
    info(message: string) {
      logger.debug(message);
    },
    summary(message: string) {
      logger.info(message);
    },
    // The logger's own 'finish' comes before file transports have written; wait for each of them.
    close: async () => {
      if (transports.length === 0) return;
      const files = transports.filter((t) => !(t instanceof winston.transports.Console));
      const written = files.map((t) => new Promise<void>((resolve) => {
        const stream = (t as unknown as { logStream?: NodeJS.EventEmitter; _dest?: NodeJS.EventEmitter }).logStream;
        if (stream) stream.once('finish', () => resolve());
        else t.once('finish', () => setImmediate(resolve));
      }));
      logger.end();
      // Never let logging hold up the exit.
      await Promise.race([Promise.all(written), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    },
  };
}
