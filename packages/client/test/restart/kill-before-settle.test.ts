import { createSqliteStore } from '@paymux/store-sqlite';
import { describe, expect, it } from 'vitest';
import { paymentCases } from './payment-cases';
import { CHILD_PROCESS_TEST_TIMEOUT_MS, runChild, tempStatePath, useProxiedSandbox } from './restart-support';

// Evidence for crash recovery: a process killed (SIGKILL) after the provider created a payment
// and before paymux wrote the result down leaves its idempotency record pending; the next
// process settles it without creating the payment again.

const harness = useProxiedSandbox();

async function recordState(path: string, reference: string) {
  const store = await createSqliteStore({ path });
  try {
    const record = await store.getIdempotencyRecord(
      JSON.stringify(['createPayment', 'reference', reference]),
    );
    return record && { state: record.state, result: record.result as { id: string } | undefined };
  } finally {
    await store.close();
  }
}

describe('kill -9 between the provider create and the record update', {
  timeout: CHILD_PROCESS_TEST_TIMEOUT_MS,
}, () => {
  // Providers that can list payments by reference: recovery at start settles the record.
  it.each(paymentCases.filter(({ account }) => account !== 'depay'))(
    'is settled by recovery at the next start, and $account keeps one payment',
    async ({ account, input, creates }) => {
      const path = await tempStatePath();
      const providers = harness.accounts();
      const reference = `killed-${account}-1`;
      const job = { action: 'createPayment' as const, account, input: input(reference) };
      const before = harness.proxy.count(creates);

      const killed = await runChild({ providers, path, job }, { PAYMUX_TEST_KILL_BEFORE_SETTLE: '1' });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expect(harness.proxy.count(creates) - before).toBe(1);
      expect(await recordState(path, reference)).toMatchObject({ state: 'pending' });

      const started = await runChild({ providers, path, job: { action: 'start' } }, { PAYMUX_TEST_LOG: '1' });
      expect(started.output, started.stderr).toEqual({ started: true });
      const settled = await recordState(path, reference);
      expect(settled?.state, started.stderr).toBe('succeeded');

      const again = await runChild({ providers, path, job });
      expect(again.output, again.stderr).toHaveProperty('payment');
      expect((again.output!.payment as { id: string }).id).toBe(settled?.result?.id);
      expect(harness.proxy.count(creates) - before).toBe(1);
    },
  );

  it('is settled at DePay, which cannot list payments, by resending the same tracking', async () => {
    const { account, input, creates } = paymentCases.find((item) => item.account === 'depay')!;
    const path = await tempStatePath();
    const providers = harness.accounts();
    const reference = 'killed-depay-1';
    const job = { action: 'createPayment' as const, account, input: input(reference) };
    const before = harness.proxy.count(creates);

    const killed = await runChild({ providers, path, job }, { PAYMUX_TEST_KILL_BEFORE_SETTLE: '1' });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(await recordState(path, reference)).toMatchObject({ state: 'pending' });

    const again = await runChild({ providers, path, job });
    expect(again.output, again.stderr).toHaveProperty('payment');
    const payment = again.output!.payment as { id: string; providerPaymentId: string };
    expect((await recordState(path, reference))?.state).toBe('succeeded');
    // Sent twice with one idempotency key, so one tracking: DePay answers the second with it.
    expect(harness.proxy.count(creates) - before).toBe(2);
    expect(
      harness.sandbox.control.inspect({ provider: 'depay', id: payment.providerPaymentId }),
    ).toMatchObject({
      id: payment.providerPaymentId,
    });
  });
});
