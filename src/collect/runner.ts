// Every process the collector starts goes through this interface: the live implementation spawns real
// processes, tests replay recorded output, and the collector counts spawns through it.
export interface RunRequest {
  file: string;
  args: string[];
  /** This probe's own limit; with a command deadline, pass `deadline.budget(max)` and its signal. */
  timeoutMs: number;
  /** Ends the probe early (the command's deadline): the result is then timedOut and aborted. */
  signal?: AbortSignal;
  /** The child's whole environment; the parent's when left out. */
  env?: Record<string, string>;
  /** Written to the child's stdin, which is then closed; no stdin at all when left out. */
  stdin?: Uint8Array;
}

export interface RunResult {
  /** null when killed or never started. */
  exitCode: number | null;
  stdout: Uint8Array;
  stderr: Uint8Array;
  /** Cut short by its timeout or by `signal`: the output is whatever had arrived by then. */
  timedOut: boolean;
  /** Cut short by the request's `signal` rather than its own timeout (timedOut is true as well). */
  aborted?: boolean;
  /** The output passed the runner's size limit: what fits is kept and the process was ended. */
  truncated?: boolean;
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
