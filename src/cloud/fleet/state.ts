// The fleet run's resumable state: per instance, sent (with its invocation) or finished (with its
// outcome). Written atomically after every change, so an interrupted run resumes from the last
// consistent picture: finished instances whose report file is still there are skipped, invocations
// still running are polled again instead of sent twice.
import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { CloudError } from '../errors.js';
import { NO_REPORT_REASONS } from './types.js';

export const STATE_VERSION = 1;

const OutcomeSchema = z.union([
  z.object({
    instanceId: z.string(),
    status: z.literal('report'),
    file: z.string(),
    verdict: z.string().nullable(),
    exitCode: z.number().nullable(),
    invocationTaskId: z.string().nullable(),
  }),
  z.object({
    instanceId: z.string(),
    status: z.literal('no-report'),
    reason: z.enum(NO_REPORT_REASONS),
    detail: z.string(),
    invocationTaskId: z.string().optional(),
    outputUrl: z.string().optional(),
  }),
]);

const EntrySchema = z.union([
  z.object({ phase: z.literal('sent'), invocationId: z.string(), sentAt: z.string() }),
  z.object({ phase: z.literal('finished'), outcome: OutcomeSchema }),
]);
export type StateEntry = z.infer<typeof EntrySchema>;

const StateSchema = z.object({
  stateVersion: z.literal(STATE_VERSION),
  region: z.string(),
  /** What was asked for (ids or tag), to refuse resuming a different run. */
  targets: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  instances: z.record(z.string(), EntrySchema),
});
export type FleetState = z.infer<typeof StateSchema>;

export function newState(region: string, targets: string, now: Date): FleetState {
  return { stateVersion: STATE_VERSION, region, targets, startedAt: now.toISOString(), updatedAt: now.toISOString(), instances: {} };
}

export function loadState(path: string): FleetState | null {
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new CloudError('io', `fleet state file ${path} is not JSON; move it away to start over`);
  }
  const ok = StateSchema.safeParse(json);
  if (!ok.success) throw new CloudError('io', `fleet state file ${path} is not a state file of this version; move it away to start over`);
  return ok.data;
}

export function saveState(path: string, state: FleetState, now: Date): void {
  state.updatedAt = now.toISOString();
  writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
}
