import {
  unclearWriteOutcome,
  type AmbiguousOutcomeError,
  errorFromHttpStatus,
  type HttpResponse,
  InsufficientFundsError,
  PermissionError,
  type PaymuxError,
  parseRetryAfter,
  type Redactor,
} from '@paymux/core';
import { finraxErrorBodySchema } from './finrax-api';

const EXCERPT_LENGTH = 500;
const PROVIDER_CODE_LENGTH = 100;
const INSUFFICIENT = /insufficient|not enough (funds|balance)|balance (is )?(too low|insufficient)/i;

/** What the error mapper needs besides the response. */
export interface FinraxErrorContext {
  /** Account name, stamped on every error. */
  account: string;
  /**
   * Removes credentials from every text the error carries: the configured secrets, and an echoed
   * `Authorization` value or signature (see `createFinraxScrubber`).
   */
  redact: Redactor;
}

const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);

/**
 * Builds the `mapError` hook of the Finrax HTTP client: `{requestId, message}` and the older
 * `{timestamp, httpStatus, httpError, message, path}` bodies become typed errors that keep
 * Finrax's message, `httpError` (as `providerCode`) and `requestId`. A 403 says that Finrax
 * refuses API keys from IP addresses that are not on the key's allow-list. Any other failed
 * answer (an HTML page, plain text, nothing) becomes the error of its status.
 *
 * Every text taken from the answer passes through `redact` before it reaches any field, the
 * message and the excerpt included: a body that echoes the request's `Authorization` header must
 * not carry the API key or the signature into `toJSON()`, logs or `util.inspect`.
 *
 * @example
 * const mapError = createFinraxErrorMapper({ account: 'main', redact: createFinraxScrubber(http.redact) });
 * createHttpClient({ ..., mapError });
 */
export function createFinraxErrorMapper(context: FinraxErrorContext) {
  const clean = (text: string | null | undefined) =>
    text === null || text === undefined || text === '' ? undefined : context.redact(text);
  return function mapFinraxError(response: HttpResponse): PaymuxError | undefined {
    if (response.status >= 200 && response.status < 300) return undefined;
    const parsed = finraxErrorBodySchema.safeParse(response.body);
    const isObject = typeof response.body === 'object' && response.body !== null;
    const body = parsed.success && isObject ? parsed.data : {};
    const providerCode = clip(
      clean(body.httpError) ?? clean(body.error) ?? String(response.status),
      PROVIDER_CODE_LENGTH,
    );
    const detail = clean(body.message) ?? clean(body.httpError) ?? clean(body.error) ?? '';
    const isHtml = /^\s*</.test(response.rawBody);
    const options = {
      provider: context.account,
      providerCode,
      httpStatus: response.status,
      requestId: clean(body.requestId) ?? clean(response.requestId),
      bodyExcerpt: clip(context.redact(response.rawBody), EXCERPT_LENGTH),
    };
    const message = `Finrax answered HTTP ${response.status}${
      detail ? `: ${clip(detail, EXCERPT_LENGTH)}` : isHtml ? ' with an HTML page' : ''
    }`;
    if (response.status === 403) {
      return new PermissionError(
        `${message}. Finrax accepts an API key only from the IP addresses on its allow-list: add this server's address to the key in the Finrax dashboard.`,
        options,
      );
    }
    if (response.status === 400 && INSUFFICIENT.test(detail)) {
      return new InsufficientFundsError(message, options);
    }
    return errorFromHttpStatus(response.status, message, {
      ...options,
      retryAfter: parseRetryAfter(response.headers['retry-after']),
    });
  };
}

/**
 * The doubt to settle after a create failed: core's `unclearWriteOutcome` (the one rule every
 * adapter applies), under the name this package exported before.
 */
export const unclearCreateOutcome: (error: unknown, reference: string) => AmbiguousOutcomeError | undefined =
  unclearWriteOutcome;
