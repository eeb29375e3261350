import {
  AuthenticationError,
  errorFromHttpStatus,
  type HttpResponse,
  NotFoundError,
  type PaymuxError,
  type PaymuxErrorOptions,
  PermissionError,
  ProviderRejectedError,
  ProviderUnavailableError,
  parseRetryAfter,
  RateLimitError,
} from '@paymux/core';
import { forumpayErrorBodySchema } from './forumpay-api';

/** What an error mapper needs besides the response. */
export interface ForumpayErrorContext {
  /** The account name, stamped on errors. */
  account: string;
  /** Removes configured secrets from a text. */
  redact(text: string): string;
}

const AUTHENTICATION_MESSAGE = /api key|authenticat|unauthori[sz]ed|credential|no api|access denied/i;
const NOT_FOUND_MESSAGE = /not found|does not exist|unknown payment|no such/i;
const RATE_LIMIT_MESSAGE = /too many requests|rate limit/i;

type ErrorClass = new (message: string, options?: PaymuxErrorOptions) => PaymuxError;

// ForumPay publishes no list of `err_code` values: codes are read by what they name (textual
// codes such as `payment_not_found`, `api_key_invalid`) or, when numeric, as the HTTP statuses
// the seed lists as its "error codes". A code that names nothing known is left to the status and
// the message.
const CODE_CLASSES: readonly [RegExp, ErrorClass][] = [
  [/forbidden|permission|not_?allowed_?ip|access_?denied/, PermissionError],
  [/auth|api_?key|unauthori[sz]ed|credential|signature|token/, AuthenticationError],
  [/not_?found|unknown_?payment|no_?such|does_?not_?exist/, NotFoundError],
  [/rate_?limit|too_?many|throttl/, RateLimitError],
  [/internal|unavailable|maintenance|temporar|timeout|server_?error/, ProviderUnavailableError],
];
const NUMERIC_CODE_CLASSES: Readonly<Record<string, ErrorClass>> = {
  '401': AuthenticationError,
  '403': PermissionError,
  '404': NotFoundError,
  '429': RateLimitError,
  '500': ProviderUnavailableError,
  '502': ProviderUnavailableError,
  '503': ProviderUnavailableError,
  '504': ProviderUnavailableError,
};

/** The error class an `err_code` names, or `undefined` when it names none this adapter knows. */
export function forumpayErrorClassOfCode(code: string | undefined): ErrorClass | undefined {
  if (code === undefined) return undefined;
  const text = code.trim().toLowerCase();
  if (/^\d+$/.test(text)) return NUMERIC_CODE_CLASSES[text];
  return CODE_CLASSES.find(([pattern]) => pattern.test(text))?.[1];
}

function messageOf(err: unknown): string {
  if (typeof err === 'string' && err.trim() !== '') return err.trim();
  if (err === null || err === undefined || err === '') return 'unspecified error';
  return JSON.stringify(err);
}

/**
 * Turns a ForumPay response into a typed error, or `undefined` for a success. Called for every
 * response, 2xx included: ForumPay sends `{"err": "..."}` with HTTP 200 as often as with an
 * error status, and any body with an `err` key is an error.
 *
 * | HTTP status | class |
 * |---|---|
 * | 401 | `AuthenticationError` |
 * | 403 | `PermissionError` |
 * | 404 | `NotFoundError` |
 * | 429 | `RateLimitError` |
 * | 5xx | `ProviderUnavailableError` |
 * | 400, other 4xx | `ProviderRejectedError` |
 * | 200 with `err` | by the message: authentication, not found, rate limit, else `ProviderRejectedError` |
 *
 * An `err_code` that names a class (`api_key_invalid`, `payment_not_found`, `rate_limited`,
 * `internal_error`, or a numeric 401/403/404/429/5xx) decides first, whatever the HTTP status;
 * other codes leave the decision to the table above.
 *
 * `providerCode` is the body's `err_code`, or the HTTP status when the body has none (the seed's
 * "error codes" are HTTP statuses).
 *
 * @example
 * const http = createHttpClient({ ..., mapError: (response) => mapForumpayError(response, { account, redact }) });
 */
export function mapForumpayError(
  response: HttpResponse,
  context: ForumpayErrorContext,
): PaymuxError | undefined {
  const body = response.body;
  const isSuccessStatus = response.status >= 200 && response.status < 300;
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (!isObject || !Object.hasOwn(body, 'err')) return undefined;
  const parsed = forumpayErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const errorBody = parsed.data;
  const errCode =
    errorBody.err_code === null || errorBody.err_code === undefined || errorBody.err_code === ''
      ? undefined
      : String(errorBody.err_code);
  const message = context.redact(`ForumPay: ${messageOf(errorBody.err)}`);
  const options: PaymuxErrorOptions = {
    provider: context.account,
    providerCode: errCode ?? (isSuccessStatus ? undefined : String(response.status)),
    httpStatus: response.status,
    requestId: response.requestId,
    // Kept so that a 429 is retried no sooner than ForumPay asks (core reads it only when no mapper answers).
    retryAfter: parseRetryAfter(response.headers['retry-after']),
  };
  const byCode = forumpayErrorClassOfCode(errCode);
  if (byCode !== undefined) return new byCode(message, options);
  if (!isSuccessStatus) return errorFromHttpStatus(response.status, message, options);
  // An error carried by HTTP 200: classify by what it says.
  if (AUTHENTICATION_MESSAGE.test(message)) return new AuthenticationError(message, options);
  if (RATE_LIMIT_MESSAGE.test(message)) return new RateLimitError(message, options);
  if (NOT_FOUND_MESSAGE.test(message)) return new NotFoundError(message, options);
  return new ProviderRejectedError(message, options);
}
