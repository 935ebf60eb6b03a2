// `runFleet`: image-preflight on many Windows CVMs through TAT (issue 23), as a library.
//   1. resolve the targets (DescribeInstances by ID or tag; Windows, RUNNING, agent Online);
//   2. send one PowerShell command per batch of at most 200 instances (RunCommand's InstanceIds
//      limit), a few batches at a time;
//   3. poll DescribeInvocationTasks with HideOutput=false, decode each finished task's output, and
//      save each report as <reportDir>/<instance-id>.json;
//   4. keep a state file so an interrupted run can resume without sending anything twice.
// Every target gets exactly one outcome: a report, or no report with its reason.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import type { CloudApi } from '../api.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { CloudError, isCloudError } from '../errors.js';
import { charCount, COS_KEY_PREFIX_MAX_CHARS, INVOCATION_QUERY_MAX, TAT_INSTANCES_PER_CALL, TAT_TIMEOUT_RANGE } from '../limits.js';
import { abortableSleep } from '../retry.js';
import { DescribeInvocationTasksSchema, RunCommandSchema, type ApiInvocationTask } from '../schemas.js';
import { cosKeyFor, type CosReader } from './cos.js';
import { decodeCosObject, decodeTaskOutput, type DecodedOutput } from './output.js';
import { buildFleetScript, fleetCommandContent, type FleetScriptOptions } from './script.js';
import { loadState, newState, saveState, type FleetState } from './state.js';
import { chunks, describeTargets, onlineAgents, resolveTargets, type FleetTargets } from './targets.js';
import type { FleetOutcome, FleetProgress, NoReportOutcome, ReportOutcome } from './types.js';

export interface FleetOptions extends FleetScriptOptions {
  api: CloudApi;
  targets: FleetTargets;
  /** Batches (RunCommand calls) in flight at once. */
  concurrency: number;
  /** TAT's Timeout for the command on each instance, seconds (1..86400). */
  perInstanceTimeoutS: number;
  reportDir: string;
  statePath: string;
  /** Continue the run recorded in statePath instead of refusing to overwrite it. */
  resume?: boolean;
  /** Have TAT upload each instance's full output to COS (for reports over the 24 KiB output limit). */
  outputCos?: { bucketUrl: string; keyPrefix?: string };
  /** With outputCos: reads a truncated task's COS copy (src/cloud/fleet/cos.ts); without it the row
   * only says where the copy is. */
  readCos?: CosReader;
  signal?: AbortSignal;
  onProgress?: (p: FleetProgress) => void;
  /** Instances per RunCommand, at most 200 (default 200). */
  batchSize?: number;
  /** First interval between polls (default 5 s), growing to maxPollIntervalMs (default 30 s). */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** How long past perInstanceTimeoutS to keep polling before calling a task timed out (default 120 s). */
  pollGraceMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface FleetResult {
  region: string;
  outcomes: FleetOutcome[];
  progress: FleetProgress;
  reportDir: string;
  statePath: string;
}

const TERMINAL = new Set(['SUCCESS', 'FAILED', 'TIMEOUT', 'TASK_TIMEOUT', 'DELIVER_FAILED', 'START_FAILED', 'CANCELLED', 'TERMINATED']);
const INSTANCE_ID = /^ins-[a-z0-9]+$/i;

export async function runFleet(opts: FleetOptions): Promise<FleetResult> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? abortableSleep;
  const { api, signal } = opts;
  validateOptions(opts);
  const script = buildFleetScript(opts);
  const content = fleetCommandContent(script);
  const reportDir = resolvePath(opts.reportDir);
  mkdirSync(reportDir, { recursive: true });

  const targetsKey = describeTargets(opts.targets);
  const previous = loadState(opts.statePath);
  if (previous && !opts.resume)
    throw new CloudError('invalid-parameter', `${opts.statePath} holds an earlier fleet run; resume it or move it away`);
  if (previous && (previous.region !== api.region || previous.targets !== targetsKey)) {
    throw new CloudError('invalid-parameter', `${opts.statePath} is for another run (${previous.region}, ${previous.targets})`);
  }
  const state: FleetState = previous ?? newState(api.region, targetsKey, new Date(now()));
  const save = () => {
    saveState(opts.statePath, state, new Date(now()));
  };

  const outcomes = new Map<string, FleetOutcome>();
  const finish = (o: FleetOutcome) => {
    outcomes.set(o.instanceId, o);
    state.instances[o.instanceId] = { phase: 'finished', outcome: o };
  };

  const resolved = await resolveTargets(api, opts.targets, signal);
  const total = resolved.all.length;
  const sentNow = new Set<string>();
  const progress = (): FleetProgress => {
    let done = 0;
    let failed = 0;
    for (const o of outcomes.values())
      if (o.status === 'report') done++;
      else failed++;
    const running = [...sentNow].filter((id) => !outcomes.has(id)).length;
    return { total, done, failed, running, pending: total - done - failed - running };
  };
  const report = () => opts.onProgress?.(progress());

  // Resume: a saved report stands; a sent invocation is polled again; anything else runs afresh.
  const resumeInvocations = new Map<string, string[]>();
  for (const [id, entry] of Object.entries(state.instances)) {
    if (!resolved.all.includes(id)) continue;
    if (entry.phase === 'finished' && entry.outcome.status === 'report' && existsSync(entry.outcome.file)) outcomes.set(id, entry.outcome);
    else if (entry.phase === 'sent') resumeInvocations.set(entry.invocationId, [...(resumeInvocations.get(entry.invocationId) ?? []), id]);
  }
  for (const s of resolved.skipped) if (!outcomes.has(s.instanceId) && !isAwaited(s.instanceId, resumeInvocations)) finish(s);
  const toSend = resolved.eligible.filter((id) => !outcomes.has(id) && !isAwaited(id, resumeInvocations));
  save();
  report();

  type Work = { kind: 'poll'; invocationId: string; instanceIds: string[]; sentAt: number } | { kind: 'send'; instanceIds: string[] };
  const queue: Work[] = [
    ...[...resumeInvocations].map(([invocationId, instanceIds]): Work => ({ kind: 'poll', invocationId, instanceIds, sentAt: now() })),
    ...chunks(toSend, opts.batchSize ?? TAT_INSTANCES_PER_CALL).map((instanceIds): Work => ({ kind: 'send', instanceIds })),
  ];
  for (const w of queue) if (w.kind === 'poll') for (const id of w.instanceIds) sentNow.add(id);

  const send = async (instanceIds: string[]): Promise<{ invocationId: string; instanceIds: string[] } | null> => {
    let ids = instanceIds;
    for (let attempt = 0; attempt < 2 && ids.length > 0; attempt++) {
      try {
        const r = await api.call('tat', 'RunCommand', runCommandParams(opts, content, ids), RunCommandSchema, {
          signal,
          throttledOnly: true,
        });
        for (const id of ids) {
          state.instances[id] = { phase: 'sent', invocationId: r.InvocationId, sentAt: new Date(now()).toISOString() };
          sentNow.add(id);
        }
        save();
        report();
        return { invocationId: r.InvocationId, instanceIds: ids };
      } catch (err) {
        if (isCloudError(err) && err.kind === 'aborted') throw err;
        // The whole call fails when one agent went offline since we looked: look again, send to the rest.
        if (
          attempt === 0 &&
          isCloudError(err) &&
          (err.code === 'ResourceUnavailable.AgentStatusNotOnline' || err.code === 'ResourceUnavailable.AgentNotInstalled')
        ) {
          const status = await onlineAgents(api, ids, signal);
          const offline = ids.filter((id) => status.get(id) !== 'Online');
          for (const id of offline)
            finish({
              instanceId: id,
              status: 'no-report',
              reason: 'agent-offline',
              detail: `the TAT agent is ${status.get(id) ?? 'not registered'}`,
            });
          ids = ids.filter((id) => status.get(id) === 'Online');
          if (offline.length > 0) continue;
        }
        const why = isCloudError(err) ? err.message : String(err);
        for (const id of ids)
          finish({ instanceId: id, status: 'no-report', reason: 'command-failed', detail: `RunCommand failed: ${why}` });
        save();
        report();
        return null;
      }
    }
    save();
    report();
    return null;
  };

  const poll = async (invocationId: string, instanceIds: string[], sentAt: number): Promise<void> => {
    const waiting = new Set(instanceIds.filter((id) => !outcomes.has(id)));
    const giveUpAt = sentAt + opts.perInstanceTimeoutS * 1000 + (opts.pollGraceMs ?? 120_000);
    let interval = opts.pollIntervalMs ?? 5000;
    const maxInterval = opts.maxPollIntervalMs ?? 30_000;
    while (waiting.size > 0) {
      await sleep(interval, signal);
      interval = Math.min(maxInterval, Math.round(interval * 1.5));
      let tasks: ApiInvocationTask[];
      try {
        tasks = await invocationTasks(api, invocationId, signal);
      } catch (err) {
        if (isCloudError(err) && err.retryable && now() < giveUpAt) continue;
        throw err;
      }
      let changed = false;
      for (const task of tasks) {
        if (!waiting.has(task.InstanceId) || !TERMINAL.has(task.TaskStatus ?? '')) continue;
        let outcome = taskOutcome(task, reportDir);
        if (outcome.status === 'no-report' && outcome.reason === 'report-truncated' && opts.outputCos && opts.readCos)
          outcome = await fromCosCopy(task, invocationId, outcome, reportDir, opts.outputCos, opts.readCos, signal);
        finish(outcome);
        waiting.delete(task.InstanceId);
        changed = true;
      }
      if (now() >= giveUpAt) {
        const seen = new Map(tasks.map((t) => [t.InstanceId, t]));
        for (const id of waiting) {
          const t = seen.get(id);
          finish({
            instanceId: id,
            status: 'no-report',
            reason: 'timed-out',
            detail: `still ${t?.TaskStatus ?? 'not listed'} ${Math.round((now() - sentAt) / 1000)} s after it was sent`,
            ...(t ? { invocationTaskId: t.InvocationTaskId } : {}),
          });
        }
        waiting.clear();
        changed = true;
      }
      if (changed) {
        save();
        report();
      }
    }
  };

  const worker = async (): Promise<void> => {
    for (let w = queue.shift(); w; w = queue.shift()) {
      if (signal?.aborted) throw new CloudError('aborted', 'cancelled');
      if (w.kind === 'poll') {
        await poll(w.invocationId, w.instanceIds, w.sentAt);
      } else {
        const sent = await send(w.instanceIds);
        if (sent) await poll(sent.invocationId, sent.instanceIds, now());
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, queue.length || 1)) }, worker));
  } finally {
    // Whatever happened, the state on disk is the latest: a resume starts from here.
    save();
  }
  const ordered = resolved.all.map((id) => outcomes.get(id)).filter((o): o is FleetOutcome => o !== undefined);
  return { region: api.region, outcomes: ordered, progress: progress(), reportDir, statePath: opts.statePath };
}

function isAwaited(id: string, invocations: Map<string, string[]>): boolean {
  for (const ids of invocations.values()) if (ids.includes(id)) return true;
  return false;
}

function validateOptions(opts: FleetOptions): void {
  const bad = (message: string) => new CloudError('invalid-parameter', message);
  const [lo, hi] = TAT_TIMEOUT_RANGE;
  if (!Number.isInteger(opts.perInstanceTimeoutS) || opts.perInstanceTimeoutS < lo || opts.perInstanceTimeoutS > hi)
    throw bad(`perInstanceTimeoutS must be a whole number of seconds from ${lo} to ${hi}`);
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw bad('concurrency must be at least 1');
  const size = opts.batchSize ?? TAT_INSTANCES_PER_CALL;
  if (!Number.isInteger(size) || size < 1 || size > TAT_INSTANCES_PER_CALL)
    throw bad(`batchSize must be from 1 to ${TAT_INSTANCES_PER_CALL} (RunCommand's InstanceIds limit)`);
  if ('instanceIds' in opts.targets) {
    if (opts.targets.instanceIds.length === 0) throw bad('no instance IDs given');
    for (const id of opts.targets.instanceIds) if (!INSTANCE_ID.test(id)) throw bad(`"${id}" is not an instance ID (ins-xxxxxxxx)`);
  } else if (opts.targets.tag.key === '') {
    throw bad('the tag key is empty');
  }
  if (opts.outputCos) {
    if (!/^https:\/\/[^/\s]+\.cos\.[a-z0-9-]+\.myqcloud\.com\/?$/.test(opts.outputCos.bucketUrl))
      throw bad('outputCos.bucketUrl must look like https://BucketName-APPID.cos.REGION.myqcloud.com');
    const prefix = opts.outputCos.keyPrefix;
    if (
      prefix !== undefined &&
      (charCount(prefix) > COS_KEY_PREFIX_MAX_CHARS || prefix.startsWith('/') || prefix.includes('//') || prefix.split('/').includes('..'))
    ) {
      throw bad(`outputCos.keyPrefix: at most ${COS_KEY_PREFIX_MAX_CHARS} characters, no leading /, no //, no .. folder`);
    }
  }
}

export function runCommandParams(
  opts: Pick<FleetOptions, 'perInstanceTimeoutS' | 'outputCos'>,
  content: string,
  instanceIds: string[],
): Record<string, unknown> {
  const params: Record<string, unknown> = {
    Content: content,
    CommandType: 'POWERSHELL',
    Timeout: opts.perInstanceTimeoutS,
    InstanceIds: instanceIds,
    CommandName: 'image-preflight-fleet',
    Description: 'image-preflight check (fleet run)',
    SaveCommand: false,
  };
  if (opts.outputCos) {
    params.OutputCOSBucketUrl = opts.outputCos.bucketUrl;
    if (opts.outputCos.keyPrefix) params.OutputCOSKeyPrefix = opts.outputCos.keyPrefix;
  }
  return params;
}

async function invocationTasks(api: CloudApi, invocationId: string, signal?: AbortSignal): Promise<ApiInvocationTask[]> {
  const all: ApiInvocationTask[] = [];
  for (let offset = 0; ; offset += INVOCATION_QUERY_MAX) {
    const r = await api.call(
      'tat',
      'DescribeInvocationTasks',
      { Filters: [{ Name: 'invocation-id', Values: [invocationId] }], Limit: INVOCATION_QUERY_MAX, Offset: offset, HideOutput: false },
      DescribeInvocationTasksSchema,
      { signal },
    );
    const page = r.InvocationTaskSet ?? [];
    all.push(...page);
    if (page.length === 0 || offset + page.length >= (r.TotalCount ?? 0)) return all;
  }
}

/** A finished task → its outcome; a report is saved on the way. */
export function taskOutcome(task: ApiInvocationTask, reportDir: string): FleetOutcome {
  const id = task.InstanceId;
  const base = { instanceId: id, status: 'no-report' as const, invocationTaskId: task.InvocationTaskId };
  const result = task.TaskResult;
  const status = task.TaskStatus ?? '';
  const errorInfo = task.ErrorInfo ? `: ${task.ErrorInfo}` : '';
  switch (status) {
    case 'TIMEOUT':
      return { ...base, reason: 'timed-out', detail: `the command ran past its Timeout (TIMEOUT)${errorInfo}` };
    case 'TASK_TIMEOUT':
      return { ...base, reason: 'timed-out', detail: `the TAT agent stopped answering (TASK_TIMEOUT)${errorInfo}` };
    case 'DELIVER_FAILED':
      return { ...base, reason: 'agent-offline', detail: `the command could not be delivered to the agent (DELIVER_FAILED)${errorInfo}` };
    case 'START_FAILED':
      return { ...base, reason: 'command-failed', detail: `the command could not start (START_FAILED)${errorInfo}` };
    case 'CANCELLED':
    case 'TERMINATED':
      return { ...base, reason: 'command-failed', detail: `the command was cancelled (${status})${errorInfo}` };
    default:
      break;
  }
  const outputUrl = result?.OutputUrl ? { outputUrl: result.OutputUrl } : {};
  const decoded = decodeTaskOutput(result?.Output, result?.Dropped);
  const exitCode = result?.ExitCode ?? null;
  if (decoded.kind === 'report') {
    if (!INSTANCE_ID.test(id)) return { ...base, reason: 'command-failed', detail: `unexpected instance ID "${id}"` };
    return saveReport(task, decoded, reportDir);
  }
  if (decoded.kind === 'truncated') {
    const where = result?.OutputUrl
      ? `; the full output is at ${result.OutputUrl}`
      : result?.OutputUploadCOSErrorInfo
        ? `; the COS upload failed: ${result.OutputUploadCOSErrorInfo}`
        : '; pass outputCos to have TAT upload the whole output';
    const dropped = decoded.droppedBytes
      ? `${decoded.droppedBytes} bytes past TAT's 24 KiB output limit were dropped`
      : 'the output stops before the end of the report';
    return { ...base, reason: 'report-truncated', detail: `${dropped}${where}`, ...outputUrl };
  }
  if (decoded.kind === 'error')
    return {
      ...base,
      reason: 'command-failed',
      detail: `${decoded.stage}: ${decoded.message}${decoded.exitCode === null ? '' : ` (exit code ${decoded.exitCode})`}`,
      ...outputUrl,
    };
  const code = exitCode === null ? '' : ` (exit code ${exitCode})`;
  return {
    ...base,
    reason: 'command-failed',
    detail: `${status}${code}: ${decoded.why}${errorInfo}`,
    ...outputUrl,
  } satisfies NoReportOutcome;
}

function saveReport(task: ApiInvocationTask, decoded: Extract<DecodedOutput, { kind: 'report' }>, reportDir: string): ReportOutcome {
  const id = task.InstanceId;
  const file = join(reportDir, `${id}.json`);
  writeFileAtomic(file, decoded.json.endsWith('\n') ? decoded.json : `${decoded.json}\n`);
  const verdict = typeof decoded.report.verdict === 'string' ? decoded.report.verdict : null;
  return {
    instanceId: id,
    status: 'report',
    file,
    verdict,
    exitCode: task.TaskResult?.ExitCode ?? null,
    invocationTaskId: task.InvocationTaskId,
  };
}

/**
 * A truncated task with --output-cos: its report from the copy TAT uploaded to COS, or the truncated
 * outcome with why that copy could not be read (the reason stays report-truncated).
 */
export async function fromCosCopy(
  task: ApiInvocationTask,
  invocationId: string,
  truncated: NoReportOutcome,
  reportDir: string,
  outputCos: { bucketUrl: string; keyPrefix?: string },
  readCos: CosReader,
  signal?: AbortSignal,
): Promise<FleetOutcome> {
  const unreadable = (why: string): NoReportOutcome => ({
    ...truncated,
    // The address TAT gave is replaced by the reason: the row says what happened to the copy.
    detail: `${truncated.detail.replace(/; the full output is at .*$/s, '')}; COS copy unreadable: ${why}`,
    cosError: why,
  });
  // TAT said its upload failed: there is nothing to read, and the row already says why.
  if (!INSTANCE_ID.test(task.InstanceId) || task.TaskResult?.OutputUploadCOSErrorInfo) return truncated;
  const key = cosKeyFor(outputCos.bucketUrl, task.TaskResult?.OutputUrl, {
    prefix: outputCos.keyPrefix,
    invocationId: task.InvocationId ?? invocationId,
    invocationTaskId: task.InvocationTaskId,
  });
  const read = await readCos(outputCos.bucketUrl, key, signal);
  if (signal?.aborted) throw new CloudError('aborted', 'cancelled');
  if (!read.ok) return unreadable(`${read.why} (${key})`);
  const decoded = decodeCosObject(read.body);
  if (decoded.kind === 'report') return { ...saveReport(task, decoded, reportDir), source: 'cos' };
  const what =
    decoded.kind === 'truncated'
      ? 'the report in it is cut short too'
      : decoded.kind === 'error'
        ? `it holds the script's error (${decoded.stage}: ${decoded.message})`
        : decoded.why;
  return unreadable(`${what} (${key})`);
}
