import type { Paymux } from '@paymux/client';
import { type CreatePayoutInput, decimal, type Money, type Payout, type PayoutBatch } from '@paymux/core';
import type { Sandbox } from '@paymux/sandbox';

const account = { account: 'defexa' };
const algo = { symbol: 'ALGO', network: 'algorand' };

/** What the Defexa part of the example did. */
export interface DefexaPayoutsResult {
  singleFee: Money;
  /** As created (pending), then after Defexa approved it. */
  single: { created: Payout; settled: Payout };
  /** The sum of the lines' fee estimates. */
  batchFee: Money;
  batch: { created: PayoutBatch; settled: PayoutBatch };
}

/**
 * A single payout and a mass payout on Defexa, each after a fee estimate. The sandbox plays
 * Defexa's operator approving them (`control.approvePayout`).
 *
 * @example
 * const result = await runDefexaPayouts(paymux, sandbox);
 * result.batch.settled.status; // 'succeeded'
 */
export async function runDefexaPayouts(
  paymux: Paymux,
  sandbox: Sandbox,
  log: (line: string) => void = () => {},
): Promise<DefexaPayoutsResult> {
  const single: CreatePayoutInput = {
    reference: 'refund-customer-17',
    amount: { amount: '12.5', currency: 'ALGO' },
    destination: { asset: algo, address: 'UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU' },
  };
  const { fee: singleFee } = await paymux.estimatePayoutFee(
    { amount: single.amount, destination: single.destination },
    account,
  );
  log(
    `defexa: sending ${single.amount.amount} ALGO costs a network fee of ${singleFee.amount} ${singleFee.currency}`,
  );
  const created = await paymux.createPayout(single, account);
  sandbox.control.approvePayout({ provider: 'defexa', id: single.reference });
  const settled = await paymux.getPayout(created.id, account);
  log(`defexa: payout ${single.reference} ${created.status} -> ${settled.status}`);

  const lines = [
    {
      reference: 'affiliate-1',
      amount: { amount: '3', currency: 'ALGO' },
      destination: { asset: algo, address: 'AFFILIATEONEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    },
    {
      reference: 'affiliate-2',
      amount: { amount: '4.25', currency: 'ALGO' },
      destination: { asset: algo, address: 'AFFILIATETWOAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    },
    {
      reference: 'affiliate-3',
      amount: { amount: '1.75', currency: 'ALGO' },
      destination: { asset: algo, address: 'AFFILIATETHREEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    },
  ];
  const lineFees = await Promise.all(
    lines.map((line) =>
      paymux.estimatePayoutFee({ amount: line.amount, destination: line.destination }, account),
    ),
  );
  const batchFee = {
    amount: lineFees.reduce((sum, estimate) => decimal.add(sum, estimate.fee.amount), '0'),
    currency: 'ALGO',
  };
  log(`defexa: a mass payout of ${lines.length} lines costs ${batchFee.amount} ALGO in network fees`);
  const batch = await paymux.createPayoutBatch({ reference: 'affiliates-2026-11', payouts: lines }, account);
  // Defexa's operator approves each line of this mass payout (the feed lists every mass payout's lines).
  const massLines = await paymux.listPayouts({ providerOptions: { defexa: { type: 'mass' } } }, account);
  for (const line of massLines.items.filter((item) => massOrderNumberOf(item) === batch.providerBatchId)) {
    sandbox.control.approvePayout({ provider: 'defexa', id: line.providerPayoutId });
  }
  const settledBatch = await paymux.getPayoutBatch(batch.id, account);
  log(
    `defexa: mass payout ${batch.reference} ${batch.status} -> ${settledBatch.status} (${settledBatch.payouts
      .map((payout) => payout.status)
      .join(', ')})`,
  );
  return {
    singleFee,
    single: { created, settled },
    batchFee,
    batch: { created: batch, settled: settledBatch },
  };
}

/** The mass payout a line belongs to, as Defexa's feed says (`mass_payout_order_number`). */
function massOrderNumberOf(payout: Payout): unknown {
  const raw = payout.raw;
  return typeof raw === 'object' && raw !== null
    ? (raw as Record<string, unknown>).mass_payout_order_number
    : undefined;
}
