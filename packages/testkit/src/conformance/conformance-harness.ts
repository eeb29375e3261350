import type { LogFields, Logger, PaymentProvider, RetryPolicy } from '@paymux/core';
import nock from 'nock';
import type { ConformanceCreateContext, ConformanceOptions } from '../conformance-types';

/** The account name every conformance provider is created with. */
export const CONFORMANCE_ACCOUNT = 'conformance';

/** Short enough that the timeout case runs in well under a second, long enough for nock to answer. */
// Generous: a shared 2-core CI machine can stall a first request for hundreds of milliseconds.
export const CONFORMANCE_TIMEOUT_MS = 1000;

/**
 * Three attempts (so retries are visible on the nock side), near-zero backoff (so they are fast) and
 * a two-second cap on `Retry-After` (so a longer one is thrown instead of waited for).
 */
export const CONFORMANCE_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1,
  maxDelayMs: 5,
  maxRetryAfterSeconds: 2,
};

/** Loopback stays reachable, so tests that also run local servers keep working. */
export const LOOPBACK = /127\.0\.0\.1|localhost/;

/** One line written to the captured logger. */
export interface CapturedLogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields | undefined;
}

/** A fresh provider on a fresh nock scope, with everything it logged and every request nock refused. */
export interface ConformanceHarness {
  provider: PaymentProvider;
  scope: nock.Scope;
  context: ConformanceCreateContext;
  logs: CapturedLogLine[];
  /** Requests that matched no interceptor (with net connect disabled they never left the process). */
  unmatchedRequests: string[];
}

function captureLogger(lines: CapturedLogLine[]): Logger {
  const write =
    (level: CapturedLogLine['level']) =>
    (message: string, fields?: LogFields): void => {
      lines.push({ level, message, fields });
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function describeUnmatched(request: unknown): string {
  if (typeof request !== 'object' || request === null) return String(request);
  const { method, path, href, hostname } = request as Record<string, unknown>;
  return `${String(method ?? '?')} ${String(href ?? `${String(hostname ?? '')}${String(path ?? '')}`)}`;
}

/**
 * Runs `body` with a fresh provider and a fresh nock scope on `options.baseUrl`: the network is
 * closed (loopback aside), nothing is left behind for the next test.
 */
export async function withConformanceHarness<T>(
  options: ConformanceOptions,
  body: (harness: ConformanceHarness) => Promise<T>,
): Promise<T> {
  nock.cleanAll();
  nock.disableNetConnect();
  nock.enableNetConnect(LOOPBACK);
  const logs: CapturedLogLine[] = [];
  const unmatchedRequests: string[] = [];
  const onNoMatch = (request: unknown) => unmatchedRequests.push(describeUnmatched(request));
  nock.emitter.on('no match', onNoMatch);
  try {
    const scope = nock(options.baseUrl);
    const context: ConformanceCreateContext = {
      baseUrl: options.baseUrl,
      account: CONFORMANCE_ACCOUNT,
      logger: captureLogger(logs),
      timeoutMs: CONFORMANCE_TIMEOUT_MS,
      retry: { ...CONFORMANCE_RETRY },
    };
    const provider = options.create(context);
    return await body({ provider, scope, context, logs, unmatchedRequests });
  } finally {
    nock.emitter.removeListener('no match', onNoMatch);
    nock.abortPendingRequests();
    nock.cleanAll();
  }
}

/** Runs `call` and returns what it threw; fails when it resolved. */
export async function captureError(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it resolved');
}
