import type { Paymux } from '@paymux/client';
import type { CreatePayoutInput, Money, Payout } from '@paymux/core';
import type { Sandbox } from '@paymux/sandbox';

const account = { account: 'finrax' };

/** What the Finrax part of the example did. */
export interface FinraxApprovalResult {
  fee: Money;
  /** Finrax answered 202: the withdrawal waits for approval (`requires_approval`). */
  created: Payout;
  /** After the approval. */
  approved: Payout;
}

/**
 * A withdrawal large enough that Finrax holds it for approval (HTTP 202), approved in the
 * sandbox's control API as the business owner would in Finrax's dashboard.
 *
 * @example
 * const { created, approved } = await runFinraxApproval(paymux, sandbox);
 * created.status; // 'requires_approval'
 */
export async function runFinraxApproval(
  paymux: Paymux,
  sandbox: Sandbox,
  log: (line: string) => void = () => {},
): Promise<FinraxApprovalResult> {
  const input: CreatePayoutInput = {
    reference: 'supplier-invoice-884',
    amount: { amount: '20000', currency: 'USDT' },
    destination: {
      asset: { symbol: 'USDT', network: 'ethereum' },
      address: '0x5CF631Db2eB6be3eecB5E9fD0f31a19AC0F4C504',
    },
  };
  const { fee } = await paymux.estimatePayoutFee(
    { amount: input.amount, destination: input.destination },
    account,
  );
  log(`finrax: withdrawing ${input.amount.amount} USDT costs ${fee.amount} ${fee.currency}`);
  const created = await paymux.createPayout(input, account);
  log(`finrax: payout ${input.reference} is ${created.status} (Finrax answered 202)`);
  sandbox.control.approvePayout({ provider: 'finrax', id: created.providerPayoutId });
  const approved = await paymux.getPayout(created.id, account);
  log(`finrax: approved -> ${approved.status}`);
  return { fee, created, approved };
}
