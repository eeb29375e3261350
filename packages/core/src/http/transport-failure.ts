import { NetworkError, ProviderUnavailableError, TimeoutError } from '../errors/error-classes';
import { PaymuxError } from '../errors/paymux-error';

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Where a transport failure happened, for its message and fields. */
export interface TransportFailureContext {
  providerType: string;
  /** The account, stamped on the error. */
  provider: string;
  operation: string;
  reference: string | undefined;
}

/**
 * The typed error of an exchange that failed before a whole response arrived: connection refused
 * (nothing was processed), a timeout, a cancel, an oversized answer, a request Node refused to
 * send, or a broken connection. A paymux error passes through as it is.
 *
 * @example
 * transportError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }), { providerType: 'finrax', provider: 'main', operation: 'getPayment', reference: undefined })
 */
export function transportError(error: unknown, where: TransportFailureContext): PaymuxError {
  if (PaymuxError.is(error)) return error;
  const code = (error as { code?: string }).code ?? '';
  const { providerType, operation } = where;
  const common = { provider: where.provider, operation, reference: where.reference, cause: error };
  if (CONNECT_FAILURES.has(code)) {
    return new ProviderUnavailableError(`Could not connect to ${providerType} (${code})`, common);
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(String((error as Error).message))) {
    return new TimeoutError(`${providerType} did not answer ${operation} in time`, common);
  }
  if (code === 'ERR_CANCELED') {
    return new NetworkError(`${operation} was cancelled`, { ...common, retryable: false });
  }
  if (code === 'ERR_RESPONSE_TOO_LARGE') {
    // The provider answered, too much: asking again would only fetch it again.
    return new NetworkError(`${providerType} sent an oversized answer to ${operation}`, {
      ...common,
      retryable: false,
    });
  }
  if (code.startsWith('ERR_INVALID')) {
    // Node refused to send it (a header with a line break): nothing left, a repeat fails alike.
    return new NetworkError(`${operation} could not be sent: ${(error as Error).message}`, {
      ...common,
      retryable: false,
    });
  }
  return new NetworkError(
    `Connection to ${providerType} failed during ${operation} (${code || 'unknown'})`,
    common,
  );
}
