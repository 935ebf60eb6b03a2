// A stateful fake of the CVM actions image-preflight uses, behind the signature-checking stand-in:
// instances in one region, custom images with their states, the image quota, CreateImage with DryRun
// (DryRunOperation when the real call would pass), images that go CREATING → NORMAL or → CREATEFAILED,
// and per-action throttling or errors injected by a test.
import { API_ERROR, type ApiCall, type Handler, type HandlerResult } from './api-server.js';

export interface FakeDisk {
  DiskId: string;
  DiskType: string;
  DiskSize: number;
}

export interface FakeInstance {
  InstanceId: string;
  InstanceName?: string;
  InstanceState: string;
  OsName: string;
  ImageId?: string;
  SystemDisk?: FakeDisk;
  DataDisks?: FakeDisk[];
  Tags?: Array<{ Key: string; Value: string }>;
  Zone?: string;
  CreatedTime?: string;
  StopChargingMode?: string;
  LatestOperation?: string;
  LatestOperationState?: string;
}

export interface FakeImage {
  ImageId: string;
  ImageName: string;
  ImageType: 'PRIVATE_IMAGE' | 'PUBLIC_IMAGE' | 'SHARED_IMAGE';
  /** States shown on successive DescribeImages of this image; the last one stays. */
  states: string[];
  polls: number;
}

export interface CvmFake {
  region: string;
  knownRegions: Set<string>;
  instances: Map<string, FakeInstance>;
  images: FakeImage[];
  /** Images of other owners (Tencent's public ones): found by ID, never listed as the account's own. */
  publicImages: FakeImage[];
  quota: number;
  /** States a new image goes through, one per DescribeImages. */
  newImageStates: string[];
  /** Answer RequestLimitExceeded to the next N calls of an action. */
  throttle: Map<string, number>;
  /** A fixed answer for an action, instead of the fake's own. */
  override: Map<string, HandlerResult>;
  handler: Handler;
}

export function windowsInstance(id: string, extra: Partial<FakeInstance> = {}): FakeInstance {
  return {
    InstanceId: id,
    InstanceName: `win-${id}`,
    InstanceState: 'RUNNING',
    OsName: 'Windows Server 2019 数据中心版 64位中文版',
    ImageId: 'img-9id7emv7',
    SystemDisk: { DiskId: `disk-sys${id.slice(4)}`, DiskType: 'CLOUD_PREMIUM', DiskSize: 50 },
    DataDisks: [],
    Zone: 'ap-guangzhou-3',
    CreatedTime: '2024-03-18T06:12:40Z',
    StopChargingMode: 'NOT_APPLICABLE',
    ...extra,
  };
}

/** The public image windowsInstance() is made from (DescribeImages by ID finds it; it counts against no quota). */
export const PUBLIC_WINDOWS_IMAGE = {
  ImageId: 'img-9id7emv7',
  ImageName: 'Windows Server 2019 数据中心版 64位中文版',
  ImageType: 'PUBLIC_IMAGE' as const,
};

function page<T>(items: T[], params: Record<string, unknown>, max: number): T[] | HandlerResult {
  const offset = typeof params.Offset === 'number' ? params.Offset : 0;
  const limit = typeof params.Limit === 'number' ? params.Limit : 20;
  if (limit > max) return API_ERROR('InvalidParameterValue.LimitExceeded', `Limit must be at most ${max}`);
  return items.slice(offset, offset + limit);
}

function filters(params: Record<string, unknown>): Array<{ Name: string; Values: string[] }> {
  const raw = params.Filters;
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((f: unknown) => {
    if (typeof f !== 'object' || f === null) return [];
    const rec = f as Record<string, unknown>;
    const values = Array.isArray(rec.Values) ? rec.Values.filter((v): v is string => typeof v === 'string') : [];
    return typeof rec.Name === 'string' ? [{ Name: rec.Name, Values: values }] : [];
  });
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;
}

export function cvmFake(
  init: {
    region?: string;
    instances?: FakeInstance[];
    images?: Array<Omit<FakeImage, 'polls' | 'states'> & { state?: string }>;
    quota?: number;
  } = {},
): CvmFake {
  let created = 0;
  const fake: CvmFake = {
    region: init.region ?? 'ap-guangzhou',
    knownRegions: new Set(['ap-guangzhou', 'ap-shanghai', 'ap-beijing', 'ap-singapore']),
    instances: new Map((init.instances ?? []).map((i) => [i.InstanceId, i])),
    images: (init.images ?? []).map((i) => ({ ...i, states: [i.state ?? 'NORMAL'], polls: 0 })),
    publicImages: [{ ...PUBLIC_WINDOWS_IMAGE, states: ['NORMAL'], polls: 0 }],
    quota: init.quota ?? 500,
    newImageStates: ['CREATING', 'CREATING', 'NORMAL'],
    throttle: new Map(),
    override: new Map(),
    handler: (call) => answer(call),
  };

  const instanceJson = (i: FakeInstance) => ({
    InstanceId: i.InstanceId,
    InstanceName: i.InstanceName ?? null,
    InstanceState: i.InstanceState,
    OsName: i.OsName,
    ImageId: i.ImageId ?? null,
    SystemDisk: i.SystemDisk ?? null,
    DataDisks: i.DataDisks ?? null,
    Placement: { Zone: i.Zone ?? `${fake.region}-3`, ProjectId: 0 },
    Tags: i.Tags ?? [],
    RestrictState: 'NORMAL',
    LatestOperation: i.LatestOperation ?? null,
    LatestOperationState: i.LatestOperationState ?? null,
    CamRoleName: null,
    PrivateIpAddresses: ['10.0.0.8'],
    CreatedTime: i.CreatedTime ?? '2024-03-18T06:12:40Z',
    StopChargingMode: i.StopChargingMode ?? 'NOT_APPLICABLE',
  });

  const imageJson = (img: FakeImage) => ({
    ImageId: img.ImageId,
    ImageName: img.ImageName,
    ImageType: img.ImageType,
    ImageState: img.states[Math.min(img.polls, img.states.length - 1)],
    OsName: 'Windows Server 2019',
    Platform: 'Windows',
    ImageSize: 50,
    CreatedTime: '2026-11-25T08:00:00Z',
  });

  function answer(call: ApiCall): HandlerResult {
    const throttled = fake.throttle.get(call.action) ?? 0;
    if (throttled > 0) {
      fake.throttle.set(call.action, throttled - 1);
      return API_ERROR(
        'RequestLimitExceeded',
        'Your current request times equals to `20` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.',
      );
    }
    const fixed = fake.override.get(call.action);
    if (fixed) return fixed;
    if (!call.region || !fake.knownRegions.has(call.region))
      return API_ERROR('UnsupportedRegion', `The region \`${call.region ?? ''}\` is not supported by this API.`);
    const here = call.region === fake.region;
    const p = call.params;
    switch (call.action) {
      case 'DescribeInstances': {
        const ids = strings(p.InstanceIds);
        if (ids && ids.length > 100) return API_ERROR('InvalidParameterValue.LimitExceeded', 'at most 100 InstanceIds');
        let list = here ? [...fake.instances.values()] : [];
        if (ids) list = list.filter((i) => ids.includes(i.InstanceId));
        for (const f of filters(p)) {
          if (f.Name.startsWith('tag:')) {
            const key = f.Name.slice(4);
            list = list.filter((i) => (i.Tags ?? []).some((t) => t.Key === key && f.Values.includes(t.Value)));
          } else {
            return API_ERROR('InvalidFilter', `filter ${f.Name} is not supported by the fake`);
          }
        }
        const got = page(list, ids ? { ...p, Limit: p.Limit ?? 100 } : p, 100);
        if (!Array.isArray(got)) return got;
        return { ok: { TotalCount: list.length, InstanceSet: got.map(instanceJson) } };
      }
      case 'DescribeImageQuota':
        return { ok: { ImageNumQuota: fake.quota } };
      case 'DescribeImages': {
        const ids = strings(p.ImageIds);
        if (ids) {
          if (p.Filters !== undefined)
            return API_ERROR('InvalidParameterValue.InvalidParameterValueLimit', 'ImageIds and Filters cannot both be given');
          const found = [...fake.images, ...fake.publicImages].filter((i) => ids.includes(i.ImageId));
          const set = found.map((img) => {
            const json = imageJson(img);
            img.polls++;
            return json;
          });
          return { ok: { TotalCount: set.length, ImageSet: set } };
        }
        let list = here ? fake.images : [];
        for (const f of filters(p)) {
          if (f.Name === 'image-type') list = list.filter((i) => f.Values.includes(i.ImageType));
          // Documented as matching by name; the fake matches whole names.
          else if (f.Name === 'image-name') list = list.filter((i) => f.Values.includes(i.ImageName));
          else return API_ERROR('InvalidFilter', `filter ${f.Name} is not supported by the fake`);
        }
        const got = page(list, p, 100);
        if (!Array.isArray(got)) return got;
        return { ok: { TotalCount: list.length, ImageSet: got.map(imageJson) } };
      }
      case 'CreateImage': {
        const id = typeof p.InstanceId === 'string' ? p.InstanceId : '';
        const name = typeof p.ImageName === 'string' ? p.ImageName : '';
        if (!here || !fake.instances.has(id)) return API_ERROR('InvalidInstanceId.NotFound', `The instance \`${id}\` is not found.`);
        if ([...name].length > 60) return API_ERROR('InvalidParameter.ValueTooLarge', 'ImageName is too long');
        if (fake.images.some((i) => i.ImageName === name))
          return API_ERROR('InvalidImageName.Duplicate', 'The specified image name already exists.');
        const privateCount = fake.images.filter((i) => i.ImageType === 'PRIVATE_IMAGE').length;
        if (privateCount >= fake.quota)
          return API_ERROR(
            'ImageQuotaLimitExceeded',
            `FailedOperation: Failed to create image as the number of image ${privateCount} cannot exceed the quota for image ${fake.quota}`,
          );
        if (p.DryRun === true)
          return API_ERROR(
            'DryRunOperation',
            'DryRun Operation. It means that the request would have succeeded, but the DryRun parameter was used.',
          );
        created++;
        const image: FakeImage = {
          ImageId: `img-new${created}`,
          ImageName: name,
          ImageType: 'PRIVATE_IMAGE',
          states: [...fake.newImageStates],
          polls: 0,
        };
        fake.images.push(image);
        return { ok: { ImageId: image.ImageId } };
      }
      default:
        return API_ERROR('InvalidAction', `The action ${call.action} is not supported by the fake`);
    }
  }
  return fake;
}
