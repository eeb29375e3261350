import { z } from 'zod';
import { paymentSchema } from './payment';
import { payoutBatchSchema, payoutSchema } from './payout';
import { refundSchema } from './refund';

export const paymentEventTypes = [
  'payment.created',
  'payment.processing',
  'payment.succeeded',
  'payment.failed',
  'payment.expired',
  'payment.cancelled',
  'payment.on_hold',
  'payment.underpaid',
  'payment.overpaid',
  'payment.updated',
] as const;
export const payoutEventTypes = [
  'payout.created',
  'payout.processing',
  'payout.requires_approval',
  'payout.succeeded',
  'payout.failed',
  'payout.cancelled',
  'payout.on_hold',
  'payout.updated',
] as const;
export const refundEventTypes = [
  'refund.created',
  'refund.succeeded',
  'refund.failed',
  'refund.updated',
] as const;

export const eventTypeSchema = z.enum([...paymentEventTypes, ...payoutEventTypes, ...refundEventTypes]);
export type EventType = z.infer<typeof eventTypeSchema>;
export type PaymentEventType = (typeof paymentEventTypes)[number];
export type PayoutEventType = (typeof payoutEventTypes)[number];
export type RefundEventType = (typeof refundEventTypes)[number];

/** How an event was proven to come from the provider. */
export const verificationMethodSchema = z.enum(['signature', 'refetch', 'secret_url', 'direct']);
export type VerificationMethod = z.infer<typeof verificationMethodSchema>;

const base = {
  /** Stable id: the same provider notification always yields the same id (deduplication key). */
  id: z.string(),
  provider: z.string(),
  providerType: z.string(),
  occurredAt: z.string().datetime({ offset: true }),
  verifiedBy: verificationMethodSchema,
  raw: z.unknown(),
};

export const webhookEventSchema = z.discriminatedUnion('object', [
  z.object({ ...base, object: z.literal('payment'), type: z.enum(paymentEventTypes), data: paymentSchema }),
  z.object({ ...base, object: z.literal('payout'), type: z.enum(payoutEventTypes), data: payoutSchema }),
  z.object({
    ...base,
    object: z.literal('payout_batch'),
    type: z.enum(payoutEventTypes),
    data: payoutBatchSchema,
  }),
  z.object({ ...base, object: z.literal('refund'), type: z.enum(refundEventTypes), data: refundSchema }),
]);
/** A normalized provider notification (or a change seen by the tracker or a direct call). */
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
export type PaymentEvent = Extract<WebhookEvent, { object: 'payment' }>;
export type PayoutEvent = Extract<WebhookEvent, { object: 'payout' }>;
export type RefundEvent = Extract<WebhookEvent, { object: 'refund' }>;
