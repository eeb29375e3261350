import type { Logger, OperationName, PaymentProvider, RetryPolicy, WebhookRequest } from '@paymux/core';
import type nock from 'nock';

/**
 * How to exercise one operation against nock.
 *
 * @example
 * const getPayment: OperationFixture = {
 *   mock: (scope) => scope.get('/payments/pay_1').reply(200, paymentBody),
 *   call: (provider) => provider.getPayment('pay_1'),
 * };
 */
export interface OperationFixture {
  /** Registers, on the scope of `baseUrl`, every interceptor the operation's success path needs. */
  mock(scope: nock.Scope): void;
  /** Calls the operation with valid input and returns its result. */
  call(provider: PaymentProvider): Promise<unknown>;
}

/** What the suite gives `create`: point the adapter at these. */
export interface ConformanceCreateContext {
  /** The `baseUrl` of the options, which nock intercepts. */
  baseUrl: string;
  /** The account name to create the provider with (`'conformance'`); events must carry it. */
  account: string;
  /** Captures every log line, so the suite can scan them for secrets. */
  logger: Logger;
  /** Short timeouts and near-zero backoff, so error paths run fast. */
  timeoutMs: number;
  /** Three attempts, millisecond backoff, a two-second cap on `Retry-After`. */
  retry: Partial<RetryPolicy>;
}

/** Name of an error class exported by `@paymux/core`, e.g. `'AuthenticationError'`. */
export type ErrorClassName = string;

/**
 * Everything the conformance suite needs to exercise one adapter. See `describeProviderConformance`.
 *
 * @example
 * describeProviderConformance({ name: 'mock', baseUrl: 'https://mock.conformance.test', create, secrets,
 *   operations, errorProbe, errorBody, paymentWithStatus, knownStatuses, webhooks });
 */
export interface ConformanceOptions {
  /** Suite title, usually the provider type. */
  name: string;
  /** Base URL the suite intercepts with nock (use an `https://<name>.conformance.test` host). */
  baseUrl: string;
  /** Creates a provider account with `secrets` as its credentials, pointed at `context.baseUrl`. */
  create(context: ConformanceCreateContext): PaymentProvider;
  /**
   * The secret values configured by `create` (4 characters or more): none may appear in an error,
   * event, result or log line.
   */
  secrets: readonly string[];
  /**
   * One fixture per declared operation (parseWebhook excluded). A fixture for an operation the
   * capabilities do not declare is an error: the map must say what the adapter does.
   */
  operations: Partial<Record<Exclude<OperationName, 'parseWebhook'>, OperationFixture>>;
  /** A read that the error-mapping checks go through (usually getPayment). */
  errorProbe: {
    /** Interceptors needed before the probed request (e.g. a login). */
    setup?(scope: nock.Scope): void;
    /**
     * The interceptor of the probed request (e.g. `scope.get('/payments/pay_1')`); the suite replies
     * on it with each error and counts the attempts that reach it.
     */
    intercept(scope: nock.Scope): nock.Interceptor;
    /** Sends the probed request through the provider. */
    call(provider: PaymentProvider): Promise<unknown>;
    /**
     * A successful answer to the probed request, for the checks that a read answered 429 or 503 is
     * retried and then succeeds. Without it, those checks let `paymentWithStatus(knownStatuses[0])`
     * answer the retry, which then has to send the same request as the probe.
     */
    successReply?: { status?: number; body: unknown; headers?: Record<string, string> };
  };
  /**
   * The provider's own error body for an HTTP status, e.g. Finrax `{ requestId, message }`. An
   * object is sent as JSON, a string as it is.
   */
  errorBody(status: number): unknown;
  /** Overrides of the expected error class per case, where the provider differs from the defaults. */
  expectedErrors?: Partial<Record<ErrorCase, ErrorClassName>>;
  /** A getPayment success whose raw status is `rawStatus`. */
  paymentWithStatus(rawStatus: string): OperationFixture;
  /** Every raw payment status the adapter's table knows. */
  knownStatuses: readonly string[];
  webhooks: {
    /** A genuine notification (and the interceptors its verification needs): yields ≥ 1 event. */
    valid(): WebhookFixture | Promise<WebhookFixture>;
    /** Forged or tampered notifications: each must throw `WebhookVerificationError`. */
    invalid(): WebhookCase[] | Promise<WebhookCase[]>;
  };
}

/** One webhook delivery and what its verification needs. */
export interface WebhookFixture {
  /** The delivery as it arrives: raw body and headers. */
  request: WebhookRequest;
  /** Interceptors the verification needs (a refetch of the object, a public key download). */
  mock?(scope: nock.Scope): void;
  /** Known-object lookup answer for the webhook context (DePay trusts only its own uuids). */
  knownObjects?: readonly string[];
  /** The current time for verification (for signed timestamps). */
  now?: Date;
}

/** A webhook delivery that must be refused, with a name for failure messages. */
export interface WebhookCase extends WebhookFixture {
  name: string;
}

/** The failure cases the error-mapping checks cover. */
export type ErrorCase =
  | 400
  | 401
  | 403
  | 404
  | 409
  | 429
  | 500
  | 502
  | 503
  | 'timeout'
  | 'connection-reset'
  | 'malformed-json'
  | 'html-error-page';
