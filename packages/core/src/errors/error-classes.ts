import { PaymuxError, type PaymuxErrorOptions } from './paymux-error';

/** The paymux config is wrong: an unknown provider type, a bad key, a missing variable. */
export class ConfigurationError extends PaymuxError {
  static override readonly kind: string = 'ConfigurationError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('configuration_error', message, options);
  }
}

/** The input is invalid. Always thrown before any network call. */
export class ValidationError extends PaymuxError {
  static override readonly kind: string = 'ValidationError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('validation_error', message, options);
  }
}

/** The provider refused the credentials. */
export class AuthenticationError extends PaymuxError {
  static override readonly kind: string = 'AuthenticationError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('authentication_error', message, options);
  }
}

/** The credentials are valid but not allowed to do this (IP allow-list, missing permission). */
export class PermissionError extends PaymuxError {
  static override readonly kind: string = 'PermissionError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('permission_error', message, options);
  }
}

/** The object does not exist at the provider. */
export class NotFoundError extends PaymuxError {
  static override readonly kind: string = 'NotFoundError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('not_found', message, options);
  }
}

/** An object with this merchant reference already exists at the provider. */
export class DuplicateReferenceError extends PaymuxError {
  static override readonly kind: string = 'DuplicateReferenceError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('duplicate_reference', message, options);
  }
}

/** The balance does not cover the operation. */
export class InsufficientFundsError extends PaymuxError {
  static override readonly kind: string = 'InsufficientFundsError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('insufficient_funds', message, options);
  }
}

/** Too many requests. `retryAfter` says how many seconds to wait, when known. */
export class RateLimitError extends PaymuxError {
  static override readonly kind: string = 'RateLimitError';
  readonly retryAfter: number | undefined;
  constructor(message: string, options: PaymuxErrorOptions = {}) {
    super('rate_limited', message, { retryable: true, ...options });
    this.retryAfter = options.retryAfter;
  }
  protected override extraJson(): Record<string, unknown> {
    return { retryAfter: this.retryAfter };
  }
}

/**
 * The provider is down or overloaded. With no `httpStatus` (connection refused) or a 503 it
 * certainly processed nothing; after another 5xx a write may have been carried out, which is why
 * the HTTP layer turns such a write into an `AmbiguousOutcomeError`.
 */
export class ProviderUnavailableError extends PaymuxError {
  static override readonly kind: string = 'ProviderUnavailableError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('provider_unavailable', message, { retryable: true, ...options });
  }
}

/** The connection failed. `retryable` is false when the request may have been processed. */
export class NetworkError extends PaymuxError {
  static override readonly kind: string = 'NetworkError';
  constructor(
    message: string,
    options?: PaymuxErrorOptions,
    code: 'network_error' | 'timeout' = 'network_error',
  ) {
    super(code, message, { retryable: true, ...options });
  }
}

/** The provider did not answer in time. */
export class TimeoutError extends NetworkError {
  static override readonly kind: string = 'TimeoutError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super(message, options, 'timeout');
  }
}

/**
 * A mutating request may or may not have been carried out (a timeout after it was sent, a reset
 * connection, a gateway error) and looking the reference up could not settle it. Do not retry
 * blindly: check the provider's dashboard or retry with the same idempotency key/reference.
 */
export class AmbiguousOutcomeError extends PaymuxError {
  static override readonly kind: string = 'AmbiguousOutcomeError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('ambiguous_outcome', message, { retryable: false, ...options });
  }
}

/** The provider refused the request for a business reason; `providerCode` says which. */
export class ProviderRejectedError extends PaymuxError {
  static override readonly kind: string = 'ProviderRejectedError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('provider_rejected', message, options);
  }
}

/** The provider's response did not have the expected shape. `bodyExcerpt` shows part of it. */
export class ProviderResponseError extends PaymuxError {
  static override readonly kind: string = 'ProviderResponseError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('provider_response_invalid', message, options);
  }
}

/** The provider (or this adapter) does not support the operation. Thrown before any I/O. */
export class UnsupportedOperationError extends PaymuxError {
  static override readonly kind: string = 'UnsupportedOperationError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('unsupported_operation', message, options);
  }
}

/** A webhook could not be proven authentic; nothing was emitted for it. */
export class WebhookVerificationError extends PaymuxError {
  static override readonly kind: string = 'WebhookVerificationError';
  constructor(message: string, options?: PaymuxErrorOptions) {
    super('webhook_verification_failed', message, options);
  }
}

/** Every error class, by name: for docs and tests. */
export const errorClasses = {
  PaymuxError,
  ConfigurationError,
  ValidationError,
  AuthenticationError,
  PermissionError,
  NotFoundError,
  DuplicateReferenceError,
  InsufficientFundsError,
  RateLimitError,
  ProviderUnavailableError,
  NetworkError,
  TimeoutError,
  AmbiguousOutcomeError,
  ProviderRejectedError,
  ProviderResponseError,
  UnsupportedOperationError,
  WebhookVerificationError,
} as const;
