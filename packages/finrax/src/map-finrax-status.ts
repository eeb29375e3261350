import { mapStatus, type PaymentStatus, type PayoutStatus, type RefundStatus } from '@paymux/core';
import type {
  FinraxApprovalStatus,
  FinraxPaymentStatus,
  FinraxRefundStatus,
  FinraxWithdrawalStatus,
} from './finrax-api';

/**
 * Finrax payment statuses → unified statuses. Under- and over-payment are `amountDelta`, so
 * `OVERPAID` is `succeeded` with `amountDelta: 'over'`.
 */
export const finraxPaymentStatusMap = {
  NEW: 'requires_payment',
  PENDING: 'requires_payment',
  AWAITING: 'processing',
  DEPOSITED: 'succeeded',
  EXPIRED: 'expired',
  BLOCKED: 'on_hold',
  OVERPAID: 'succeeded',
} as const satisfies Record<FinraxPaymentStatus, PaymentStatus>;

/** Finrax withdrawal statuses → unified payout statuses. */
export const finraxWithdrawalStatusMap = {
  NEW: 'pending',
  PENDING: 'processing',
  COMPLETED: 'succeeded',
  FAILED: 'failed',
  BLOCKED: 'on_hold',
} as const satisfies Record<FinraxWithdrawalStatus, PayoutStatus>;

/**
 * Approval statuses → unified payout statuses. An approved (or skipped) withdrawal is handed to
 * Finrax's normal flow, so it is `pending` until a withdrawal status says more.
 */
export const finraxApprovalStatusMap = {
  PENDING: 'requires_approval',
  APPROVED: 'pending',
  SKIPPED: 'pending',
  REJECTED: 'cancelled',
} as const satisfies Record<FinraxApprovalStatus, PayoutStatus>;

/** Refund statuses → unified refund statuses. */
export const finraxRefundStatusMap = {
  PENDING: 'pending',
  CONFIRMED: 'succeeded',
  NON_REFUNDABLE: 'failed',
} as const satisfies Record<FinraxRefundStatus, RefundStatus>;

/**
 * The unified status of a Finrax payment status; an unknown one is `unknown`, never guessed.
 *
 * @example
 * mapFinraxPaymentStatus('AWAITING') // 'processing'
 */
export function mapFinraxPaymentStatus(status: string | null | undefined): PaymentStatus {
  return mapStatus(finraxPaymentStatusMap, status);
}

/** The unified status of a Finrax withdrawal status. @example mapFinraxWithdrawalStatus('COMPLETED') // 'succeeded' */
export function mapFinraxWithdrawalStatus(status: string | null | undefined): PayoutStatus {
  return mapStatus(finraxWithdrawalStatusMap, status);
}

/** The unified status of a withdrawal approval status. @example mapFinraxApprovalStatus('PENDING') // 'requires_approval' */
export function mapFinraxApprovalStatus(status: string | null | undefined): PayoutStatus {
  return mapStatus(finraxApprovalStatusMap, status);
}

/** The unified status of a refund status. @example mapFinraxRefundStatus('CONFIRMED') // 'succeeded' */
export function mapFinraxRefundStatus(status: string | null | undefined): RefundStatus {
  return mapStatus(finraxRefundStatusMap, status);
}
