// The cloud side of the commands (check --cloud, capture, fleet run): which instance and region, the
// credentials, the API client and the snapshot's cloud group. src/cloud (and the Tencent Cloud SDK
// behind it) is imported here on first use, so commands that never reach the cloud never load it:
// `check --snapshot` starts as fast as before. Only types are imported statically.
import type { Agent } from 'node:http';
import type { CloudApi, CloudError, CredentialProvider, RetryPolicy } from '../cloud/index.js';
import { InputError } from '../errors.js';
import { CloudFactsSchema } from '../cloud/snapshot-schema.js';
import { fact } from '../snapshot/facts.js';
import type { Snapshot } from '../snapshot/schema.js';
import { cloudErrorRef, noCredentialsRef, type CloudErrorRef } from '../util/cloud-error-ref.js';

export type CloudLib = typeof import('../cloud/index.js');

/** What tests (and only tests) replace: the loopback agent of the stand-ins, fast retries and polls. */
export interface CloudEnv {
  agent?: Agent;
  endpoints?: { cvm?: string; tat?: string; cos?: string };
  protocol?: 'https://' | 'http://';
  retry?: RetryPolicy;
  /** Where ~/.tccli is looked for (default: the user's home). */
  homeDir?: string;
  /** First and longest interval between DescribeImages / DescribeInvocationTasks polls. */
  pollMs?: number;
  maxPollMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface CloudTarget {
  region?: string;
  instanceId?: string;
  /** tccli profile: ~/.tccli/<profile>.credential. */
  profile?: string;
}

export interface CloudContext {
  lib: CloudLib;
  credentials: CredentialProvider;
  /** Lines for --verbose and the log file: retries, the credential source (masked). Never a secret. */
  log: string[];
  api(region: string): Promise<CloudApi>;
  /** Where and how fleet run reads the --output-cos copies: the same credentials, agent and protocol. */
  cos: { endpoint?: string; protocol: 'https://' | 'http://'; agent?: Agent };
}

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;
const INSTANCE_ID = /^ins-[a-z0-9]+$/i;
const ENDPOINT = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?$/i;

export function checkRegion(region: string): string {
  if (!REGION.test(region)) throw new InputError('error.badRegion', { value: region });
  return region;
}

export function checkInstanceId(id: string): string {
  if (!INSTANCE_ID.test(id)) throw new InputError('error.badInstanceId', { value: id });
  return id;
}

/**
 * API endpoints from the environment: IPF_CVM_ENDPOINT and IPF_TAT_ENDPOINT (host[:port], e.g.
 * cvm.internal.tencentcloudapi.com inside a VPC; the SDK signs for the service named by the first
 * label, so it must be cvm. or tat.), IPF_COS_ENDPOINT (host[:port] that fleet run connects to for
 * the --output-cos bucket instead of the bucket's own host; the request is still signed for, and
 * names, the bucket's host), and IPF_CLOUD_HTTP=1 for plain HTTP (a local stand-in or a debugging
 * proxy only).
 */
export function endpointsFromEnv(env: Record<string, string | undefined>): Pick<CloudEnv, 'endpoints' | 'protocol'> {
  const endpoints: NonNullable<CloudEnv['endpoints']> = {};
  for (const service of ['cvm', 'tat'] as const) {
    const name = `IPF_${service.toUpperCase()}_ENDPOINT`;
    const value = env[name]?.trim();
    if (!value) continue;
    if (!ENDPOINT.test(value) || !value.toLowerCase().startsWith(`${service}.`))
      throw new InputError('error.badEndpoint', { name, value, service });
    endpoints[service] = value;
  }
  const cos = env.IPF_COS_ENDPOINT?.trim();
  if (cos) {
    if (!ENDPOINT.test(cos)) throw new InputError('error.badCosEndpoint', { name: 'IPF_COS_ENDPOINT', value: cos });
    endpoints.cos = cos;
  }
  return { endpoints, protocol: env.IPF_CLOUD_HTTP === '1' ? 'http://' : 'https://' };
}

export async function openCloud(
  envVars: Record<string, string | undefined>,
  cloudEnv: CloudEnv | undefined,
  target: CloudTarget,
): Promise<CloudContext> {
  const lib = await import('../cloud/index.js');
  const fromEnv = endpointsFromEnv(envVars);
  const log: string[] = [];
  const credentials = lib.credentialProvider({
    env: envVars,
    metadata: envVars.IPF_METADATA_URL ? { baseUrl: envVars.IPF_METADATA_URL } : undefined,
    profile: target.profile,
    homeDir: cloudEnv?.homeDir,
  });
  return {
    lib,
    credentials,
    log,
    cos: {
      endpoint: cloudEnv?.endpoints?.cos ?? fromEnv.endpoints?.cos,
      protocol: cloudEnv?.protocol ?? fromEnv.protocol ?? 'https://',
      agent: cloudEnv?.agent,
    },
    api: (region) =>
      lib.createCloudApi({
        region,
        credentials,
        endpoints: { cvm: cloudEnv?.endpoints?.cvm ?? fromEnv.endpoints?.cvm, tat: cloudEnv?.endpoints?.tat ?? fromEnv.endpoints?.tat },
        protocol: cloudEnv?.protocol ?? fromEnv.protocol,
        agent: cloudEnv?.agent,
        retry: cloudEnv?.retry,
        log: (line) => log.push(line),
      }),
  };
}

/** The credentials, or why there are none, worded for a finding or a one-line error. */
export async function resolveCredentials(
  cloud: CloudContext,
): Promise<{ ok: true } | { ok: false; error: CloudError; ref: CloudErrorRef }> {
  try {
    await cloud.credentials.resolve();
    const s = cloud.credentials.summary();
    if (s)
      cloud.log.push(
        `credentials: ${s.source}${s.roleName ? ` (CAM role ${s.roleName})` : ''}${s.file ? ` (${s.file})` : ''}, SecretId ${s.secretId}`,
      );
    return { ok: true };
  } catch (err) {
    const error = cloud.lib.isCloudError(err) ? err : new cloud.lib.CloudError('auth', String(err));
    return { ok: false, error, ref: credentialsRef(error) };
  }
}

const NO_CREDENTIALS = /^no Tencent Cloud credentials: /;

function credentialsRef(err: CloudError): CloudErrorRef {
  // The chain's own "nothing found" names where it looked; other failures (a half-set environment, an
  // expired tccli profile) are worded by their kind.
  return NO_CREDENTIALS.test(err.message)
    ? noCredentialsRef(err.message.replace(NO_CREDENTIALS, ''))
    : cloudErrorRef(err.kind, err.message);
}

/** A cloud failure as the command's one-line error (exit 3). */
export function cloudInputError(err: CloudError): InputError {
  const ref = credentialsRef(err);
  return new InputError(ref.id, ref.params);
}

/** Instance and region: given on the command line, else the snapshot's (the metadata service's), else TENCENTCLOUD_REGION. */
export function resolveTarget(
  snapshot: Snapshot | undefined,
  target: CloudTarget,
  envVars: Record<string, string | undefined>,
): { instanceId: string | null; region: string | null; why: string | null } {
  const state = snapshot ? fact(snapshot, 'instance') : undefined;
  const identity = state?.status === 'ok' ? state.value : undefined;
  const failed = state?.status === 'error' ? state.message : null;
  const instanceId = target.instanceId ? checkInstanceId(target.instanceId) : (identity?.instanceId ?? null);
  const regionText = target.region ?? identity?.region ?? envVars.TENCENTCLOUD_REGION ?? null;
  const region = regionText === null ? null : checkRegion(regionText);
  return { instanceId, region, why: failed };
}

type CloudGroup = NonNullable<Snapshot['cloud']>;

/**
 * The snapshot's cloud group for check --cloud and capture: the facts from the API, or a collectionError
 * (worded from the catalogue) when there are no credentials or no instance to ask about. Never throws
 * for a cloud failure: each one becomes a finding.
 */
export async function collectCloudGroup(
  cloud: CloudContext,
  snapshot: Snapshot,
  target: CloudTarget,
  envVars: Record<string, string | undefined>,
  signal?: AbortSignal,
): Promise<CloudGroup> {
  const failure = (source: string, code: string, ref: CloudErrorRef, message: string): CloudGroup => ({
    collectionError: { message, source, code, messageId: ref.id, params: ref.params },
  });
  const { instanceId, region, why } = resolveTarget(snapshot, target, envVars);
  if (instanceId === null || region === null) {
    const ref: CloudErrorRef = { id: 'cloud.error.noInstance', params: { reason: why ?? 'the snapshot has no instance group' } };
    return failure(
      'metadata',
      'not-found',
      ref,
      `the instance ID or region is unknown (${why ?? 'no instance group'}); give --instance-id and --region`,
    );
  }
  const creds = await resolveCredentials(cloud);
  if (!creds.ok) return failure('credentials', creds.error.kind, creds.ref, creds.error.message);
  const api = await cloud.api(region);
  // Checked like every fact group on its way into a snapshot (and typed as the snapshot's).
  return CloudFactsSchema.parse(await cloud.lib.collectCloudFacts(api, { instanceId, signal }));
}
