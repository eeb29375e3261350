import { randomUUID } from 'node:crypto';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CountingProxy,
  proxiedAccounts,
  runChild,
  startCountingProxy,
  tempStatePath,
} from './restart-support';

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

const deadHook = 'http://127.0.0.1:9/hooks';
const hex = () => randomUUID().replace(/-/g, '');

/** Per provider: a createPayment input for `reference`, and the request that creates it there. */
const cases: { account: string; input: (reference: string) => Record<string, unknown>; creates: RegExp }[] = [
  {
    account: 'defexa',
    input: (reference) => ({
      reference,
      amount: { amount: '10', currency: 'ALGO' },
      returnUrl: 'https://shop.example/done',
      webhookUrl: deadHook,
    }),
    creates: /^POST \/defexa\/api\/v1\/charge/,
  },
  {
    account: 'forumpay',
    input: (reference) => ({
      reference,
      amount: { amount: '25.00', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
      webhookUrl: deadHook,
    }),
    creates: /^\w+ \/forumpay\/pay\/v2\/StartPayment/,
  },
  {
    account: 'finrax',
    input: (reference) => ({
      reference,
      amount: { amount: '50', currency: 'EUR' },
      flow: 'deposit_address',
      payWith: { symbol: 'USDT', network: 'ethereum' },
    }),
    creates: /^POST \/finrax\/api\/v1\/payments(\?|$)/,
  },
  {
    account: 'depay',
    input: (reference) => ({
      reference,
      amount: { amount: '25.5', currency: 'USDT' },
      payWith: { symbol: 'USDT', network: 'ethereum' },
      webhookUrl: deadHook,
      providerOptions: {
        depay: {
          transaction: `0x${hex()}${hex()}`,
          sender: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
          nonce: 5,
          afterBlock: 13542983,
        },
      },
    }),
    creates: /^POST \/depay\/v2\/payments(\?|$)/,
  },
];

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
