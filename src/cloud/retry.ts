// Retries with exponential backoff and full jitter, for throttling (RequestLimitExceeded) and
// transient transport failures. Calls that change something (CreateImage, RunCommand) pass
// `throttledOnly`: a timeout there may have been carried out, and a second call would do it twice.
import { CloudError, toCloudError } from './errors.js';

export interface RetryPolicy {
  /** Further attempts after the first. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected by tests; resolves after `ms`, rejects if `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** 0..1, injected by tests for a fixed delay. */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 500, maxDelayMs: 8000 };

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new CloudError('aborted', 'cancelled'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CloudError('aborted', 'cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions {
  policy?: RetryPolicy;
  signal?: AbortSignal;
  throttledOnly?: boolean;
  /** Told before each wait, for logs. */
  onRetry?: (err: CloudError, attempt: number, delayMs: number) => void;
  classify?: (err: unknown) => CloudError;
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const policy = opts.policy ?? DEFAULT_RETRY;
  const sleep = policy.sleep ?? abortableSleep;
  const random = policy.random ?? Math.random;
  const classify = opts.classify ?? ((e: unknown) => toCloudError(e));
  for (let attempt = 0; ; attempt++) {
    if (opts.signal?.aborted) throw new CloudError('aborted', 'cancelled');
    try {
      return await fn(attempt);
    } catch (raw) {
      const err = classify(raw);
      const again = opts.throttledOnly ? err.kind === 'throttled' : err.retryable;
      if (!again || attempt >= policy.retries || opts.signal?.aborted) throw err;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      const delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
      opts.onRetry?.(err, attempt + 1, delay);
      await sleep(delay, opts.signal);
    }
  }
}
