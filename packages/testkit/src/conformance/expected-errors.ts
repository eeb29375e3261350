import { errorClasses, type PaymuxError } from '@paymux/core';
import type { ErrorCase, ErrorClassName } from '../conformance-types';

/** Every case the error-mapping checks run, in the order they are reported. */
export const errorCases: readonly ErrorCase[] = [
  400,
  401,
  403,
  404,
  409,
  429,
  500,
  502,
  503,
  'timeout',
  'connection-reset',
  'malformed-json',
  'html-error-page',
];

/** What a well-behaved adapter throws for each case unless `options.expectedErrors` says otherwise. */
export const defaultExpectedErrors: Readonly<Record<ErrorCase, ErrorClassName>> = {
  400: 'ProviderRejectedError',
  401: 'AuthenticationError',
  403: 'PermissionError',
  404: 'NotFoundError',
  409: 'DuplicateReferenceError',
  429: 'RateLimitError',
  500: 'ProviderUnavailableError',
  502: 'ProviderUnavailableError',
  503: 'ProviderUnavailableError',
  timeout: 'TimeoutError',
  'connection-reset': 'NetworkError',
  'malformed-json': 'ProviderResponseError',
  'html-error-page': 'ProviderUnavailableError',
};

/**
 * Whether errors of a class may be retried. A class missing here (a third party's own) is not
 * checked. Subclasses come before their parents: `TimeoutError` is also a `NetworkError`.
 */
const retryableByClass: Readonly<Record<string, boolean>> = {
  RateLimitError: true,
  ProviderUnavailableError: true,
  TimeoutError: true,
  NetworkError: true,
  ConfigurationError: false,
  ValidationError: false,
  AuthenticationError: false,
  PermissionError: false,
  NotFoundError: false,
  DuplicateReferenceError: false,
  InsufficientFundsError: false,
  AmbiguousOutcomeError: false,
  ProviderRejectedError: false,
  ProviderResponseError: false,
  UnsupportedOperationError: false,
  WebhookVerificationError: false,
};

/** The expected class for a case, with the adapter's overrides applied. */
export function expectedErrorFor(
  errorCase: ErrorCase,
  overrides: Partial<Record<ErrorCase, ErrorClassName>> | undefined,
): ErrorClassName {
  return overrides?.[errorCase] ?? defaultExpectedErrors[errorCase];
}

/** True when `error` is a paymux error of the class named `className` (or a subclass of it). */
export function isErrorOfClass(error: unknown, className: ErrorClassName): boolean {
  if (!Object.hasOwn(errorClasses, className)) {
    throw new Error(
      `expectedErrors names "${className}", which is not an error class of @paymux/core (${Object.keys(errorClasses).join(', ')})`,
    );
  }
  return errorClasses[className as keyof typeof errorClasses].is(error);
}

/** The retryability a class implies, or `undefined` for a class the suite does not know. */
export function expectedRetryable(error: PaymuxError): boolean | undefined {
  for (const kind of error.kinds) {
    const retryable = retryableByClass[kind];
    if (retryable !== undefined) return retryable;
  }
  return undefined;
}

/** A short description of whatever was thrown, for failure messages. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${code ? ` (${String(code)})` : ''}: ${error.message}`;
  }
  return String(error);
}
