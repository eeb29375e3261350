import type { Payment, PaymentProvider, Payout } from '@paymux/core';
import type { ReconcileResult } from '../idempotency/idempotent-executor';
import type { IdempotencyRecord } from '@paymux/core';

// Lookups that settle an earlier ambiguous call: `undefined` means the provider cannot tell.

/** Finds a payment by the merchant reference of the ambiguous call. */
export async function reconcilePayment(
  provider: PaymentProvider,
  record: IdempotencyRecord,
): Promise<ReconcileResult<Payment>> {
  const reference = record.reference;
  if (reference === undefined || provider.capabilities.operations.listPayments === undefined)
    return undefined;
  const page = await provider.listPayments({ reference });
  const found = page.items.find((payment) => payment.reference === reference);
  return found ? { found } : { notFound: true };
}

/** Finds a payout by the merchant reference of the ambiguous call. */
export async function reconcilePayout(
  provider: PaymentProvider,
  record: IdempotencyRecord,
): Promise<ReconcileResult<Payout>> {
  const reference = record.reference;
  if (reference === undefined || provider.capabilities.operations.listPayouts === undefined) return undefined;
  const page = await provider.listPayouts({ reference });
  const found = page.items.find((payout) => payout.reference === reference);
  return found ? { found } : { notFound: true };
}

/** A cancel is settled when the payment reads back as cancelled. */
export function reconcileCancel(paymentId: string) {
  return async (provider: PaymentProvider): Promise<ReconcileResult<Payment>> => {
    const payment = await provider.getPayment(paymentId);
    return payment.status === 'cancelled' ? { found: payment } : { notFound: true };
  };
}

/** How a record left unsettled by an earlier process is looked up, and what a found result created. */
export interface LeftoverReconciler {
  lookup(provider: PaymentProvider, record: IdempotencyRecord): Promise<ReconcileResult<unknown>>;
  /** Objects to remember as this merchant's (for webhook `isKnownObject`). */
  created(result: unknown): { kind: 'payment' | 'payout'; providerId: string }[];
}

/**
 * The lookup that settles a record of `record.operation` without the call that started it (crash
 * recovery at start): by reference for created payments and payouts, by payment id for a cancel.
 * Undefined for operations no lookup can settle (a refund, a payout batch).
 */
export function leftoverReconciler(record: IdempotencyRecord): LeftoverReconciler | undefined {
  switch (record.operation) {
    case 'createPayment':
      return {
        lookup: reconcilePayment,
        created: (result) => [{ kind: 'payment', providerId: (result as Payment).providerPaymentId }],
      };
    case 'createPayout':
      return {
        lookup: reconcilePayout,
        created: (result) => [{ kind: 'payout', providerId: (result as Payout).providerPayoutId }],
      };
    case 'cancelPayment': {
      const subject = record.subjectId;
      return subject === undefined ? undefined : { lookup: reconcileCancel(subject), created: () => [] };
    }
    default:
      return undefined;
  }
}
