// What the guest can reach while it is checked, from Node itself (no process to start): Tencent's
// metadata service, which also says which instance this is (Cloudbase-Init and TAT depend on it), and the
// KMS host Tencent's images activate against. Each has a short deadline and runs while PowerShell
// collects, so together they add nothing to a run on a CVM and at most their timeout off one.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { readInstanceIdentity } from '../cloud/identity.js';
import { METADATA_BASE_URL } from '../cloud/metadata.js';
import { collectionError } from './collection-error.js';
import type { Instance, Probe, Reachability } from '../snapshot/schema.js';

/** Tencent's KMS for its public images (cloudbase-init.conf kms_host; its image install script uses 1688). */
export const TENCENT_KMS = { host: 'kms.tencentyun.com', port: 1688 };
export const PROBE_TIMEOUT_MS = 2000;

export interface NetworkFacts {
  instance: Instance | ReturnType<typeof collectionError>;
  reachability: Reachability;
}

export interface ProbeOptions {
  /** The metadata service's base URL (IPF_METADATA_URL overrides it: private networks, tests). */
  metadataBaseUrl?: string;
  /** host:port of the KMS to try (IPF_KMS_ADDRESS overrides it). */
  kms?: { host: string; port: number };
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type NetworkProbe = (signal?: AbortSignal) => Promise<NetworkFacts>;

/** host:port, [v6]:port or host (port 1688). */
export function parseAddress(text: string): { host: string; port: number } | undefined {
  const m = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text.trim()) ?? /^([^:\s]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (!m?.[1]) return undefined;
  const port = m[2] ? Number(m[2]) : TENCENT_KMS.port;
  return port > 0 && port < 65536 ? { host: m[1], port } : undefined;
}

/** The probes as the agent runs them, with the environment's overrides. */
export function networkProbe(env: Record<string, string | undefined>, timeoutMs = PROBE_TIMEOUT_MS): NetworkProbe {
  const kms = env.IPF_KMS_ADDRESS ? parseAddress(env.IPF_KMS_ADDRESS) : undefined;
  return (signal) => probeNetwork({ metadataBaseUrl: env.IPF_METADATA_URL, kms, timeoutMs, signal });
}

export async function probeNetwork(opts: ProbeOptions = {}): Promise<NetworkFacts> {
  const timeoutMs = opts.timeoutMs ?? PROBE_TIMEOUT_MS;
  const baseUrl = opts.metadataBaseUrl ?? METADATA_BASE_URL;
  const kms = opts.kms ?? TENCENT_KMS;
  const started = performance.now();
  const [identity, kmsProbe] = await Promise.all([
    readInstanceIdentity({ baseUrl, timeoutMs, signal: opts.signal }),
    tcpProbe(kms.host, kms.port, timeoutMs, opts.signal),
  ]);
  const ms = Math.round(performance.now() - started);
  const target = new URL('instance-id', baseUrl).toString();
  const metadata: Probe =
    'collectionError' in identity
      ? { target, reachable: false, ms: null, error: identity.collectionError.code }
      : { target, reachable: true, ms, error: null };
  const instance =
    'collectionError' in identity
      ? collectionError(
          { id: 'collector.metadataUnreachable', params: { reason: identity.collectionError.message } },
          'metadata',
          identity.collectionError.code,
        )
      : { ...identity };
  return { instance, reachability: { metadata, kms: kmsProbe } };
}

/** Whether a TCP connection opens within the time: DNS and the handshake, nothing sent. */
export function tcpProbe(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<Probe> {
  const target = `${host}:${port}`;
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let done = false;
    const finish = (reachable: boolean, error: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ target, reachable, ms: reachable ? Math.round(performance.now() - started) : null, error });
    };
    const onAbort = () => {
      finish(false, 'timeout');
    };
    const timer = setTimeout(onAbort, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      finish(true, null);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? '';
      finish(false, code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'dns' : code === 'ECONNREFUSED' ? 'refused' : 'error');
    });
  });
}
