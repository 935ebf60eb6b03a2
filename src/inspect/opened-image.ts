// What each format reader hands back: the facts from its headers, the guest block device (or why there
// is none) and a way to measure how much guest data the image allocates. The orchestrator
// (inspect.ts) treats every format the same way through this.
import type { BlockDevice } from './block-device.js';
import type { BackingFacts, FormatFacts, Known } from './types.js';

export interface OpenedImage {
  format: FormatFacts;
  /** Guest size in bytes, null when the header could not be read. */
  virtualSize: number | null;
  /** The guest disk, or null with the reason (damaged, encrypted, a backing chain...). */
  device: BlockDevice | null;
  noDevice: string;
  backing: BackingFacts | null;
  /** Structural damage found while opening (technical English). */
  damage: string[];
  /** Bytes of guest data allocated; reads only metadata tables, within a budget. */
  measureAllocation(): Promise<Known<number>>;
  /** Closes files the reader opened besides the main one (VMDK extents). */
  close(): Promise<void>;
}

/** Metadata (L2 tables, grain tables, BAT) read to measure allocation, at most. */
export const ALLOCATION_BUDGET = 64 * 1024 * 1024;
