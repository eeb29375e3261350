import type { KeyObject } from 'node:crypto';
import { getHeader, type HttpResponse, ProviderResponseError, type Redactor } from '@paymux/core';
import { DEPAY_SIGNATURE_HEADER, verifyDepaySignature } from './depay-webhook';

const EXCERPT_LENGTH = 500;

/** What checking a signed answer needs from the account. */
export interface DepaySignedResponseContext {
  account: string;
  publicKey: KeyObject;
  redact: Redactor;
}

/**
 * Checks DePay's `x-signature` over the raw body of an answer DePay signs (`GET /payments/{id}`),
 * with the same RSA-PSS scheme as callbacks. A missing or wrong signature is a
 * `ProviderResponseError` (`signature_missing` / `signature_invalid`), never retried: the answer
 * is not used, so nothing changes on the strength of it.
 *
 * @example
 * assertSignedByDepay(result, 'getPayment', { account, publicKey, redact });
 */
export function assertSignedByDepay(
  response: Pick<HttpResponse, 'status' | 'headers' | 'rawBody' | 'requestId'>,
  operation: string,
  context: DepaySignedResponseContext,
): void {
  const signature = getHeader(response, DEPAY_SIGNATURE_HEADER);
  const verified =
    signature !== undefined &&
    verifyDepaySignature({ publicKey: context.publicKey, data: response.rawBody, signature });
  if (verified) return;
  const excerpt = context.redact(response.rawBody);
  throw new ProviderResponseError(
    signature === undefined
      ? `DePay's ${operation} answer carries no x-signature header: it is not used`
      : `DePay's ${operation} answer has a signature that does not verify: it is not used`,
    {
      provider: context.account,
      operation,
      providerCode: signature === undefined ? 'signature_missing' : 'signature_invalid',
      httpStatus: response.status,
      requestId: response.requestId,
      retryable: false,
      bodyExcerpt: excerpt.length > EXCERPT_LENGTH ? `${excerpt.slice(0, EXCERPT_LENGTH)}…` : excerpt,
    },
  );
}
