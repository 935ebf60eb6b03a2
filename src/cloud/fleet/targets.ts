// Which instances a fleet run is for: given by ID, or every instance with a tag (DescribeInstances
// filter `tag:KEY`). Only Windows instances that are RUNNING and whose TAT agent is Online get the
// command; every other one is listed with its reason, so N targets always give N outcomes.
import type { CloudApi } from '../api.js';
import { AGENT_STATUS_MAX, DESCRIBE_INSTANCES_MAX } from '../limits.js';
import { DescribeAutomationAgentStatusSchema, DescribeInstancesSchema, type ApiInstance } from '../schemas.js';
import type { NoReportOutcome } from './types.js';

export type FleetTargets = { instanceIds: string[] } | { tag: { key: string; value: string } };

export interface ResolvedTargets {
  /** Every instance asked for or found, in a stable order. */
  all: string[];
  eligible: string[];
  skipped: NoReportOutcome[];
}

export function describeTargets(targets: FleetTargets): string {
  return 'instanceIds' in targets ? `ids:${[...targets.instanceIds].sort().join(',')}` : `tag:${targets.tag.key}=${targets.tag.value}`;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function listInstances(
  api: CloudApi,
  targets: FleetTargets,
  signal?: AbortSignal,
): Promise<{ asked: string[]; found: ApiInstance[] }> {
  const found: ApiInstance[] = [];
  if ('instanceIds' in targets) {
    const asked = [...new Set(targets.instanceIds)];
    for (const ids of chunks(asked, DESCRIBE_INSTANCES_MAX)) {
      const r = await api.call('cvm', 'DescribeInstances', { InstanceIds: ids, Limit: DESCRIBE_INSTANCES_MAX }, DescribeInstancesSchema, {
        signal,
      });
      found.push(...(r.InstanceSet ?? []));
    }
    return { asked, found };
  }
  for (let offset = 0; ; offset += DESCRIBE_INSTANCES_MAX) {
    const r = await api.call(
      'cvm',
      'DescribeInstances',
      { Filters: [{ Name: `tag:${targets.tag.key}`, Values: [targets.tag.value] }], Offset: offset, Limit: DESCRIBE_INSTANCES_MAX },
      DescribeInstancesSchema,
      { signal },
    );
    const page = r.InstanceSet ?? [];
    found.push(...page);
    if (page.length === 0 || offset + page.length >= r.TotalCount) break;
  }
  return { asked: found.map((i) => i.InstanceId), found };
}

export function isWindows(instance: ApiInstance): boolean {
  return /windows/i.test(instance.OsName ?? '');
}

/** DescribeAutomationAgentStatus for these instances: the ones whose agent is Online. */
export async function onlineAgents(api: CloudApi, instanceIds: readonly string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const status = new Map<string, string>();
  for (const ids of chunks(instanceIds, AGENT_STATUS_MAX)) {
    const r = await api.call(
      'tat',
      'DescribeAutomationAgentStatus',
      { InstanceIds: ids, Limit: AGENT_STATUS_MAX },
      DescribeAutomationAgentStatusSchema,
      { signal },
    );
    for (const a of r.AutomationAgentSet ?? []) status.set(a.InstanceId, a.AgentStatus ?? 'Unknown');
  }
  return status;
}

export async function resolveTargets(api: CloudApi, targets: FleetTargets, signal?: AbortSignal): Promise<ResolvedTargets> {
  const { asked, found } = await listInstances(api, targets, signal);
  const byId = new Map(found.map((i) => [i.InstanceId, i]));
  const skipped: NoReportOutcome[] = [];
  const candidates: string[] = [];
  for (const id of asked) {
    const instance = byId.get(id);
    if (!instance)
      skipped.push({
        instanceId: id,
        status: 'no-report',
        reason: 'not-found',
        detail: `DescribeInstances does not list ${id} in ${api.region}`,
      });
    else if (!isWindows(instance))
      skipped.push({ instanceId: id, status: 'no-report', reason: 'not-windows', detail: `the OS is ${instance.OsName ?? 'unknown'}` });
    else if (instance.InstanceState !== 'RUNNING')
      skipped.push({
        instanceId: id,
        status: 'no-report',
        reason: 'not-running',
        detail: `the instance is ${instance.InstanceState ?? 'in an unknown state'}`,
      });
    else candidates.push(id);
  }
  const agents = candidates.length > 0 ? await onlineAgents(api, candidates, signal) : new Map<string, string>();
  const eligible: string[] = [];
  for (const id of candidates) {
    const s = agents.get(id);
    if (s === 'Online') eligible.push(id);
    else
      skipped.push({
        instanceId: id,
        status: 'no-report',
        reason: 'agent-offline',
        detail: s ? `the TAT agent is ${s}` : 'no TAT agent is registered for the instance',
      });
  }
  return { all: asked, eligible, skipped };
}
