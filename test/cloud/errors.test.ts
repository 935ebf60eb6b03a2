// Failures become clear errors: throttling is retried with backoff, a wrong key is an auth error,
// a dead or hanging endpoint is a network or timeout error, and no planted secret appears in any
// message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialProvider } from '../../src/cloud/credentials.js';
import { isCloudError, kindOfCode, toCloudError } from '../../src/cloud/errors.js';
import { describeInstance } from '../../src/cloud/facts.js';
import { createImage } from '../../src/cloud/image.js';
import { scrub, SecretRegistry } from '../../src/cloud/secrets.js';
import { cvmFake, windowsInstance } from './standin/cvm.js';
import { expectNoSecretsIn, SECRET_ID, SECRET_KEY, startCloud, type Cloud } from './standin/harness.js';

let cloud: Cloud;
beforeEach(async () => {
  cloud = await startCloud({ cvm: cvmFake({ instances: [windowsInstance('ins-err00001')] }) });
});
afterEach(async () => {
  await cloud.close();
});

async function failure(p: Promise<unknown>): Promise<Error & { kind?: string; code?: string }> {
  const err = await p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('not an Error');
  expectNoSecretsIn(`${err.message}\n${err.stack ?? ''}\n${JSON.stringify(err)}`);
  return err;
}

describe('retries and error kinds', () => {
  it('retries RequestLimitExceeded with backoff and succeeds', async () => {
    cloud.cvmFake.throttle.set('DescribeInstances', 2);
    const lines: string[] = [];
    const facts = await describeInstance(await cloud.api({ log: (l) => lines.push(l) }), 'ins-err00001');
    expect(facts).toMatchObject({ exists: true });
    expect(cloud.cvm.calls.filter((c) => c.action === 'DescribeInstances')).toHaveLength(3);
    expect(lines).toEqual([
      expect.stringMatching(/^DescribeInstances: throttled \(RequestLimitExceeded\), retry 1 in \d+ ms$/),
      expect.stringMatching(/retry 2/),
    ]);
    cloud.assertSigned();
  });

  it('gives up on throttling after the retries, as a throttled error', async () => {
    cloud.cvmFake.throttle.set('DescribeInstances', 10);
    const err = await failure(describeInstance(await cloud.api(), 'ins-err00001'));
    expect(err).toMatchObject({ kind: 'throttled', code: 'RequestLimitExceeded' });
    expect(cloud.cvm.calls).toHaveLength(4);
  });

  it('retries CreateImage only on throttling', async () => {
    cloud.cvmFake.throttle.set('CreateImage', 1);
    await expect(createImage(await cloud.api(), { instanceId: 'ins-err00001', name: 'golden', dryRun: true })).resolves.toMatchObject({
      dryRun: true,
    });
    cloud.cvm.handler = () => ({ httpStatus: 503 });
    const err = await failure(createImage(await cloud.api(), { instanceId: 'ins-err00001', name: 'golden', dryRun: true }));
    expect(err).toMatchObject({ kind: 'service' });
    expect(cloud.cvm.calls.filter((c) => c.action === 'CreateImage')).toHaveLength(3);
  });

  it('makes a wrong secret key an auth error without the key in it', async () => {
    const wrong = credentialProvider({
      env: { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: `${SECRET_KEY}-wrong` },
      useMetadata: false,
    });
    const err = await failure(describeInstance(await cloud.api({ credentials: wrong }), 'ins-err00001'));
    expect(err).toMatchObject({ kind: 'auth', code: 'AuthFailure.SignatureFailure' });
    expect(err.message).toMatch(/^DescribeInstances: AuthFailure\.SignatureFailure: .* \(RequestId [0-9a-f-]+\)$/);
    expect(err.message).not.toContain(`${SECRET_KEY}-wrong`);
    // The stand-in refused it for its signature, as it should; nothing else was refused.
    expect(cloud.cvm.rejected.map((r) => r.code)).toEqual(['AuthFailure.SignatureFailure']);
  });

  it('makes an unknown key an auth error', async () => {
    const unknown = credentialProvider({
      env: { TENCENTCLOUD_SECRET_ID: 'AKIDunknown000000000000000', TENCENTCLOUD_SECRET_KEY: SECRET_KEY },
      useMetadata: false,
    });
    const err = await failure(describeInstance(await cloud.api({ credentials: unknown }), 'ins-err00001'));
    expect(err).toMatchObject({ kind: 'auth', code: 'AuthFailure.SecretIdNotFound' });
  });

  it('makes a refused connection a network error, after retrying', async () => {
    const endpoint = cloud.cvm.endpoint;
    await cloud.cvm.close();
    const err = await failure(describeInstance(await cloud.api({ endpoints: { cvm: endpoint } }), 'ins-err00001'));
    expect(err).toMatchObject({ kind: 'network' });
    expect(err.message).toContain('cannot reach the API');
  });

  it('makes a dropped connection a network error', async () => {
    cloud.cvm.handler = () => ({ dropConnection: true });
    const err = await failure(describeInstance(await cloud.api(), 'ins-err00001'));
    expect(err).toMatchObject({ kind: 'network' });
  });

  it('makes a hanging API a timeout error', async () => {
    cloud.cvm.handler = () => ({ hang: true });
    const err = await failure(
      describeInstance(await cloud.api({ requestTimeoutS: 0.2, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } }), 'ins-err00001'),
    );
    expect(err).toMatchObject({ kind: 'timeout' });
    expect(cloud.cvm.calls).toHaveLength(2);
  });

  it('cancels with the signal', async () => {
    cloud.cvm.handler = () => ({ hang: true });
    const ac = new AbortController();
    const p = describeInstance(await cloud.api(), 'ins-err00001', ac.signal);
    setTimeout(() => ac.abort(), 50);
    const err = await failure(p);
    expect(err).toMatchObject({ kind: 'aborted' });
  });

  it('scrubs secrets out of any text it classifies', () => {
    const secrets = new SecretRegistry();
    secrets.add(SECRET_ID, SECRET_KEY);
    const err = toCloudError(
      new Error(`request to http://x/?k=${encodeURIComponent(SECRET_KEY)} failed, reason: ECONNRESET ${SECRET_ID}`),
      { secrets, action: 'DescribeImages' },
    );
    expect(isCloudError(err) && err.kind).toBe('network');
    expectNoSecretsIn(err.message);
    expect(err.message).toContain('AKID****cd');
    expect(scrub(`a ${SECRET_KEY} b`, [SECRET_KEY])).toBe('a plan****zz b');
  });

  it('maps the documented codes to kinds', () => {
    expect(kindOfCode('AuthFailure.SecretIdNotFound')).toBe('auth');
    expect(kindOfCode('AuthFailure.UnauthorizedOperation')).toBe('permission');
    expect(kindOfCode('UnauthorizedOperation.CamAuthFailed')).toBe('permission');
    expect(kindOfCode('InvalidInstanceId.NotFound')).toBe('not-found');
    expect(kindOfCode('ImageQuotaLimitExceeded')).toBe('quota');
    expect(kindOfCode('LimitExceeded')).toBe('quota');
    expect(kindOfCode('RequestLimitExceeded')).toBe('throttled');
    expect(kindOfCode('UnsupportedRegion')).toBe('region');
    expect(kindOfCode('InvalidParameterValue', 'The region `ap-x` is invalid')).toBe('region');
    expect(kindOfCode('InvalidParameterValue', 'Limit')).toBe('invalid-parameter');
    expect(kindOfCode('InternalError')).toBe('service');
  });
});
