// The share-readiness scan: what a custom image of this system disk would give away. Runs in Node,
// inside the agent (no extra process; it works where no PowerShell does, Wine included), over the
// known credential files first, then a bounded walk of the places people leave secrets: profiles' top
// folders, Desktop, Documents, Downloads, configuration files under AppData\Roaming and ProgramData,
// inetpub and IIS web roots. It stores what it found masked, with file, line and kind, and what it
// looked at and where it stopped: never a secret.
import type { Dirent } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { SecretFinding, Secrets } from '../../snapshot/schema.js';
import { Budget, DEFAULT_SCAN_LIMITS, type ScanLimits } from './budget.js';
import { detectSecrets, type SecretHit } from './detect.js';
import { listDir, readText, resolvePattern, sizeOf, Skips } from './files.js';
import {
  BINARY_EXTENSIONS,
  CONFIG_EXTENSIONS,
  extensionOf,
  IIS_CONFIG,
  KEY_CONTAINER_EXTENSIONS,
  NEVER_ENTER,
  PROFILE_FILES,
  PROFILE_FOLDERS,
  ROOT_FOLDERS,
  SYSTEM_FILES,
  SYSTEM_PROFILE,
  USERS_FOLDER,
  type KnownFile,
  type ScanFolder,
} from './locations.js';

export interface ShareScanOptions {
  /** The folder that stands for the system drive's root: C:\ on the machine, or a copy of a disk. */
  root: string;
  /** The system drive's letter as Windows names it (C:), to tell which IIS web roots are on it. */
  systemDrive?: string;
  /** More folders to walk like Desktop (absolute paths). */
  extraFolders?: readonly string[];
  limits?: Partial<ScanLimits>;
  /** Ends the scan (the run's deadline). */
  signal?: AbortSignal;
  clock?: () => number;
  /** Findings kept; the rest are counted. */
  maxFindings?: number;
}

const DEFAULT_MAX_FINDINGS = 1000;
/** Hits kept per file: a log full of one key says so fifty times at most. */
const MAX_HITS_PER_FILE = 50;
/** Each walked folder may use at most this share of the file and entry budgets, so one huge folder cannot starve the rest. */
const FOLDER_SHARE = 4;

interface Profile {
  name: string;
  path: string;
}

/** The scan, letting timers and other I/O run between slices of its synchronous work. */
export async function scanForSecrets(options: ShareScanOptions): Promise<Secrets> {
  const steps = scanSteps(options);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The scan in one go, blocking: for the fixture generator and tools that have nothing else to do. */
export function scanForSecretsSync(options: ShareScanOptions): Secrets {
  const steps = scanSteps(options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** The scan as steps: it yields whenever its current slice of work has run long enough. */
function* scanSteps(options: ShareScanOptions): Generator<void, Secrets> {
  const limits: ScanLimits = { ...DEFAULT_SCAN_LIMITS, ...options.limits };
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const budget = new Budget(limits, clock, options.signal);
  const skips = new Skips();
  const cache = new Map<string, Dirent[] | undefined>();
  const maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const findings: SecretFinding[] = [];
  let dropped = 0;
  const seen = new Set<string>();
  const folders: string[] = [];
  const cutShort: string[] = [];
  const shallow = new Set<string>();
  const root = options.root;

  const add = (f: SecretFinding) => {
    if (findings.length < maxFindings) findings.push(f);
    else dropped += 1;
  };
  const fromHits = (hits: readonly SecretHit[], path: string, source: string, user: string | null) => {
    for (const h of hits.slice(0, MAX_HITS_PER_FILE))
      add({ kind: h.kind, path, line: h.line, masked: h.masked, source, user, ...(h.detail ? { detail: h.detail } : {}) });
    dropped += Math.max(0, hits.length - MAX_HITS_PER_FILE);
  };

  const profiles = findProfiles(root, skips, cache);

  // 1. Files tools keep credentials in, and answer files: few, small, and the likeliest places.
  for (const profile of profiles) {
    for (const known of PROFILE_FILES) {
      if (budget.spent()) break;
      yield* readKnown(profile.path, known, profile.name);
    }
  }
  for (const known of SYSTEM_FILES) {
    if (budget.spent()) break;
    yield* readKnown(root, known, null);
  }

  // 2. The bounded walk: each profile's folders, then the system-wide ones, then the web roots and
  // the folders the config adds.
  for (const profile of profiles) {
    for (const folder of PROFILE_FOLDERS) yield* walkFolder(profile.path, folder, profile.name);
  }
  for (const folder of ROOT_FOLDERS) yield* walkFolder(root, folder, null);
  for (const web of webRoots()) yield* walkAt(web, { segments: [], mode: 'any-text' }, null);
  for (const extra of options.extraFolders ?? []) yield* walkAt(extra, { segments: [], mode: 'any-text' }, null);

  return {
    scan: {
      root,
      profiles: profiles.map((p) => p.name),
      folders,
      filesRead: budget.filesRead,
      bytesRead: budget.bytesRead,
      entriesSeen: budget.entriesSeen,
      durationMs: Math.round(clock() - started),
      stoppedBy: budget.stoppedBy,
      cutShort,
      limits: { ...limits },
      skipped: { tooLarge: skips.tooLarge, binary: skips.binary, unreadable: skips.unreadable, links: skips.links },
      unreadable: skips.firstUnreadable,
      tooLarge: skips.firstTooLarge,
      findingsDropped: dropped,
    },
    findings,
  };

  function* readKnown(base: string, known: KnownFile, user: string | null): Generator<void, void> {
    const paths = resolvePattern(base, known.segments, 'file', skips, cache);
    if (known.read === 'count') {
      // One finding per folder: how many saved credentials it holds.
      const byFolder = new Map<string, number>();
      for (const p of paths) byFolder.set(dirname(p), (byFolder.get(dirname(p)) ?? 0) + 1);
      for (const [folder, count] of byFolder)
        add({ kind: known.kind ?? 'credential-manager', path: folder, line: null, masked: null, source: known.source, user, count });
      return;
    }
    for (const path of paths) {
      const key = path.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      if (budget.sliceDone()) yield;
      if (budget.spent()) return;
      if (known.read === 'present') {
        const size = sizeOf(path, skips);
        if (size !== undefined && size > 0)
          add({ kind: known.kind ?? 'browser-passwords', path, line: null, masked: null, source: known.source, user });
        continue;
      }
      if (known.read === 'ssh-key') {
        if (basename(path).toLowerCase().endsWith('.pub')) continue;
        const read = readText(path, budget, skips);
        const hits = 'text' in read ? detectSecrets(read.text) : [];
        if (hits.length > 0) fromHits(hits, path, known.source, user);
        else if ('text' in read ? read.text.trim() !== '' : read.skipped === 'binary')
          add({ kind: 'private-key', path, line: null, masked: null, source: known.source, user, detail: `${basename(path)} (key file)` });
        continue;
      }
      const read = readText(path, budget, skips);
      if ('text' in read) fromHits(detectSecrets(read.text, known.read), path, known.source, user);
    }
  }

  function* walkFolder(base: string, folder: ScanFolder, user: string | null): Generator<void, void> {
    const [dir] = folder.segments.length === 0 ? [base] : resolvePattern(base, folder.segments, 'dir', skips, cache);
    if (dir !== undefined) yield* walkAt(dir, folder, user);
  }

  function* walkAt(dir: string, folder: ScanFolder, user: string | null): Generator<void, void> {
    if (budget.spent()) return;
    // A folder inside one already walked (a web root in inetpub) was walked with it.
    const key = dir.toLowerCase();
    if (folders.some((f) => key === f.toLowerCase() || (key.startsWith(`${f.toLowerCase()}${sep}`) && !isShallow(f)))) return;
    folders.push(dir);
    const maxDepth = folder.depth ?? limits.maxDepth;
    if (maxDepth < limits.maxDepth) shallow.add(dir);
    const skip = new Set((folder.skip ?? []).map((s) => s.toLowerCase()));
    const files0 = budget.filesRead;
    const entries0 = budget.entriesSeen;
    const fileShare = Math.max(500, Math.floor(limits.maxFiles / FOLDER_SHARE));
    const entryShare = Math.max(5000, Math.floor(limits.maxEntries / FOLDER_SHARE));
    const stack: Array<{ dir: string; depth: number }> = [{ dir, depth: 0 }];
    while (stack.length > 0) {
      const next = stack.pop();
      if (!next) break;
      const entries = listDir(next.dir, skips);
      if (!entries) continue;
      for (const entry of entries) {
        if (budget.sliceDone()) yield;
        if (budget.spent()) return;
        if (budget.filesRead - files0 >= fileShare || budget.entriesSeen - entries0 >= entryShare) {
          cutShort.push(dir);
          return;
        }
        budget.entriesSeen += 1;
        const path = join(next.dir, entry.name);
        if (entry.isSymbolicLink()) {
          skips.links += 1;
          continue;
        }
        if (entry.isDirectory()) {
          const lower = entry.name.toLowerCase();
          if (next.depth < maxDepth && !NEVER_ENTER.has(lower) && !(next.depth === 0 && skip.has(lower)))
            stack.push({ dir: path, depth: next.depth + 1 });
          continue;
        }
        if (!entry.isFile()) continue;
        const pathKey = path.toLowerCase();
        if (seen.has(pathKey)) continue;
        const ext = extensionOf(entry.name);
        if (KEY_CONTAINER_EXTENSIONS.has(ext)) {
          seen.add(pathKey);
          add({ kind: 'key-container', path, line: null, masked: null, source: 'scan', user, detail: `.${ext}` });
          continue;
        }
        if (folder.mode === 'config' ? !(ext === '' || CONFIG_EXTENSIONS.has(ext)) : BINARY_EXTENSIONS.has(ext)) continue;
        seen.add(pathKey);
        const read = readText(path, budget, skips);
        if ('text' in read) fromHits(detectSecrets(read.text), path, 'scan', user);
      }
    }
  }

  /** IIS sites' physical paths on the system drive, from applicationHost.config. */
  function webRoots(): string[] {
    const [config] = resolvePattern(root, IIS_CONFIG, 'file', skips, cache);
    if (config === undefined || budget.spent()) return [];
    const read = readText(config, budget, skips);
    if (!('text' in read)) return [];
    const drive = (options.systemDrive ?? 'C:').toUpperCase();
    const out: string[] = [];
    for (const m of read.text.matchAll(/\bphysicalPath\s*=\s*"([^"]{1,400})"/g)) {
      const expanded = (m[1] ?? '').replace(/%SystemDrive%/gi, drive).trim();
      const d = /^([A-Za-z]:)[\\/](.*)$/.exec(expanded);
      // Another drive is not in an image of the system disk.
      if (!d || (d[1] ?? '').toUpperCase() !== drive) continue;
      const segments = (d[2] ?? '').split(/[\\/]+/).filter((s) => s !== '' && s !== '.' && s !== '..');
      const [dir] = resolvePattern(root, segments, 'dir', skips, cache);
      if (dir !== undefined && !out.includes(dir)) out.push(dir);
    }
    return out;
  }

  /** Folders walked only one level deep (a profile's or the drive's top) do not cover what is below them. */
  function isShallow(folder: string): boolean {
    return shallow.has(folder);
  }
}

/** Every profile folder under Users (not through a link: "All Users", "Default User"), and SYSTEM's. */
function findProfiles(root: string, skips: Skips, cache: Map<string, Dirent[] | undefined>): Profile[] {
  const out: Profile[] = [];
  const [users] = resolvePattern(root, USERS_FOLDER, 'dir', skips, cache);
  if (users !== undefined) {
    for (const entry of listDir(users, skips) ?? []) {
      if (entry.isSymbolicLink()) {
        skips.links += 1;
        continue;
      }
      if (entry.isDirectory()) out.push({ name: entry.name, path: join(users, entry.name) });
    }
  }
  const [system] = resolvePattern(root, SYSTEM_PROFILE, 'dir', skips, cache);
  if (system !== undefined) out.push({ name: 'SYSTEM', path: system });
  return out;
}
