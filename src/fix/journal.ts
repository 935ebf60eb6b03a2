// The journal: what `fix --apply` changed and how each thing was before, written atomically before each
// change, so that `restore` can put back exactly that (also after a crash or a failure half-way). It lives
// in a folder of the tool's own under %ProgramData%, restricted to SYSTEM and Administrators. A journal is
// still a file someone could have written: it is read strictly, must be this machine's, and may name only
// registry values the action table owns (src/fix/actions.ts), because restore writes HKLM as an
// administrator.
import { readFileSync, statSync } from 'node:fs';
import { join, win32 } from 'node:path';
import * as z from 'zod';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { errnoCode } from '../util/guards.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { REGISTRY_TARGETS } from './actions.js';
import { RESTORABLE_TYPES, START_TYPES, stepTarget, type PreviousState, type Step } from './model.js';

export const JOURNAL_FILE = 'journal.json';
/** A journal of this tool is small: anything larger is not one. */
const MAX_JOURNAL_BYTES = 4 * 1024 * 1024;

export const defaultJournalDir = (env: Record<string, string | undefined>) =>
  win32.join(env.ProgramData ?? 'C:\\ProgramData', 'image-preflight', 'fix');

const name = z.string().min(1).max(256);
const StepSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('service'),
    name,
    startType: z.enum(['auto', 'demand', 'manual-if-auto']).optional(),
    state: z.enum(['running', 'stopped']).optional(),
  }),
  z.strictObject({
    kind: z.literal('registry'),
    key: z.string().min(1).max(512),
    name,
    value: z.strictObject({ type: z.literal('REG_DWORD'), data: z.number().int().min(0).max(0xffffffff) }).nullable(),
  }),
  z.strictObject({ kind: z.literal('end-process'), pid: z.number().int().positive(), image: name }),
  z.strictObject({ kind: z.literal('logoff'), sessionId: z.number().int().positive(), user: z.string().max(256).optional() }),
]);

const RegistryDataSchema = z.union([z.string().max(65_536), z.number(), z.array(z.string().max(65_536)).max(4096)]);
const PreviousSchema = z.union([
  z.strictObject({ service: z.strictObject({ startType: z.enum(START_TYPES), stateCode: z.number().int().min(1).max(7) }) }),
  z.strictObject({
    registry: z.union([
      z.strictObject({ exists: z.literal(false), createdKeys: z.array(z.string().max(512)).max(32) }),
      z.strictObject({ exists: z.literal(true), type: z.enum(RESTORABLE_TYPES), data: RegistryDataSchema }),
    ]),
  }),
]);

export const ENTRY_STATUSES = ['pending', 'done', 'failed', 'restored', 'restore-failed'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

const EntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  /** The finding it answered (`checkId/code`). */
  finding: z.string().max(200),
  step: StepSchema,
  /** How it was just before the change; absent for what cannot be undone (a process ended, a logoff). */
  previous: PreviousSchema.optional(),
  /** pending: written before the change; done/failed: after it; restored/restore-failed: by restore. */
  status: z.enum(ENTRY_STATUSES),
  changedAt: z.string(),
  restoredAt: z.string().optional(),
});

const JournalSchema = z.strictObject({
  journalVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal(TOOL_NAME), version: z.string() }),
  machine: z.strictObject({ computerName: z.string().min(1), machineGuid: z.string().nullable() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  entries: z.array(EntrySchema).max(10_000),
});

export type Journal = z.infer<typeof JournalSchema>;
export type JournalEntry = z.infer<typeof EntrySchema>;

export interface MachineIdentity {
  computerName: string;
  machineGuid: string | null;
}

export function newJournal(machine: MachineIdentity, now: Date): Journal {
  const at = now.toISOString();
  return { journalVersion: 1, tool: { name: TOOL_NAME, version: VERSION }, machine, createdAt: at, updatedAt: at, entries: [] };
}

const bad = (file: string, problem: string) => new InputError('error.badJournal', { file, problem });

/** The journal in `dir`, or undefined when there is none. Anything unreadable or odd is an InputError. */
export function readJournal(dir: string): Journal | undefined {
  const file = join(dir, JOURNAL_FILE);
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw bad(file, 'not a regular file');
    if (st.size > MAX_JOURNAL_BYTES) throw bad(file, `larger than ${MAX_JOURNAL_BYTES / 1024 / 1024} MB`);
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw bad(file, errnoCode(err) ?? 'unreadable');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw bad(file, 'not valid JSON');
  }
  const parsed = JournalSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw bad(file, `${issue?.path.join('.') || 'journal'}: ${issue?.message ?? 'invalid'}`);
  }
  for (const e of parsed.data.entries) {
    if (e.step.kind === 'registry' && !REGISTRY_TARGETS.has(`${e.step.key}\\${e.step.name}`.toLowerCase()))
      throw bad(file, `entry ${e.seq} names ${e.step.key}\\${e.step.name}, which fix never changes`);
    const kind = e.previous && ('service' in e.previous ? 'service' : 'registry');
    if (kind && kind !== e.step.kind) throw bad(file, `entry ${e.seq}: its previous state is not a ${e.step.kind}'s`);
  }
  return parsed.data;
}

/** Whole, or not at all: a temporary file renamed over the journal. */
export function writeJournal(dir: string, journal: Journal, now: Date): void {
  journal.updatedAt = now.toISOString();
  writeFileAtomic(join(dir, JOURNAL_FILE), `${JSON.stringify(journal, null, 2)}\n`);
}

/** A journal of this machine: same computer name, and the same MachineGuid when both are known. */
export function sameMachine(journal: Journal, here: MachineIdentity): boolean {
  if (journal.machine.computerName.toLowerCase() !== here.computerName.toLowerCase()) return false;
  return journal.machine.machineGuid === null || here.machineGuid === null || journal.machine.machineGuid === here.machineGuid;
}

/** Entries restore still owes: written (pending or done, also failed half-way) and not yet put back. */
export const unrestored = (j: Journal) => j.entries.filter((e) => e.status !== 'restored');

/** The entry of `step`'s target that restore has not put back yet (its previous state is the original). */
export function openEntryFor(j: Journal, step: Step): JournalEntry | undefined {
  const target = stepTarget(step);
  return j.entries.find((e) => e.status !== 'restored' && stepTarget(e.step) === target);
}

export function addEntry(j: Journal, finding: string, step: Step, previous: PreviousState | undefined, now: Date): JournalEntry {
  const entry: JournalEntry = {
    seq: j.entries.reduce((m, e) => Math.max(m, e.seq), 0) + 1,
    finding,
    step,
    status: 'pending',
    changedAt: now.toISOString(),
    ...(previous ? { previous } : {}),
  };
  j.entries.push(entry);
  return entry;
}
