// CreateImage (DryRun first) and waiting for the image, through the real SDK: a dry run creates
// nothing, a capture that ends NORMAL, one that ends CREATEFAILED, the documented limits checked
// before any call, and the printed tccli command.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImage, waitForImage, type ImageProgress } from '../../src/cloud/image.js';
import { quoteForCmd, quoteForPowerShell, tccliCreateImageCommand } from '../../src/cloud/tccli.js';
import { cvmFake, windowsInstance } from './standin/cvm.js';
import { startCloud, type Cloud } from './standin/harness.js';

let cloud: Cloud;
beforeEach(async () => {
  cloud = await startCloud({
    cvm: cvmFake({
      instances: [windowsInstance('ins-img00001')],
      images: [{ ImageId: 'img-old', ImageName: 'golden-1', ImageType: 'PRIVATE_IMAGE' }],
      quota: 10,
    }),
  });
});
afterEach(async () => {
  cloud.assertSigned();
  await cloud.close();
});

const fastWait = { timeoutMs: 5000, pollMs: 1, maxPollMs: 5 };

describe('createImage', () => {
  it('dry run: asks CreateImage with DryRun and creates nothing', async () => {
    const r = await createImage(await cloud.api(), { instanceId: 'ins-img00001', name: 'golden-2', dryRun: true, sysprep: true });
    expect(r).toMatchObject({ dryRun: true });
    const calls = cloud.cvm.calls.filter((c) => c.action === 'CreateImage');
    expect(calls.map((c) => c.params)).toEqual([{ InstanceId: 'ins-img00001', ImageName: 'golden-2', Sysprep: 'true', DryRun: true }]);
    expect(cloud.cvmFake.images).toHaveLength(1);
  });

  it('runs the dry run first, then the capture, and waits until NORMAL', async () => {
    const api = await cloud.api();
    const r = await createImage(api, {
      instanceId: 'ins-img00001',
      name: 'golden-2',
      description: 'before the upgrade',
      forcePoweroff: true,
    });
    expect(r).toEqual({ dryRun: false, imageId: 'img-new1', requestId: expect.any(String) });
    expect(cloud.cvm.calls.filter((c) => c.action === 'CreateImage').map((c) => c.params.DryRun ?? false)).toEqual([true, false]);
    const seen: ImageProgress[] = [];
    const ready = await waitForImage(api, 'img-new1', { ...fastWait, onProgress: (p) => seen.push(p) });
    expect(ready).toMatchObject({ imageId: 'img-new1', state: 'NORMAL' });
    expect(seen.map((p) => p.state)).toEqual(['CREATING', 'CREATING', 'NORMAL']);
  });

  it('reports a capture that ends CREATEFAILED', async () => {
    cloud.cvmFake.newImageStates = ['CREATING', 'CREATEFAILED'];
    const api = await cloud.api();
    const r = await createImage(api, { instanceId: 'ins-img00001', name: 'golden-3' });
    if (r.dryRun) throw new Error('expected an image');
    await expect(waitForImage(api, r.imageId, fastWait)).rejects.toMatchObject({
      kind: 'image-failed',
      message: expect.stringContaining('CREATEFAILED'),
    });
  });

  it('times out while the image is still CREATING', async () => {
    cloud.cvmFake.newImageStates = ['CREATING'];
    const api = await cloud.api();
    const r = await createImage(api, { instanceId: 'ins-img00001', name: 'golden-4' });
    if (r.dryRun) throw new Error('expected an image');
    await expect(waitForImage(api, r.imageId, { timeoutMs: 50, pollMs: 5 })).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringContaining('CREATING'),
    });
  });

  it('stops at the dry run when the name is taken or the quota is full', async () => {
    const api = await cloud.api();
    await expect(createImage(api, { instanceId: 'ins-img00001', name: 'golden-1' })).rejects.toMatchObject({
      kind: 'invalid-parameter',
      code: 'InvalidImageName.Duplicate',
    });
    cloud.cvmFake.quota = 1;
    await expect(createImage(api, { instanceId: 'ins-img00001', name: 'golden-9' })).rejects.toMatchObject({
      kind: 'quota',
      code: 'ImageQuotaLimitExceeded',
    });
    expect(cloud.cvm.calls.filter((c) => c.action === 'CreateImage').every((c) => c.params.DryRun === true)).toBe(true);
  });

  it('checks the documented limits before any call', async () => {
    const api = await cloud.api();
    await expect(createImage(api, { instanceId: 'ins-img00001', name: 'n'.repeat(61) })).rejects.toMatchObject({
      kind: 'invalid-parameter',
      message: expect.stringContaining('at most 60'),
    });
    await expect(createImage(api, { instanceId: 'ins-img00001', name: 'ok', description: 'd'.repeat(257) })).rejects.toMatchObject({
      message: expect.stringContaining('at most 256'),
    });
    // 60 Chinese characters are 60 characters, not 180 bytes.
    await expect(createImage(api, { instanceId: 'ins-img00001', name: '镜'.repeat(60), dryRun: true })).resolves.toMatchObject({
      dryRun: true,
    });
    expect(cloud.cvm.calls.filter((c) => c.action === 'CreateImage')).toHaveLength(1);
  });
});

describe('tccli command', () => {
  const req = {
    region: 'ap-guangzhou',
    instanceId: 'ins-img00001',
    name: 'golden 2026 "Q4" & 100%',
    description: "it's ready",
    sysprep: true,
    forcePoweroff: false,
    dataDiskIds: ['disk-a1', 'disk-b2'],
    dryRun: true,
  };

  it('prints the cmd form with every metacharacter escaped', () => {
    expect(tccliCreateImageCommand(req, 'cmd')).toBe(
      'tccli cvm CreateImage --cli-unfold-argument --region ap-guangzhou --InstanceId ins-img00001 ' +
        '--ImageName ^"golden 2026 \\^"Q4\\^" ^& 100^%^" --ImageDescription ^"it\'s ready^" --ForcePoweroff false --Sysprep true --DataDiskIds disk-a1 disk-b2 --DryRun True',
    );
  });

  it('prints the PowerShell form with single-quoted literals', () => {
    expect(tccliCreateImageCommand({ ...req, name: 'golden 2026 & 100%' }, 'powershell')).toBe(
      "tccli cvm CreateImage --cli-unfold-argument --region ap-guangzhou --InstanceId ins-img00001 --ImageName 'golden 2026 & 100%' --ImageDescription 'it''s ready' --ForcePoweroff false --Sysprep true --DataDiskIds disk-a1 disk-b2 --DryRun True",
    );
    expect(() => tccliCreateImageCommand(req, 'powershell')).toThrow(/double quote/);
  });

  it('quotes for the Windows argument parser', () => {
    expect(quoteForCmd('a\\b')).toBe('^"a\\b^"');
    expect(quoteForCmd('ends\\')).toBe('^"ends\\\\^"');
    expect(quoteForCmd('%PATH%')).toBe('^"^%PATH^%^"');
    expect(quoteForPowerShell('\u2019quote')).toBe("'\u2019\u2019quote'");
    expect(() => quoteForCmd('two\nlines')).toThrow(/control character/);
  });
});
