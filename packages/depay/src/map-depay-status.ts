import { mapStatus, type PaymentStatus } from '@paymux/core';
import type { DepayPaymentStatus } from './depay-api';

/**
 * DePay's tracking statuses in the unified model. A tracking only exists once the customer has
 * sent the transaction, so there is no `requires_payment` phase: `pending` is "funds seen,
 * confirming".
 */
export const depayStatusTable = {
  pending: 'processing',
  success: 'succeeded',
  failed: 'failed',
} as const satisfies Record<DepayPaymentStatus, PaymentStatus>;

/** The `failed_reason` that means the tracking gave up after 24 h without seeing the payment. */
export const DEPAY_TIMEOUT_REASON = 'TRACKING_TIMED_OUT';

/**
 * The unified status of a DePay tracking. `failed` with `TRACKING_TIMED_OUT` is `expired`; every
 * other `failed_reason` stays `failed` (the reason is kept as `failureReason`). A status the table
 * does not know is `unknown`.
 *
 * @example
 * mapDepayStatus('failed', 'TRACKING_TIMED_OUT') // 'expired'
 */
export function mapDepayStatus(status: string, failedReason?: string | null): PaymentStatus {
  const mapped = mapStatus(depayStatusTable, status);
  if (mapped === 'failed' && failedReason === DEPAY_TIMEOUT_REASON) return 'expired';
  return mapped;
}
