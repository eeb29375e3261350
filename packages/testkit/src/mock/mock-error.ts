import {
  DuplicateReferenceError,
  errorFromHttpStatus,
  type HttpResponse,
  InsufficientFundsError,
  type PaymuxError,
  ProviderRejectedError,
  parseRetryAfter,
  type Redactor,
} from '@paymux/core';
import { mockErrorBodySchema } from './mock-api';

const EXCERPT_LENGTH = 500;

/**
 * Turns a mock API error body into a typed error. Returns `undefined` for a body that is not the
 * mock's error shape: the HTTP client then maps the status (or parses the success body).
 * The message is redacted: a provider may echo a credential back in it.
 */
export function mapMockError(
  response: HttpResponse,
  context: { account: string; redact: Redactor },
): PaymuxError | undefined {
  const parsed = mockErrorBodySchema.safeParse(response.body);
  if (!parsed.success) return undefined;
  const { code, message } = parsed.data.error;
  const excerpt = context.redact(response.rawBody);
  const options = {
    provider: context.account,
    providerCode: code,
    httpStatus: response.status,
    requestId: response.requestId,
    retryAfter: parseRetryAfter(response.headers['retry-after']),
    bodyExcerpt: excerpt.length > EXCERPT_LENGTH ? `${excerpt.slice(0, EXCERPT_LENGTH)}…` : excerpt,
  };
  const text = `mock: ${context.redact(message ?? code)}`;
  if (code === 'insufficient_funds') return new InsufficientFundsError(text, options);
  if (code === 'duplicate_reference') return new DuplicateReferenceError(text, options);
  // A success status carrying an error body is a refusal all the same.
  if (response.status < 400) return new ProviderRejectedError(text, options);
  return errorFromHttpStatus(response.status, text, options);
}
