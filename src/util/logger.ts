// Probe logging through winston: --verbose to stderr, --log-file FILE to a file. Each probe's command
// (never the script body), duration, exit code and output sizes; nothing secret is collected anyway.
import { closeSync, openSync } from 'node:fs';
import winston from 'winston';
import type { CollectLog, ProbeRecord } from '../collect/collect.js';
import { InputError } from '../errors.js';

export interface ClosableLog extends CollectLog {
  close(): Promise<void>;
}

export function createProbeLog(options: { verbose: boolean; logFile?: string }): ClosableLog {
  const transports: winston.transport[] = [];
  if (options.verbose) {
    transports.push(new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'debug'], format: winston.format.printf((i) => `image-preflight: ${String(i.message)}`) }));
  }
  if (options.logFile) {
    try {
      closeSync(openSync(options.logFile, 'a'));
    } catch (err) {
      throw new InputError(`cannot write log file ${options.logFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    transports.push(new winston.transports.File({ filename: options.logFile, format: winston.format.combine(winston.format.timestamp(), winston.format.json()) }));
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
    close: () => new Promise<void>((resolve) => {
      if (transports.length === 0) return resolve();
      logger.on('finish', () => resolve());
      logger.end();
    }),
  };
}
