// Capturing the image: CreateImage, always asked first with DryRun (the API checks permission,
// quota, name and instance without doing anything, and answers DryRunOperation when the real call
// would be accepted), then for real; and waiting for the image with DescribeImages until it is
// NORMAL or has failed. States (DescribeImages ImageState): CREATING, NORMAL, CREATEFAILED, SYNCING,
// IMPORTING, IMPORTFAILED, and USING in older references.
import type { CloudApi } from './api.js';
import { CloudError, isCloudError } from './errors.js';
import { charCount, IMAGE_DESCRIPTION_MAX_CHARS, IMAGE_NAME_MAX_CHARS } from './limits.js';
import { abortableSleep } from './retry.js';
import { CreateImageSchema, DescribeImagesSchema, type ApiImage } from './schemas.js';

export interface CreateImageRequest {
  instanceId: string;
  name: string;
  description?: string;
  /** Windows: run Sysprep before capturing (CreateImage Sysprep). */
  sysprep?: boolean;
  /** Shut the instance down (forcibly if a soft shutdown fails) before capturing (CreateImage ForcePoweroff). */
  forcePoweroff?: boolean;
  /** Data disks to include, making a whole-machine image. */
  dataDiskIds?: string[];
  /** Only the DryRun call. */
  dryRun?: boolean;
}

export type CreateImageResult = { dryRun: true; requestId: string | null } | { dryRun: false; imageId: string; requestId: string | null };

export const IMAGE_DONE_STATES = ['NORMAL', 'USING'] as const;
export const IMAGE_FAILED_STATES = ['CREATEFAILED', 'IMPORTFAILED'] as const;
export const IMAGE_PENDING_STATES = ['CREATING', 'SYNCING', 'IMPORTING'] as const;

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The documented limits, checked before any call: the API would refuse the same later. */
export function validateCreateImage(req: CreateImageRequest): void {
  const bad = (message: string) => new CloudError('invalid-parameter', message, { action: 'CreateImage' });
  if (!/^ins-[a-z0-9]+$/i.test(req.instanceId)) throw bad(`"${req.instanceId}" is not an instance ID (ins-xxxxxxxx)`);
  const name = req.name.trim();
  if (name === '') throw bad('the image name is empty');
  if (charCount(req.name) > IMAGE_NAME_MAX_CHARS)
    throw bad(`the image name has ${charCount(req.name)} characters; CreateImage allows at most ${IMAGE_NAME_MAX_CHARS}`);
  if (CONTROL.test(req.name)) throw bad('the image name contains a control character');
  if (req.description !== undefined) {
    if (charCount(req.description) > IMAGE_DESCRIPTION_MAX_CHARS)
      throw bad(
        `the image description has ${charCount(req.description)} characters; CreateImage allows at most ${IMAGE_DESCRIPTION_MAX_CHARS}`,
      );
    if (CONTROL.test(req.description)) throw bad('the image description contains a control character');
  }
  for (const id of req.dataDiskIds ?? []) if (!/^disk-[a-z0-9]+$/i.test(id)) throw bad(`"${id}" is not a cloud disk ID (disk-xxxxxxxx)`);
}

export function createImageParams(req: CreateImageRequest, dryRun: boolean): Record<string, unknown> {
  const params: Record<string, unknown> = { InstanceId: req.instanceId, ImageName: req.name };
  if (req.description !== undefined) params.ImageDescription = req.description;
  // Both are String parameters taking "true"/"false".
  if (req.forcePoweroff !== undefined) params.ForcePoweroff = String(req.forcePoweroff);
  if (req.sysprep !== undefined) params.Sysprep = String(req.sysprep);
  if (req.dataDiskIds && req.dataDiskIds.length > 0) params.DataDiskIds = req.dataDiskIds;
  if (dryRun) params.DryRun = true;
  return params;
}

export async function createImage(api: CloudApi, req: CreateImageRequest, opts: { signal?: AbortSignal } = {}): Promise<CreateImageResult> {
  validateCreateImage(req);
  let dryRequestId: string | null;
  try {
    const r = await api.call('cvm', 'CreateImage', createImageParams(req, true), CreateImageSchema, {
      signal: opts.signal,
      throttledOnly: true,
    });
    // Some APIs answer a dry run with success instead of DryRunOperation; nothing was created either way.
    dryRequestId = r.RequestId ?? null;
  } catch (err) {
    if (!(isCloudError(err) && err.code === 'DryRunOperation')) throw err;
    dryRequestId = err.requestId ?? null;
  }
  if (req.dryRun) return { dryRun: true, requestId: dryRequestId };
  return requestImage(api, req, opts);
}

/**
 * The real CreateImage alone, for a caller that ran the dry run itself (and wants to tell a refusal of
 * the dry run from a failure of the real call, which may have created the image).
 */
export async function requestImage(
  api: CloudApi,
  req: CreateImageRequest,
  opts: { signal?: AbortSignal } = {},
): Promise<CreateImageResult & { dryRun: false }> {
  validateCreateImage(req);
  const r = await api.call('cvm', 'CreateImage', createImageParams(req, false), CreateImageSchema, {
    signal: opts.signal,
    throttledOnly: true,
  });
  if (!r.ImageId)
    throw new CloudError('service', 'CreateImage: the answer has no ImageId', {
      code: 'BadResponse',
      action: 'CreateImage',
      requestId: r.RequestId ?? undefined,
    });
  return { dryRun: false, imageId: r.ImageId, requestId: r.RequestId ?? null };
}

/**
 * Whether a failed CreateImage may still have created the image: the API did not answer with an error
 * code (a dropped connection, no answer in time, an HTTP error, an unreadable answer), so it may have
 * carried the request out. An API error code means it refused.
 */
export function mayHaveCreated(err: CloudError): boolean {
  if (err.code && err.code !== 'BadResponse') return false;
  return err.kind === 'network' || err.kind === 'timeout' || err.kind === 'service' || err.kind === 'aborted';
}

/** The account's custom images with exactly this name in the region (DescribeImages, image-name filter). */
export async function findPrivateImagesByName(api: CloudApi, name: string, signal?: AbortSignal): Promise<ApiImage[]> {
  const r = await api.call(
    'cvm',
    'DescribeImages',
    {
      Filters: [
        { Name: 'image-type', Values: ['PRIVATE_IMAGE'] },
        { Name: 'image-name', Values: [name] },
      ],
      Limit: 100,
    },
    DescribeImagesSchema,
    { signal },
  );
  // The filter is documented as a match by name; keep exact matches only.
  return (r.ImageSet ?? []).filter((i) => i.ImageName === name);
}

export interface ImageProgress {
  imageId: string;
  /** null while DescribeImages does not list the image yet. */
  state: string | null;
  elapsedMs: number;
}

export interface WaitForImageOptions {
  timeoutMs: number;
  /** First interval between polls (default 5 s); it grows by half each time up to `maxPollMs`. */
  pollMs?: number;
  maxPollMs?: number;
  /** How long an image may stay unlisted after CreateImage before it counts as lost (default 60 s). */
  notListedGraceMs?: number;
  onProgress?: (p: ImageProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface ImageReady {
  imageId: string;
  state: string;
  elapsedMs: number;
  image: ApiImage;
}

export async function waitForImage(api: CloudApi, imageId: string, opts: WaitForImageOptions): Promise<ImageReady> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? abortableSleep;
  const started = now();
  const maxPoll = opts.maxPollMs ?? 30_000;
  const grace = opts.notListedGraceMs ?? 60_000;
  let interval = opts.pollMs ?? 5000;
  let seen = false;
  for (;;) {
    const elapsedMs = now() - started;
    let image: ApiImage | undefined;
    let polled = false;
    try {
      const r = await api.call('cvm', 'DescribeImages', { ImageIds: [imageId] }, DescribeImagesSchema, { signal: opts.signal });
      image = r.ImageSet?.find((i) => i.ImageId === imageId);
      polled = true;
    } catch (err) {
      // A retryable failure that outlasted the call's own retries: keep waiting until the deadline.
      if (!(isCloudError(err) && err.retryable)) throw err;
    }
    if (polled) {
      const state = image?.ImageState ?? null;
      opts.onProgress?.({ imageId, state, elapsedMs });
      if (image && state) {
        seen = true;
        if ((IMAGE_DONE_STATES as readonly string[]).includes(state)) return { imageId, state, elapsedMs, image };
        if ((IMAGE_FAILED_STATES as readonly string[]).includes(state))
          throw new CloudError('image-failed', `image ${imageId} ended in state ${state}`, { action: 'DescribeImages' });
      } else if (seen) {
        throw new CloudError(
          'image-failed',
          `image ${imageId} disappeared while being created (creation failed and the image was removed)`,
          { action: 'DescribeImages' },
        );
      } else if (elapsedMs > grace) {
        throw new CloudError('image-failed', `image ${imageId} was never listed by DescribeImages`, { action: 'DescribeImages' });
      }
    }
    const left = opts.timeoutMs - (now() - started);
    if (left <= 0)
      throw new CloudError(
        'timeout',
        `image ${imageId} was still ${image?.ImageState ?? 'not listed'} after ${Math.round(opts.timeoutMs / 1000)} s`,
        { action: 'DescribeImages' },
      );
    await sleep(Math.min(interval, left), opts.signal);
    interval = Math.min(maxPoll, Math.round(interval * 1.5));
  }
}
