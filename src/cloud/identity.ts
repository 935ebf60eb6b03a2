// Who this machine is, from the metadata service: the facts for the snapshot's `instance` group.
// Paths from Tencent's 实例元数据 / "Viewing Instance Metadata" table (docs/cloud.md). The required
// ones (instance-id, placement/region) are read first; if they fail the group is a collectionError
// like any other fact group, so `check` says "could not verify" instead of guessing.
import { CloudError, isCloudError } from './errors.js';
import { metadataClient, type MetadataOptions } from './metadata.js';

export const IDENTITY_PATHS = {
  instanceId: 'instance-id',
  region: 'placement/region',
  zone: 'placement/zone',
  localIpv4: 'local-ipv4',
  /** Listed as "/instance/image-id" in the metadata table (version 2017-09-19). */
  imageId: 'instance/image-id',
  camRoles: 'cam/security-credentials/',
} as const;

export interface InstanceIdentity {
  instanceId: string;
  region: string;
  zone: string | null;
  localIpv4: string | null;
  imageId: string | null;
  /** The CAM role bound to the instance, or null when none is. */
  camRoleName: string | null;
  source: 'metadata';
}

/** The snapshot's shape for a group that could not be collected. */
export interface CloudCollectionError {
  collectionError: {
    message: string;
    source: string;
    /** auth | permission | not-found | throttled | quota | region | network | timeout | service | ... */
    code: string;
  };
}

export function cloudCollectionError(source: string, err: unknown): CloudCollectionError {
  const e = isCloudError(err) ? err : new CloudError('service', String(err));
  return { collectionError: { message: e.message, source, code: e.kind } };
}

export function isCloudCollectionError(value: unknown): value is CloudCollectionError {
  return typeof value === 'object' && value !== null && 'collectionError' in value;
}

export async function readInstanceIdentity(opts: MetadataOptions = {}): Promise<InstanceIdentity | CloudCollectionError> {
  const md = metadataClient(opts);
  const line = (v: string | null) => {
    const t = v?.split(/\r?\n/)[0]?.trim();
    return t ? t : null;
  };
  try {
    const [instanceId, region] = await Promise.all([md.get(IDENTITY_PATHS.instanceId), md.get(IDENTITY_PATHS.region)]);
    const id = line(instanceId);
    const reg = line(region);
    if (!id || !reg)
      throw new CloudError(
        'not-found',
        `metadata service at ${md.baseUrl} has no ${id ? IDENTITY_PATHS.region : IDENTITY_PATHS.instanceId}`,
      );
    // The optional ones: a 404 or a slow answer leaves null, the required facts stand.
    const optional = (path: string) => md.get(path).then(line, () => null);
    const [zone, localIpv4, imageId, roles] = await Promise.all([
      optional(IDENTITY_PATHS.zone),
      optional(IDENTITY_PATHS.localIpv4),
      optional(IDENTITY_PATHS.imageId),
      optional(IDENTITY_PATHS.camRoles),
    ]);
    return {
      instanceId: id,
      region: reg,
      zone,
      localIpv4,
      imageId,
      camRoleName: roles ? roles.replace(/\/$/, '') : null,
      source: 'metadata',
    };
  } catch (err) {
    return cloudCollectionError('metadata', err);
  }
}
