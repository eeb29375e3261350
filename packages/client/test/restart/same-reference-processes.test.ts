import { describe, expect, it } from 'vitest';
import { CHILD_PROCESS_TEST_TIMEOUT_MS, runChild, tempStatePath, useProxiedSandbox } from './restart-support';
import { paymentCases as cases } from './payment-cases';

// Evidence that state survives the process: the same reference created in two processes, one
// after the other, on one SQLite file, is one payment at the provider.

const harness = useProxiedSandbox();

describe('the same reference in two processes', { timeout: CHILD_PROCESS_TEST_TIMEOUT_MS }, () => {
  it.each(cases)('is one payment at $account', async ({ account, input, creates }) => {
    const path = await tempStatePath();
    const providers = harness.accounts();
    const before = harness.proxy.count(creates);
    const job = { action: 'createPayment' as const, account, input: input(`restart-${account}-1`) };

    const first = await runChild({ providers, path, job });
    expect(first.output, first.stderr).toHaveProperty('payment');
    const second = await runChild({ providers, path, job });
    expect(second.output, second.stderr).toHaveProperty('payment');

    const [a, b] = [first.output!.payment, second.output!.payment] as { id: string }[];
    expect(b!.id).toBe(a!.id);
    expect(harness.proxy.count(creates) - before).toBe(1);
  });
});
