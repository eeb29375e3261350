import { PaymuxError, RateLimitError, TimeoutError } from '@paymux/core';
import type nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { ConformanceOptions, ErrorCase } from '../conformance-types';
import {
  CONFORMANCE_RETRY,
  CONFORMANCE_TIMEOUT_MS,
  captureError,
  withConformanceHarness,
} from './conformance-harness';
import {
  describeThrown,
  errorCases,
  expectedErrorFor,
  expectedRetryable,
  isErrorOfClass,
} from './expected-errors';
import { findSecretLeaks, logExposures } from './secret-scan';

/** A 200 whose JSON is cut off mid-value. */
export const TRUNCATED_JSON = '{"id":"conformance-1","status":"pend';

/** What a load balancer sends when the provider behind it is down. */
export const HTML_ERROR_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

/**
 * Far more answers than the policy allows attempts, so that retrying too much shows as a wrong
 * attempt count rather than as an unmatched request.
 */
const INTERCEPTOR_TIMES = CONFORMANCE_RETRY.maxAttempts * 5;

/** Serialises an adapter's `errorBody`: objects as JSON, strings as they are. */
export function errorReply(body: unknown): { text: string; contentType: string } {
  return typeof body === 'string'
    ? { text: body, contentType: body.trimStart().startsWith('{') ? 'application/json' : 'text/plain' }
    : { text: JSON.stringify(body), contentType: 'application/json' };
}

/** Sets up the probe for one case and returns a counter of the attempts that reached it. */
export function arrangeErrorCase(
  options: ConformanceOptions,
  scope: nock.Scope,
  errorCase: ErrorCase,
  body: unknown = typeof errorCase === 'number' ? options.errorBody(errorCase) : undefined,
  extraHeaders: Record<string, string> = {},
): { attempts: () => number } {
  options.errorProbe.setup?.(scope);
  const interceptor = options.errorProbe.intercept(scope).times(INTERCEPTOR_TIMES);
  let attempts = 0;
  scope.on('request', (_request: unknown, matched: unknown) => {
    if (matched === interceptor) attempts += 1;
  });
  if (typeof errorCase === 'number') {
    const reply = errorReply(body);
    interceptor.reply(errorCase, reply.text, {
      'content-type': reply.contentType,
      ...(errorCase === 429 ? { 'retry-after': '0' } : {}),
      ...extraHeaders,
    });
  } else if (errorCase === 'timeout') {
    interceptor.delay(CONFORMANCE_TIMEOUT_MS + 250).reply(200, '{}', { 'content-type': 'application/json' });
  } else if (errorCase === 'connection-reset') {
    // An Error instance rather than a plain `{ code }`: nock 14 hands a plain object to the socket
    // layer, which then stalls until the client's timeout instead of failing at once.
    interceptor.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
  } else if (errorCase === 'malformed-json') {
    interceptor.reply(200, TRUNCATED_JSON, { 'content-type': 'application/json' });
  } else {
    interceptor.reply(502, HTML_ERROR_PAGE, { 'content-type': 'text/html; charset=utf-8' });
  }
  return { attempts: () => attempts };
}

/** The HTTP status the error must carry, or `undefined` where no response came back. */
function statusOf(errorCase: ErrorCase): number | undefined {
  if (typeof errorCase === 'number') return errorCase;
  if (errorCase === 'malformed-json') return 200;
  if (errorCase === 'html-error-page') return 502;
  return undefined;
}

/**
 * One error case through the probe: a paymux error of the expected class, `retryable` consistent
 * with it, the response's `httpStatus`, retries up to the policy's bound for a retryable failure and
 * none otherwise, `retryAfter` from `Retry-After`, and no secret anywhere.
 */
export async function checkErrorCase(options: ConformanceOptions, errorCase: ErrorCase): Promise<void> {
  const expected = expectedErrorFor(errorCase, options.expectedErrors);
  await withConformanceHarness(options, async (harness) => {
    const counter = arrangeErrorCase(options, harness.scope, errorCase);
    const error = await captureError(() => options.errorProbe.call(harness.provider));
    expect(PaymuxError.is(error), `not a paymux error: ${describeThrown(error)}`).toBe(true);
    if (!PaymuxError.is(error)) return;
    expect(isErrorOfClass(error, expected), `expected ${expected}, got ${describeThrown(error)}`).toBe(true);
    if (errorCase === 'connection-reset' && expected === 'NetworkError') {
      // A reset is not a slow answer: reporting it as a timeout would hide the real cause.
      expect(TimeoutError.is(error), `a reset reported as ${describeThrown(error)}`).toBe(false);
    }
    const retryable = expectedRetryable(error);
    if (retryable !== undefined) expect(error.retryable, 'retryable, for its class').toBe(retryable);
    expect(error.httpStatus, 'httpStatus').toBe(statusOf(errorCase));
    // The probe is a read: a retryable failure is retried up to the policy's bound, no further.
    expect(counter.attempts(), 'attempts that reached the provider').toBe(
      error.retryable ? CONFORMANCE_RETRY.maxAttempts : 1,
    );
    if (errorCase === 429 && RateLimitError.is(error)) {
      expect(error.retryAfter, 'retryAfter read from the Retry-After header').toBe(0);
    }
    const leaks = findSecretLeaks(options.secrets, [
      { label: 'the error', value: error },
      ...logExposures(harness.logs),
    ]);
    expect(leaks).toEqual([]);
  });
}

/** A 429 whose `Retry-After` exceeds the policy's cap is thrown at once, with its `retryAfter`. */
export async function checkRetryAfterBeyondCap(options: ConformanceOptions): Promise<void> {
  await withConformanceHarness(options, async ({ provider, scope }) => {
    const counter = arrangeErrorCase(options, scope, 429, options.errorBody(429), { 'retry-after': '3600' });
    const error = await captureError(() => options.errorProbe.call(provider));
    expect(RateLimitError.is(error), describeThrown(error)).toBe(true);
    if (RateLimitError.is(error)) expect(error.retryAfter).toBe(3600);
    expect(counter.attempts(), 'attempts that reached the provider').toBe(1);
  });
}

/** A read answered `status` once is retried and succeeds on the second attempt. */
export async function checkRetrySucceeds(options: ConformanceOptions, status: 429 | 503): Promise<void> {
  await withConformanceHarness(options, async ({ provider, scope, unmatchedRequests }) => {
    const reply = errorReply(options.errorBody(status));
    const headers = { 'content-type': reply.contentType, 'retry-after': '0' };
    const success = options.errorProbe.successReply;
    if (success) {
      options.errorProbe.setup?.(scope);
      options.errorProbe.intercept(scope).reply(status, reply.text, headers);
      const body = errorReply(success.body);
      options.errorProbe
        .intercept(scope)
        .reply(success.status ?? 200, body.text, { 'content-type': body.contentType, ...success.headers });
      await options.errorProbe.call(provider);
    } else {
      // Without a success reply for the probe, the first known status's getPayment fixture answers
      // the retry: it must then send the probe's request.
      const fixture = options.paymentWithStatus(options.knownStatuses[0] ?? 'unknown');
      options.errorProbe.intercept(scope).reply(status, reply.text, headers);
      fixture.mock(scope);
      await fixture.call(provider);
    }
    expect(unmatchedRequests).toEqual([]);
    expect(
      scope.pendingMocks(),
      'unused interceptors (without errorProbe.successReply, errorProbe and paymentWithStatus must send the same request)',
    ).toEqual([]);
  });
}

/**
 * Error mapping through `options.errorProbe`: every case ends in the expected typed error with a
 * consistent `retryable`, the response's `httpStatus`, bounded retries of the read, and `Retry-After`
 * honoured.
 */
export function registerErrorMappingChecks(options: ConformanceOptions): void {
  describe('error mapping', () => {
    for (const errorCase of errorCases) {
      const expected = expectedErrorFor(errorCase, options.expectedErrors);
      it(`${errorCase} becomes ${expected}`, () => checkErrorCase(options, errorCase));
    }
    it('429 with a Retry-After beyond the policy cap is thrown at once, not waited for', () =>
      checkRetryAfterBeyondCap(options));
    for (const status of [429, 503] as const) {
      it(`a read answered ${status} is retried and succeeds on the second attempt`, () =>
        checkRetrySucceeds(options, status));
    }
  });
}
