/** How failed requests are retried. */
export interface RetryPolicy {
  /** Total attempts, the first included. Default 3. */
  maxAttempts: number;
  /** First backoff step in ms. Default 250. */
  baseDelayMs: number;
  /** Largest backoff step in ms. Default 4000. */
  maxDelayMs: number;
  /** A `Retry-After` longer than this (seconds) is not waited for: the error is thrown. Default 30. */
  maxRetryAfterSeconds: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 4000,
  maxRetryAfterSeconds: 30,
};

/**
 * Delay before retry number `attempt` (1 for the first retry): capped exponential backoff with
 * full jitter, or the provider's `Retry-After` when it gave one.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterSeconds !== undefined) return Math.max(0, retryAfterSeconds * 1000);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Parses a `Retry-After` header: delta seconds or an HTTP date. Returns seconds, or `undefined`.
 *
 * @example
 * parseRetryAfter('120') // 120
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', new Date('2015-10-21T07:27:00Z')) // 60
 */
export function parseRetryAfter(value: string | undefined, now: Date = new Date()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
