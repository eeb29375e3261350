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
  return [providerType, ...parts.map((part) => encodeURIComponent(part ?? ''))].join(':');
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
  const { idParts, ...rest } = fields;
  const id = webhookEventId(fields.providerType, idParts);
  const common = {
    id,
    provider: rest.provider,
    providerType: rest.providerType,
    occurredAt: rest.occurredAt,
    verifiedBy: rest.verifiedBy,
    raw: rest.raw,
  };
  switch (rest.object) {
    case 'payment':
      return { ...common, object: 'payment', type: paymentEventType(rest.data), data: rest.data };
    case 'payout':
      return { ...common, object: 'payout', type: payoutEventType(rest.data), data: rest.data };
    case 'refund':
      return { ...common, object: 'refund', type: refundEventType(rest.data), data: rest.data };
  }
}
