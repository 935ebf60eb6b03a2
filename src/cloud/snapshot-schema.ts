// The zod schema of the `cloud` fact group (collectCloudFacts), for the snapshot schema to take in (the
// `instance` group's is InstanceSchema there). Loose objects like every other group, so a newer
// collector's extra fields pass; each part may be a collectionError instead.
import * as z from 'zod/mini';
import { CollectionErrorSchema } from '../snapshot/collection-error-schema.js';

const nullableString = z.nullable(z.string());

const DiskSchema = z.looseObject({ diskId: nullableString, type: nullableString, sizeGiB: z.nullable(z.number()) });

const CloudInstanceSchema = z.union([
  z.looseObject({
    instanceId: z.string(),
    exists: z.literal(true),
    state: nullableString,
    name: nullableString,
    osName: nullableString,
    imageId: nullableString,
    zone: nullableString,
    systemDisk: z.nullable(DiskSchema),
    dataDisks: z.array(DiskSchema),
    latestOperation: nullableString,
    latestOperationState: nullableString,
    restrictState: nullableString,
    camRoleName: nullableString,
    createdTime: z.optional(nullableString),
    stopChargingMode: z.optional(nullableString),
  }),
  z.looseObject({ instanceId: z.string(), exists: z.literal(false) }),
]);

export const CloudFactsSchema = z.looseObject({
  region: z.string(),
  collectedAt: z.string(),
  instance: z.union([CloudInstanceSchema, CollectionErrorSchema]),
  imageQuota: z.union([z.looseObject({ imageNumQuota: z.number() }), CollectionErrorSchema]),
  privateImages: z.union([
    z.looseObject({ count: z.number(), names: z.array(z.string()), namesComplete: z.boolean() }),
    CollectionErrorSchema,
  ]),
  sourceImage: z.optional(
    z.nullable(
      z.union([
        z.looseObject({ imageId: z.string(), found: z.boolean(), imageType: nullableString, imageName: nullableString }),
        CollectionErrorSchema,
      ]),
    ),
  ),
});
