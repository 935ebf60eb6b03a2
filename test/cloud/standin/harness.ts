// Wires the stand-ins for a test: CVM and TAT endpoints with one planted key pair, the real SDK
// pointed at them through the loopback-only agent, fast retries, and a check that no request was
// refused for its signature (unless the test meant it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { API_VERSIONS, createCloudApi, type CloudApi, type CloudApiOptions } from '../../../src/cloud/api.js';
import { credentialProvider, type CredentialProvider } from '../../../src/cloud/credentials.js';
import type { RetryPolicy } from '../../../src/cloud/retry.js';
import type { CloudEnv } from '../../../src/commands/cloud.js';
import { loopbackAgent, startApiStandin, type ApiStandin } from './api-server.js';
import { startCosStandin, type CosStandin } from './cos.js';
import { cvmFake, type CvmFake } from './cvm.js';
import { tatFake, type TatFake } from './tat.js';
import type { KeyEntry } from './tc3.js';

/** Planted secrets: every test that can produce text checks that none of them shows up. */
export const SECRET_ID = 'AKIDplantedSecretId0123456789abcd';
export const SECRET_KEY = 'plantedSecretKey-9f8e7d6c5b4a3210zz';
export const TOKEN = 'plantedSessionToken-0a1b2c3d4e5f6789';
export const PLANTED = [SECRET_ID, SECRET_KEY, TOKEN] as const;

/** The --output-cos bucket the COS stand-in plays. */
export const COS_BUCKET_HOST = 'reports-1250000000.cos.ap-guangzhou.myqcloud.com';

export const FAST_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 1, maxDelayMs: 4 };

export interface Cloud {
  cvm: ApiStandin;
  tat: ApiStandin;
  cos: CosStandin;
  cvmFake: CvmFake;
  tatFake: TatFake;
  api(opts?: Partial<CloudApiOptions>): Promise<CloudApi>;
  /** What main() needs to reach these stand-ins through the real SDK (CliEnv.cloud). */
  cliEnv: CloudEnv;
  /** Fails the test if any request was refused for its signature, timestamp, token or key. */
  assertSigned(): void;
  close(): Promise<void>;
}

export function envCredentials(
  env: Record<string, string> = { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY },
): CredentialProvider {
  return credentialProvider({ env, useMetadata: false, homeDir: '/nonexistent-home' });
}

export async function startCloud(opts: { cvm?: CvmFake; tat?: TatFake; keys?: Map<string, KeyEntry> } = {}): Promise<Cloud> {
  const keys = opts.keys ?? new Map([[SECRET_ID, { secretKey: SECRET_KEY }]]);
  const cf = opts.cvm ?? cvmFake();
  const tf = opts.tat ?? tatFake();
  const cvm = await startApiStandin({ service: 'cvm', version: API_VERSIONS.cvm, keys, handler: (c) => cf.handler(c) });
  const tat = await startApiStandin({ service: 'tat', version: API_VERSIONS.tat, keys, handler: (c) => tf.handler(c) });
  const cos = await startCosStandin({ bucketHost: COS_BUCKET_HOST, keys });
  tf.cosObjects = cos.objects;
  const agent = loopbackAgent();
  return {
    cvm,
    tat,
    cos,
    cvmFake: cf,
    tatFake: tf,
    cliEnv: {
      agent,
      endpoints: { cvm: cvm.endpoint, tat: tat.endpoint, cos: cos.endpoint },
      protocol: 'http://',
      retry: FAST_RETRY,
      homeDir: '/nonexistent-home',
      pollMs: 1,
      maxPollMs: 2,
    },
    api: (o = {}) =>
      createCloudApi({
        region: cf.region,
        credentials: envCredentials(),
        endpoints: { cvm: cvm.endpoint, tat: tat.endpoint },
        protocol: 'http://',
        agent,
        requestTimeoutS: 5,
        retry: FAST_RETRY,
        ...o,
      }),
    assertSigned() {
      expect([...cvm.rejected, ...tat.rejected, ...cos.rejected]).toEqual([]);
    },
    close: async () => {
      agent.destroy();
      await Promise.all([cvm.close(), tat.close(), cos.close()]);
    },
  };
}

/** Every file under `dir` (and the extra files), read as text: none may contain a planted secret. */
export function expectNoSecretsInFiles(dir: string, extra: string[] = []): void {
  const files: string[] = [...extra];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(dir);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const s of PLANTED) expect(text.includes(s), `${f} contains a planted secret`).toBe(false);
  }
}

export function expectNoSecretsIn(text: string): void {
  for (const s of PLANTED) expect(text.includes(s), 'text contains a planted secret').toBe(false);
}
