// Every process the collector starts goes through this interface: the live implementation uses execa,
// tests replay recorded output, and the collector counts spawns through it.
export interface RunRequest {
  file: string;
  args: string[];
  timeoutMs: number;
}

export interface RunResult {
  /** null when killed or never started. */
  exitCode: number | null;
  stdout: Uint8Array;
  stderr: Uint8Array;
  timedOut: boolean;
  /** Set when the process could not start at all (ENOENT, EACCES, blocked by policy). */
  startError?: string;
  durationMs: number;
}

export interface Runner {
  run(request: RunRequest): Promise<RunResult>;
}
