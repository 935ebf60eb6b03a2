// capture end to end in-process: main() with the real SDK against the signature-verifying CVM stand-in.
// The gate (BLOCKED, AT RISK, --accept-risk), the dry run, an image that becomes NORMAL, one that fails,
// a wait that times out, Ctrl-C, API refusals before and after the real request, an answer lost after
// the image was made, the Event Log on Windows, and no planted secret in anything printed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult } from '../../src/collect/runner.js';
import { main, type CliEnv } from '../../src/commands/main.js';
import { fixturePath, machine } from '../helpers.js';
import { API_ERROR } from './standin/api-server.js';
import { cvmFake, windowsInstance } from './standin/cvm.js';
import { expectNoSecretsIn, SECRET_ID, SECRET_KEY, startCloud, type Cloud } from './standin/harness.js';
import { startMetadataStandin, type MetadataStandin } from './standin/metadata-server.js';

const INSTANCE = 'ins-8k2fw9qa';

let cloud: Cloud;
let metadata: MetadataStandin;
let signatureErrorsExpected = false;

async function start(opts: { quota?: number; instance?: Parameters<typeof windowsInstance>[1] } = {}) {
  cloud = await startCloud({
    cvm: cvmFake({
      instances: [windowsInstance(INSTANCE, opts.instance)],
      images: [{ ImageId: 'img-old1', ImageName: 'golden-2026-10', ImageType: 'PRIVATE_IMAGE' }],
      quota: opts.quota ?? 50,
    }),
  });
  metadata = await startMetadataStandin({});
}

afterEach(async () => {
  if (!signatureErrorsExpected) cloud.assertSigned();
  signatureErrorsExpected = false;
  await cloud.close();
  await metadata.close();
});

interface Run {
  code: number;
  /** Everything the program printed on stdout, live and at the end, in order. */
  stdout: string;
  stderr: string;
}

async function capture(
  args: string[],
  opts: {
    vars?: Record<string, string>;
    tty?: boolean;
    interrupt?: (err: string, abort: () => void) => void;
    /** Ctrl-C as soon as the capture starts. */
    interruptAtOnce?: boolean;
    env?: Partial<CliEnv>;
  } = {},
): Promise<Run> {
  let out = '';
  let err = '';
  const controller = new AbortController();
  const env: CliEnv = {
    platform: 'linux',
    stdoutIsTTY: false,
    env: {
      IPF_METADATA_URL: metadata.baseUrl,
      ...(opts.vars ?? { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY }),
    },
    cloud: cloud.cliEnv,
    console: {
      out: (t) => (out += t),
      err: (t) => {
        err += t;
        opts.interrupt?.(err, () => controller.abort());
      },
      errIsTTY: opts.tty ?? false,
    },
    interrupts: () => {
      if (opts.interruptAtOnce) controller.abort();
      return controller.signal;
    },
    ...opts.env,
  };
  const r = await main(['capture', ...args], env);
  const run = { code: r.exitCode, stdout: out + r.stdout, stderr: err + r.stderr };
  expectNoSecretsIn(run.stdout + run.stderr);
  return run;
}

const createCalls = () => cloud.cvm.calls.filter((c) => c.action === 'CreateImage');
const snapshotArgs = (name = 'healthy-server-2019') => ['--snapshot', fixturePath(name)];

describe('capture', () => {
  it('checks, asks CreateImage with DryRun then for real, follows the image until NORMAL: exit 0', async () => {
    await start();
    const r = await capture([...snapshotArgs(), '--name', 'golden-2026-11', '--description', 'November baseline']);
    expect(r.code).toBe(0);
    // The report first (with the cloud group), then what the capture did.
    expect(r.stdout).toContain('[✓] Tencent Cloud: instance, image quota and image name');
    expect(r.stdout).toContain('READY: custom image creation should work.');
    expect(r.stdout).toContain(`Image img-new1 ("golden-2026-11") is being created from ${INSTANCE} in ap-guangzhou`);
    expect(r.stdout).toMatch(/Image img-new1 \("golden-2026-11"\) is ready: NORMAL after \d+ s\.\n$/);
    expect(r.stdout.indexOf('READY: custom image')).toBeLessThan(r.stdout.indexOf('is being created'));
    // Plain progress lines off a terminal: one per state.
    expect(r.stderr).toMatch(/^image img-new1: CREATING, \d+ s\nimage img-new1: NORMAL, \d+ s\n$/);
    expect(createCalls().map((c) => c.params)).toEqual([
      { InstanceId: INSTANCE, ImageName: 'golden-2026-11', ImageDescription: 'November baseline', DryRun: true },
      { InstanceId: INSTANCE, ImageName: 'golden-2026-11', ImageDescription: 'November baseline' },
    ]);
    expect(cloud.cvmFake.images.map((i) => i.ImageName)).toEqual(['golden-2026-10', 'golden-2026-11']);
  });

  it('on a terminal the progress line is rewritten in place', async () => {
    await start();
    const r = await capture([...snapshotArgs(), '--name', 'golden-tty'], { tty: true });
    expect(r.code).toBe(0);
    // \r, the line, then "erase to the end of the line" (ESC [K), for each poll.
    // eslint-disable-next-line no-control-regex -- the escape sequence is what is tested
    expect(r.stderr).toMatch(/^\rimage img-new1: CREATING, \d+ s\x1b\[K(\rimage img-new1: \w+, \d+ s\x1b\[K)+\n$/);
  });

  it('BLOCKED: refuses, exit 2, and never calls CreateImage', async () => {
    await start();
    const r = await capture([...snapshotArgs('safedog-running'), '--name', 'golden-x', '--accept-risk']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/BLOCKED: no image was created; fix the failures above first\.\n$/);
    expect(createCalls()).toEqual([]);
  });

  it('AT RISK: refuses without --accept-risk (exit 1), captures with it', async () => {
    await start();
    const refused = await capture([...snapshotArgs('updates-installing'), '--name', 'golden-x']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/AT RISK: no image was created; fix the warnings above, or add --accept-risk to capture anyway\.\n$/);
    expect(createCalls()).toEqual([]);
    const accepted = await capture([...snapshotArgs('updates-installing'), '--name', 'golden-x', '--accept-risk']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('AT RISK, accepted with --accept-risk: capturing anyway.');
  });

  it('the cloud check gates too: a full quota, a taken name, an instance not in the region', async () => {
    await start({ quota: 1 });
    const full = await capture([...snapshotArgs(), '--name', 'golden-x']);
    expect(full.code).toBe(2);
    expect(full.stdout).toContain('No custom image left in ap-guangzhou: 1 of 1 are used');
    cloud.cvmFake.quota = 50;
    const taken = await capture([...snapshotArgs(), '--name', 'golden-2026-10']);
    expect(taken.code).toBe(2);
    expect(taken.stdout).toContain('A custom image named "golden-2026-10" already exists in ap-guangzhou');
    const elsewhere = await capture([...snapshotArgs(), '--name', 'golden-x', '--region', 'ap-shanghai']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stdout).toContain(`Instance ${INSTANCE} does not exist in region ap-shanghai`);
    expect(createCalls()).toEqual([]);
  });

  it('an instance that must be shut down first is AT RISK; --force-poweroff makes it a note and is sent', async () => {
    await start({ instance: { ImageId: 'img-old1' } });
    const r = await capture([...snapshotArgs(), '--name', 'golden-x']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'must be shut down before it is imaged (it was made from golden-2026-10, which is not a public image (PRIVATE_IMAGE))',
    );
    const forced = await capture([...snapshotArgs(), '--name', 'golden-x', '--force-poweroff', '--sysprep']);
    expect(forced.code).toBe(0);
    expect(createCalls().at(-1)?.params).toMatchObject({ ForcePoweroff: 'true', Sysprep: 'true' });
    // Capturing the machine it runs on, which goes down for it: it says so, with how to follow the image.
    expect(forced.stdout).toContain(
      'This instance shuts down for the capture, and this program with it; follow the image with: tccli cvm DescribeImages --region ap-guangzhou --ImageIds img-new1',
    );
  });

  it('--dry-run prints the request and its tccli lines, and creates nothing', async () => {
    await start();
    const r = await capture([
      ...snapshotArgs(),
      '--name',
      'golden 2026 & "Q4"',
      '--data-disks',
      'disk-aa11, disk-bb22',
      '--force-poweroff',
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The request (region ap-guangzhou; credentials: env, SecretId AKID****cd):\n');
    expect(r.stdout).toContain(
      `  CreateImage {"InstanceId":"${INSTANCE}","ImageName":"golden 2026 & \\"Q4\\"","ForcePoweroff":"true","DataDiskIds":["disk-aa11","disk-bb22"],"DryRun":true}\n`,
    );
    expect(r.stdout).toContain(
      `The same with tccli (cmd):\n  tccli cvm CreateImage --cli-unfold-argument --region ap-guangzhou --InstanceId ${INSTANCE} --ImageName ^"golden 2026 ^& \\^"Q4\\^"^" --ForcePoweroff true --DataDiskIds disk-aa11 disk-bb22 --DryRun True\n`,
    );
    // PowerShell versions pass embedded double quotes differently: no PowerShell line for this name.
    expect(r.stdout).toContain('No tccli line for PowerShell: the name or description holds a double quote');
    expect(r.stdout).toMatch(
      /Dry run accepted by the API \(DryRunOperation\): CreateImage would be carried out\. Nothing was created\.\n$/,
    );
    expect(createCalls().map((c) => c.params.DryRun)).toEqual([true]);
    expect(cloud.cvmFake.images).toHaveLength(1);

    const ps = await capture([...snapshotArgs(), '--name', "it's golden", '--dry-run']);
    expect(ps.stdout).toContain(
      `The same with tccli (powershell):\n  tccli cvm CreateImage --cli-unfold-argument --region ap-guangzhou --InstanceId ${INSTANCE} --ImageName 'it''s golden' --DryRun True\n`,
    );
  });

  it('an image that fails to be created: exit 4, saying which and in what state', async () => {
    await start();
    cloud.cvmFake.newImageStates = ['CREATING', 'CREATING', 'CREATEFAILED'];
    const r = await capture([...snapshotArgs(), '--name', 'golden-x']);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/Image img-new1 ended in state CREATEFAILED: the capture failed\..*\n$/);
  });

  it('a wait that runs out: exit 4, the image goes on in the cloud, with how to follow it', async () => {
    await start();
    cloud.cvmFake.newImageStates = ['CREATING'];
    const r = await capture([...snapshotArgs(), '--name', 'golden-x', '--wait-timeout', '0.05']);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /Image img-new1 is still CREATING after \d+ s \(--wait-timeout\); it goes on in the cloud\. Follow it with: tccli cvm DescribeImages --region ap-guangzhou --ImageIds img-new1\n$/,
    );
  });

  it('Ctrl-C while waiting: exit 4, the image is left being created and the message says so', async () => {
    await start();
    cloud.cvmFake.newImageStates = ['CREATING'];
    const r = await capture([...snapshotArgs(), '--name', 'golden-x'], {
      interrupt: (err, abort) => {
        if (err.includes('CREATING')) abort();
      },
    });
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(
      /Interrupted: image img-new1 is still being created in the cloud \(CREATING\) and will finish on its own\. Follow it with: tccli cvm DescribeImages --region ap-guangzhou --ImageIds img-new1\n$/,
    );
    expect(cloud.cvmFake.images.map((i) => i.ImageId)).toContain('img-new1');
  });

  it('Ctrl-C before CreateImage: the capture stops there, exit 3, saying nothing was created', async () => {
    await start();
    const r = await capture([...snapshotArgs(), '--name', 'golden-x'], { interruptAtOnce: true });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('image-preflight: interrupted before CreateImage: no image was created\n');
    expect(createCalls()).toEqual([]);
  });

  it('the API refuses CreateImage (quota reached since the check): exit 3, no image', async () => {
    await start();
    cloud.cvmFake.override.set('CreateImage', API_ERROR('ImageQuotaLimitExceeded', 'Image quota exceeds the limit.'));
    const r = await capture([...snapshotArgs(), '--name', 'golden-x']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('READY: custom image creation should work.');
    expect(r.stderr).toMatch(
      /^image-preflight: a Tencent Cloud quota is used up: CreateImage: ImageQuotaLimitExceeded: Image quota exceeds the limit\. \(RequestId [0-9a-f-]+\); no image was created\n$/,
    );
  });

  it('throttled CreateImage is retried (only throttling: it never sends a second real request otherwise)', async () => {
    await start();
    cloud.cvmFake.throttle.set('CreateImage', 2);
    const r = await capture([...snapshotArgs(), '--name', 'golden-x']);
    expect(r.code).toBe(0);
    expect(cloud.cvmFake.images.filter((i) => i.ImageName === 'golden-x')).toHaveLength(1);
  });

  it('an answer lost after the image was made: found by its name and followed; lost before: none was created', async () => {
    await start();
    const answer = cloud.cvmFake.handler;
    cloud.cvm.handler = async (call) => {
      if (call.action === 'CreateImage' && call.params.DryRun !== true) {
        await answer(call); // the image is created...
        return { dropConnection: true }; // ...and the answer never arrives
      }
      return answer(call);
    };
    const found = await capture([...snapshotArgs(), '--name', 'golden-lost']);
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(
      /CreateImage got no clear answer \(cannot reach Tencent Cloud: CreateImage: cannot reach the API .*\), but image img-new1 named "golden-lost" exists: following it\./,
    );
    expect(createCalls().filter((c) => c.params.DryRun !== true)).toHaveLength(1);

    cloud.cvm.handler = (call) => (call.action === 'CreateImage' && call.params.DryRun !== true ? { dropConnection: true } : answer(call));
    const none = await capture([...snapshotArgs(), '--name', 'golden-never']);
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/no custom image named "golden-never" exists, so none was created\n$/);
  });

  it('no credentials: one line, exit 3, nothing collected or asked', async () => {
    await start();
    const r = await capture([...snapshotArgs(), '--name', 'golden-x'], { vars: {} });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^image-preflight: no Tencent Cloud API credentials \(.*\): set TENCENTCLOUD_SECRET_ID .*; no image was created\n$/,
    );
    expect(cloud.cvm.calls).toEqual([]);
  });

  it('a refused key: the check could not verify (refused without --accept-risk); with it, CreateImage says why, exit 3', async () => {
    await start();
    signatureErrorsExpected = true;
    const vars = { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: 'wrong-key-for-this-test-0001' };
    const refused = await capture([...snapshotArgs(), '--name', 'golden-x'], { vars });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('AT RISK: 3 findings could not be verified with the Tencent Cloud API; see why above.');
    const accepted = await capture([...snapshotArgs(), '--name', 'golden-x', '--accept-risk'], { vars });
    expect(accepted.code).toBe(3);
    expect(accepted.stderr).toMatch(
      /the Tencent Cloud API did not accept the credentials: CreateImage: AuthFailure\.SignatureFailure.*; no image was created\n$/,
    );
    expect(accepted.stdout + accepted.stderr).not.toContain('wrong-key-for-this-test-0001');
  });

  it('an unknown instance (the metadata read failed, no --instance-id): exit 3, nothing created', async () => {
    await start();
    const s = machine();
    s.instance = { collectionError: { message: 'the metadata service did not answer: timeout', source: 'metadata', code: 'timeout' } };
    const dir = mkdtempSync(join(tmpdir(), 'ipf-capture-'));
    writeFileSync(join(dir, 's.json'), JSON.stringify(s));
    const r = await capture(['--snapshot', join(dir, 's.json'), '--name', 'golden-x']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'image-preflight: which instance to capture is unknown (the metadata service did not answer: timeout); give --instance-id and --region. No image was created\n',
    );
    expect(createCalls()).toEqual([]);
  });

  it.each([
    [['--name', ''], /--name must not be empty/],
    [['--name', 'two\nlines'], /--name must not contain control characters/],
    [['--name', 'x', '--data-disks', 'disk-ok1,vol-9'], /--data-disks: "vol-9" is not a cloud disk ID/],
    [['--name', 'x', '--description', 'd'.repeat(257)], /--description has 257 characters; CreateImage allows at most 256/],
    [['--name', 'x', '--wait-timeout', '0'], /--wait-timeout must be a positive number of seconds, got 0/],
    [['--name', 'x', '--region', 'Guangzhou'], /--region must be a region name/],
    [[], /Missing required argument: name/],
  ])('bad input %j: one line, exit 3, nothing asked', async (args, pattern) => {
    await start();
    const r = await capture([...snapshotArgs(), ...args]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(createCalls()).toEqual([]);
  });

  it('on Windows, the Event Log hears of the start (when the instance goes down with it) and of the end', async () => {
    await start();
    const runs: RunRequest[] = [];
    const runner = {
      run: async (req: RunRequest): Promise<RunResult> => {
        runs.push(req);
        return { exitCode: 0, stdout: new Uint8Array(), stderr: new Uint8Array(), timedOut: false, durationMs: 1 };
      },
    };
    const r = await capture([...snapshotArgs(), '--name', 'golden-win', '--force-poweroff'], {
      env: { platform: 'win32', live: { runner } },
    });
    expect(r.code).toBe(0);
    const events = runs.map((q) => [q.file, q.args[q.args.indexOf('/ID') + 1], q.args[q.args.indexOf('/T') + 1], q.args.at(-1)]);
    expect(events).toEqual([
      [
        expect.stringMatching(/eventcreate\.exe$/),
        '107',
        'INFORMATION',
        expect.stringContaining('image img-new1 ("golden-win") is being created'),
      ],
      [
        expect.stringMatching(/eventcreate\.exe$/),
        '105',
        'INFORMATION',
        `image-preflight capture: image img-new1 ("golden-win") of ${INSTANCE} is ready.`,
      ],
    ]);
    cloud.cvmFake.newImageStates = ['CREATEFAILED'];
    runs.length = 0;
    const failed = await capture([...snapshotArgs(), '--name', 'golden-win2'], { env: { platform: 'win32', live: { runner } } });
    expect(failed.code).toBe(4);
    expect(runs.map((q) => q.args[q.args.indexOf('/ID') + 1])).toEqual(['106']);
  });

  it('speaks the report language: a Chinese machine gets its capture lines in Chinese', async () => {
    await start();
    const r = await capture([...snapshotArgs(), '--name', 'golden-zh', '--lang', 'zh-CN']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('正在由 ins-8k2fw9qa（ap-guangzhou）制作镜像 img-new1（“golden-zh”）');
    expect(r.stdout).toMatch(/镜像 img-new1（“golden-zh”）已就绪：用时 \d+ 秒，状态 NORMAL。\n$/);
  });
});
