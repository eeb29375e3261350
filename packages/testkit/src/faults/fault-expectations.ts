import { PaymuxError, type RetryPolicy } from '@paymux/core';

/**
 * Retries for fault tests: three attempts (so a retry is visible on the server side), near-zero
 * backoff, and a `Retry-After` above two seconds thrown rather than waited for.
 */
export const FAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 5,
  maxRetryAfterSeconds: 2,
};

/**
 * Per-request timeout for fault tests: short enough that three stalled attempts take well under a
 * second, long enough for a loaded two-core machine to answer a loopback request.
 */
export const FAULT_TIMEOUT_MS = 250;

/**
 * The error for nock's `replyWithError` that reads like a reset connection. A plain object there
 * leaves an unhandled rejection behind in nock 14; an `Error` with a `code` does not.
 *
 * @example
 * nock(baseUrl).get('/payments/p1').replyWithError(connectionReset());
 */
export function connectionReset(message = 'socket hang up'): Error {
  return Object.assign(new Error(message), { code: 'ECONNRESET' });
}

/** What a failing call threw, and how long it took. */
export interface CapturedFailure<E extends PaymuxError = PaymuxError> {
  error: E;
  elapsedMs: number;
}

/** A paymux error class: its static `is` recognises instances from any copy of paymux. */
export type PaymuxErrorClass<E extends PaymuxError> = (abstract new (
  ...args: never[]
) => E) & { is(error: unknown): boolean };

/** Options of `expectPaymuxFailure`. */
export interface PaymuxFailureExpectation<E extends PaymuxError> {
  /** The expected class, e.g. `TimeoutError` (checked with its static `is`, so subclasses match). */
  type?: PaymuxErrorClass<E>;
  /** Configured secrets: none may appear in the error's message or JSON form. */
  secrets?: readonly string[];
}

function summarize(value: unknown): string {
  if (value instanceof Error) return `${value.constructor.name}: ${value.message}`;
  return `${typeof value}: ${String(value)}`;
}

/**
 * Runs `call` and checks that it fails with a typed paymux error: not a resolved value (a silent
 * `undefined`), not a raw transport or socket error, not an untyped crash, and free of secrets.
 * Throws an `Error` describing what went wrong otherwise, so it works under any test runner.
 *
 * @example
 * const { error, elapsedMs } = await expectPaymuxFailure(() => provider.getPayment(id), { type: TimeoutError, secrets: [apiKey] });
 * expect(error.retryable).toBe(true);
 */
export async function expectPaymuxFailure<E extends PaymuxError = PaymuxError>(
  call: () => Promise<unknown>,
  expectation: PaymuxFailureExpectation<E> = {},
): Promise<CapturedFailure<E>> {
  const started = performance.now();
  let outcome: { resolved: true; value: unknown } | { resolved: false; error: unknown };
  try {
    outcome = { resolved: true, value: await call() };
  } catch (error) {
    outcome = { resolved: false, error };
  }
  const elapsedMs = performance.now() - started;
  if (outcome.resolved) {
    throw new Error(`expected a paymux error, but the call resolved with ${summarize(outcome.value)}`);
  }
  const { error } = outcome;
  if (!PaymuxError.is(error)) {
    throw new Error(`expected a paymux error, got ${summarize(error)}`);
  }
  if (expectation.type && !expectation.type.is(error)) {
    throw new Error(
      `expected another paymux error class, got ${error.name} (${error.code}): ${error.message}`,
    );
  }
  const shown = `${error.message}\n${JSON.stringify(error.toJSON())}`;
  for (const [index, secret] of (expectation.secrets ?? []).entries()) {
    if (secret.length >= 4 && shown.includes(secret)) {
      // The index, never the value: the secret must not reach the test report either.
      throw new Error(
        `${error.name} shows configured secret #${index} (${error.message.length} chars of message)`,
      );
    }
  }
  return { error: error as E, elapsedMs };
}
