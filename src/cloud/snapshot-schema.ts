// zod schemas for the two new snapshot fact groups, for the snapshot schema to take in: `instance`
// (readInstanceIdentity) and `cloud` (collectCloudFacts). Loose objects like every other group, so a
// newer collector's extra fields pass; each part may be a collectionError instead.
import * as z from 'zod';

const CloudCollectionErrorSchema = z.looseObject({
  collectionError: z.looseObject({ message: z.string(), source: z.string().optional(), code: z.string().optional() }),
});
const nullableString = z.string().nullable();

export const InstanceIdentitySchema = z.looseObject({
  instanceId: z.string(),
  region: z.string(),
  zone: nullableString,
  localIpv4: nullableString,
  imageId: nullableString,
  camRoleName: nullableString,
  source: z.literal('metadata'),
});

const DiskSchema = z.looseObject({ diskId: nullableString, type: nullableString, sizeGiB: z.number().nullable() });

const CloudInstanceSchema = z.union([
  z.looseObject({
    instanceId: z.string(),
    exists: z.literal(true),
    state: nullableString,
    name: nullableString,
    osName: nullableString,
    imageId: nullableString,
    zone: nullableString,
    systemDisk: DiskSchema.nullable(),
    dataDisks: z.array(DiskSchema),
    latestOperation: nullableString,
    latestOperationState: nullableString,
    restrictState: nullableString,
    camRoleName: nullableString,
    createdTime: nullableString.optional(),
    stopChargingMode: nullableString.optional(),
  }),
  z.looseObject({ instanceId: z.string(), exists: z.literal(false) }),
]);

export const CloudFactsSchema = z.looseObject({
  region: z.string(),
  collectedAt: z.string(),
  instance: z.union([CloudInstanceSchema, CloudCollectionErrorSchema]),
  imageQuota: z.union([z.looseObject({ imageNumQuota: z.number() }), CloudCollectionErrorSchema]),
  privateImages: z.union([
    z.looseObject({ count: z.number(), names: z.array(z.string()), namesComplete: z.boolean() }),
    CloudCollectionErrorSchema,
  ]),
  sourceImage: z
    .union([
      z.looseObject({ imageId: z.string(), found: z.boolean(), imageType: nullableString, imageName: nullableString }),
      CloudCollectionErrorSchema,
    ])
    .nullable()
    .optional(),
});
