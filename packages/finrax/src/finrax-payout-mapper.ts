import { decimal, type Money, type Payout, type PayoutDestination, redactDeep } from '@paymux/core';
import type { FinraxWithdrawal, FinraxWithdrawalApprovalPending } from './finrax-api';
import { finraxPayoutId } from './finrax-ids';
import { FINRAX_UNKNOWN_NETWORK, finraxNetworkSlug } from './finrax-networks';
import type { FinraxMappingContext } from './finrax-payment-mapper';
import { finraxTimeToIso } from './finrax-time';
import { mapFinraxApprovalStatus, mapFinraxWithdrawalStatus } from './map-finrax-status';

/**
 * The raw status given to a withdrawal that Finrax answered with 202: its body has no status,
 * and Finrax's approval endpoint calls this state `PENDING`.
 */
export const FINRAX_APPROVAL_PENDING_STATUS = 'APPROVAL_PENDING';

const isPositive = (value: string | null | undefined): value is string =>
  typeof value === 'string' && decimal.isPositive(value);

/** Finrax writes an XRP destination tag into the address as `?dt=140`: split it off. */
function splitAddress(address: string): { address: string; memo?: string } {
  const match = /^(.*)\?dt=([^&]+)$/.exec(address);
  return match ? { address: match[1]!, memo: match[2]! } : { address };
}

function withdrawalAmount(withdrawal: FinraxWithdrawal): Money {
  const crypto = [
    withdrawal.actualWithdrawAmount,
    withdrawal.estimatedWithdrawAmount,
    withdrawal.withdrawAmount,
  ].find(isPositive);
  if (crypto) return { amount: crypto, currency: withdrawal.withdrawCurrency };
  const display = [
    withdrawal.actualDisplayAmount,
    withdrawal.estimatedDisplayAmount,
    withdrawal.displayAmount,
  ].find(isPositive);
  if (display && withdrawal.displayCurrency) return { amount: display, currency: withdrawal.displayCurrency };
  return { amount: '0', currency: withdrawal.withdrawCurrency };
}

/**
 * Builds the unified `Payout` from a Finrax withdrawal. `fallbackDestination` fills in what the
 * withdrawal leaves out (the network, when Finrax omits it).
 *
 * @example
 * const payout = toUnifiedPayout(withdrawal, context);
 */
export function toUnifiedPayout(
  withdrawal: FinraxWithdrawal,
  context: FinraxMappingContext,
  fallbackDestination?: PayoutDestination,
): Payout {
  const split = splitAddress(withdrawal.recipientAddress ?? fallbackDestination?.address ?? '');
  const network =
    finraxNetworkSlug(withdrawal.network, withdrawal.withdrawCurrency) ??
    fallbackDestination?.asset.network ??
    FINRAX_UNKNOWN_NETWORK;
  const createdAt = finraxTimeToIso(withdrawal.createdAt) ?? context.now().toISOString();
  const feeAmount = withdrawal.withdrawFee ?? withdrawal.fee;
  const fee = isPositive(feeAmount)
    ? { amount: feeAmount, currency: withdrawal.withdrawCurrency }
    : undefined;
  // The approval says more than the withdrawal status while it is pending, and a rejected
  // withdrawal was never sent, whatever status Finrax gives it.
  const approval = withdrawal.approvalStatus;
  const open = withdrawal.status === 'NEW' || withdrawal.status === 'PENDING';
  const status =
    approval === 'REJECTED' || (approval === 'PENDING' && open)
      ? mapFinraxApprovalStatus(approval)
      : mapFinraxWithdrawalStatus(withdrawal.status);
  return {
    id: finraxPayoutId(withdrawal.clientWithdrawId, withdrawal.withdrawId),
    provider: context.account,
    providerType: 'finrax',
    providerPayoutId: withdrawal.withdrawId,
    reference: withdrawal.clientWithdrawId,
    status,
    rawStatus: withdrawal.status,
    failureReason:
      status === 'cancelled'
        ? 'the withdrawal approval was rejected'
        : status === 'failed' || status === 'on_hold'
          ? (withdrawal.reason ?? undefined)
          : undefined,
    amount: withdrawalAmount(withdrawal),
    destination: {
      asset: { symbol: withdrawal.withdrawCurrency, network },
      address: split.address || (fallbackDestination?.address ?? ''),
      memo: withdrawal.destinationTag ?? split.memo ?? fallbackDestination?.memo,
    },
    fee,
    txid: withdrawal.transactionId ?? undefined,
    createdAt,
    updatedAt: createdAt,
    raw: redactDeep(withdrawal, context.redact),
  };
}

/**
 * The payout of a withdrawal that waits for an approval (HTTP 202). Finrax's answer holds only the
 * ids, so amount and destination are the ones requested; `requestedAt` is when the 202 came, for
 * a payout described again later from the account state.
 *
 * @example
 * const payout = toUnifiedPendingApprovalPayout(data.pending, { reference, amount, destination }, context);
 */
export function toUnifiedPendingApprovalPayout(
  pending: Pick<FinraxWithdrawalApprovalPending, 'withdrawalId'>,
  requested: { reference: string; amount: Money; destination: PayoutDestination; requestedAt?: string },
  context: FinraxMappingContext,
): Payout {
  const now = requested.requestedAt ?? context.now().toISOString();
  return {
    id: finraxPayoutId(requested.reference, pending.withdrawalId),
    provider: context.account,
    providerType: 'finrax',
    providerPayoutId: pending.withdrawalId,
    reference: requested.reference,
    status: 'requires_approval',
    rawStatus: FINRAX_APPROVAL_PENDING_STATUS,
    amount: requested.amount,
    destination: requested.destination,
    createdAt: now,
    updatedAt: now,
    raw: redactDeep(pending, context.redact),
  };
}
