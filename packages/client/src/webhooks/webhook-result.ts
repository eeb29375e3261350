import type { WebhookEvent } from '@paymux/core';
import type { PublishOutcome } from '../events/event-publisher';

/** An incoming webhook, as the HTTP framework received it. */
export interface IncomingWebhook {
  /** The body exactly as received: a string or bytes, never a parsed object. */
  rawBody: string | Uint8Array;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Path and query, for providers that verify by a secret URL. */
  url?: string;
  method?: string;
}

/** An event the pipeline verified but did not emit, and why. */
export interface IgnoredWebhookEvent {
  id: string;
  type: WebhookEvent['type'];
  reason: Exclude<PublishOutcome, 'emitted'>;
}

/** The HTTP answer to send back, and what the delivery produced. */
export interface WebhookHandleResult {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** Events emitted for this delivery (new states only). */
  events: WebhookEvent[];
  /** Verified events that were not emitted: duplicates, states already announced, regressions. */
  ignored: IgnoredWebhookEvent[];
}
