// `fleet run` end to end in-process: main() with the real SDK against the CVM and TAT stand-ins, which
// check every request's TC3 signature. 250 instances in two RunCommand batches (the API's limit is 200
// a call), some not Windows or stopped, some agents offline, some timing out, one report cut at TAT's
// 24 KiB output limit, one exe failing on a snapshot error; the reports are real compact reports of
// the bundled fixtures. Then the exit code rules, bad input, Ctrl-C and --resume.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliEnv } from '../../src/commands/main.js';
import { FLEET_STATE_FILE } from '../../src/commands/fleet.js';
import { fixturePath } from '../helpers.js';
import { cvmFake, windowsInstance, type FakeInstance } from './standin/cvm.js';
import {
  COS_BUCKET_HOST,
  expectNoSecretsIn,
  expectNoSecretsInFiles,
  SECRET_ID,
  SECRET_KEY,
  startCloud,
  TOKEN,
  type Cloud,
} from './standin/harness.js';
import { tatFake, type TaskBehaviour } from './standin/tat.js';

const id = (n: number) => `ins-fl${String(n).padStart(6, '0')}`;
const SHA = 'C0'.repeat(32);
const NO_METADATA = 'http://127.0.0.1:9/latest/meta-data/';
const EXE_URL = 'https://ops-1250000000.cos.ap-guangzhou.myqcloud.com/image-preflight.exe?sign=abc';

let cloud: Cloud;
let dir: string;
const reports: Record<'ready' | 'atRisk' | 'blocked' | 'pretty', Record<string, unknown>> = {
  ready: {},
  atRisk: {},
  blocked: {},
  pretty: {},
};
const compactSizes: number[] = [];

async function reportOf(fixture: string, compact: boolean): Promise<Record<string, unknown>> {
  const r = await main(['check', '--snapshot', fixturePath(fixture), '--format', 'json', ...(compact ? ['--compact'] : [])], {
    platform: 'linux',
    stdoutIsTTY: false,
    env: {},
  });
  if (compact) compactSizes.push(Buffer.byteLength(r.stdout));
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  reports.ready = await reportOf('healthy-server-2019', true);
  reports.atRisk = await reportOf('updates-installing', true);
  reports.blocked = await reportOf('safedog-running', true);
  reports.pretty = await reportOf('busy-web-server', false);
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipf-fleet-cli-'));
});
afterEach(async () => {
  cloud.assertSigned();
  await cloud.close();
});

/** The report as the exe on that instance writes it: the metadata service gave it the instance's ID. */
function on(report: Record<string, unknown>, instanceId: string): Record<string, unknown> {
  return { ...report, snapshot: { ...(report.snapshot as Record<string, unknown>), instanceId } };
}

async function fleetOf(instances: FakeInstance[], behaviour: (n: number) => TaskBehaviour | undefined = () => undefined) {
  const tat = tatFake();
  instances.forEach((i, k) => {
    tat.agents.set(i.InstanceId, 'Online');
    tat.behaviours.set(i.InstanceId, behaviour(k + 1) ?? { kind: 'report', report: on(reports.ready, i.InstanceId) });
  });
  cloud = await startCloud({ cvm: cvmFake({ instances }), tat });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function fleet(
  args: string[],
  opts: { interrupt?: (err: string, abort: () => void) => void; env?: Partial<CliEnv> } = {},
): Promise<Run> {
  let err = '';
  const controller = new AbortController();
  const env: CliEnv = {
    platform: 'linux',
    stdoutIsTTY: false,
    // No metadata service here (port 9 refuses): the credential chain never looks beyond this machine.
    env: { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY, IPF_METADATA_URL: NO_METADATA },
    cloud: cloud.cliEnv,
    console: {
      out: () => {},
      err: (t) => {
        err += t;
        opts.interrupt?.(err, () => controller.abort());
      },
      errIsTTY: false,
    },
    interrupts: () => controller.signal,
    ...opts.env,
  };
  const r = await main(['fleet', 'run', ...args], env);
  const run = { code: r.exitCode, stdout: r.stdout, stderr: err + r.stderr };
  expectNoSecretsIn(run.stdout + run.stderr);
  return run;
}

const reportDir = () => join(dir, 'reports');
const common = () => ['--region', 'ap-guangzhou', '--exe-url', EXE_URL, '--exe-sha256', SHA, '--report-dir', reportDir()];

describe('fleet run', () => {
  it('250 instances in batches: the summary with instance IDs, a row per instance without a report, the worst verdict as exit code', async () => {
    const instances = Array.from({ length: 250 }, (_, i) => windowsInstance(id(i + 1)));
    Object.assign(instances[2] ?? {}, { OsName: 'TencentOS Server 3.1 (TK4)' });
    Object.assign(instances[5] ?? {}, { InstanceState: 'STOPPED' });
    await fleetOf(instances, (n) => {
      if ([20, 120, 220].includes(n)) return { kind: 'timeout' };
      if (n === 30) return { kind: 'truncated', report: { ...reports.atRisk, padding: 'x'.repeat(30_000) } };
      if (n === 40)
        return {
          kind: 'error',
          stage: 'run',
          message:
            'image-preflight.exe exited with code 3 without a report: image-preflight: the snapshot is not valid: services: expected array',
          exitCode: 3,
        };
      if (n === 50 || n === 150) return { kind: 'report', report: on(reports.atRisk, id(n)), exitCode: 1 };
      if (n === 77) return { kind: 'report', report: on(reports.blocked, id(77)), exitCode: 2 };
      return undefined;
    });
    for (const n of [10, 110, 210, 249]) cloud.tatFake.agents.set(id(n), 'Offline');
    const listFile = join(dir, 'instances.txt');
    writeFileSync(listFile, `# the fleet\n${instances.map((i) => i.InstanceId).join('\n')}\n`);

    const r = await fleet(['--instances-file', listFile, ...common()]);
    expect(r.code).toBe(2);

    // Two RunCommand calls (200 + the rest), never to a skipped or offline instance.
    const batches = cloud.tatFake.runCommandBatches;
    expect(batches.map((b) => b.length)).toEqual([200, 250 - 1 - 1 - 4 - 200]);
    const sent = batches.flat();
    for (const n of [3, 6, 10, 110, 210, 249]) expect(sent).not.toContain(id(n));
    const run = cloud.tat.calls.find((c) => c.action === 'RunCommand');
    expect(run?.params).toMatchObject({ CommandType: 'POWERSHELL', Timeout: 600, SaveCommand: false });
    const script = Buffer.from(String(run?.params.Content), 'base64').toString('utf8');
    expect(script).toContain(`$want = '${SHA.toUpperCase()}'`);
    expect(script).toContain(`$url = '${EXE_URL}'`);
    expect(script).toContain("'check --format json --compact'");

    // The summary: machines by verdict with their instance IDs, then one row per instance without a report.
    expect(r.stdout).toMatch(/^239 machines from 239 reports\n/);
    expect(r.stdout).toContain('BLOCKED 1   AT RISK 2   READY 236');
    expect(r.stdout).toContain(`BLOCKED (1):\n  WEB-PROD-03      ${id(77)}\n`);
    expect(r.stdout).toMatch(new RegExp(`AT RISK \\(2\\):\\n  \\S+ +${id(50)}\\n  \\S+ +${id(150)}\\n`));
    const noReport = /\nNo report \((\d+)\):\n((?: {2}.*\n)+)/.exec(r.stdout);
    expect(noReport?.[1]).toBe('10');
    const rows = (noReport?.[2] ?? '').trimEnd().split('\n');
    const row = (n: number) => rows.find((l) => l.startsWith(`  ${id(n)} `)) ?? '';
    expect(row(6)).toMatch(/no report: not running +the instance is STOPPED$/);
    for (const n of [10, 110, 210, 249]) expect(row(n)).toMatch(/no report: agent offline +the TAT agent is Offline$/);
    for (const n of [20, 120, 220]) expect(row(n)).toMatch(/no report: timed out +the command ran past its Timeout \(TIMEOUT\)/);
    expect(row(30)).toMatch(/no report: report truncated +\d+ bytes past TAT's 24 KiB output limit were dropped; pass outputCos/);
    expect(row(40)).toMatch(
      /no report: command failed +run: image-preflight\.exe exited with code 3 without a report: .*the snapshot is not valid.*\(exit code 3\)$/,
    );
    expect(r.stdout).toContain(`\nSkipped, not Windows (1):\n  ${id(3)}  not Windows  the OS is TencentOS Server 3.1 (TK4)\n`);
    expect(r.stdout).toContain(
      '\nFleet: BLOCKED. 250 instances: 239 with a report, 10 without one (counted as not verified), 1 skipped.\n',
    );
    expect(r.stdout.endsWith(`Reports: ${reportDir()}\n`)).toBe(true);

    // One report per instance that has one, as the exe wrote it; the state file beside them.
    const files = readdirSync(reportDir()).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(239);
    expect(JSON.parse(readFileSync(join(reportDir(), `${id(77)}.json`), 'utf8'))).toEqual(on(reports.blocked, id(77)));
    expect(existsSync(join(reportDir(), `${id(30)}.json`))).toBe(false);
    expect(existsSync(join(reportDir(), FLEET_STATE_FILE))).toBe(true);

    // Progress lines off a terminal: one per change, counting up to all 250.
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.every((l) => /^fleet: \d+ done, \d+ running, \d+ without a report, \d+ waiting, of 250 \(\d+ s\)$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^fleet: 239 done, 0 running, 11 without a report, 0 waiting, of 250/);

    // summarize reads the folder the same way (the state file is not a report, not even a skipped one).
    const again = await main(['summarize', reportDir()], { platform: 'linux', stdoutIsTTY: false, env: {} });
    expect(again.stdout).toMatch(/^239 machines from 239 reports\n/);
    expect(again.stdout).not.toContain('Skipped');
    expectNoSecretsInFiles(dir);
  });

  it('every instance READY: exit 0; one without a report makes the fleet AT RISK: exit 1', async () => {
    await fleetOf([1, 2, 3].map((n) => windowsInstance(id(n), { Tags: [{ Key: 'env', Value: 'prod' }] })));
    const ok = await fleet(['--tag', 'env=prod', ...common()]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Fleet: READY. 3 instances: 3 with a report, 0 without one (counted as not verified), 0 skipped.');
    expect(cloud.cvm.calls[0]?.params).toMatchObject({ Filters: [{ Name: 'tag:env', Values: ['prod'] }] });

    cloud.tatFake.agents.set(id(2), 'Offline');
    const one = await fleet(['--tag', 'env=prod', ...common().slice(0, -1), join(dir, 'second')]);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain('Fleet: AT RISK. 3 instances: 2 with a report, 1 without one');
  });

  it('--format json: the summary, the instances without a report and the verdict', async () => {
    await fleetOf(
      [1, 2].map((n) => windowsInstance(id(n))),
      (n) => (n === 2 ? { kind: 'timeout' } : undefined),
    );
    const r = await fleet(['--instances', `${id(1)},${id(2)}`, ...common(), '--format', 'json', '--lang', 'zh-CN']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ fleetRunVersion: 1, region: 'ap-guangzhou', verdict: 'AT RISK', exitCode: 1, targeted: 2 });
    expect(doc.summary).toMatchObject({ machines: 1, rows: [{ instanceId: id(1), verdict: 'READY' }] });
    expect(doc.noReport).toEqual([expect.objectContaining({ instanceId: id(2), reason: 'timed-out', localizedReason: '无报告：超时' })]);
  });

  it('--output-cos asks TAT to upload every output to the bucket and prefix', async () => {
    await fleetOf([windowsInstance(id(1))]);
    const r = await fleet([
      '--instances',
      id(1),
      ...common(),
      '--output-cos',
      'https://reports-1250000000.cos.ap-guangzhou.myqcloud.com/image-preflight/2026-11/',
    ]);
    expect(r.code).toBe(0);
    expect(cloud.tat.calls.find((c) => c.action === 'RunCommand')?.params).toMatchObject({
      OutputCOSBucketUrl: 'https://reports-1250000000.cos.ap-guangzhou.myqcloud.com',
      OutputCOSKeyPrefix: 'image-preflight/2026-11',
    });
  });

  const BUCKET = `https://${COS_BUCKET_HOST}`;
  const big = (report: Record<string, unknown>, n: number): TaskBehaviour => ({
    kind: 'truncated',
    report: { ...on(report, id(n)), padding: 'x'.repeat(30_000) },
  });

  it('--output-cos: a report cut at 24 KiB is read from its COS copy (signed GET), saved and counted', async () => {
    await fleetOf(
      [1, 2, 3].map((n) => windowsInstance(id(n))),
      (n) => (n === 2 ? big(reports.blocked, 2) : n === 3 ? big(reports.atRisk, 3) : undefined),
    );
    // id(3): TAT left OutputUrl empty, so the object is found by the key layout.
    cloud.tatFake.noOutputUrl.add(id(3));
    const r = await fleet(['--instances', [1, 2, 3].map(id).join(','), ...common(), '--output-cos', `${BUCKET}/ipf/run-1/`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^3 machines from 3 reports\n/);
    expect(r.stdout).toContain('2 reports were read from their COS copies (TAT cut the task output at 24 KiB)');
    expect(r.stdout).toContain('Fleet: BLOCKED. 3 instances: 3 with a report, 0 without one');
    expect(r.stdout).not.toContain('No report');
    const saved = JSON.parse(readFileSync(join(reportDir(), `${id(2)}.json`), 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual({ ...on(reports.blocked, id(2)), padding: 'x'.repeat(30_000) });
    // One GET per truncated task, at the key OutputUrl names or the layout gives, signed with the run's key.
    expect(cloud.cos.calls.map((c) => c.key)).toEqual([
      expect.stringMatching(/^ipf\/run-1\/inv-\d{8}\/invt-\d{8}\.log$/),
      expect.stringMatching(/^ipf\/run-1\/inv-\d{8}\/invt-\d{8}\.log$/),
    ]);
    expect(cloud.cos.calls.every((c) => c.authorization.includes(`q-ak=${SECRET_ID}`) && !c.authorization.includes(SECRET_KEY))).toBe(true);
    expectNoSecretsInFiles(dir);

    // --format json names them too.
    const j = await fleet(['--instances', id(2), ...common().slice(0, -1), join(dir, 'json'), '--output-cos', BUCKET, '--format', 'json']);
    expect(JSON.parse(j.stdout)).toMatchObject({ verdict: 'BLOCKED', reportsFromCos: [id(2)], noReport: [] });
  });

  it('--output-cos: a missing COS copy or a refused signature keeps "report truncated", with why, in every language', async () => {
    await fleetOf(
      [1, 2].map((n) => windowsInstance(id(n))),
      (n) => big(reports.ready, n),
    );
    cloud.tatFake.cosNotUploaded.add(id(1));
    const r = await fleet(['--instances', `${id(1)},${id(2)}`, ...common(), '--output-cos', `${BUCKET}/ipf`]);
    expect(r.code).toBe(1);
    const row = (text: string, n: number) => text.split('\n').find((l) => l.startsWith(`  ${id(n)} `)) ?? '';
    expect(row(r.stdout, 1)).toMatch(
      /no report: report truncated +\d+ bytes past TAT's 24 KiB output limit were dropped; the COS copy could not be read: 404 NoSuchKey \(ipf\/inv-\d+\/invt-\d+\.log\)$/,
    );
    expect(r.stdout).toContain('1 report was read from its COS copy');
    expect(existsSync(join(reportDir(), `${id(1)}.json`))).toBe(false);

    // COS does not know this key (as if the SecretKey were wrong): refused, reported, never shown.
    cloud.cos.keys = new Map([[SECRET_ID, { secretKey: 'anotherSecretKey-00000000000000' }]]);
    for (const lang of ['en', 'zh-CN', 'pt-BR', 'id'] as const) {
      const bad = await fleet([
        '--instances',
        id(2),
        ...common().slice(0, -1),
        join(dir, `bad-${lang}`),
        '--output-cos',
        BUCKET,
        '--lang',
        lang,
      ]);
      expect(bad.code).toBe(1);
      const why = {
        en: 'the COS copy could not be read: 403 SignatureDoesNotMatch',
        'zh-CN': '无法读取 COS 中的副本：403 SignatureDoesNotMatch',
        'pt-BR': 'não foi possível ler a cópia no COS: 403 SignatureDoesNotMatch',
        id: 'salinan di COS tidak dapat dibaca: 403 SignatureDoesNotMatch',
      }[lang];
      expect(row(bad.stdout, 2)).toContain(why);
      expectNoSecretsIn(bad.stdout + bad.stderr);
    }
    const j = await fleet([
      '--instances',
      id(2),
      ...common().slice(0, -1),
      join(dir, 'bad-json'),
      '--output-cos',
      BUCKET,
      '--format',
      'json',
    ]);
    expect(JSON.parse(j.stdout)).toMatchObject({
      reportsFromCos: [],
      noReport: [
        {
          instanceId: id(2),
          reason: 'report-truncated',
          detail: expect.stringMatching(/; COS copy unreadable: 403 SignatureDoesNotMatch \(inv-/),
        },
      ],
    });
    expect(cloud.cos.rejected.map((x) => x.code)).toEqual(Array(5).fill('SignatureDoesNotMatch'));
    cloud.cos.rejected.length = 0;
    expectNoSecretsInFiles(dir);
  });

  it('--output-cos with temporary keys: the token goes in x-cos-security-token, and no secret is printed', async () => {
    await fleetOf([windowsInstance(id(1))], () => big(reports.ready, 1));
    const keys = new Map([[SECRET_ID, { secretKey: SECRET_KEY, token: TOKEN }]]);
    cloud.cos.keys = keys;
    cloud.tat.keys = keys;
    cloud.cvm.keys = keys;
    const r = await fleet(['--instances', id(1), ...common(), '--output-cos', BUCKET], {
      env: {
        env: {
          TENCENTCLOUD_SECRET_ID: SECRET_ID,
          TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
          TENCENTCLOUD_SESSION_TOKEN: TOKEN,
          IPF_METADATA_URL: NO_METADATA,
        },
      },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 report was read from its COS copy');
    expect(cloud.cos.calls.map((c) => c.token)).toEqual([TOKEN]);
    expectNoSecretsInFiles(dir);
  });

  it('Ctrl-C: exit 4 with the state saved; --resume finishes without sending anything twice', async () => {
    const instances = Array.from({ length: 30 }, (_, i) => windowsInstance(id(i + 1)));
    await fleetOf(instances);
    cloud.tatFake.pollsToFinish = 3;
    const args = ['--instances', instances.map((i) => i.InstanceId).join(','), ...common()];
    const first = await fleet(args, { interrupt: (err, abort) => err.includes('30 running') && abort() });
    expect(first.code).toBe(4);
    expect(first.stderr).toMatch(
      new RegExp(
        `image-preflight: interrupted: 0 of 30 instances finished; commands already sent go on in TAT\\. The run is saved in ${reportDir()}`,
      ),
    );
    expect(cloud.tatFake.runCommandBatches).toHaveLength(1);

    // The same command again refuses to overwrite the run; with --resume it polls the invocation again.
    const refused = await fleet(args);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('holds an earlier fleet run: add --resume to continue it');
    const resumed = await fleet([...args, '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('Fleet: READY. 30 instances: 30 with a report');
    expect(cloud.tatFake.runCommandBatches).toHaveLength(1);
  });

  it('bad input: one line, exit 3, nothing called and no folder made', async () => {
    await fleetOf([windowsInstance(id(1))]);
    const bad: Array<[string[], RegExp]> = [
      [['--region', 'ap-guangzhou'], /needs exactly one of --instances, --tag and --instances-file/],
      [['--instances', id(1), '--tag', 'a=b', '--region', 'ap-guangzhou'], /exactly one of/],
      [['--tag', '=x', '--region', 'ap-guangzhou'], /--tag must be KEY=VALUE/],
      [['--instances', 'ins-1,../x', '--region', 'ap-guangzhou'], /"..\/x" is not an instance ID/],
      [['--instances', id(1)], /needs --region/],
      [['--instances', id(1), '--region', 'Guangzhou'], /--region must be a region name/],
      [['--instances', id(1), '--region', 'ap-guangzhou', '--exe-url', EXE_URL], /--exe-url needs --exe-sha256/],
      [['--instances', id(1), '--region', 'ap-guangzhou', '--exe-sha256', 'abc'], /64 hexadecimal digits/],
      [['--instances', id(1), '--region', 'ap-guangzhou', '--exe-url', 'http://x/y.exe', '--exe-sha256', SHA], /https:\/\/ URL/],
      [['--instances', id(1), '--region', 'ap-guangzhou', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 20/],
      [['--instances', id(1), '--region', 'ap-guangzhou', '--instance-timeout', '90000'], /from 1 to 86400/],
      [['--instances', id(1), '--region', 'ap-guangzhou', '--output-cos', 'https://example.com/x'], /--output-cos must be/],
      [['--instances', id(1), '--region', 'ap-guangzhou', '--resume'], /--resume needs --report-dir/],
      [['--instances', id(1), '--region', 'ap-guangzhou', '--report-dir', join(dir, 'none'), '--resume'], /holds no fleet run to continue/],
      [['--instances-file', join(dir, 'missing.txt'), '--region', 'ap-guangzhou'], /cannot read instances file/],
    ];
    for (const [args, message] of bad) {
      const r = await fleet(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
    const list = join(dir, 'bad.txt');
    writeFileSync(list, `${id(1)}\n# fine\nins-2 i-abc\n`);
    expect((await fleet(['--instances-file', list, '--region', 'ap-guangzhou'])).stderr).toContain(
      `${list}, line 3: "i-abc" is not an instance ID`,
    );
    const busy = join(dir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    expect((await fleet(['--instances', id(1), '--region', 'ap-guangzhou', '--report-dir', busy])).stderr).toContain('is not empty');
    const badCos = await fleet(['--instances', id(1), '--region', 'ap-guangzhou', '--output-cos', `https://${COS_BUCKET_HOST}`], {
      env: { env: { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY, IPF_COS_ENDPOINT: 'cos.example.com/x' } },
    });
    expect(badCos.code).toBe(3);
    expect(badCos.stderr).toBe('image-preflight: IPF_COS_ENDPOINT must be host[:port], got "cos.example.com/x"\n');
    expect(cloud.tat.calls).toEqual([]);
    expect(cloud.cvm.calls).toEqual([]);
    expect(existsSync(reportDir())).toBe(false);
  });

  it('no credentials, or a tag that matches nothing: exit 3 and the report folder is not left behind', async () => {
    await fleetOf([windowsInstance(id(1), { Tags: [{ Key: 'env', Value: 'prod' }] })]);
    const noKeys = await fleet(['--tag', 'env=prod', ...common()], {
      env: { env: { IPF_METADATA_URL: NO_METADATA }, cloud: { ...cloud.cliEnv, homeDir: dir } },
    });
    expect(noKeys.code).toBe(3);
    expect(noKeys.stderr).toMatch(/^image-preflight: no Tencent Cloud API credentials/);
    const none = await fleet(['--tag', 'env=test', ...common()]);
    expect(none.code).toBe(3);
    expect(none.stderr.split('\n').at(-2)).toBe('image-preflight: no instance to run on: tag:env=test matches nothing in ap-guangzhou');
    expect(existsSync(reportDir())).toBe(false);
  });

  it('compact reports of the bundled fixtures fit in TAT output', () => {
    expect(Math.max(...compactSizes)).toBeLessThan(24 * 1024);
  });
});
