import { hmacSha256Hex, type PreparedRequest } from '@paymux/core';

/** The credentials that sign Finrax requests. */
export interface FinraxCredentials {
  apiKey: string;
  apiSecret: string;
}

/**
 * Finrax's request signature: lowercase hex HMAC-SHA256, keyed with the API secret, over the path
 * with its query string, the millisecond timestamp and the exact body bytes (`''` without a body).
 *
 * @example
 * finraxSignature('secret', '/api/v1/payments', '1702906899000', '{"a":1}')
 */
export function finraxSignature(
  apiSecret: string,
  pathWithQuery: string,
  timestamp: string,
  body: string,
): string {
  return hmacSha256Hex(apiSecret, `${pathWithQuery}${timestamp}${body}`);
}

/**
 * The `Authorization` header value: `FRX-API API-Key=<key>,Signature=<sig>,Timestamp=<ms>`.
 *
 * @example
 * finraxAuthorization({ apiKey, apiSecret }, '/api/v1/payments/123', '', Date.now())
 */
export function finraxAuthorization(
  credentials: FinraxCredentials,
  pathWithQuery: string,
  body: string,
  nowMs: number,
): string {
  const timestamp = String(Math.trunc(nowMs));
  const signature = finraxSignature(credentials.apiSecret, pathWithQuery, timestamp, body);
  return `FRX-API API-Key=${credentials.apiKey},Signature=${signature},Timestamp=${timestamp}`;
}

/**
 * The HTTP client's `authenticate` hook: signs the prepared request as it will go on the wire.
 * `request.body` is the exact string sent, so the signature covers the bytes Finrax receives.
 */
export function createFinraxAuthenticator(credentials: FinraxCredentials, now: () => Date) {
  return (request: PreparedRequest): void => {
    request.headers.authorization = finraxAuthorization(
      credentials,
      request.pathWithQuery,
      request.body ?? '',
      now().getTime(),
    );
  };
}
