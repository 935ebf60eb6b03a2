// The credential chain: environment, then the CAM role from the metadata service (refreshed before
// it expires), then tccli's file; a broken source is an error, never a silent switch; no secret in
// any message. The role's temporary keys are also used for a real signed SDK call.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { credentialProvider } from '../../src/cloud/credentials.js';
import { collectCloudFacts } from '../../src/cloud/facts.js';
import { mask } from '../../src/cloud/secrets.js';
import { windowsInstance, cvmFake } from './standin/cvm.js';
import { expectNoSecretsIn, SECRET_ID, SECRET_KEY, startCloud, TOKEN } from './standin/harness.js';
import { roleCredentialJson, startMetadataStandin, type MetadataStandin } from './standin/metadata-server.js';

const ENV = { TENCENTCLOUD_SECRET_ID: 'AKIDfromEnvironment000000000001', TENCENTCLOUD_SECRET_KEY: 'envSecretKeyValue-000000000001' };

let md: MetadataStandin | undefined;
afterEach(async () => {
  await md?.close();
  md = undefined;
});

function home(credential?: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ipf-home-'));
  if (credential) {
    mkdirSync(join(dir, '.tccli'));
    writeFileSync(join(dir, '.tccli', 'default.credential'), JSON.stringify(credential));
  }
  return dir;
}

async function roleMetadata(expiredTime: () => number, id = SECRET_ID): Promise<MetadataStandin> {
  let n = 0;
  return startMetadataStandin({
    'cam/security-credentials/': 'CVM_QcsRole',
    'cam/security-credentials/CVM_QcsRole': () => {
      n++;
      return roleCredentialJson({ id: `${id}${n > 1 ? n : ''}`, key: SECRET_KEY, token: TOKEN, expiredTime: expiredTime() });
    },
  });
}

describe('credential chain', () => {
  it('uses the environment first, without asking the metadata service or reading the file', async () => {
    md = await roleMetadata(() => Math.floor(Date.now() / 1000) + 3600);
    const p = credentialProvider({
      env: ENV,
      metadata: { baseUrl: md.baseUrl },
      homeDir: home({ secretId: 'AKIDfile0000000000000', secretKey: 'filekey000000000000' }),
    });
    expect(await p.getCredential()).toEqual({ secretId: ENV.TENCENTCLOUD_SECRET_ID, secretKey: ENV.TENCENTCLOUD_SECRET_KEY });
    expect(p.summary()).toMatchObject({ source: 'env', secretId: mask(ENV.TENCENTCLOUD_SECRET_ID), temporary: false });
    expect(md.requests).toEqual([]);
  });

  it('takes TENCENTCLOUD_SESSION_TOKEN with the keys', async () => {
    const p = credentialProvider({ env: { ...ENV, TENCENTCLOUD_SESSION_TOKEN: 'sessionToken000000000' }, useMetadata: false });
    expect(await p.getCredential()).toMatchObject({ token: 'sessionToken000000000' });
  });

  it('refuses a half-set environment instead of falling through to another identity', async () => {
    const p = credentialProvider({ env: { TENCENTCLOUD_SECRET_ID: ENV.TENCENTCLOUD_SECRET_ID }, useMetadata: false });
    await expect(p.getCredential()).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('TENCENTCLOUD_SECRET_KEY is not'),
    });
  });

  it('uses the CAM role next, and fetches its keys again before they expire', async () => {
    let clock = 1_800_000_000_000;
    md = await roleMetadata(() => Math.floor(clock / 1000) + 3600);
    const p = credentialProvider({
      env: {},
      metadata: { baseUrl: md.baseUrl },
      homeDir: home({ secretId: 'AKIDfile0000000000000', secretKey: 'filekey000000000000' }),
      now: () => clock,
    });
    expect(await p.getCredential()).toEqual({ secretId: SECRET_ID, secretKey: SECRET_KEY, token: TOKEN });
    expect(p.summary()).toMatchObject({ source: 'cam-role', roleName: 'CVM_QcsRole', temporary: true });
    // Still valid for 55 minutes: cached.
    clock += 5 * 60_000;
    expect((await p.getCredential()).secretId).toBe(SECRET_ID);
    // Four minutes left, inside the 5-minute margin: fetched again from the same role.
    clock += 51 * 60_000;
    expect((await p.getCredential()).secretId).toBe(`${SECRET_ID}2`);
    expect(md.requests.filter((r) => r.endsWith('/CVM_QcsRole'))).toHaveLength(2);
    expect(md.requests.filter((r) => r.endsWith('security-credentials/'))).toHaveLength(1);
  });

  it("uses tccli's credential file when there is no environment and no role", async () => {
    md = await startMetadataStandin({});
    const h = home({ secretId: 'AKIDfile0000000000000', secretKey: 'filekey000000000000', token: 'None' });
    const p = credentialProvider({ env: {}, metadata: { baseUrl: md.baseUrl }, homeDir: h });
    expect(await p.getCredential()).toEqual({ secretId: 'AKIDfile0000000000000', secretKey: 'filekey000000000000' });
    expect(p.summary()).toMatchObject({ source: 'tccli', file: join(h, '.tccli', 'default.credential') });
  });

  it('moves on from a metadata service that hangs within its short deadline', async () => {
    md = await startMetadataStandin({ 'cam/security-credentials/': { hang: true } });
    const p = credentialProvider({
      env: {},
      metadata: { baseUrl: md.baseUrl, timeoutMs: 200 },
      homeDir: home({ secretId: 'AKIDfile0000000000000', secretKey: 'filekey000000000000' }),
    });
    const started = Date.now();
    expect((await p.getCredential()).secretId).toBe('AKIDfile0000000000000');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('says what it tried when nothing has keys, with no secret in the message', async () => {
    const p = credentialProvider({ env: {}, useMetadata: false, homeDir: home({ secretId: 'None', secretKey: 'None' }) });
    const err = await p.getCredential().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth' });
    expect(String((err as Error).message)).toMatch(/no Tencent Cloud credentials: .*not set; .*has no secretId\/secretKey/);
  });

  it('refuses a tccli profile that assumes a role, or whose keys expired', async () => {
    const roleArn = credentialProvider({
      env: {},
      useMetadata: false,
      homeDir: home({ secretId: 'AKIDfile0000000000000', secretKey: 'filekey000000000000', 'role-arn': 'qcs::cam::uin/1:roleName/x' }),
    });
    await expect(roleArn.getCredential()).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('role-arn') });
    const expired = credentialProvider({
      env: {},
      useMetadata: false,
      homeDir: home({ secretId: 'AKIDfile0000000000000', secretKey: 'filekeyvalue00000000', token: 'tok', expiresAt: 1_000_000 }),
    });
    const err = await expired.getCredential().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'auth', message: expect.stringContaining('expired') });
    expect(String((err as Error).message)).not.toContain('filekeyvalue00000000');
  });

  it("signs real SDK calls with the role's temporary keys and token", async () => {
    md = await roleMetadata(() => Math.floor(Date.now() / 1000) + 3600);
    const cloud = await startCloud({
      cvm: cvmFake({ instances: [windowsInstance('ins-role0001')] }),
      keys: new Map([[SECRET_ID, { secretKey: SECRET_KEY, token: TOKEN }]]),
    });
    try {
      const api = await cloud.api({ credentials: credentialProvider({ env: {}, metadata: { baseUrl: md.baseUrl }, homeDir: home() }) });
      const facts = await collectCloudFacts(api, { instanceId: 'ins-role0001' });
      expect(facts.instance).toMatchObject({ exists: true, state: 'RUNNING' });
      cloud.assertSigned();
      expectNoSecretsIn(JSON.stringify(facts));
    } finally {
      await cloud.close();
    }
  });
});

describe('mask', () => {
  it('shows at most the first 4 and last 2 characters, and nothing of short secrets', () => {
    expect(mask('AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE')).toBe('AKID****LE');
    expect(mask('short')).toBe('****');
    expect(mask('')).toBe('****');
    expect(mask(undefined)).toBe('****');
  });
});
