import {
  AmbiguousOutcomeError,
  NetworkError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
} from '../errors/error-classes';
import { PaymuxError } from '../errors/paymux-error';

// The one place that decides whether a failed write may have happened at the provider. The HTTP
// client (whether to resend), the adapters (whether to report doubt), the router (whether another
// account may be tried) and the idempotency layer (whether to keep a record pending) all ask here.

/**
 * Whether the failed request certainly changed nothing at the provider: a rate limit, a refused
 * connection or a 503 (`ProviderUnavailableError` without a status or with 503).
 *
 * @example
 * if (certainlyNotCarriedOut(error)) tryTheFallbackAccount();
 */
export function certainlyNotCarriedOut(error: unknown): boolean {
  if (RateLimitError.is(error)) return true;
  if (ProviderUnavailableError.is(error)) return error.httpStatus === undefined || error.httpStatus === 503;
  return false;
}

/**
 * Whether a request that failed on the way (no usable answer) may have reached the provider and
 * been carried out: a broken connection or timeout, or a 5xx other than 503.
 *
 * @example
 * if (!idempotent && requestMayHaveCommitted(failure)) throw new AmbiguousOutcomeError(…);
 */
export function requestMayHaveCommitted(error: unknown): boolean {
  if (!PaymuxError.is(error) || certainlyNotCarriedOut(error)) return false;
  return ProviderUnavailableError.is(error) || NetworkError.is(error);
}

/**
 * Whether a failed mutating call may nevertheless have taken effect: an ambiguous outcome, a
 * timeout or broken connection, a 5xx other than 503, a success answer of unexpected shape, or an
 * error paymux does not know. Every other paymux error is a refusal that changed nothing.
 *
 * @example
 * if (mayHaveTakenEffect(error)) keepTheIdempotencyRecordPending();
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  if (!PaymuxError.is(error)) return true;
  if (certainlyNotCarriedOut(error)) return false;
  return (
    AmbiguousOutcomeError.is(error) ||
    NetworkError.is(error) ||
    ProviderUnavailableError.is(error) ||
    ProviderResponseError.is(error)
  );
}

/**
 * The doubt to settle after a write failed: an `AmbiguousOutcomeError` as thrown, or a 2xx whose
 * body could not be read (the provider, or a proxy in front of it, answered success, so the
 * object may exist) turned into one. `undefined` when the failure is certain: rethrow it.
 *
 * @example
 * const unclear = unclearWriteOutcome(error, input.reference);
 * if (!unclear) throw error;
 */
export function unclearWriteOutcome(error: unknown, reference: string): AmbiguousOutcomeError | undefined {
  if (AmbiguousOutcomeError.is(error)) return error;
  const status = ProviderResponseError.is(error) ? error.httpStatus : undefined;
  if (status === undefined || status < 200 || status >= 300) return undefined;
  const unreadable = error as ProviderResponseError;
  return new AmbiguousOutcomeError(
    `${unreadable.operation ?? 'write'} answered HTTP ${status} with a body that could not be read: it may have been carried out`,
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
