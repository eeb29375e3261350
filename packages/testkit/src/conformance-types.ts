import type { Logger, OperationName, PaymentProvider, RetryPolicy, WebhookRequest } from '@paymux/core';
import type nock from 'nock';

/** How to exercise one operation against nock. */
export interface OperationFixture {
  /** Registers, on the scope of `baseUrl`, every interceptor the operation's success path needs. */
  mock(scope: nock.Scope): void;
  /** Calls the operation with valid input and returns its result. */
  call(provider: PaymentProvider): Promise<unknown>;
}

/** What the suite gives `create`: point the adapter at these. */
export interface ConformanceCreateContext {
  baseUrl: string;
  account: string;
  /** Captures every log line, so the suite can scan them for secrets. */
  logger: Logger;
  /** Short timeouts and near-zero backoff, so error paths run fast. */
  timeoutMs: number;
  retry: Partial<RetryPolicy>;
}

/** Name of an error class exported by `@paymux/core`, e.g. `'AuthenticationError'`. */
export type ErrorClassName = string;

export interface ConformanceOptions {
  /** Suite title, usually the provider type. */
  name: string;
  /** Base URL the suite intercepts with nock (use an `https://<name>.conformance.test` host). */
  baseUrl: string;
  /** Creates a provider account with `secrets` as its credentials, pointed at `context.baseUrl`. */
  create(context: ConformanceCreateContext): PaymentProvider;
  /** The secret values configured by `create`: none may appear in an error, event or log line. */
  secrets: readonly string[];
  /** One fixture per declared operation (parseWebhook excluded). */
  operations: Partial<Record<Exclude<OperationName, 'parseWebhook'>, OperationFixture>>;
  /** A read that the error-mapping checks go through (usually getPayment). */
  errorProbe: {
    /** Interceptors needed before the probed request (e.g. a login). */
    setup?(scope: nock.Scope): void;
    /** The interceptor of the probed request; the suite replies on it with each error. */
    intercept(scope: nock.Scope): nock.Interceptor;
    call(provider: PaymentProvider): Promise<unknown>;
  };
  /** The provider's own error body for an HTTP status, e.g. Finrax `{ requestId, message }`. */
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

export interface WebhookFixture {
  request: WebhookRequest;
  mock?(scope: nock.Scope): void;
  /** Known-object lookup answer for the webhook context (DePay trusts only its own uuids). */
  knownObjects?: readonly string[];
  /** The current time for verification (for signed timestamps). */
  now?: Date;
}

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
