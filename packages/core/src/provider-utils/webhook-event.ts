import { paymentEventType, payoutEventType, refundEventType } from '../model/events';
import type { Payment } from '../model/payment';
import type { Payout } from '../model/payout';
import type { Refund } from '../model/refund';
import type { PaymentEvent, PayoutEvent, RefundEvent, VerificationMethod } from '../model/webhook-event';

/**
 * The event-id recipe every adapter uses: `<providerType>:<part>:<part>…`, each part
 * percent-encoded (so no part can run into the next) and an absent part left empty. Built only
 * from what the provider confirmed (its object id, raw status, amount), the same notification
 * always gives the same id, which is the client's deduplication key, and a new state a new one.
 *
 * @example
 * webhookEventId('depay', [uuid, 'success']) // 'depay:3a6c…:success'
 */
export function webhookEventId(providerType: string, parts: readonly (string | undefined)[]): string {
  let id = providerType;
  for (const part of parts) id += `:${part ? encodeURIComponent(part) : ''}`;
  return id;
}

interface EventFields {
  provider: string;
  providerType: string;
  /** The parts of the event id after the provider type (see {@link webhookEventId}). */
  idParts: readonly (string | undefined)[];
  occurredAt: string;
  verifiedBy: VerificationMethod;
  raw: unknown;
}

/**
 * Builds a normalized webhook event: its id by {@link webhookEventId}, its type from the
 * object's unified status.
 *
 * @example
 * buildWebhookEvent({ object: 'payment', data: payment, provider: account, providerType: 'depay',
 *   idParts: [uuid, tracking.status], occurredAt, verifiedBy: 'signature', raw });
 */
export function buildWebhookEvent(fields: EventFields & { object: 'payment'; data: Payment }): PaymentEvent;
export function buildWebhookEvent(fields: EventFields & { object: 'payout'; data: Payout }): PayoutEvent;
export function buildWebhookEvent(fields: EventFields & { object: 'refund'; data: Refund }): RefundEvent;
export function buildWebhookEvent(
  fields: EventFields &
    (
      | { object: 'payment'; data: Payment }
      | { object: 'payout'; data: Payout }
      | { object: 'refund'; data: Refund }
    ),
): PaymentEvent | PayoutEvent | RefundEvent {
  // One literal per kind, no rest or spread: this runs for every webhook, and V8's object rest
  // and spread take a slow generic path here that cost more than the rest of the function.
  const id = webhookEventId(fields.providerType, fields.idParts);
  switch (fields.object) {
    case 'payment':
      return {
        id,
        provider: fields.provider,
        providerType: fields.providerType,
        occurredAt: fields.occurredAt,
        verifiedBy: fields.verifiedBy,
        raw: fields.raw,
        object: 'payment',
        type: paymentEventType(fields.data),
        data: fields.data,
      };
    case 'payout':
      return {
        id,
        provider: fields.provider,
        providerType: fields.providerType,
        occurredAt: fields.occurredAt,
        verifiedBy: fields.verifiedBy,
        raw: fields.raw,
        object: 'payout',
        type: payoutEventType(fields.data),
        data: fields.data,
      };
    case 'refund':
      return {
        id,
        provider: fields.provider,
        providerType: fields.providerType,
        occurredAt: fields.occurredAt,
        verifiedBy: fields.verifiedBy,
        raw: fields.raw,
        object: 'refund',
        type: refundEventType(fields.data),
        data: fields.data,
      };
  }
}
