// A fact group whose collection failed, and the catalogue messages the collector records: shared by the
// snapshot schema and the cloud fact group's schema (which the snapshot schema takes in), so both say
// "could not read" the same way.
import * as z from 'zod/mini';

/** A catalogue message as the collector records it: id and parameters, one of which may be a message itself. */
const FlatParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
const RefParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.looseObject({ id: z.string(), params: z.optional(FlatParamsSchema) })]),
);
export const MessageRefSchema = z.looseObject({ id: z.string(), params: z.optional(RefParamsSchema) });

/** Stands in for a fact group whose collection failed, so "could not read" is never "absent". */
export const CollectionErrorSchema = z.looseObject({
  collectionError: z.looseObject({
    message: z.string(),
    /** The probe that failed, e.g. "Win32_Service" or "sc.exe queryex". */
    source: z.optional(z.string()),
    /** timeout | access-denied | not-supported | parse-error | failed */
    code: z.optional(z.string()),
    /** The message's catalogue id and parameters, so a report can word it in the reader's language. */
    messageId: z.optional(z.string()),
    params: z.optional(RefParamsSchema),
  }),
});
