// One error type for everything that talks to Tencent Cloud, with a small set of kinds the CLI can
// word and map to exit codes, and the API's own code and RequestId for a support ticket. The SDK
// throws one exception class for API errors and wraps network failures in it with only the message
// left, so the kind is read from the API code first and from the transport message after.
import { isRecord } from '../util/guards.js';
import type { SecretRegistry } from './secrets.js';

export type CloudErrorKind =
  /** No usable credentials, or the API rejected them (AuthFailure.*). */
  | 'auth'
  /** Credentials are valid but CAM does not allow the action (UnauthorizedOperation, AuthFailure.UnauthorizedOperation). */
  | 'permission'
  | 'not-found'
  /** RequestLimitExceeded and similar: retried with backoff before it surfaces. */
  | 'throttled'
  /** ImageQuotaLimitExceeded, LimitExceeded.*. */
  | 'quota'
  /** UnsupportedRegion, or a parameter error that names the region. */
  | 'region'
  | 'invalid-parameter'
  | 'network'
  | 'timeout'
  /** InternalError, an HTTP error status, an answer of the wrong shape. */
  | 'service'
  /** The image reached CREATEFAILED / IMPORTFAILED, or vanished while being created. */
  | 'image-failed'
  /** A local file could not be read or written. */
  | 'io'
  | 'aborted';

export interface CloudErrorDetails {
  /** The API's error code, e.g. "AuthFailure.SignatureFailure". */
  code?: string;
  requestId?: string;
  action?: string;
  httpStatus?: number;
}

export class CloudError extends Error {
  readonly kind: CloudErrorKind;
  readonly code?: string;
  readonly requestId?: string;
  readonly action?: string;
  readonly httpStatus?: number;

  constructor(kind: CloudErrorKind, message: string, details: CloudErrorDetails = {}) {
    super(message);
    this.name = 'CloudError';
    this.kind = kind;
    this.code = details.code;
    this.requestId = details.requestId;
    this.action = details.action;
    this.httpStatus = details.httpStatus;
  }

  /** Throttling, transport failures and server-side errors are worth another try. */
  get retryable(): boolean {
    return (
      this.kind === 'throttled' ||
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      (this.kind === 'service' && this.code !== 'BadResponse')
    );
  }
}

export function isCloudError(err: unknown): err is CloudError {
  return err instanceof CloudError;
}

/** The parts of the SDK's TencentCloudSDKHttpException we read, checked rather than cast. */
interface SdkErrorFields {
  message: string;
  code?: string;
  requestId?: string;
  httpCode?: number;
  name?: string;
}

function sdkErrorFields(err: unknown): SdkErrorFields {
  if (!isRecord(err)) return { message: String(err) };
  const rec = err;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return {
    message: str(rec.message) ?? (err instanceof Error ? err.message : 'unknown error'),
    code: str(rec.code),
    requestId: str(rec.requestId),
    httpCode: typeof rec.httpCode === 'number' ? rec.httpCode : undefined,
    name: str(rec.name),
  };
}

/** API error code → kind. Codes from the common error code list (CVM API doc "错误码") and the TAT/CVM SDK error tables. */
export function kindOfCode(code: string, message = ''): CloudErrorKind {
  if (code === 'AuthFailure.UnauthorizedOperation' || code.startsWith('UnauthorizedOperation')) return 'permission';
  if (code.startsWith('AuthFailure')) return 'auth';
  if (code.startsWith('RequestLimitExceeded') || code === 'LimitExceeded.RequestLimit' || code === 'ResourceUnavailable.Throttled')
    return 'throttled';
  if (code === 'ImageQuotaLimitExceeded' || code.startsWith('LimitExceeded') || code.endsWith('QuotaLimitExceeded')) return 'quota';
  if (code === 'UnsupportedRegion' || code.startsWith('InvalidRegion')) return 'region';
  if (code.endsWith('.NotFound') || code.startsWith('ResourceNotFound') || code === 'InvalidInstanceId.NotFound') return 'not-found';
  if ((code.startsWith('InvalidParameter') || code === 'InvalidZone.MismatchRegion') && /region|地域/i.test(`${code} ${message}`))
    return 'region';
  if (
    code.startsWith('InvalidParameter') ||
    code.startsWith('MissingParameter') ||
    code.startsWith('UnknownParameter') ||
    code.startsWith('InvalidFilter') ||
    code.startsWith('Invalid')
  )
    return 'invalid-parameter';
  if (code === 'InternalError' || code.startsWith('InternalError') || code === 'InternalServerError' || code === 'ServiceUnavailable')
    return 'service';
  return 'service';
}

const TIMEOUT_MESSAGE = /network timeout|ETIMEDOUT|ESOCKETTIMEDOUT|timed? ?out/i;
const NETWORK_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|socket hang up|request to .* failed|fetch failed|other side closed/i;
const ABORT_MESSAGE = /aborted|AbortError/i;

export interface ClassifyContext {
  action?: string;
  secrets?: SecretRegistry;
  /** Where the request went, for the message; never contains credentials. */
  endpoint?: string;
}

/** Any error from an SDK call → CloudError, with every known secret masked out of its text. */
export function toCloudError(err: unknown, ctx: ClassifyContext = {}): CloudError {
  if (err instanceof CloudError) return err;
  const f = sdkErrorFields(err);
  const clean = (text: string) => (ctx.secrets ? ctx.secrets.scrub(text) : text);
  const what = ctx.action ? `${ctx.action}: ` : '';
  if (f.code) {
    const kind = kindOfCode(f.code, f.message);
    const rid = f.requestId ? ` (RequestId ${f.requestId})` : '';
    return new CloudError(kind, clean(`${what}${f.code}: ${firstLine(f.message)}${rid}`), {
      code: f.code,
      requestId: f.requestId,
      action: ctx.action,
    });
  }
  if (f.httpCode !== undefined) {
    const kind: CloudErrorKind = f.httpCode === 429 ? 'throttled' : 'service';
    return new CloudError(kind, clean(`${what}HTTP ${f.httpCode} ${firstLine(f.message)}`), { action: ctx.action, httpStatus: f.httpCode });
  }
  const message = firstLine(f.message);
  const where = ctx.endpoint ? ` (${ctx.endpoint})` : '';
  if (f.name === 'AbortError' || ABORT_MESSAGE.test(message))
    return new CloudError('aborted', clean(`${what}cancelled`), { action: ctx.action });
  if (TIMEOUT_MESSAGE.test(message))
    return new CloudError('timeout', clean(`${what}no answer from the API in time${where}: ${message}`), { action: ctx.action });
  if (NETWORK_MESSAGE.test(message))
    return new CloudError('network', clean(`${what}cannot reach the API${where}: ${message}`), { action: ctx.action });
  return new CloudError('service', clean(`${what}${message}`), { action: ctx.action });
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim().slice(0, 500);
}
