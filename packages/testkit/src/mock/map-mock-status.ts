import { mapStatus, type PaymentStatus, type PayoutStatus } from '@paymux/core';
import type { MockPayoutStatus, MockStatus } from './mock-api';

/** Under- and over-payment are `amountDelta`, not statuses: `underpaid` still waits for funds. */
export const mockPaymentStatusTable = {
  pending: 'requires_payment',
  underpaid: 'requires_payment',
  confirming: 'processing',
  paid: 'succeeded',
  overpaid: 'succeeded',
  held: 'on_hold',
  failed: 'failed',
  expired: 'expired',
  cancelled: 'cancelled',
} as const satisfies Record<MockStatus, PaymentStatus>;

export const mockPayoutStatusTable = {
  queued: 'pending',
  awaiting_approval: 'requires_approval',
  sending: 'processing',
  sent: 'succeeded',
  held: 'on_hold',
  failed: 'failed',
  cancelled: 'cancelled',
} as const satisfies Record<MockPayoutStatus, PayoutStatus>;

/** The unified status of a mock payment; a status the table does not know is `unknown`. */
export function mapMockPaymentStatus(raw: string): PaymentStatus {
  return mapStatus(mockPaymentStatusTable, raw);
}

/** The unified status of a mock payout; a status the table does not know is `unknown`. */
export function mapMockPayoutStatus(raw: string): PayoutStatus {
  return mapStatus(mockPayoutStatusTable, raw);
}
