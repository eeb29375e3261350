import { decimal, payoutBatchSchema, payoutSchema } from '@paymux/core';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PayoutsRun, runPayouts } from './run-payouts';

let sandbox: Sandbox;
let run: PayoutsRun;
const lines: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  run = await runPayouts((line) => lines.push(line), sandbox);
});
afterAll(async () => {
  await sandbox?.close();
});

describe('payouts example against the sandbox', () => {
  it('estimates the fee of a single Defexa payout, sends it, and sees it approved', () => {
    expect(run.defexa.singleFee).toEqual({
      amount: expect.stringMatching(/^\d+(\.\d+)?$/),
      currency: 'ALGO',
    });
    expect(payoutSchema.parse(run.defexa.single.created)).toBeTruthy();
    expect(run.defexa.single.created).toMatchObject({
      status: 'pending',
      amount: { amount: '12.5', currency: 'ALGO' },
    });
    expect(run.defexa.single.settled).toMatchObject({
      id: run.defexa.single.created.id,
      status: 'succeeded',
    });
  });

  it('sends a Defexa mass payout whose fee is the sum of its lines, and settles every line', () => {
    const { created, settled } = run.defexa.batch;
    expect(payoutBatchSchema.parse(created)).toBeTruthy();
    expect(created.payouts.map((payout) => payout.reference)).toEqual([
      'affiliate-1',
      'affiliate-2',
      'affiliate-3',
    ]);
    expect(created.status).toBe('pending');
    expect(settled.status).toBe('succeeded');
    expect(settled.payouts.map((payout) => payout.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // Three lines at the single payout's fee each.
    expect(run.defexa.batchFee.amount).toBe(decimal.multiply(run.defexa.singleFee.amount, '3'));
  });

  it('holds a large Finrax withdrawal for approval (202), then completes it once approved', () => {
    expect(run.finrax.fee.currency).toBe('USDT');
    expect(run.finrax.created.status).toBe('requires_approval');
    expect(run.finrax.approved).toMatchObject({ id: run.finrax.created.id, status: 'succeeded' });
  });

  it.each(['defexa', 'finrax'] as const)(
    '%s: a payout whose answer was lost is found by reference on retry, not sent twice',
    (account) => {
      const result = run.reconciliation[account];
      expect(['AmbiguousOutcomeError', 'NetworkError']).toContain(result.firstAttemptError);
      expect(result.reconciled.reference).toBe(result.reference);
      expect(result.reconciled.status).not.toBe('failed');
      expect(result.payoutsAtProvider).toBe(1);
    },
  );

  it('narrates each step without any credential', () => {
    expect(lines.length).toBeGreaterThanOrEqual(10);
    const output = lines.join('\n');
    const { defexa, finrax } = sandbox.providers;
    for (const secret of [defexa.merchantPrivateKey, finrax.apiKey, finrax.apiSecret]) {
      expect(output).not.toContain(secret);
    }
  });
});
