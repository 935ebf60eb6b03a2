// Three kinds of trouble while inspecting an image file, kept apart because they end differently:
// InspectError means the file itself cannot be inspected (missing, a folder, a device or pipe, empty,
// unreadable) and becomes one clear error (the CLI words it from the message catalogue); DamagedError means a structure inside the file is inconsistent (truncated,
// a pointer past the end, a loop) and UnsupportedError means a feature this reader deliberately does not
// decode (encryption, zstd). The last two are caught where a fact is read, so that fact becomes "could
// not verify" and the rest of the report still stands.

export type InspectErrorCode = 'not-found' | 'folder' | 'not-a-file' | 'empty' | 'unreadable';

export class InspectError extends Error {
  constructor(
    readonly code: InspectErrorCode,
    /** `path`, and for 'unreadable' the system's error code (EACCES, EIO...) as `reason`. */
    readonly params: { path: string; reason?: string },
  ) {
    super(`${code}: ${params.path}${params.reason ? ` (${params.reason})` : ''}`);
    this.name = 'InspectError';
  }
}

/** A structure in the image contradicts itself or points outside the file. `detail` is technical English, for evidence. */
export class DamagedError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'DamagedError';
  }
}

/** Something valid that this reader does not decode on purpose. */
export class UnsupportedError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'UnsupportedError';
  }
}

/** The technical reason for a fact that could not be read; rethrows programming errors. */
export function reasonOf(err: unknown): string {
  if (err instanceof DamagedError || err instanceof UnsupportedError) return err.detail;
  if (err instanceof InspectError) return err.message;
  // A Buffer read out of range is a structure pointing outside what was read: damage, not a crash.
  if (err instanceof RangeError) return `inconsistent structure: ${err.message}`;
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('E'))
    return `${err.code}: ${err.message}`;
  throw err;
}
