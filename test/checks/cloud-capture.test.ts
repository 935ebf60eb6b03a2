// The cloud check over the `cloud` fact group that check --cloud and capture add: not checked without it
// (a note, the verdict unchanged), could not verify when it failed, and each finding from the facts.
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/engine/judge.js';
import { resolveConfig, type ResolvedConfig } from '../../src/config/resolve.js';
import type { Snapshot } from '../../src/snapshot/schema.js';
import { formatRef } from '../../src/messages/format.js';
import { machine } from '../helpers.js';

const ID = 'cloud-capture';
type Cloud = NonNullable<Exclude<Snapshot['cloud'], { collectionError: unknown }>>;

function cloudFacts(over: Partial<Cloud> = {}, instance: Record<string, unknown> = {}): Cloud {
  return {
    region: 'ap-guangzhou',
    collectedAt: '2026-11-25T00:00:00.000Z',
    instance: {
      instanceId: 'ins-8k2fw9qa',
      exists: true,
      state: 'RUNNING',
      name: 'web-01',
      osName: 'Windows Server 2019 数据中心版 64位中文版',
      imageId: 'img-9id7emv7',
      zone: 'ap-guangzhou-3',
      systemDisk: { diskId: 'disk-sys1', type: 'CLOUD_PREMIUM', sizeGiB: 50 },
      dataDisks: [],
      latestOperation: 'StartInstances',
      latestOperationState: 'SUCCESS',
      restrictState: 'NORMAL',
      camRoleName: null,
      createdTime: '2024-03-18T06:12:40Z',
      stopChargingMode: 'NOT_APPLICABLE',
      ...instance,
    },
    imageQuota: { imageNumQuota: 500 },
    privateImages: { count: 12, names: ['golden-2026-10'], namesComplete: true },
    sourceImage: {
      imageId: 'img-9id7emv7',
      found: true,
      imageType: 'PUBLIC_IMAGE',
      imageName: 'Windows Server 2019 数据中心版 64位中文版',
    },
    ...over,
  } as Cloud;
}

function judged(cloud: Snapshot['cloud'], capture: Partial<ResolvedConfig['capture']> = {}) {
  const s = machine();
  if (cloud !== undefined) s.cloud = cloud;
  const config = resolveConfig();
  const report = judge(s, { ...config, capture: { ...config.capture, ...capture } }, { now: new Date('2026-11-25T00:00:00Z') });
  const check = report.checks.find((c) => c.id === ID)!;
  return { report, check, codes: check.findings.map((f) => `${f.code}:${f.severity}`), messages: check.findings.map((f) => f.message) };
}

describe('cloud-capture', () => {
  it('without cloud facts: not checked, a note, and the verdict is unchanged', () => {
    const { report, codes, check } = judged(undefined);
    expect(codes).toEqual(['not-checked:info']);
    expect(check.status).toBe('info');
    expect(report.verdict).toBe('READY');
  });

  it('cloud facts that could not be collected: could not verify, with the reason worded in each language', () => {
    const { report, codes, check } = judged({
      collectionError: {
        message: 'no Tencent Cloud credentials: TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY not set',
        source: 'credentials',
        code: 'auth',
        messageId: 'cloud.error.noCredentials',
        params: { detail: 'TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY not set' },
      },
    });
    expect(codes).toEqual(['cloud-unverified:unknown']);
    expect(report.verdict).toBe('AT RISK');
    expect(check.findings[0]!.message).toMatch(
      /^could not ask the Tencent Cloud API: no Tencent Cloud API credentials \(TENCENTCLOUD_SECRET_ID/,
    );
    const zh = formatRef({ id: check.findings[0]!.messageId, params: check.findings[0]!.params }, 'zh-CN');
    expect(zh).toMatch(/^无法查询腾讯云 API：未找到腾讯云 API 密钥/);
  });

  it('a healthy instance made from a public image: passes, with a note that it is imaged while running', () => {
    const { report, codes, messages } = judged(cloudFacts(), { imageName: 'golden-2026-11' });
    expect(codes).toEqual(['instance-ok:pass', 'online-ok:info', 'quota-ok:pass', 'name-ok:pass']);
    expect(messages[0]).toBe('Instance ins-8k2fw9qa (web-01) is RUNNING in ap-guangzhou-3');
    expect(messages[1]).toMatch(/made from the public image Windows Server 2019 .* on 2024-03-18, system disk CLOUD_PREMIUM/);
    expect(report.verdict).toBe('READY');
  });

  it('an instance that does not exist in the region fails', () => {
    const { codes, messages, report } = judged(cloudFacts({ instance: { instanceId: 'ins-8k2fw9qa', exists: false } }));
    expect(codes).toEqual(['instance-not-found:fail', 'quota-ok:pass']);
    expect(messages[0]).toContain('does not exist in region ap-guangzhou');
    expect(report.verdict).toBe('BLOCKED');
  });

  it.each([
    [{ state: 'STOPPING' }, ['instance-state:fail']],
    [{ state: 'LAUNCH_FAILED' }, ['instance-state:fail']],
    [{ latestOperation: 'ResizeInstanceDisks', latestOperationState: 'OPERATING' }, ['instance-busy:fail']],
    [{ state: 'STOPPED', stopChargingMode: 'STOP_CHARGING' }, ['stopped-no-charging:fail']],
    [{ state: 'STOPPED', stopChargingMode: 'KEEP_CHARGING' }, ['instance-ok:pass']],
  ])('instance %j: %j', (instance, expected) => {
    expect(judged(cloudFacts({}, instance)).codes.filter((c) => !c.startsWith('quota'))).toEqual(expected);
  });

  it.each([
    [
      'made from a custom image',
      { sourceImage: { imageId: 'img-9id7emv7', found: true, imageType: 'PRIVATE_IMAGE', imageName: 'base' } },
      {},
      /made from base, which is not a public image \(PRIVATE_IMAGE\)/,
    ],
    [
      'whose image is gone',
      { sourceImage: { imageId: 'img-9id7emv7', found: false, imageType: null, imageName: null } },
      {},
      /no longer exists/,
    ],
    ['created in July 2018', {}, { createdTime: '2018-07-20T02:00:00Z' }, /created on 2018-07-20, before August 2018/],
    [
      'with a local system disk',
      {},
      { systemDisk: { diskId: null, type: 'LOCAL_BASIC', sizeGiB: 50 } },
      /system disk is LOCAL_BASIC, not a cloud disk/,
    ],
  ])('a running instance %s must be stopped first (warn)', (_what, over, instance, why) => {
    const { codes, messages, report } = judged(cloudFacts(over as Partial<Cloud>, instance));
    expect(codes).toEqual(['instance-ok:pass', 'must-stop:warn', 'quota-ok:pass']);
    expect(messages[1]).toMatch(why);
    expect(report.verdict).toBe('AT RISK');
  });

  it('--force-poweroff turns must-stop into a note; a stopped instance needs neither', () => {
    const custom = { sourceImage: { imageId: 'img-x', found: true, imageType: 'PRIVATE_IMAGE', imageName: 'base' } } as Partial<Cloud>;
    expect(judged(cloudFacts(custom), { forcePoweroff: true }).codes).toEqual(['instance-ok:pass', 'will-power-off:info', 'quota-ok:pass']);
    expect(judged(cloudFacts(custom, { state: 'STOPPED' })).codes).toEqual(['instance-ok:pass', 'quota-ok:pass']);
  });

  it.each([
    [{ imageNumQuota: 10 }, 10, 'quota-full:fail'],
    [{ imageNumQuota: 10 }, 9, 'quota-nearly-full:warn'],
    [{ imageNumQuota: 10 }, 8, 'quota-ok:pass'],
    [{ imageNumQuota: 500 }, 451, 'quota-nearly-full:warn'],
    [{ imageNumQuota: 500 }, 449, 'quota-ok:pass'],
  ])('quota %j with %i custom images: %s', (imageQuota, count, code) => {
    const { codes } = judged(cloudFacts({ imageQuota, privateImages: { count, names: [], namesComplete: true } }));
    expect(codes).toContain(code);
  });

  it('the planned name: too long, taken, or unknown when the names could not all be read', () => {
    expect(judged(cloudFacts(), { imageName: '镜'.repeat(61) }).codes).toContain('name-too-long:fail');
    expect(judged(cloudFacts(), { imageName: '镜'.repeat(60) }).codes).toContain('name-ok:pass');
    const taken = judged(cloudFacts(), { imageName: 'golden-2026-10' });
    expect(taken.codes).toContain('name-taken:fail');
    expect(taken.report.verdict).toBe('BLOCKED');
    const partial = judged(cloudFacts({ privateImages: { count: 1500, names: ['a'], namesComplete: false } }), { imageName: 'b' });
    expect(partial.codes).toContain('name-unverified:unknown');
    expect(partial.messages.at(-1)).toContain('only the first 1 of 1500 custom image names were read');
  });

  it('a fact the API refused is could-not-verify, the others still judged', () => {
    const refused = {
      collectionError: {
        message: 'DescribeImageQuota: UnauthorizedOperation: not allowed',
        source: 'cvm:DescribeImageQuota',
        code: 'permission',
      },
    };
    const { codes, messages } = judged(cloudFacts({ imageQuota: refused }));
    expect(codes).toEqual(['instance-ok:pass', 'online-ok:info', 'quota-unverified:unknown']);
    expect(messages[2]).toBe(
      'could not read the custom image quota of ap-guangzhou: the credentials are not allowed to do this (CAM): DescribeImageQuota: UnauthorizedOperation: not allowed; the policy it needs is in docs/cloud.md',
    );
  });
});
