import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CountingProxy,
  proxiedAccounts,
  runChild,
  startCountingProxy,
  tempStatePath,
} from './restart-support';
import { paymentCases as cases } from './payment-cases';

// Evidence that state survives the process: the same reference created in two processes, one
// after the other, on one SQLite file, is one payment at the provider.

let sandbox: Sandbox;
let proxy: CountingProxy;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
  proxy = await startCountingProxy(sandbox.url);
});

afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

describe('the same reference in two processes', () => {
  it.each(cases)('is one payment at $account', async ({ account, input, creates }) => {
    const path = await tempStatePath();
    const providers = proxiedAccounts(sandbox, proxy.url);
    const before = proxy.count(creates);
    const job = { action: 'createPayment' as const, account, input: input(`restart-${account}-1`) };

    const first = await runChild({ providers, path, job });
    expect(first.output, first.stderr).toHaveProperty('payment');
    const second = await runChild({ providers, path, job });
    expect(second.output, second.stderr).toHaveProperty('payment');

    const [a, b] = [first.output!.payment, second.output!.payment] as { id: string }[];
    expect(b!.id).toBe(a!.id);
    expect(proxy.count(creates) - before).toBe(1);
  });
});
