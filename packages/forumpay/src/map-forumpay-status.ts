import { mapStatus, type PaymentStatus } from '@paymux/core';

/**
 * The `state` values of CheckPayment and GetTransactions.
 *
 * @example
 * forumpayPaymentStates.includes('underpayment') // true
 */
export const forumpayPaymentStates = [
  'waiting',
  'processing',
  'underpayment',
  'blocked',
  'cancelled',
  'confirmed',
] as const;
export type ForumpayPaymentState = (typeof forumpayPaymentStates)[number];

/**
 * ForumPay `state` → unified status. `underpayment` is `requires_payment` with `amountDelta`
 * `under`: the customer still has to send the rest. An overpaid payment is `confirmed` with
 * `amountDelta` `over`.
 *
 * @example
 * forumpayStatusTable.blocked // 'on_hold'
 */
export const forumpayStatusTable = {
  waiting: 'requires_payment',
  processing: 'processing',
  underpayment: 'requires_payment',
  blocked: 'on_hold',
  cancelled: 'cancelled',
  confirmed: 'succeeded',
} as const satisfies Record<ForumpayPaymentState, PaymentStatus>;

/**
 * The raw status of a ForumPay payment: its `state`, or, where a response has no `state` (the
 * seed's GetTransactions), its display `status` when that names a state ("Confirmed").
 */
export function forumpayRawStatus(state: string | undefined, status: string | undefined): string {
  if (state !== undefined && state !== '') return state;
  if (status === undefined) return '';
  const lowered = status.trim().toLowerCase();
  return Object.hasOwn(forumpayStatusTable, lowered) ? lowered : status;
}

/**
 * Maps a raw ForumPay state to the unified status; a state the table does not know is `unknown`.
 *
 * @example
 * mapForumpayStatus('underpayment') // 'requires_payment'
 * mapForumpayStatus('refunded') // 'unknown'
 */
export function mapForumpayStatus(rawStatus: string | undefined): PaymentStatus {
  return mapStatus(forumpayStatusTable, rawStatus);
}
