// The built program (dist/image-preflight.cjs, the Tencent Cloud SDK bundled in it with its aliases)
// as a separate process against the stand-ins: endpoints from IPF_CVM_ENDPOINT/IPF_TAT_ENDPOINT, plain
// HTTP (IPF_CLOUD_HTTP=1) through a CONNECT proxy that reaches only *.standin.test on 127.0.0.1, keys
// from the environment. Checks what only a real process shows: no warning on stderr, no stack trace,
// no secret in stdout, stderr or any file written.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../helpers.js';
import { startConnectProxy, type ConnectProxy } from './standin/connect-proxy.js';
import { cvmFake, windowsInstance } from './standin/cvm.js';
import { expectNoSecretsIn, expectNoSecretsInFiles, SECRET_ID, SECRET_KEY, startCloud, type Cloud } from './standin/harness.js';
import { startMetadataStandin, type MetadataStandin } from './standin/metadata-server.js';

const CLI = new URL('../../dist/image-preflight.cjs', import.meta.url).pathname;

let cloud: Cloud;
let proxy: ConnectProxy;
let metadata: MetadataStandin;
let home: string;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('dist/image-preflight.cjs is missing: run `npm run build` first');
  cloud = await startCloud({
    cvm: cvmFake({
      instances: [windowsInstance('ins-8k2fw9qa')],
      images: [{ ImageId: 'img-old1', ImageName: 'golden-2026-10', ImageType: 'PRIVATE_IMAGE' }],
      quota: 50,
    }),
  });
  proxy = await startConnectProxy();
  metadata = await startMetadataStandin({});
  home = mkdtempSync(join(tmpdir(), 'ipf-home-'));
});

afterAll(async () => {
  cloud.assertSigned();
  expect(proxy.refused).toEqual([]);
  await Promise.all([cloud.close(), proxy.close(), metadata.close()]);
});

/** Runs the CLI asynchronously (the stand-ins live in this process and must keep answering). */
function cli(
  args: string[],
  extra: Record<string, string> = {},
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        LANG: 'C.UTF-8',
        NO_COLOR: '1',
        http_proxy: proxy.url,
        IPF_CVM_ENDPOINT: cloud.cvm.endpoint,
        IPF_TAT_ENDPOINT: cloud.tat.endpoint,
        IPF_CLOUD_HTTP: '1',
        IPF_METADATA_URL: metadata.baseUrl,
        TENCENTCLOUD_SECRET_ID: SECRET_ID,
        TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      onStderr?.(stderr, child);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built program against the stand-ins', () => {
  it('check --cloud: the bundled SDK signs, goes through the proxy only to the stand-in, and prints no warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-e2e-'));
    const out = join(dir, 'report.json');
    const log = join(dir, 'run.log');
    const r = await cli([
      'check',
      '--snapshot',
      fixturePath('healthy-server-2019'),
      '--cloud',
      '--name',
      'golden-2026-11',
      '--format',
      'json',
      '--output',
      out,
      '--verbose',
      '--log-file',
      log,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    // --verbose says where the keys came from, masked; nothing else, no DeprecationWarning.
    expect(r.stderr).toBe(`image-preflight: credentials: env, SecretId AKID****cd\n`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { checks: Array<{ id: string; findings: Array<{ code: string }> }> };
    expect(report.checks.find((c) => c.id === 'cloud-capture')!.findings.map((f) => f.code)).toEqual([
      'instance-ok',
      'online-ok',
      'quota-ok',
      'name-ok',
    ]);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(proxy.tunnels.every((t) => t === cloud.cvm.endpoint)).toBe(true);
    expect(readFileSync(log, 'utf8')).toContain('credentials: env, SecretId AKID****cd');
    expectNoSecretsIn(r.stdout + r.stderr);
    expectNoSecretsInFiles(dir);
  });

  it('capture: the image is requested and followed until NORMAL, exit 0', async () => {
    cloud.cvmFake.newImageStates = ['NORMAL'];
    const r = await cli(['capture', '--snapshot', fixturePath('healthy-server-2019'), '--name', 'golden-e2e']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Image (img-new\d+) \("golden-e2e"\) is ready: NORMAL after \d+ s\.\n$/);
    expect(r.stderr).toMatch(/^image img-new\d+: NORMAL, \d+ s\n$/);
    expectNoSecretsIn(r.stdout + r.stderr);
  });

  it('capture: Ctrl-C (SIGINT) while the image is CREATING leaves it being created, says so, exit 4', async () => {
    cloud.cvmFake.newImageStates = ['CREATING'];
    let sent = false;
    const r = await cli(['capture', '--snapshot', fixturePath('healthy-server-2019'), '--name', 'golden-sigint'], {}, (err, child) => {
      if (!sent && err.includes('CREATING')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /Interrupted: image (img-new\d+) is still being created in the cloud \(CREATING\) and will finish on its own\. Follow it with: tccli cvm DescribeImages --region ap-guangzhou --ImageIds img-new\d+\n$/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expectNoSecretsIn(r.stdout + r.stderr);
  });

  it('a refused key: a finding with the API code, no stack trace, no secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ipf-e2e-'));
    const before = cloud.cvm.rejected.length;
    const r = await cli(['check', '--snapshot', fixturePath('healthy-server-2019'), '--cloud', '--output', join(dir, 'r.txt')], {
      TENCENTCLOUD_SECRET_KEY: 'not-the-right-key-0123456789',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const text = readFileSync(join(dir, 'r.txt'), 'utf8');
    expect(text).toContain('AuthFailure.SignatureFailure');
    expect(text).not.toContain('not-the-right-key-0123456789');
    expect(text).not.toMatch(/\n\s+at /);
    // Refused on purpose: forget them, so afterAll's check of signatures holds for the rest.
    cloud.cvm.rejected.splice(before);
  });
});
