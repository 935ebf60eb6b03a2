// The live runner: execa with raw bytes out (we decode deliberately: UTF-8 from PowerShell, the console
// code page from the native tools), a hard timeout, and no console window.
import { execa } from 'execa';
import type { RunRequest, RunResult, Runner } from './runner.js';

export const execRunner: Runner = {
  async run({ file, args, timeoutMs }: RunRequest): Promise<RunResult> {
    const started = Date.now();
    const r = await execa(file, args, {
      encoding: 'buffer',
      timeout: timeoutMs,
      reject: false,
      windowsHide: true,
      stdin: 'ignore',
      maxBuffer: 256 * 1024 * 1024,
      forceKillAfterDelay: 2000,
    });
    const failedToStart = r.failed && r.exitCode === undefined && !r.timedOut && !r.isTerminated;
    return {
      exitCode: r.exitCode ?? null,
      stdout: r.stdout,
      stderr: r.stderr,
      timedOut: r.timedOut,
      startError: failedToStart ? ((r as { code?: string }).code ?? r.shortMessage) : undefined,
      durationMs: Date.now() - started,
    };
  },
};
