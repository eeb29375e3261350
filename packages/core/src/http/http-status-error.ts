import {
  AuthenticationError,
  DuplicateReferenceError,
  NotFoundError,
  PermissionError,
  ProviderRejectedError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '../errors/error-classes';
import type { PaymuxError, PaymuxErrorOptions } from '../errors/paymux-error';

/**
 * The typed error for an HTTP status, when the provider's body says nothing more specific.
 * Adapters call it from their error mapper with the provider's message and code.
 *
 * @example
 * return errorFromHttpStatus(response.status, body.message, { provider: 'finrax', providerCode: body.code });
 */
export function errorFromHttpStatus(
  status: number,
  message: string,
  options: PaymuxErrorOptions = {},
): PaymuxError {
  const withStatus = { ...options, httpStatus: status };
  if (status === 401) return new AuthenticationError(message, withStatus);
  if (status === 403) return new PermissionError(message, withStatus);
  if (status === 404) return new NotFoundError(message, withStatus);
  if (status === 408) return new TimeoutError(message, withStatus);
  if (status === 409) return new DuplicateReferenceError(message, withStatus);
  if (status === 429) return new RateLimitError(message, withStatus);
  if (status >= 500) return new ProviderUnavailableError(message, withStatus);
  return new ProviderRejectedError(message, withStatus);
}
