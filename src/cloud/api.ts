// One way to call CVM and TAT: the official SDK's generic CommonClient (tencentcloud-sdk-nodejs-common;
// npm has a CVM package but none for TAT, and one client keeps signing and transport identical), with
// our credential chain, retries, error kinds and a schema check on every answer. The SDK is imported
// here, on first use, so commands that never reach the cloud never load it.
import type { Agent } from 'node:http';
import type * as z from 'zod';
import type { CredentialProvider } from './credentials.js';
import { CloudError, toCloudError } from './errors.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import type { SecretRegistry } from './secrets.js';

export type Service = 'cvm' | 'tat';

/** API versions: CVM 2017-03-12, TAT 2020-10-28 (X-TC-Version). */
export const API_VERSIONS: Record<Service, string> = { cvm: '2017-03-12', tat: '2020-10-28' };

export interface CloudApiOptions {
  region: string;
  credentials: CredentialProvider;
  /** host[:port] per service, e.g. "cvm.internal.tencentcloudapi.com"; default "<service>.tencentcloudapi.com".
   * The SDK signs for the service named by the host's first label, so keep it. */
  endpoints?: Partial<Record<Service, string>>;
  /** Default "https://"; the local stand-ins in the tests use "http://". */
  protocol?: 'https://' | 'http://';
  /** An http(s).Agent for every request (a proxy, or the tests' loopback-only resolver). Without one
   * the SDK honours http_proxy. */
  agent?: Agent;
  /** Per request, seconds (default 30). */
  requestTimeoutS?: number;
  retry?: RetryPolicy;
  /** Language of the API's error messages. */
  language?: 'en-US' | 'zh-CN';
  /** One line per retried call, for --verbose. Never given a secret. */
  log?: (line: string) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** For calls that change something: retry only when the API said it did not run (throttling). */
  throttledOnly?: boolean;
}

export interface CloudApi {
  readonly region: string;
  readonly secrets: SecretRegistry;
  call<T>(service: Service, action: string, params: Record<string, unknown>, schema: z.ZodType<T>, opts?: CallOptions): Promise<T>;
}

interface SdkClient {
  request(action: string, req: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<unknown>;
}

export async function createCloudApi(opts: CloudApiOptions): Promise<CloudApi> {
  const { CommonClient } = await import('tencentcloud-sdk-nodejs-common');
  const clients = new Map<Service, SdkClient>();
  const endpointOf = (service: Service) => opts.endpoints?.[service] ?? `${service}.tencentcloudapi.com`;
  const clientFor = (service: Service): SdkClient => {
    const existing = clients.get(service);
    if (existing) return existing;
    const httpProfile: { endpoint: string; protocol: string; reqTimeout: number; reqMethod: 'POST'; agent?: Agent } = {
      endpoint: endpointOf(service),
      protocol: opts.protocol ?? 'https://',
      reqTimeout: opts.requestTimeoutS ?? 30,
      reqMethod: 'POST',
    };
    if (opts.agent) httpProfile.agent = opts.agent;
    const client = new CommonClient(endpointOf(service), API_VERSIONS[service], {
      credential: opts.credentials,
      region: opts.region,
      profile: { signMethod: 'TC3-HMAC-SHA256', httpProfile, language: opts.language ?? 'en-US' },
    });
    clients.set(service, client);
    return client;
  };

  return {
    region: opts.region,
    secrets: opts.credentials.secrets,
    async call<T>(
      service: Service,
      action: string,
      params: Record<string, unknown>,
      schema: z.ZodType<T>,
      call: CallOptions = {},
    ): Promise<T> {
      const ctx = { action, secrets: opts.credentials.secrets, endpoint: `${opts.protocol ?? 'https://'}${endpointOf(service)}` };
      const classify = (err: unknown) => toCloudError(err, ctx);
      // Credentials first and outside the SDK: it would flatten our error into a bare message.
      try {
        await opts.credentials.resolve();
      } catch (err) {
        throw classify(err);
      }
      const client = clientFor(service);
      const raw = await withRetry(() => client.request(action, params, call.signal ? { signal: call.signal } : {}), {
        policy: opts.retry ?? DEFAULT_RETRY,
        signal: call.signal,
        throttledOnly: call.throttledOnly,
        classify,
        onRetry: (err, attempt, delay) =>
          opts.log?.(`${action}: ${err.kind}${err.code ? ` (${err.code})` : ''}, retry ${attempt} in ${delay} ms`),
      });
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape';
        throw new CloudError('service', opts.credentials.secrets.scrub(`${action}: unexpected answer (${where})`), {
          code: 'BadResponse',
          action,
        });
      }
      return parsed.data;
    },
  };
}
