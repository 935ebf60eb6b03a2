// check --cloud end to end in-process: main() with the real SDK against the signature-verifying CVM
// stand-in and the metadata stand-in, all on 127.0.0.1. The verdict, the exit code, every way the
// cloud can fail (no credentials, a refused signature, a wrong region, throttling, a dead endpoint, a
// metadata service that hangs), and no planted secret in anything printed.
import { afterEach, describe, expect, it } from 'vitest';
import { main, type CliEnv } from '../../src/commands/main.js';
import { fixturePath, machine } from '../helpers.js';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cvmFake, windowsInstance } from './standin/cvm.js';
import { expectNoSecretsIn, PLANTED, SECRET_ID, SECRET_KEY, startCloud, type Cloud } from './standin/harness.js';
import { roleCredentialJson, startMetadataStandin, type MetadataStandin } from './standin/metadata-server.js';

// The fixtures' instance (their metadata said so when they were collected).
const INSTANCE = 'ins-8k2fw9qa';
const HEALTHY = fixturePath('healthy-server-2019');

let cloud: Cloud;
let metadata: MetadataStandin | undefined;
let signatureErrorsExpected = false;

async function start(opts: { quota?: number; images?: string[]; instance?: Parameters<typeof windowsInstance>[1] } = {}) {
  cloud = await startCloud({
    cvm: cvmFake({
      instances: [windowsInstance(INSTANCE, opts.instance)],
      images: (opts.images ?? ['golden-2026-10']).map((name, i) => ({
        ImageId: `img-old${i}`,
        ImageName: name,
        ImageType: 'PRIVATE_IMAGE' as const,
      })),
      quota: opts.quota ?? 500,
    }),
  });
  // No metadata service answers here: the credential chain's step 2 finds none and moves on at once.
  metadata = await startMetadataStandin({});
}

afterEach(async () => {
  if (!signatureErrorsExpected) cloud.assertSigned();
  signatureErrorsExpected = false;
  await cloud.close();
  await metadata?.close();
  metadata = undefined;
});

function env(vars: Record<string, string> = { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY }): CliEnv {
  return {
    platform: 'linux',
    stdoutIsTTY: false,
    env: { IPF_METADATA_URL: metadata?.baseUrl ?? 'http://127.0.0.1:9/latest/meta-data/', ...vars },
    cloud: cloud.cliEnv,
  };
}

async function check(args: string[], e = env()) {
  const r = await main(['check', '--snapshot', HEALTHY, ...args], e);
  expectNoSecretsIn(r.stdout + r.stderr);
  return r;
}

function cloudFindings(stdout: string): string[] {
  const report = JSON.parse(stdout) as { checks: Array<{ id: string; findings: Array<{ code: string; severity: string }> }> };
  return report.checks.find((c) => c.id === 'cloud-capture')!.findings.map((f) => `${f.code}:${f.severity}`);
}

describe('check --cloud', () => {
  it('asks the API about the instance, the quota and the name: READY, exit 0', async () => {
    await start();
    const r = await check(['--cloud', '--name', 'golden-2026-11']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Tencent Cloud API\n[✓] Tencent Cloud: instance, image quota and image name');
    expect(r.stdout).toContain(`✓ Instance ${INSTANCE} (win-${INSTANCE}) is RUNNING in ap-guangzhou-3`);
    expect(r.stdout).toContain('✓ Custom images in ap-guangzhou: 1 of 500 are used');
    expect(r.stdout).toContain('✓ The image name "golden-2026-11" is free in ap-guangzhou and within 60 characters');
    expect(cloud.cvm.calls.map((c) => c.action).sort()).toEqual([
      'DescribeImageQuota',
      'DescribeImages',
      'DescribeImages',
      'DescribeInstances',
    ]);
    expect(cloud.cvm.calls.every((c) => c.region === 'ap-guangzhou' && c.secretId === SECRET_ID)).toBe(true);
  });

  it('without --cloud nothing is asked: the group says not checked and the verdict is unchanged', async () => {
    await start();
    const r = await check(['--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(cloudFindings(r.stdout)).toEqual(['not-checked:info']);
    expect(cloud.cvm.calls).toEqual([]);
  });

  it('a full quota or a taken name: BLOCKED, exit 2', async () => {
    await start({ quota: 1 });
    const full = await check(['--cloud', '--format', 'json']);
    expect(full.exitCode).toBe(2);
    expect(cloudFindings(full.stdout)).toContain('quota-full:fail');
    const taken = await check(['--cloud', '--name', 'golden-2026-10', '--format', 'json']);
    expect(cloudFindings(taken.stdout)).toContain('name-taken:fail');
  });

  it('--instance-id and --region override the snapshot; a wrong region is "does not exist there" (BLOCKED)', async () => {
    await start();
    const r = await check(['--cloud', '--region', 'ap-shanghai', '--format', 'json']);
    expect(r.exitCode).toBe(2);
    expect(cloudFindings(r.stdout)).toEqual(['instance-not-found:fail', 'quota-ok:pass']);
    expect(cloud.cvm.calls.every((c) => c.region === 'ap-shanghai')).toBe(true);
    const other = await check(['--cloud', '--instance-id', 'ins-other001', '--format', 'json']);
    expect(cloudFindings(other.stdout)[0]).toBe('instance-not-found:fail');
  });

  it('a region the API does not know: could not verify (AT RISK), the API error shown', async () => {
    await start();
    const r = await check(['--cloud', '--region', 'ap-nowhere']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      /\? could not read the instance in ap-nowhere: the region is wrong or not supported: DescribeInstances: UnsupportedRegion/,
    );
  });

  it('no credentials anywhere: could not verify, saying where it looked (AT RISK, exit 1)', async () => {
    await start();
    const r = await check(['--cloud'], env({}));
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      /\? could not ask the Tencent Cloud API: no Tencent Cloud API credentials \(TENCENTCLOUD_SECRET_ID\/TENCENTCLOUD_SECRET_KEY not set; no CAM role bound to this instance; no tccli credential file at \/nonexistent-home\/\.tccli\/default\.credential\): set TENCENTCLOUD_SECRET_ID/,
    );
    expect(cloud.cvm.calls).toEqual([]);
    // In the reader's language too.
    const zh = await check(['--cloud', '--lang', 'zh-CN'], env({}));
    expect(zh.stdout).toContain('? 无法查询腾讯云 API：未找到腾讯云 API 密钥');
  });

  it('keys from the CAM role (metadata service) and from a tccli profile, in the documented order', async () => {
    await start();
    const expiredTime = Math.floor(Date.now() / 1000) + 3600;
    metadata!.routes.set('cam/security-credentials/', 'preflight-role');
    metadata!.routes.set(
      'cam/security-credentials/preflight-role',
      roleCredentialJson({ id: 'AKIDroleKey000000000000000000001', key: 'roleSecret-1', token: 'roleToken-1', expiredTime }),
    );
    cloud.cvm.keys.set('AKIDroleKey000000000000000000001', { secretKey: 'roleSecret-1', token: 'roleToken-1' });
    const fromRole = await check(['--cloud', '--verbose'], env({}));
    expect(fromRole.exitCode).toBe(0);
    expect(fromRole.stderr).toContain('credentials: cam-role (CAM role preflight-role), SecretId AKID****01');
    expect(fromRole.stdout + fromRole.stderr).not.toContain('roleSecret-1');
    expect(cloud.cvm.calls.every((c) => c.secretId === 'AKIDroleKey000000000000000000001')).toBe(true);

    // The environment comes first, even with a role bound.
    cloud.cvm.calls.length = 0;
    const fromEnv = await check(['--cloud'], env());
    expect(fromEnv.exitCode).toBe(0);
    expect(cloud.cvm.calls.every((c) => c.secretId === SECRET_ID)).toBe(true);

    // No role: tccli's profile.
    metadata!.routes.clear();
    const home = mkdtempSync(join(tmpdir(), 'ipf-home-'));
    mkdirSync(join(home, '.tccli'));
    writeFileSync(join(home, '.tccli', 'ops.credential'), JSON.stringify({ secretId: SECRET_ID, secretKey: SECRET_KEY }));
    cloud.cvm.calls.length = 0;
    const fromFile = await main(['check', '--snapshot', HEALTHY, '--cloud', '--profile', 'ops', '--verbose'], {
      ...env({}),
      cloud: { ...cloud.cliEnv, homeDir: home },
    });
    expect(fromFile.exitCode).toBe(0);
    expect(fromFile.stderr).toContain(`credentials: tccli (${join(home, '.tccli', 'ops.credential')}), SecretId AKID****cd`);
    expectNoSecretsIn(fromFile.stdout + fromFile.stderr);
  });

  it('a key the API refuses (AuthFailure): could not verify, the secret never shown', async () => {
    await start();
    signatureErrorsExpected = true;
    const r = await check(
      ['--cloud', '--format', 'json', '--verbose'],
      env({ TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: `${SECRET_KEY}-wrong` }),
    );
    expect(r.exitCode).toBe(1);
    expect(cloudFindings(r.stdout)).toEqual(['instance-unverified:unknown', 'quota-unverified:unknown']);
    expect(r.stdout).toContain('the Tencent Cloud API did not accept the credentials: DescribeInstances: AuthFailure.SignatureFailure');
    expect(r.stdout + r.stderr).not.toContain(`${SECRET_KEY}-wrong`);
    expect(cloud.cvm.rejected.length).toBeGreaterThan(0);
  });

  it('throttling is retried with backoff (logged under --verbose) and the check completes', async () => {
    await start();
    cloud.cvmFake.throttle.set('DescribeInstances', 2);
    cloud.cvmFake.throttle.set('DescribeImageQuota', 1);
    const r = await check(['--cloud', '--verbose']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/DescribeInstances: throttled \(RequestLimitExceeded\), retry 1 in \d+ ms/);
    expect(r.stderr).toMatch(/DescribeInstances: throttled \(RequestLimitExceeded\), retry 2 in \d+ ms/);
    expect(cloud.cvm.calls.filter((c) => c.action === 'DescribeInstances')).toHaveLength(3);
  });

  it('throttling that never ends, and an API error code, are findings, not crashes', async () => {
    await start();
    cloud.cvmFake.throttle.set('DescribeImageQuota', 100);
    cloud.cvmFake.override.set('DescribeInstances', { error: { code: 'LimitExceeded', message: 'too many' } });
    const r = await check(['--cloud', '--format', 'json']);
    expect(r.exitCode).toBe(1);
    expect(cloudFindings(r.stdout)).toEqual(['instance-unverified:unknown', 'quota-unverified:unknown']);
    expect(r.stdout).toContain('a Tencent Cloud quota is used up: DescribeInstances: LimitExceeded: too many');
    expect(r.stdout).toContain('kept refusing for too many requests');
  });

  it('an API that cannot be reached: could not verify, one reason, no stack trace', async () => {
    await start();
    const r = await check(['--cloud'], {
      ...env(),
      cloud: { ...cloud.cliEnv, endpoints: { cvm: 'cvm.standin.test:9', tat: 'tat.standin.test:9' } },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      /could not read the instance in ap-guangzhou: cannot reach Tencent Cloud: DescribeInstances: cannot reach the API \(http:\/\/cvm\.standin\.test:9\)/,
    );
    expect(r.stdout).not.toMatch(/\n\s+at /);
  });

  it('a metadata service that hangs costs its short deadline, then the chain moves on', async () => {
    await start();
    metadata!.routes.set('cam/security-credentials/', { hang: true });
    const started = Date.now();
    const r = await check(['--cloud'], env({}));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('metadata service not reachable (timeout)');
  });

  it('a snapshot whose metadata read failed, without --instance-id: could not verify, saying what to give', async () => {
    await start();
    const s = machine();
    s.instance = { collectionError: { message: 'the metadata service did not answer: timeout', source: 'metadata', code: 'timeout' } };
    const dir = mkdtempSync(join(tmpdir(), 'ipf-cloud-'));
    writeFileSync(join(dir, 's.json'), JSON.stringify(s));
    const r = await main(['check', '--snapshot', join(dir, 's.json'), '--cloud'], env());
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(
      'could not ask the Tencent Cloud API: which instance to ask about is unknown (the metadata service did not answer: timeout): give --instance-id and --region',
    );
    const given = await main(
      ['check', '--snapshot', join(dir, 's.json'), '--cloud', '--instance-id', INSTANCE, '--region', 'ap-guangzhou'],
      env(),
    );
    expect(given.exitCode).toBe(0);
  });

  it.each([
    [['--region', 'ap-guangzhou'], /Missing dependent arguments: region -> cloud/],
    [['--cloud', '--region', 'Guangzhou'], /--region must be a region name such as ap-guangzhou, got "Guangzhou"/],
    [['--cloud', '--instance-id', 'i-123'], /"i-123" is not an instance ID \(ins-xxxxxxxx\)/],
  ])('bad usage %j: one line, exit 3', async (args, pattern) => {
    await start();
    const r = await check(args);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('IPF_CVM_ENDPOINT must name the cvm service', async () => {
    await start();
    const r = await check(['--cloud'], env({ ...env().env, IPF_CVM_ENDPOINT: 'tat.example.com' } as Record<string, string>));
    expect(r).toMatchObject({ exitCode: 3, stdout: '' });
    expect(r.stderr).toMatch(/IPF_CVM_ENDPOINT must be host\[:port\] starting with "cvm\."/);
  });

  it('never prints a planted secret, also with --verbose, in any language', async () => {
    await start();
    for (const lang of ['en', 'zh-CN'])
      for (const format of ['text', 'json', 'markdown', 'html']) {
        const r = await check(['--cloud', '--verbose', '--lang', lang, '--format', format]);
        for (const s of PLANTED) expect(r.stdout + r.stderr).not.toContain(s);
      }
  });
});
