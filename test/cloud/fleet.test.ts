// runFleet through the real SDK against the CVM and TAT stand-ins: 250 instances in several
// batches, some not Windows, not running or with the agent offline, one whose agent drops between
// the status check and RunCommand, some timing out, one cut at the 24 KiB output limit, one whose
// exe fails; then an interrupted run resumed without sending anything twice.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFleet, type FleetOptions } from '../../src/cloud/fleet/run-fleet.js';
import { loadState } from '../../src/cloud/fleet/state.js';
import type { FleetOutcome, FleetProgress, NoReportOutcome } from '../../src/cloud/fleet/types.js';
import {
  COS_OUTPUT_KEY_LAYOUT,
  cosAuthorization,
  cosEncode,
  cosKeyFor,
  cosReader,
  type CosReader,
  type CosReaderOptions,
} from '../../src/cloud/fleet/cos.js';
import { loopbackAgent } from './standin/api-server.js';
import { verifyCosSignature } from './standin/cos.js';
import { cvmFake, windowsInstance, type FakeInstance } from './standin/cvm.js';
import {
  COS_BUCKET_HOST,
  envCredentials,
  expectNoSecretsInFiles,
  SECRET_ID,
  SECRET_KEY,
  startCloud,
  type Cloud,
} from './standin/harness.js';
import { sampleReport, tatFake } from './standin/tat.js';

const id = (n: number) => `ins-fleet${String(n).padStart(4, '0')}`;
const SHA = 'ab'.repeat(32);

let cloud: Cloud;
let dir: string;

function fleet(instances: FakeInstance[]): Promise<Cloud> {
  const tat = tatFake();
  for (const i of instances) tat.agents.set(i.InstanceId, 'Online');
  return startCloud({ cvm: cvmFake({ instances }), tat });
}

async function options(over: Partial<FleetOptions> = {}): Promise<FleetOptions> {
  return {
    api: await cloud.api(),
    targets: { instanceIds: [] },
    exeUrl: 'https://ops-1250000000.cos.ap-guangzhou.myqcloud.com/image-preflight.exe',
    exeSha256: SHA,
    concurrency: 3,
    perInstanceTimeoutS: 300,
    reportDir: join(dir, 'reports'),
    statePath: join(dir, 'fleet-state.json'),
    batchSize: 50,
    pollIntervalMs: 1,
    maxPollIntervalMs: 2,
    ...over,
  };
}

function byReason(outcomes: FleetOutcome[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const o of outcomes) {
    const key = o.status === 'report' ? 'report' : o.reason;
    (out[key] ??= []).push(o.instanceId);
  }
  return out;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-'));
});
afterEach(async () => {
  cloud.assertSigned();
  await cloud.close();
});

describe('runFleet', () => {
  it('runs 250 instances in batches and gives each one outcome', async () => {
    const instances = Array.from({ length: 250 }, (_, i) => windowsInstance(id(i + 1)));
    for (const n of [3, 4, 5]) Object.assign(instances[n - 1] ?? {}, { OsName: 'TencentOS Server 3.1 (TK4)' });
    for (const n of [6, 7]) Object.assign(instances[n - 1] ?? {}, { InstanceState: 'STOPPED' });
    cloud = await fleet(instances);
    const tat = cloud.tatFake;
    for (const n of [10, 60, 110, 160, 210]) tat.agents.set(id(n), 'Offline');
    tat.agents.delete(id(11));
    tat.dropOnRun.add(id(12));
    for (const n of [20, 70, 120, 170]) tat.behaviours.set(id(n), { kind: 'timeout' });
    tat.behaviours.set(id(30), { kind: 'truncated', report: sampleReport(id(30), 'BLOCKED', 30_000) });
    tat.behaviours.set(id(40), {
      kind: 'error',
      stage: 'run',
      message: 'image-preflight.exe exited with code 3 without a report: image-preflight: the snapshot is not valid: host: expected object',
      exitCode: 3,
    });
    tat.behaviours.set(id(50), { kind: 'report', report: sampleReport(id(50), 'AT RISK'), exitCode: 1 });
    tat.behaviours.set(id(51), {
      kind: 'garbage',
      text: "The term 'C:\\ProgramData\\image-preflight\\image-preflight.exe' is not recognized",
    });

    const progress: FleetProgress[] = [];
    const result = await runFleet(
      await options({ targets: { instanceIds: instances.map((i) => i.InstanceId) }, onProgress: (p) => progress.push(p) }),
    );

    expect(result.outcomes).toHaveLength(250);
    const reasons = byReason(result.outcomes);
    expect(reasons['not-windows']).toEqual([id(3), id(4), id(5)]);
    expect(reasons['not-running']).toEqual([id(6), id(7)]);
    expect(reasons['agent-offline']?.sort()).toEqual([id(10), id(11), id(12), id(60), id(110), id(160), id(210)].sort());
    expect(reasons['timed-out']).toEqual([id(20), id(70), id(120), id(170)]);
    expect(reasons['report-truncated']).toEqual([id(30)]);
    expect(reasons['command-failed']).toEqual([id(40), id(51)]);
    expect(reasons.report).toHaveLength(250 - 3 - 2 - 7 - 4 - 1 - 2);

    const get = (n: number) => result.outcomes.find((o) => o.instanceId === id(n));
    expect(get(30)).toMatchObject({ detail: expect.stringMatching(/bytes past TAT's 24 KiB output limit were dropped; pass outputCos/) });
    expect(get(40)).toMatchObject({
      detail: expect.stringContaining(
        'run: image-preflight.exe exited with code 3 without a report: image-preflight: the snapshot is not valid',
      ),
    });
    expect(get(11)).toMatchObject({ detail: 'no TAT agent is registered for the instance' });
    expect(get(50)).toMatchObject({ status: 'report', verdict: 'AT RISK', exitCode: 1 });
    expect(get(20)).toMatchObject({ detail: expect.stringContaining('TIMEOUT') });

    // Reports: one file per instance with a report, the JSON as the exe wrote it.
    const files = readdirSync(join(dir, 'reports')).sort();
    expect(files).toEqual((reasons.report ?? []).map((i) => `${i}.json`).sort());
    expect(JSON.parse(readFileSync(join(dir, 'reports', `${id(1)}.json`), 'utf8'))).toEqual(sampleReport(id(1)));
    expect(existsSync(join(dir, 'reports', `${id(30)}.json`))).toBe(false);

    // Batches of at most 50, never to an instance whose agent was offline or that was skipped.
    expect(tat.runCommandBatches.every((b) => b.length <= 50)).toBe(true);
    const sent = tat.runCommandBatches.flat();
    for (const n of [3, 6, 10, 11, 12]) expect(sent).not.toContain(id(n));
    expect(new Set(sent).size).toBe(sent.length);
    const run = cloud.tat.calls.find((c) => c.action === 'RunCommand');
    expect(run?.params).toMatchObject({ CommandType: 'POWERSHELL', Timeout: 300, SaveCommand: false });
    expect(
      cloud.tat.calls
        .filter((c) => c.action === 'DescribeInvocationTasks')
        .every((c) => c.params.HideOutput === false && c.params.Limit === 100),
    ).toBe(true);

    // Progress: counts of N, ending with nothing running or pending.
    expect(progress.every((p) => p.total === 250 && p.done + p.failed + p.running + p.pending === 250)).toBe(true);
    expect(progress.at(-1)).toEqual({ total: 250, done: 231, failed: 19, running: 0, pending: 0 });
    expect(result.progress).toEqual(progress.at(-1));

    const state = loadState(join(dir, 'fleet-state.json'));
    expect(Object.values(state?.instances ?? {}).every((e) => e.phase === 'finished')).toBe(true);
    expectNoSecretsInFiles(dir);
  });

  it('selects by tag', async () => {
    const instances = [1, 2, 3].map((n) => windowsInstance(id(n), { Tags: [{ Key: 'env', Value: n === 3 ? 'test' : 'prod' }] }));
    cloud = await fleet(instances);
    const result = await runFleet(await options({ targets: { tag: { key: 'env', value: 'prod' } } }));
    expect(result.outcomes.map((o) => [o.instanceId, o.status])).toEqual([
      [id(1), 'report'],
      [id(2), 'report'],
    ]);
    expect(cloud.cvm.calls[0]?.params).toMatchObject({ Filters: [{ Name: 'tag:env', Values: ['prod'] }] });
  });

  it('asks TAT to upload the output to COS when told, and points at it for a truncated report', async () => {
    cloud = await fleet([windowsInstance(id(1))]);
    cloud.tatFake.behaviours.set(id(1), { kind: 'truncated', report: sampleReport(id(1), 'READY', 30_000) });
    const result = await runFleet(
      await options({
        targets: { instanceIds: [id(1)] },
        outputCos: { bucketUrl: 'https://reports-1250000000.cos.ap-guangzhou.myqcloud.com', keyPrefix: 'image-preflight/2026-11-25' },
      }),
    );
    expect(cloud.tat.calls.find((c) => c.action === 'RunCommand')?.params).toMatchObject({
      OutputCOSBucketUrl: 'https://reports-1250000000.cos.ap-guangzhou.myqcloud.com',
      OutputCOSKeyPrefix: 'image-preflight/2026-11-25',
    });
    expect(result.outcomes[0]).toMatchObject({ status: 'no-report', reason: 'report-truncated' });
  });

  it('reads a truncated report from the COS copy with readCos; a copy that is too large, not a report or out of reach is a reason', async () => {
    cloud = await fleet([1, 2, 3, 4, 5, 6].map((n) => windowsInstance(id(n))));
    cloud.tatFake.cosUploadErrors.set(id(6), 'AccessDenied: no cos:PutObject');
    for (const n of [1, 2, 3, 4, 5, 6])
      cloud.tatFake.behaviours.set(id(n), { kind: 'truncated', report: sampleReport(id(n), 'AT RISK', 30_000) });
    const bucketUrl = `https://${COS_BUCKET_HOST}`;
    const reader = (over: Partial<CosReaderOptions> = {}) =>
      cosReader({ credentials: envCredentials(), endpoint: cloud.cos.endpoint, protocol: 'http://', agent: loopbackAgent(), ...over });
    // Replace what TAT uploaded for 2 (garbage), 3 (Base64 of the output, not the raw text) and 4 (over the size limit).
    const realRead = reader();
    const readCos: CosReader = async (bucket, key, signal) => {
      const task = [...cloud.tatFake.invocations.values()].flatMap((i) => i.tasks).find((t) => key.endsWith(`${t.InvocationTaskId}.log`));
      const body = cloud.cos.objects.get(key);
      if (task?.InstanceId === id(2)) cloud.cos.objects.set(key, Buffer.from('Windows PowerShell\r\nsomething else entirely\r\n'));
      if (task?.InstanceId === id(3) && body) cloud.cos.objects.set(key, Buffer.from(body.toString('base64')));
      if (task?.InstanceId === id(4)) return reader({ maxBytes: 1000 })(bucket, key, signal);
      if (task?.InstanceId === id(5)) return reader({ endpoint: '127.0.0.1:9' })(bucket, key, signal);
      return realRead(bucket, key, signal);
    };
    const result = await runFleet(
      await options({ targets: { instanceIds: [1, 2, 3, 4, 5, 6].map(id) }, outputCos: { bucketUrl, keyPrefix: 'p' }, readCos }),
    );
    const of = (n: number) => result.outcomes.find((o) => o.instanceId === id(n));
    expect(of(1)).toMatchObject({ status: 'report', source: 'cos', verdict: 'AT RISK' });
    expect(JSON.parse(readFileSync(join(dir, 'reports', `${id(1)}.json`), 'utf8'))).toEqual(sampleReport(id(1), 'AT RISK', 30_000));
    expect(of(2)).toMatchObject({
      status: 'no-report',
      reason: 'report-truncated',
      cosError: expect.stringMatching(/^no report in the output; it begins "Windows PowerShell" \(p\/inv-/),
    });
    expect(of(3)).toMatchObject({ status: 'report', source: 'cos' });
    expect(of(4)).toMatchObject({
      reason: 'report-truncated',
      cosError: expect.stringMatching(/^the object is \d+ bytes, more than 1000 \(p\//),
    });
    expect(of(5)).toMatchObject({
      reason: 'report-truncated',
      cosError: expect.stringMatching(/^connect ECONNREFUSED 127\.0\.0\.1:9 \(p\//),
    });
    expect((of(5) as NoReportOutcome).detail).toMatch(
      /bytes past TAT's 24 KiB output limit were dropped; COS copy unreadable: connect ECONNREFUSED/,
    );
    // TAT's upload failed: nothing is fetched, the row says why.
    expect(of(6)).toMatchObject({
      reason: 'report-truncated',
      detail: expect.stringMatching(/; the COS upload failed: AccessDenied: no cos:PutObject$/),
    });
    expect(of(6)).not.toHaveProperty('cosError');
    expect(cloud.cos.calls).toHaveLength(4);
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual([`${id(1)}.json`, `${id(3)}.json`]);
    expectNoSecretsInFiles(dir);
  });

  it('the COS object key: OutputUrl when it names the bucket, else the layout; the signer matches an independent verifier', () => {
    const bucketUrl = `https://${COS_BUCKET_HOST}`;
    const ids = { prefix: 'a/b', invocationId: 'inv-1', invocationTaskId: 'invt-2' };
    expect(cosKeyFor(bucketUrl, `${bucketUrl}/x/inv-1/invt-2%20copy.log`, ids)).toBe('x/inv-1/invt-2 copy.log');
    expect(cosKeyFor(bucketUrl, 'https://elsewhere.example.com/x/y.log', ids)).toBe('a/b/inv-1/invt-2.log');
    expect(cosKeyFor(bucketUrl, '', { ...ids, prefix: undefined })).toBe('inv-1/invt-2.log');
    expect(COS_OUTPUT_KEY_LAYOUT).toBe('{prefix}/{invocationId}/{invocationTaskId}.log');
    const now = 1_764_000_000;
    const auth = cosAuthorization({
      method: 'GET',
      pathname: '/a b/报告(1).log',
      query: { 'response-content-type': 'text/plain', versionId: "v1'*" },
      headers: { host: COS_BUCKET_HOST, 'x-cos-meta-Note': 'a b' },
      secretId: SECRET_ID,
      secretKey: SECRET_KEY,
      startS: now,
      endS: now + 60,
    });
    expect(auth).toMatch(
      /^q-sign-algorithm=sha1&q-ak=AKID\w+&q-sign-time=\d+;\d+&q-key-time=\d+;\d+&q-header-list=host;x-cos-meta-note&q-url-param-list=response-content-type;versionid&q-signature=[0-9a-f]{40}$/,
    );
    const request = {
      method: 'GET',
      url: `/a%20b/${encodeURIComponent('报告(1).log')}?versionId=${encodeURIComponent("v1'*")}&response-content-type=text%2Fplain`,
      headers: { host: COS_BUCKET_HOST, 'x-cos-meta-note': 'a b', authorization: auth },
    };
    const keys = new Map([[SECRET_ID, { secretKey: SECRET_KEY }]]);
    expect(verifyCosSignature(request, keys, now + 1)).toEqual({ ok: true });
    expect(verifyCosSignature(request, new Map([[SECRET_ID, { secretKey: 'wrong' }]]), now + 1)).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    expect(verifyCosSignature({ ...request, url: '/other.log' }, keys, now + 1)).toMatchObject({ code: 'AccessDenied' });
    expect(verifyCosSignature({ ...request, url: request.url.replace('a%20b', 'a%20c') }, keys, now + 1)).toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    expect(verifyCosSignature(request, keys, now + 61)).toMatchObject({ code: 'RequestTimeTooSkewed' });
    expect(cosEncode("a b/!'()*~")).toBe('a%20b%2F%21%27%28%29%2A~');
  });

  it('refuses options outside the documented limits', async () => {
    cloud = await fleet([windowsInstance(id(1))]);
    const targets = { instanceIds: [id(1)] };
    await expect(runFleet(await options({ targets, batchSize: 201 }))).rejects.toThrow(/at most|from 1 to 200/);
    await expect(runFleet(await options({ targets, perInstanceTimeoutS: 86_401 }))).rejects.toThrow(/1 to 86400/);
    await expect(runFleet(await options({ targets: { instanceIds: ['../etc'] } }))).rejects.toThrow(/not an instance ID/);
    await expect(runFleet(await options({ targets, exeSha256: undefined }))).rejects.toThrow(/needs exeSha256/);
    expect(cloud.tat.calls).toEqual([]);
  });
});

describe('runFleet resume', () => {
  it('resumes an interrupted run: saved reports are kept, running invocations polled, nothing sent twice', async () => {
    const instances = Array.from({ length: 20 }, (_, i) => windowsInstance(id(i + 1)));
    cloud = await fleet(instances);
    const targets = { instanceIds: instances.map((i) => i.InstanceId) };
    const ac = new AbortController();
    // Interrupt once the second batch has been sent (5 reports saved, 5 running).
    const first = runFleet(
      await options({
        targets,
        batchSize: 5,
        concurrency: 1,
        signal: ac.signal,
        onProgress: (p) => p.done === 5 && p.running === 5 && ac.abort(),
      }),
    );
    await expect(first).rejects.toMatchObject({ kind: 'aborted' });
    expect(cloud.tatFake.runCommandBatches).toHaveLength(2);

    const state = loadState(join(dir, 'fleet-state.json'));
    const phases = Object.values(state?.instances ?? {}).map((e) => e.phase);
    expect(phases.filter((p) => p === 'finished')).toHaveLength(5);
    expect(phases.filter((p) => p === 'sent')).toHaveLength(5);

    // Without --resume the state file is not overwritten.
    await expect(runFleet(await options({ targets, batchSize: 5 }))).rejects.toThrow(/resume it or move it away/);
    // Nor resumed for another set of targets.
    await expect(runFleet(await options({ targets: { instanceIds: [id(1)] }, resume: true }))).rejects.toThrow(/another run/);

    const result = await runFleet(await options({ targets, batchSize: 5, concurrency: 2, resume: true }));
    expect(result.outcomes.filter((o) => o.status === 'report')).toHaveLength(20);
    const batches = cloud.tatFake.runCommandBatches;
    expect(batches).toHaveLength(4);
    const sent = batches.flat();
    expect(sent).toHaveLength(20);
    expect(new Set(sent).size).toBe(20);
    expect(readdirSync(join(dir, 'reports'))).toHaveLength(20);
    expectNoSecretsInFiles(dir);
  });
});
