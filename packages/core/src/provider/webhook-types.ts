import type { WebhookEvent } from '../model/webhook-event';
import type { AccountState } from '../store/store';

/** An incoming webhook as it arrived: the raw bytes are needed to check signatures. */
export interface WebhookRequest {
  /** The body exactly as received. Never a parsed object. */
  rawBody: string | Uint8Array;
  /** Header names in any case. */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  method?: string;
  /** Path and query the webhook was delivered to (for secret-URL verification). */
  url?: string;
}

/** What the client lends an adapter while it parses a webhook. */
export interface WebhookContext {
  /** The current time; injectable for tests. */
  now(): Date;
  /**
   * Whether this merchant created the object (a DePay tracking uuid, a payout id). Backed by the
   * client's store; `undefined` when no store knows, which adapters treat as "cannot confirm".
   */
  isKnownObject?(kind: 'payment' | 'payout', providerId: string): Promise<boolean | undefined>;
  /** The account's durable key-value space (the same one the provider context lends). */
  state?: AccountState;
  /**
   * True when the caller removes every configured secret (this account's among them) from the
   * returned events before anyone sees them, as paymux's client does for every event it emits.
   * An adapter may then leave `raw` as parsed instead of walking it twice; without it, `raw`
   * must be sanitised by the adapter.
   */
  redactsEvents?: boolean;
}

/** The HTTP answer the provider expects for an accepted webhook. */
export interface WebhookHttpResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** The result of a verified webhook. */
export interface WebhookParseResult {
  /** Normalized, verified events (possibly none, for a notification that changes nothing). */
  events: WebhookEvent[];
  /** What to answer the provider. */
  response: WebhookHttpResponse;
}

/** Reads one header, case-insensitively; the first value of a repeated header. */
export function getHeader(request: Pick<WebhookRequest, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  // Node and the Fetch API already give lower-case names: the direct lookup is the usual answer.
  const direct = Object.hasOwn(request.headers, wanted) ? request.headers[wanted] : undefined;
  if (direct !== undefined) return typeof direct === 'string' ? direct : direct[0];
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}

/** The raw body as a UTF-8 string. */
export function rawBodyText(request: Pick<WebhookRequest, 'rawBody'>): string {
  return typeof request.rawBody === 'string' ? request.rawBody : rawBodyBytes(request).toString('utf8');
}

/**
 * The raw body as bytes, exactly as received: the bytes a signature covers. A `Buffer` or
 * `Uint8Array` is viewed, not copied.
 */
export function rawBodyBytes(request: Pick<WebhookRequest, 'rawBody'>): Buffer {
  const { rawBody } = request;
  if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
  return Buffer.isBuffer(rawBody)
    ? rawBody
    : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
}
