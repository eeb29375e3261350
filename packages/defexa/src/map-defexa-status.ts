import { mapStatus, type PaymentStatus, type PayoutStatus } from '@paymux/core';

/**
 * Raw payment statuses Defexa reports: the engine's named states (callbacks), the numeric
 * `status` of invoice records (`0` an unpaid invoice, `1` a completed one, as the seed's examples
 * show), and `aml_pending`, which this adapter reports for a payment listed by
 * `GET /api/v1/da/aml_refunds` (held by AML scoring).
 */
export type DefexaPaymentRawStatus =
  | 'init'
  | 'pending'
  | 'approved'
  | 'declined'
  | 'expired'
  | '0'
  | '1'
  | 'aml_pending';

/**
 * Defexa payment status → unified status. `expired` is not final at Defexa (a late payment may
 * still be processed), which the unified `expired` allows.
 */
export const defexaPaymentStatuses = {
  init: 'requires_payment',
  pending: 'processing',
  approved: 'succeeded',
  declined: 'failed',
  expired: 'expired',
  '0': 'requires_payment',
  '1': 'succeeded',
  aml_pending: 'on_hold',
} as const satisfies Record<DefexaPaymentRawStatus, PaymentStatus>;

/** Raw payout statuses: named states (create answer, callbacks) and numeric record statuses. */
export type DefexaPayoutRawStatus = 'init' | 'pending' | 'approved' | 'declined' | '0' | '1';

/** Defexa payout status → unified payout status. */
export const defexaPayoutStatuses = {
  init: 'pending',
  pending: 'pending',
  approved: 'succeeded',
  declined: 'failed',
  '0': 'pending',
  '1': 'succeeded',
} as const satisfies Record<DefexaPayoutRawStatus, PayoutStatus>;

/**
 * The unified status of a raw Defexa payment status; `unknown` for anything the table lacks.
 *
 * @example
 * mapDefexaPaymentStatus('approved') // 'succeeded'
 * mapDefexaPaymentStatus('7') // 'unknown'
 */
export function mapDefexaPaymentStatus(raw: string | undefined): PaymentStatus {
  return mapStatus(defexaPaymentStatuses, raw);
}

/**
 * The unified status of a raw Defexa payout status; `unknown` for anything the table lacks.
 *
 * @example
 * mapDefexaPayoutStatus('pending') // 'pending'
 */
export function mapDefexaPayoutStatus(raw: string | undefined): PayoutStatus {
  return mapStatus(defexaPayoutStatuses, raw);
}
