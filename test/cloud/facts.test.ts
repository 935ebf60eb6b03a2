// Cloud facts through the real SDK against the signature-checking CVM stand-in: the instance, the
// quota and the custom images; an unknown instance, a wrong region and a refused permission each
// land on their own fact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectCloudFacts } from '../../src/cloud/facts.js';
import { CloudFactsSchema } from '../../src/cloud/snapshot-schema.js';
import { API_ERROR } from './standin/api-server.js';
import { cvmFake, windowsInstance } from './standin/cvm.js';
import { expectNoSecretsIn, startCloud, type Cloud } from './standin/harness.js';

let cloud: Cloud;
beforeEach(async () => {
  const images: Array<{ ImageId: string; ImageName: string; ImageType: 'PRIVATE_IMAGE' | 'PUBLIC_IMAGE' }> = Array.from(
    { length: 150 },
    (_, i) => ({ ImageId: `img-p${i}`, ImageName: `golden-${i}`, ImageType: 'PRIVATE_IMAGE' }),
  );
  images.push({ ImageId: 'img-pub', ImageName: 'Windows Server 2019', ImageType: 'PUBLIC_IMAGE' });
  cloud = await startCloud({
    cvm: cvmFake({
      instances: [windowsInstance('ins-facts001', { DataDisks: [{ DiskId: 'disk-data0001', DiskType: 'CLOUD_SSD', DiskSize: 200 }] })],
      images,
      quota: 500,
    }),
  });
});
afterEach(async () => {
  cloud.assertSigned();
  await cloud.close();
});

describe('collectCloudFacts', () => {
  it('reads the instance, the image quota and every custom image name (paged)', async () => {
    const api = await cloud.api();
    const facts = await collectCloudFacts(api, { instanceId: 'ins-facts001', now: () => new Date('2026-11-25T00:00:00Z') });
    expect(facts).toEqual({
      region: 'ap-guangzhou',
      collectedAt: '2026-11-25T00:00:00.000Z',
      instance: {
        instanceId: 'ins-facts001',
        exists: true,
        state: 'RUNNING',
        name: 'win-ins-facts001',
        osName: 'Windows Server 2019 数据中心版 64位中文版',
        imageId: 'img-9id7emv7',
        zone: 'ap-guangzhou-3',
        systemDisk: { diskId: 'disk-sysfacts001', type: 'CLOUD_PREMIUM', sizeGiB: 50 },
        dataDisks: [{ diskId: 'disk-data0001', type: 'CLOUD_SSD', sizeGiB: 200 }],
        latestOperation: null,
        latestOperationState: null,
        restrictState: 'NORMAL',
        camRoleName: null,
        createdTime: '2024-03-18T06:12:40Z',
        stopChargingMode: 'NOT_APPLICABLE',
      },
      imageQuota: { imageNumQuota: 500 },
      privateImages: { count: 150, names: Array.from({ length: 150 }, (_, i) => `golden-${i}`), namesComplete: true },
      sourceImage: {
        imageId: 'img-9id7emv7',
        found: true,
        imageType: 'PUBLIC_IMAGE',
        imageName: 'Windows Server 2019 数据中心版 64位中文版',
      },
    });
    // Two pages of custom images, and the instance's own image by ID.
    expect(cloud.cvm.calls.filter((c) => c.action === 'DescribeImages')).toHaveLength(3);
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts);
    expect(CloudFactsSchema.safeParse(facts).success).toBe(true);
  });

  it('says the instance does not exist in the region', async () => {
    const facts = await collectCloudFacts(await cloud.api(), { instanceId: 'ins-missing1' });
    expect(facts.instance).toEqual({ instanceId: 'ins-missing1', exists: false });
    expect(facts.sourceImage).toBeNull();
  });

  it('says when the image the instance was made from is gone', async () => {
    cloud.cvmFake.instances.set('ins-facts002', windowsInstance('ins-facts002', { ImageId: 'img-deleted1' }));
    const facts = await collectCloudFacts(await cloud.api(), { instanceId: 'ins-facts002' });
    expect(facts.sourceImage).toEqual({ imageId: 'img-deleted1', found: false, imageType: null, imageName: null });
  });

  it('treats InvalidInstanceId.NotFound as "does not exist"', async () => {
    cloud.cvmFake.override.set('DescribeInstances', API_ERROR('InvalidInstanceId.NotFound', 'The instance is not found.'));
    const facts = await collectCloudFacts(await cloud.api(), { instanceId: 'ins-facts001' });
    expect(facts.instance).toEqual({ instanceId: 'ins-facts001', exists: false });
  });

  it('makes a wrong region a region error on every fact', async () => {
    const facts = await collectCloudFacts(await cloud.api({ region: 'ap-nowhere' }), { instanceId: 'ins-facts001' });
    for (const f of [facts.instance, facts.imageQuota, facts.privateImages])
      expect(f).toMatchObject({ collectionError: { code: 'region', message: expect.stringContaining('UnsupportedRegion') } });
    expect(facts.sourceImage).toBeNull();
  });

  it('loses only the fact whose permission is refused', async () => {
    cloud.cvmFake.override.set(
      'DescribeImageQuota',
      API_ERROR('UnauthorizedOperation', 'you are not authorized to perform operation (cvm:DescribeImageQuota)'),
    );
    const facts = await collectCloudFacts(await cloud.api(), { instanceId: 'ins-facts001' });
    expect(facts.imageQuota).toMatchObject({ collectionError: { source: 'cvm:DescribeImageQuota', code: 'permission' } });
    expect(facts.instance).toMatchObject({ exists: true });
    expect(facts.privateImages).toMatchObject({ count: 150 });
    expectNoSecretsIn(JSON.stringify(facts));
    expect(CloudFactsSchema.safeParse(facts).success).toBe(true);
  });
});
