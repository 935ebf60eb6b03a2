// A stateful fake of the TAT actions the fleet run uses: agent status, RunCommand (refused whole when
// one agent is not online, like the real API), and invocation tasks that run for a few polls and end
// the way a test says: a report, a timeout, a report cut at the 24 KiB output limit, the script's
// error, or output that is not a report. Outputs are what the fleet script prints, Base64-encoded,
// and hidden unless HideOutput is false (its documented default is true).
import { ERROR_BEGIN, ERROR_END, REPORT_BEGIN, REPORT_END } from '../../../src/cloud/fleet/script.js';
import { API_ERROR, type ApiCall, type Handler, type HandlerResult } from './api-server.js';

export type TaskBehaviour =
  | { kind: 'report'; report: Record<string, unknown>; exitCode?: number }
  | { kind: 'truncated'; report: Record<string, unknown> }
  | { kind: 'error'; stage: string; message: string; exitCode: number }
  | { kind: 'timeout' }
  | { kind: 'garbage'; text: string };

export interface FakeTask {
  InvocationTaskId: string;
  InstanceId: string;
  behaviour: TaskBehaviour;
  polls: number;
}

export interface TatFake {
  agents: Map<string, 'Online' | 'Offline'>;
  /** What each instance's command does; default: a READY report. */
  behaviours: Map<string, TaskBehaviour>;
  /** Agents that go offline between DescribeAutomationAgentStatus and RunCommand. */
  dropOnRun: Set<string>;
  invocations: Map<string, { content: string; timeout: number; tasks: FakeTask[]; cos?: { bucketUrl: string; prefix: string } }>;
  /** The bucket behind OutputCOSBucketUrl (the COS stand-in's objects): a finished task's whole output
   * is put there, raw, at {prefix}/{invocation-id}/{invocation-task-id}.log, and named in OutputUrl, as
   * the TAT agent does (Tencent/tat-agent src/executor/task.rs, TaskUploadConf). */
  cosObjects: Map<string, Buffer> | null;
  /** Instances whose output is not uploaded (OutputUrl still names where it would be). */
  cosNotUploaded: Set<string>;
  /** Instances whose OutputUrl is left empty (the reader falls back to its key layout). */
  noOutputUrl: Set<string>;
  /** Instances whose upload fails, with TaskResult.OutputUploadCOSErrorInfo. */
  cosUploadErrors: Map<string, string>;
  /** DescribeInvocationTasks polls before a task finishes. */
  pollsToFinish: number;
  runCommandBatches: string[][];
  handler: Handler;
}

export const OUTPUT_LIMIT = 24 * 1024;

export function sampleReport(instanceId: string, verdict = 'READY', padTo = 0): Record<string, unknown> {
  const report: Record<string, unknown> = {
    reportVersion: 1,
    tool: { name: 'image-preflight', version: '0.1.0' },
    snapshot: { computerName: `WIN-${instanceId.slice(4).toUpperCase()}` },
    verdict,
    checks: [],
  };
  if (padTo > 0) report.padding = 'x'.repeat(padTo);
  return report;
}

export function scriptOutput(b: TaskBehaviour): { output: Buffer; exitCode: number } {
  switch (b.kind) {
    case 'report':
    case 'truncated':
      return {
        output: Buffer.from(`\n${REPORT_BEGIN}\n${JSON.stringify(b.report)}\n${REPORT_END}\n`, 'utf8'),
        exitCode: b.kind === 'report' ? (b.exitCode ?? 0) : 1,
      };
    case 'error':
      return {
        output: Buffer.from(
          `\n${ERROR_BEGIN}\n${JSON.stringify({ stage: b.stage, message: b.message, exitCode: b.exitCode })}\n${ERROR_END}\n`,
          'utf8',
        ),
        exitCode: b.exitCode,
      };
    case 'garbage':
      return { output: Buffer.from(b.text, 'utf8'), exitCode: 1 };
    case 'timeout':
      return { output: Buffer.alloc(0), exitCode: -1 };
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function tatFake(): TatFake {
  let invocations = 0;
  let tasks = 0;
  const fake: TatFake = {
    agents: new Map(),
    behaviours: new Map(),
    dropOnRun: new Set(),
    invocations: new Map(),
    cosObjects: null,
    cosNotUploaded: new Set(),
    noOutputUrl: new Set(),
    cosUploadErrors: new Map(),
    pollsToFinish: 2,
    runCommandBatches: [],
    handler: (call) => answer(call),
  };

  const taskJson = (t: FakeTask, invocationId: string, hideOutput: boolean, cos?: { bucketUrl: string; prefix: string }) => {
    const done = t.polls >= fake.pollsToFinish;
    const base = {
      InvocationId: invocationId,
      InvocationTaskId: t.InvocationTaskId,
      InstanceId: t.InstanceId,
      CommandId: 'cmd-fake',
      ErrorInfo: '',
    };
    if (!done)
      return {
        ...base,
        TaskStatus: 'RUNNING',
        TaskResult: { ExitCode: 0, Output: '', Dropped: 0, OutputUrl: '', OutputUploadCOSErrorInfo: '' },
      };
    const { output, exitCode } = scriptOutput(t.behaviour);
    const kept = output.subarray(0, OUTPUT_LIMIT);
    const dropped = output.length - kept.length;
    const status = t.behaviour.kind === 'timeout' ? 'TIMEOUT' : exitCode === 0 ? 'SUCCESS' : 'FAILED';
    let outputUrl = '';
    if (cos) {
      const key = `${cos.prefix ? `${cos.prefix}/` : ''}${invocationId}/${t.InvocationTaskId}.log`;
      const failed = fake.cosUploadErrors.has(t.InstanceId);
      if (!fake.cosNotUploaded.has(t.InstanceId) && !failed) fake.cosObjects?.set(key, output);
      if (!fake.noOutputUrl.has(t.InstanceId) && !failed) outputUrl = `${cos.bucketUrl}/${key}`;
    }
    return {
      ...base,
      TaskStatus: status,
      ErrorInfo: status === 'TIMEOUT' ? 'command execution timed out' : '',
      TaskResult: {
        ExitCode: exitCode,
        Output: hideOutput ? '' : kept.toString('base64'),
        Dropped: dropped,
        OutputUrl: outputUrl,
        OutputUploadCOSErrorInfo: fake.cosUploadErrors.get(t.InstanceId) ?? '',
      },
    };
  };

  function answer(call: ApiCall): HandlerResult {
    const p = call.params;
    switch (call.action) {
      case 'DescribeAutomationAgentStatus': {
        const ids = strings(p.InstanceIds);
        if (ids.length > 100) return API_ERROR('InvalidParameterValue.LimitExceeded', 'at most 100 InstanceIds');
        const set = ids
          .filter((id) => fake.agents.has(id))
          .map((id) => ({
            InstanceId: id,
            AgentStatus: fake.agents.get(id),
            Environment: 'Windows',
            Version: '1.1.12',
            LastHeartbeatTime: '2026-11-25T08:00:00Z',
            SupportFeatures: [],
          }));
        return { ok: { AutomationAgentSet: set, TotalCount: set.length } };
      }
      case 'RunCommand': {
        const ids = strings(p.InstanceIds);
        if (ids.length === 0 || ids.length > 200) return API_ERROR('InvalidParameterValue', 'InstanceIds: 1 to 200');
        if (p.CommandType !== 'POWERSHELL') return API_ERROR('InvalidParameterValue', 'CommandType');
        const content = typeof p.Content === 'string' ? Buffer.from(p.Content, 'base64').toString('utf8') : '';
        if (!content.includes(REPORT_BEGIN) || typeof p.Timeout !== 'number')
          return API_ERROR('InvalidParameterValue.CommandContentInvalid', 'not the fleet script');
        for (const id of fake.dropOnRun) fake.agents.set(id, 'Offline');
        fake.dropOnRun.clear();
        const offline = ids.find((id) => fake.agents.get(id) !== 'Online');
        if (offline) return API_ERROR('ResourceUnavailable.AgentStatusNotOnline', `The agent of instance ${offline} is not online.`);
        invocations++;
        const invocationId = `inv-${String(invocations).padStart(8, '0')}`;
        fake.runCommandBatches.push(ids);
        fake.invocations.set(invocationId, {
          content,
          timeout: p.Timeout,
          ...(typeof p.OutputCOSBucketUrl === 'string'
            ? { cos: { bucketUrl: p.OutputCOSBucketUrl, prefix: typeof p.OutputCOSKeyPrefix === 'string' ? p.OutputCOSKeyPrefix : '' } }
            : {}),
          tasks: ids.map((id) => {
            tasks++;
            return {
              InvocationTaskId: `invt-${String(tasks).padStart(8, '0')}`,
              InstanceId: id,
              behaviour: fake.behaviours.get(id) ?? { kind: 'report', report: sampleReport(id) },
              polls: 0,
            };
          }),
        });
        return { ok: { CommandId: 'cmd-fake', InvocationId: invocationId } };
      }
      case 'DescribeInvocationTasks': {
        const limit = typeof p.Limit === 'number' ? p.Limit : 20;
        const offset = typeof p.Offset === 'number' ? p.Offset : 0;
        if (limit > 100) return API_ERROR('InvalidParameterValue.LimitExceeded', 'Limit at most 100');
        const f = Array.isArray(p.Filters) ? p.Filters[0] : undefined;
        const rec = typeof f === 'object' && f !== null ? (f as Record<string, unknown>) : {};
        if (rec.Name !== 'invocation-id') return API_ERROR('InvalidParameterValue.InvalidFilter', 'the fake supports invocation-id only');
        const invocationId = strings(rec.Values)[0] ?? '';
        const inv = fake.invocations.get(invocationId);
        if (!inv) return { ok: { TotalCount: 0, InvocationTaskSet: [] } };
        const hide = p.HideOutput !== false;
        const pageTasks = inv.tasks.slice(offset, offset + limit);
        // One poll of the invocation advances every task once, on its first page.
        if (offset === 0) for (const t of inv.tasks) t.polls++;
        return { ok: { TotalCount: inv.tasks.length, InvocationTaskSet: pageTasks.map((t) => taskJson(t, invocationId, hide, inv.cos)) } };
      }
      default:
        return API_ERROR('InvalidAction', `The action ${call.action} is not supported by the fake`);
    }
  }
  return fake;
}
