import { addressFitsNetwork, decimal, ValidationError } from '@paymux/core';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymux } from './client/create-paymux';
import type { PaymuxConfig } from './config/config-schema';

// The README's headline example, as written, against the sandbox: Finrax as `main`, ForumPay
// `pos` as the fallback, a EUR payment paid in USDT on Tron. Only the base URLs (and a memory
// store) are added, to point the accounts at the sandbox.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});

function readmeConfig(mainBaseUrl = sandbox.providers.finrax.baseUrl): PaymuxConfig {
  const { finrax: f, forumpay: p } = sandbox.providers;
  return {
    plugins: [finrax, forumpay],
    providers: {
      main: {
        type: 'finrax',
        apiKey: f.apiKey,
        apiSecret: f.apiSecret,
        businessId: f.businessId,
        baseUrl: mainBaseUrl,
      },
      pos: { type: 'forumpay', user: p.apiUser, secret: p.apiSecret, posId: p.posId, baseUrl: p.baseUrl },
    },
    routing: { default: 'main', fallback: ['pos'] },
    store: 'memory:',
  };
}

/** What the customer does on Finrax's hosted page: choose USDT on Tron, then send it. */
async function payOnHostedPage(checkoutUrl: string): Promise<void> {
  const page = new URL(checkoutUrl);
  const post = async (step: string, form: Record<string, string>) => {
    const response = await fetch(`${page.origin}${page.pathname}/${step}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    expect(response.status, `hosted page ${step}`).toBeLessThan(400);
  };
  await post('currency', { choice: 'USDT:TRX' });
  await post('pay', { kind: 'exact' });
}

describe('the README headline example', () => {
  it('creates the EUR payment through main, paid in USDT on Tron, and announces it succeeded', async () => {
    const paymux = createPaymux(readmeConfig());
    try {
      const payment = await paymux.createPayment({
        reference: 'order-1042',
        amount: { amount: '49.90', currency: 'EUR' },
        payWith: { symbol: 'USDT', network: 'tron' },
      });
      const shipped: string[] = [];
      paymux.on('payment.succeeded', (event) => shipped.push(event.data.reference));

      expect(payment).toMatchObject({ provider: 'main', providerType: 'finrax', reference: 'order-1042' });
      expect(payment.status).toBe('requires_payment');
      expect(payment.amount.currency).toBe('EUR');
      expect(decimal.equals(payment.amount.amount, '49.90')).toBe(true);
      expect(payment.checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/finrax\/deposit\//);

      await payOnHostedPage(payment.checkoutUrl!);
      const paid = await paymux.getPayment(payment.id, { account: 'main' });
      expect(paid.status).toBe('succeeded');
      // Labelled with the network the customer was asked to pay on, at an address of that network.
      expect(paid.payIn?.asset).toMatchObject({ symbol: 'USDT', network: 'tron' });
      expect(addressFitsNetwork(paid.payIn!.address, 'tron'), paid.payIn!.address).toBe(true);
      expect(shipped).toEqual(['order-1042']);
    } finally {
      await paymux.close();
    }
  });

  it('with main unreachable, refuses at pos, whose currency list has USDT on Ethereum only', async () => {
    // The sandbox's ForumPay lists USDT as "Tether (ERC20)": labelling that payment `tron` would
    // send the customer's Tron USDT to an Ethereum address.
    const paymux = createPaymux(readmeConfig('http://127.0.0.1:9/finrax'));
    try {
      const error = await paymux
        .createPayment({
          reference: 'order-1043',
          amount: { amount: '49.90', currency: 'EUR' },
          payWith: { symbol: 'USDT', network: 'tron' },
        })
        .catch((thrown: unknown) => thrown);
      expect(ValidationError.is(error), String(error)).toBe(true);
      expect((error as ValidationError).field).toBe('payWith.network');
      expect((error as ValidationError).message).toMatch(/USDT/);
    } finally {
      await paymux.close();
    }
  });
});
