import type { Payment, PaymentStatus } from './payment';
import type { Payout, PayoutStatus } from './payout';
import type { Refund, RefundStatus } from './refund';
import type { PaymentEventType, PayoutEventType, RefundEventType } from './webhook-event';

const paymentEventByStatus = {
  requires_payment: 'payment.created',
  processing: 'payment.processing',
  succeeded: 'payment.succeeded',
  on_hold: 'payment.on_hold',
  failed: 'payment.failed',
  expired: 'payment.expired',
  cancelled: 'payment.cancelled',
  unknown: 'payment.updated',
} as const satisfies Record<PaymentStatus, PaymentEventType>;

/**
 * The event type that announces a payment's current state. An underpaid payment still waiting
 * for funds is `payment.underpaid`; an overpaid one that is not yet final is `payment.overpaid`;
 * a succeeded one is always `payment.succeeded` (check `amountDelta` for `over`).
 */
export function paymentEventType(payment: Pick<Payment, 'status' | 'amountDelta'>): PaymentEventType {
  if (payment.status === 'requires_payment' && payment.amountDelta === 'under') return 'payment.underpaid';
  if (payment.status === 'processing' && payment.amountDelta === 'over') return 'payment.overpaid';
  return paymentEventByStatus[payment.status];
}

const payoutEventByStatus = {
  pending: 'payout.created',
  processing: 'payout.processing',
  requires_approval: 'payout.requires_approval',
  succeeded: 'payout.succeeded',
  failed: 'payout.failed',
  cancelled: 'payout.cancelled',
  on_hold: 'payout.on_hold',
  unknown: 'payout.updated',
} as const satisfies Record<PayoutStatus, PayoutEventType>;

export function payoutEventType(payout: Pick<Payout, 'status'>): PayoutEventType {
  return payoutEventByStatus[payout.status];
}

const refundEventByStatus = {
  pending: 'refund.created',
  succeeded: 'refund.succeeded',
  failed: 'refund.failed',
  unknown: 'refund.updated',
} as const satisfies Record<RefundStatus, RefundEventType>;

export function refundEventType(refund: Pick<Refund, 'status'>): RefundEventType {
  return refundEventByStatus[refund.status];
}
