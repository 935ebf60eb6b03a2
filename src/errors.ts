// Errors that end the run with a one-line message instead of a stack trace.
export const EXIT = { READY: 0, AT_RISK: 1, BLOCKED: 2, INPUT: 3 } as const;

/** Bad usage or bad input: the CLI prints `image-preflight: <message>` and exits 3. */
export class InputError extends Error {
  readonly exitCode = EXIT.INPUT;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
