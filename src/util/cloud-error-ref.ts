// A Tencent Cloud failure worded from the catalogue: a sentence per kind of failure (CloudErrorKind),
// the API's own text (code, message, RequestId; already scrubbed of secrets) as its detail. Used by the
// cloud check for facts that could not be read and by the commands for their one-line errors. No
// dependency on the SDK or the cloud code: a kind is a plain string here.
import type { MessageId } from '../messages/en.js';

/** A catalogue sentence and its plain parameters: fits a finding, an InputError and a snapshot's collectionError. */
export interface CloudErrorRef {
  id: MessageId;
  params: Record<string, string>;
}

const BY_KIND: Record<string, MessageId> = {
  auth: 'cloud.error.auth',
  permission: 'cloud.error.permission',
  'not-found': 'cloud.error.notFound',
  throttled: 'cloud.error.throttled',
  quota: 'cloud.error.quota',
  region: 'cloud.error.region',
  'invalid-parameter': 'cloud.error.invalidParameter',
  network: 'cloud.error.network',
  timeout: 'cloud.error.timeout',
  service: 'cloud.error.service',
  'image-failed': 'cloud.error.imageFailed',
  io: 'cloud.error.io',
  aborted: 'cloud.error.aborted',
};

/** `kind` as CloudError.kind (or a collectionError's code); `detail` is shown as written. */
export function cloudErrorRef(kind: string | undefined, detail: string): CloudErrorRef {
  return { id: (kind !== undefined && BY_KIND[kind]) || 'cloud.error.service', params: { detail } };
}

/** The credential chain found nothing usable: one sentence that says where keys are looked for. */
export function noCredentialsRef(detail: string): CloudErrorRef {
  return { id: 'cloud.error.noCredentials', params: { detail } };
}
