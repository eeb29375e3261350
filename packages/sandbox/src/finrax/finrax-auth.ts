import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SandboxRequest } from '../http/http-types';
import { FinraxFailure } from './finrax-errors';

/** What the Finrax emulator accepts. */
export interface FinraxApiCredentials {
  apiKey: string;
  apiSecret: string;
  /** Accepted distance between the header's Timestamp and the real clock, ms. */
  timestampToleranceMs: number;
}

/**
 * Computes the request signature: lowercase hex HMAC-SHA256(secret, requestUri + timestamp + body).
 *
 * @example
 * finraxSignature(secret, '/api/v1/payments', '1700000000000', '{"a":1}')
 */
export function finraxSignature(
  secret: string,
  requestUri: string,
  timestamp: string,
  body: string | Buffer,
): string {
  return createHmac('sha256', secret)
    .update(requestUri + timestamp)
    .update(body)
    .digest('hex');
}

function parseHeader(header: string): Record<string, string> | undefined {
  const match = /^FRX-API\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) return undefined;
  const fields: Record<string, string> = {};
  for (const part of match[1].split(',')) {
    const separator = part.indexOf('=');
    if (separator < 0) return undefined;
    fields[part.slice(0, separator).trim().toLowerCase()] = part.slice(separator + 1).trim();
  }
  return fields;
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a.toLowerCase());
  const right = Buffer.from(b.toLowerCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Checks `Authorization: FRX-API API-Key=…,Signature=…,Timestamp=…` against the exact bytes
 * received. The signed URI may be the path below the sandbox prefix (`/api/v1/...`, what a client
 * configured with the base URL signs against the real host) or the full path received.
 * The timestamp is checked against the real clock: `advanceTime` moves the provider's books, not
 * the client's wall clock.
 */
export function checkFinraxAuth(request: SandboxRequest, credentials: FinraxApiCredentials): void {
  const fields = parseHeader(request.headers.authorization ?? '');
  const key = fields?.['api-key'];
  const signature = fields?.signature;
  const timestamp = fields?.timestamp;
  if (!key || !signature || !timestamp)
    throw new FinraxFailure(401, 'Missing or malformed Authorization header');
  if (!sameHex(Buffer.from(key).toString('hex'), Buffer.from(credentials.apiKey).toString('hex'))) {
    throw new FinraxFailure(401, 'Invalid API key');
  }
  if (!/^\d{10,16}$/.test(timestamp)) throw new FinraxFailure(401, 'Invalid timestamp');
  if (Math.abs(Date.now() - Number.parseInt(timestamp, 10)) > credentials.timestampToleranceMs) {
    throw new FinraxFailure(401, 'Request timestamp is outside the allowed window');
  }
  const candidates = [request.relativeTarget, request.rawTarget];
  const valid = candidates.some((uri) =>
    sameHex(signature, finraxSignature(credentials.apiSecret, uri, timestamp, request.rawBody)),
  );
  if (!valid) throw new FinraxFailure(401, 'Invalid signature');
}
