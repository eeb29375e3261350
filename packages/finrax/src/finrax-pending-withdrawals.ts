import type { AccountState, Money, PayoutDestination, StoredValue } from '@paymux/core';
import { z } from 'zod';
import type { FinraxWithdrawalApprovalPending } from './finrax-api';

const KEY_PREFIX = 'finrax:pending-withdrawal:';

/**
 * What Finrax's 202 ("the withdrawal waits for an approval") leaves the adapter to remember: the
 * answer holds only the ids, and Finrax may not list the withdrawal until it is approved, so the
 * amount and destination asked for are kept in the account's state to describe it later.
 */
export interface FinraxPendingWithdrawal {
  withdrawalId: string;
  /** Finrax's 202 answer as it came (its `raw`). */
  answer: { withdrawalId: string } & Record<string, unknown>;
  reference: string;
  amount: Money;
  destination: PayoutDestination;
  /** ISO 8601: when the 202 arrived. */
  requestedAt: string;
}

const recordSchema = z.object({
  withdrawalId: z.string().min(1),
  answer: z.looseObject({ withdrawalId: z.string().min(1) }),
  reference: z.string().min(1),
  amount: z.object({ amount: z.string(), currency: z.string() }),
  destination: z.object({
    asset: z.object({ symbol: z.string(), network: z.string(), contract: z.string().optional() }),
    address: z.string(),
    memo: z.string().optional(),
  }),
  requestedAt: z.string(),
});

/**
 * Keeps a withdrawal waiting for approval in the account state (the client's store: it survives
 * a restart and is shared by every instance).
 *
 * @example
 * await rememberPendingWithdrawal(state, pending, { reference, amount, destination }, new Date());
 */
export async function rememberPendingWithdrawal(
  state: AccountState,
  pending: FinraxWithdrawalApprovalPending,
  requested: { reference: string; amount: Money; destination: PayoutDestination },
  now: Date,
): Promise<void> {
  const record: FinraxPendingWithdrawal = {
    withdrawalId: pending.withdrawalId,
    answer: pending,
    reference: requested.reference,
    amount: { amount: requested.amount.amount, currency: requested.amount.currency },
    destination: requested.destination,
    requestedAt: now.toISOString(),
  };
  await state.set(`${KEY_PREFIX}${requested.reference}`, JSON.parse(JSON.stringify(record)) as StoredValue);
}

/**
 * The withdrawal waiting for approval under this client id, when this account asked for it;
 * `undefined` otherwise (or when the stored record is not one this adapter wrote).
 *
 * @example
 * const pending = await recallPendingWithdrawal(state, 'payout-42');
 */
export async function recallPendingWithdrawal(
  state: AccountState,
  reference: string,
): Promise<FinraxPendingWithdrawal | undefined> {
  const stored = await state.get(`${KEY_PREFIX}${reference}`);
  const parsed = recordSchema.safeParse(stored);
  return parsed.success ? parsed.data : undefined;
}
