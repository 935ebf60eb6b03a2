// The cloud side of a capture, as plain facts for checks to judge later: does the instance exist in
// this region and in what state, its disks, the region's custom-image quota and the custom images
// already there (their count against the quota, their names against a planned name). Three reads,
// each its own fact or its own collectionError, so one refused permission loses one fact.
import type { CloudApi } from './api.js';
import { isCloudError } from './errors.js';
import { cloudCollectionError, type CloudCollectionError } from './identity.js';
import { DESCRIBE_IMAGES_MAX } from './limits.js';
import { DescribeImageQuotaSchema, DescribeImagesSchema, DescribeInstancesSchema, type ApiInstance } from './schemas.js';

export interface DiskFacts {
  diskId: string | null;
  /** CLOUD_PREMIUM, CLOUD_SSD, CLOUD_BSSD, LOCAL_BASIC, ... */
  type: string | null;
  sizeGiB: number | null;
}

export type CloudInstanceFacts =
  | {
      instanceId: string;
      exists: true;
      /** PENDING, LAUNCH_FAILED, RUNNING, STOPPED, STARTING, STOPPING, REBOOTING, SHUTDOWN, TERMINATING. */
      state: string | null;
      name: string | null;
      osName: string | null;
      imageId: string | null;
      zone: string | null;
      systemDisk: DiskFacts | null;
      dataDisks: DiskFacts[];
      /** e.g. StopInstances with LatestOperationState OPERATING: an operation still under way. */
      latestOperation: string | null;
      latestOperationState: string | null;
      /** NORMAL, EXPIRED, PROTECTIVELY_ISOLATED. */
      restrictState: string | null;
      camRoleName: string | null;
      /** When the instance was created (ISO 8601, UTC). */
      createdTime: string | null;
      /** KEEP_CHARGING, STOP_CHARGING (a stopped instance that stopped billing cannot be imaged), NOT_APPLICABLE. */
      stopChargingMode: string | null;
    }
  | { instanceId: string; exists: false };

/** The image the instance was created from: whether it was a public image decides whether it can be imaged running. */
export interface SourceImageFacts {
  imageId: string;
  /** false when DescribeImages does not list it (deleted, or another account's that is no longer shared). */
  found: boolean;
  /** PUBLIC_IMAGE, PRIVATE_IMAGE, SHARED_IMAGE, ... */
  imageType: string | null;
  imageName: string | null;
}

export interface PrivateImageFacts {
  /** TotalCount of PRIVATE_IMAGE in the region. */
  count: number;
  /** Names read (all of them unless `namesComplete` is false). */
  names: string[];
  namesComplete: boolean;
}

export interface CloudFacts {
  region: string;
  collectedAt: string;
  instance: CloudInstanceFacts | CloudCollectionError;
  /** ImageNumQuota: how many custom images the account may keep in this region. */
  imageQuota: { imageNumQuota: number } | CloudCollectionError;
  privateImages: PrivateImageFacts | CloudCollectionError;
  /** null when the instance is unknown or names no image. */
  sourceImage: SourceImageFacts | CloudCollectionError | null;
}

export interface CloudFactsOptions {
  instanceId: string;
  signal?: AbortSignal;
  /** Stop reading names after this many (default 1000). */
  maxImageNames?: number;
  now?: () => Date;
}

export async function collectCloudFacts(api: CloudApi, opts: CloudFactsOptions): Promise<CloudFacts> {
  const now = opts.now ?? (() => new Date());
  const [[instance, sourceImage], imageQuota, privateImages] = await Promise.all([
    describeInstance(api, opts.instanceId, opts.signal).then(
      async (i): Promise<[CloudInstanceFacts, CloudFacts['sourceImage']]> => [
        i,
        i.exists && i.imageId
          ? await describeSourceImage(api, i.imageId, opts.signal).catch((err: unknown) => cloudCollectionError('cvm:DescribeImages', err))
          : null,
      ],
      (err: unknown): [CloudCollectionError, null] => [cloudCollectionError('cvm:DescribeInstances', err), null],
    ),
    api
      .call('cvm', 'DescribeImageQuota', {}, DescribeImageQuotaSchema, { signal: opts.signal })
      .then((r) => ({ imageNumQuota: r.ImageNumQuota }))
      .catch((err: unknown) => cloudCollectionError('cvm:DescribeImageQuota', err)),
    listPrivateImages(api, opts.maxImageNames ?? 1000, opts.signal).catch((err: unknown) =>
      cloudCollectionError('cvm:DescribeImages', err),
    ),
  ]);
  return { region: api.region, collectedAt: now().toISOString(), instance, imageQuota, privateImages, sourceImage };
}

/** DescribeImages of one image by ID (public, shared and private images alike). */
export async function describeSourceImage(api: CloudApi, imageId: string, signal?: AbortSignal): Promise<SourceImageFacts> {
  const r = await api.call('cvm', 'DescribeImages', { ImageIds: [imageId] }, DescribeImagesSchema, { signal });
  const image = r.ImageSet?.find((i) => i.ImageId === imageId);
  return image
    ? { imageId, found: true, imageType: image.ImageType ?? null, imageName: image.ImageName ?? null }
    : { imageId, found: false, imageType: null, imageName: null };
}

export async function describeInstance(api: CloudApi, instanceId: string, signal?: AbortSignal): Promise<CloudInstanceFacts> {
  try {
    const r = await api.call('cvm', 'DescribeInstances', { InstanceIds: [instanceId] }, DescribeInstancesSchema, { signal });
    const found = r.InstanceSet?.find((i) => i.InstanceId === instanceId);
    return found ? instanceFacts(found) : { instanceId, exists: false };
  } catch (err) {
    // An id that is well formed but unknown in this region.
    if (isCloudError(err) && err.kind === 'not-found') return { instanceId, exists: false };
    throw err;
  }
}

export function instanceFacts(i: ApiInstance): CloudInstanceFacts {
  const disk = (d: { DiskId?: string | null; DiskType?: string | null; DiskSize?: number | null }): DiskFacts => ({
    diskId: d.DiskId ?? null,
    type: d.DiskType ?? null,
    sizeGiB: d.DiskSize ?? null,
  });
  return {
    instanceId: i.InstanceId,
    exists: true,
    state: i.InstanceState ?? null,
    name: i.InstanceName ?? null,
    osName: i.OsName ?? null,
    imageId: i.ImageId ?? null,
    zone: i.Placement?.Zone ?? null,
    systemDisk: i.SystemDisk ? disk(i.SystemDisk) : null,
    dataDisks: (i.DataDisks ?? []).map(disk),
    latestOperation: i.LatestOperation ?? null,
    latestOperationState: i.LatestOperationState ?? null,
    restrictState: i.RestrictState ?? null,
    camRoleName: i.CamRoleName ?? null,
    createdTime: i.CreatedTime ?? null,
    stopChargingMode: i.StopChargingMode ?? null,
  };
}

/** DescribeImages with image-type PRIVATE_IMAGE, page by page (100 at most each). */
export async function listPrivateImages(api: CloudApi, maxNames: number, signal?: AbortSignal): Promise<PrivateImageFacts> {
  const names: string[] = [];
  for (let offset = 0; ; offset += DESCRIBE_IMAGES_MAX) {
    const r = await api.call(
      'cvm',
      'DescribeImages',
      { Filters: [{ Name: 'image-type', Values: ['PRIVATE_IMAGE'] }], Offset: offset, Limit: DESCRIBE_IMAGES_MAX },
      DescribeImagesSchema,
      { signal },
    );
    const count = r.TotalCount;
    const page = r.ImageSet ?? [];
    for (const image of page) if (image.ImageName) names.push(image.ImageName);
    const done = page.length === 0 || offset + page.length >= count;
    if (done) return { count, names, namesComplete: true };
    if (names.length >= maxNames) return { count, names, namesComplete: false };
  }
}
