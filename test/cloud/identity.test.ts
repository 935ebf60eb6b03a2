// The instance's identity from the metadata service, and what happens when the service is missing,
// incomplete or hangs: a collectionError within the short deadline, never a wait.
import { afterEach, describe, expect, it } from 'vitest';
import { readInstanceIdentity } from '../../src/cloud/identity.js';
import { InstanceSchema } from '../../src/snapshot/schema.js';
import { startMetadataStandin, type MetadataStandin } from './standin/metadata-server.js';

let md: MetadataStandin | undefined;
afterEach(async () => {
  await md?.close();
  md = undefined;
});

const FULL = {
  'instance-id': 'ins-3g445roi',
  'placement/region': 'ap-guangzhou',
  'placement/zone': 'ap-guangzhou-3',
  'local-ipv4': '10.104.13.59',
  'instance/image-id': 'img-9id7emv7',
  'cam/security-credentials/': 'CVM_QcsRole',
};

describe('readInstanceIdentity', () => {
  it('reads the documented paths', async () => {
    md = await startMetadataStandin(FULL);
    const identity = await readInstanceIdentity({ baseUrl: md.baseUrl });
    expect(InstanceSchema.safeParse(identity).success).toBe(true);
    expect(identity).toEqual({
      instanceId: 'ins-3g445roi',
      region: 'ap-guangzhou',
      zone: 'ap-guangzhou-3',
      localIpv4: '10.104.13.59',
      imageId: 'img-9id7emv7',
      camRoleName: 'CVM_QcsRole',
      source: 'metadata',
    });
  });

  it('leaves optional facts null when the service does not have them (no role bound)', async () => {
    md = await startMetadataStandin({ 'instance-id': 'ins-3g445roi', 'placement/region': 'ap-guangzhou' });
    expect(await readInstanceIdentity({ baseUrl: md.baseUrl })).toMatchObject({
      instanceId: 'ins-3g445roi',
      zone: null,
      imageId: null,
      camRoleName: null,
    });
  });

  it('is a collectionError when the instance ID is missing', async () => {
    md = await startMetadataStandin({ 'placement/region': 'ap-guangzhou' });
    expect(await readInstanceIdentity({ baseUrl: md.baseUrl })).toMatchObject({
      collectionError: { source: 'metadata', code: 'not-found' },
    });
  });

  it('gives up on a hanging service within its deadline', async () => {
    md = await startMetadataStandin({ 'instance-id': { hang: true }, 'placement/region': 'ap-guangzhou' });
    const started = Date.now();
    const id = await readInstanceIdentity({ baseUrl: md.baseUrl, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(id).toMatchObject({ collectionError: { code: 'timeout' } });
  });

  it('is a network collectionError when nothing listens', async () => {
    md = await startMetadataStandin({});
    const url = md.baseUrl;
    await md.close();
    md = undefined;
    expect(await readInstanceIdentity({ baseUrl: url })).toMatchObject({ collectionError: { code: 'network' } });
  });

  it('keeps the required facts when an optional path hangs', async () => {
    md = await startMetadataStandin({ ...FULL, 'instance/image-id': { hang: true } });
    expect(await readInstanceIdentity({ baseUrl: md.baseUrl, timeoutMs: 300 })).toMatchObject({
      instanceId: 'ins-3g445roi',
      imageId: null,
      zone: 'ap-guangzhou-3',
    });
  });
});
