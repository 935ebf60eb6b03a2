// The cloud features' public API, for the CLI to load on demand (`await import('./cloud/index.js')`)
// so `check --snapshot` never evaluates the SDK. Nothing here writes to stdout or sets an exit code.
export { createCloudApi, API_VERSIONS, type CloudApi, type CloudApiOptions, type CallOptions, type Service } from './api.js';
export {
  credentialProvider,
  ENV_SECRET_ID,
  ENV_SECRET_KEY,
  ENV_SESSION_TOKEN,
  type CredentialOptions,
  type CredentialProvider,
  type CredentialSource,
  type CredentialSummary,
  type ResolvedCredential,
} from './credentials.js';
export { CloudError, isCloudError, type CloudErrorKind } from './errors.js';
export {
  collectCloudFacts,
  type CloudFacts,
  type CloudFactsOptions,
  type CloudInstanceFacts,
  type DiskFacts,
  type PrivateImageFacts,
  type SourceImageFacts,
} from './facts.js';
export {
  readInstanceIdentity,
  isCloudCollectionError,
  IDENTITY_PATHS,
  type CloudCollectionError,
  type InstanceIdentity,
} from './identity.js';
export {
  createImage,
  createImageParams,
  requestImage,
  mayHaveCreated,
  findPrivateImagesByName,
  waitForImage,
  validateCreateImage,
  IMAGE_DONE_STATES,
  IMAGE_FAILED_STATES,
  IMAGE_PENDING_STATES,
  type CreateImageRequest,
  type CreateImageResult,
  type ImageProgress,
  type ImageReady,
  type WaitForImageOptions,
} from './image.js';
export * as limits from './limits.js';
export { METADATA_BASE_URL, METADATA_TIMEOUT_MS, type MetadataOptions } from './metadata.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export { mask, scrub, SecretRegistry } from './secrets.js';
export { tccliCreateImageCommand, type Shell } from './tccli.js';
export { runFleet, type FleetOptions, type FleetResult } from './fleet/run-fleet.js';
export { cosReader, cosAuthorization, COS_OUTPUT_KEY_LAYOUT, type CosReader, type CosReaderOptions } from './fleet/cos.js';
export { buildFleetScript, DEFAULT_EXE_ARGS, type FleetScriptOptions } from './fleet/script.js';
export { describeTargets as describeFleetTargets, type FleetTargets } from './fleet/targets.js';
export { loadState as loadFleetState, type FleetState } from './fleet/state.js';
export {
  NO_REPORT_REASONS,
  type FleetOutcome,
  type FleetProgress,
  type NoReportOutcome,
  type NoReportReason,
  type ReportOutcome,
} from './fleet/types.js';
