import { createNodeTransport, type Transport } from '@paymux/core';
import { plugin as defexa } from '@paymux/defexa';
import { plugin as depay } from '@paymux/depay';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymux } from '../../src/index';
import { paymentCases } from './payment-cases';
import { proxiedAccounts } from './restart-support';

// An account's `transport` setting must reach the adapter's HTTP client: a provider that ignored
// it would send through the default and this count would stay 0.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
});

afterAll(async () => {
  await sandbox?.close();
});

describe('an account with its own transport', () => {
  it.each(paymentCases)('$account sends through it', async ({ account, input }) => {
    const inner = createNodeTransport();
    let sends = 0;
    const transport: Transport = {
      name: 'counting',
      send: (request) => {
        sends += 1;
        return inner.send(request);
      },
    };
    const accounts = proxiedAccounts(sandbox, sandbox.url);
    const paymux = createPaymux({
      plugins: [defexa, forumpay, finrax, depay],
      providers: { [account]: { ...accounts[account], transport } } as never,
      store: 'memory:',
    });
    try {
      const payment = await paymux.createPayment(input(`transport-${account}`) as never, { account });
      expect(payment.provider).toBe(account);
      expect(sends).toBeGreaterThan(0);
    } finally {
      await paymux.close();
    }
  });
});
