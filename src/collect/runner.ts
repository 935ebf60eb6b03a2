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

/** The first non-empty line a process printed (stderr first), for one-line messages. */
export function firstLine(bytes: Uint8Array): string {
  return (
    Buffer.from(bytes)
      .toString('utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find(Boolean)
      ?.slice(0, 200) ?? ''
  );
}

export interface Runner {
  run(request: RunRequest): Promise<RunResult>;
}
