import {
  AmbiguousOutcomeError,
  errorFromHttpStatus,
  type HttpResponse,
  InsufficientFundsError,
  PermissionError,
  type PaymuxError,
  ProviderResponseError,
  parseRetryAfter,
  type Redactor,
} from '@paymux/core';
import { finraxErrorBodySchema } from './finrax-api';

const EXCERPT_LENGTH = 500;
const INSUFFICIENT = /insufficient|not enough (funds|balance)|balance (is )?(too low|insufficient)/i;

/** What the error mapper needs besides the response. */
export interface FinraxErrorContext {
  /** Account name, stamped on every error. */
  account: string;
  /** Removes configured secrets from messages and excerpts. */
  redact: Redactor;
}

/**
 * Builds the `mapError` hook of the Finrax HTTP client: `{requestId, message}` and the older
 * `{timestamp, httpStatus, httpError, message, path}` bodies become typed errors that keep
 * Finrax's message, `httpError` (as `providerCode`) and `requestId`. A 403 says that Finrax
 * refuses API keys from IP addresses that are not on the key's allow-list. A body that is not a
 * Finrax error (an HTML page, nothing) is left to the HTTP client's status mapping.
 *
 * @example
 * const mapError = createFinraxErrorMapper({ account: 'main', redact });
 * createHttpClient({ ..., mapError });
 */
export function createFinraxErrorMapper(context: FinraxErrorContext) {
  return function mapFinraxError(response: HttpResponse): PaymuxError | undefined {
    if (response.status >= 200 && response.status < 300) return undefined;
    const parsed = finraxErrorBodySchema.safeParse(response.body);
    if (!parsed.success || typeof response.body !== 'object' || response.body === null) return undefined;
    const body = parsed.data;
    if (!body.message && !body.httpError && !body.requestId && !body.error) return undefined;
    const providerCode = body.httpError ?? body.error ?? String(response.status);
    const detail = context.redact(body.message ?? body.httpError ?? body.error ?? '');
    const excerpt = context.redact(response.rawBody);
    const options = {
      provider: context.account,
      providerCode,
      httpStatus: response.status,
      requestId: body.requestId ?? response.requestId,
      bodyExcerpt: excerpt.length > EXCERPT_LENGTH ? `${excerpt.slice(0, EXCERPT_LENGTH)}…` : excerpt,
    };
    const message = `Finrax answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
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
 * The doubt to settle after a create failed: an `AmbiguousOutcomeError` as thrown, or a 2xx
 * whose body could not be read (Finrax, or a proxy in front of it, answered success, so the
 * object may exist) turned into one. `undefined` when the failure is certain: rethrow it.
 *
 * @example
 * const unclear = unclearCreateOutcome(error, input.reference);
 * if (!unclear) throw error;
 */
export function unclearCreateOutcome(error: unknown, reference: string): AmbiguousOutcomeError | undefined {
  if (AmbiguousOutcomeError.is(error)) return error;
  const status = ProviderResponseError.is(error) ? error.httpStatus : undefined;
  if (status === undefined || status < 200 || status >= 300) return undefined;
  const unreadable = error as ProviderResponseError;
  return new AmbiguousOutcomeError(
    `${unreadable.operation ?? 'create'} answered HTTP ${status} with a body that could not be read: the object may exist`,
    {
      provider: unreadable.provider,
      operation: unreadable.operation,
      reference,
      httpStatus: status,
      requestId: unreadable.requestId,
      cause: unreadable,
    },
  );
}
