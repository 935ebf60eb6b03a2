// The share-readiness scan's budget: how deep, how many files and bytes, how many directory entries and
// how long. A scan that runs out stops where it is and says why; the checks then say "could not verify"
// for what it did not reach. The walk is synchronous in small slices and yields to the event loop
// between them (scan.ts), so the run's deadline timer and the PowerShell pass beside it keep going.

export interface ScanLimits {
  /** Folder levels below each scanned folder. */
  maxDepth: number;
  /** Larger files are not read (counted as too large). */
  maxFileBytes: number;
  /** Bytes read in all. */
  maxTotalBytes: number;
  /** Files read in all. */
  maxFiles: number;
  /** Directory entries looked at in all (files and folders, read or not). */
  maxEntries: number;
  /** Milliseconds the scan may take; never more than what is left of the run's deadline. */
  timeLimitMs: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  maxDepth: 6,
  maxFileBytes: 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxFiles: 20_000,
  maxEntries: 250_000,
  timeLimitMs: 30_000,
};

export type StopReason = 'deadline' | 'max-files' | 'max-bytes' | 'max-entries';

/** How long the walk runs before it lets timers and other I/O in. */
const SLICE_MS = 15;

export class Budget {
  filesRead = 0;
  bytesRead = 0;
  entriesSeen = 0;
  stoppedBy: StopReason | null = null;
  private readonly endsAt: number;
  private sliceStart: number;

  constructor(
    readonly limits: ScanLimits,
    private readonly clock: () => number = () => performance.now(),
    private readonly signal?: AbortSignal,
  ) {
    this.endsAt = clock() + limits.timeLimitMs;
    this.sliceStart = clock();
  }

  /** True once any limit is reached; remembers the first one. */
  spent(): boolean {
    if (this.stoppedBy) return true;
    if (this.signal?.aborted || this.clock() >= this.endsAt) this.stoppedBy = 'deadline';
    else if (this.filesRead >= this.limits.maxFiles) this.stoppedBy = 'max-files';
    else if (this.bytesRead >= this.limits.maxTotalBytes) this.stoppedBy = 'max-bytes';
    else if (this.entriesSeen >= this.limits.maxEntries) this.stoppedBy = 'max-entries';
    return this.stoppedBy !== null;
  }

  /** Whether a file of `size` bytes still fits; when it would overflow the byte budget, the scan stops. */
  fits(size: number): boolean {
    if (this.bytesRead + size > this.limits.maxTotalBytes) {
      this.stoppedBy ??= 'max-bytes';
      return false;
    }
    return true;
  }

  /** True (and a new slice begins) when the current slice of synchronous work has run long enough to let the event loop in. */
  sliceDone(): boolean {
    const now = this.clock();
    if (now - this.sliceStart < SLICE_MS) return false;
    this.sliceStart = now;
    return true;
  }
}
