import { createPaymux } from '@paymux/client';
import { ConfigurationError, ValidationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { acmePlugin, createAcme } from './acme-provider';
import { runAcmeCheckout } from './run-acme-checkout';

describe('the Acme plug-in from config', () => {
  it('creates a payment, is paid, and its signed webhook is emitted as payment.succeeded', async () => {
    const run = await runAcmeCheckout();
    expect(run.created).toMatchObject({
      provider: 'acme',
      providerType: 'acme',
      status: 'requires_payment',
      // paymux normalizes decimal input: '40.00' reaches Acme as '40'.
      amount: { amount: '40', currency: 'EUR' },
      payIn: { asset: { symbol: 'BTC', network: 'bitcoin' }, amount: { amount: '0.001', currency: 'BTC' } },
    });
    expect(run.repeated.id).toBe(run.created.id);
    expect(run.paymentsAtAcme).toBe(1);
    expect(run.events).toHaveLength(1);
    expect(run.events[0]).toMatchObject({
      type: 'payment.succeeded',
      verifiedBy: 'signature',
      data: { id: run.created.id, status: 'succeeded' },
    });
    expect(run.paid).toMatchObject({
      status: 'succeeded',
      amountDelta: 'exact',
      received: { amount: '0.001', currency: 'BTC' },
    });
  });

  it('rejects a typo in the account settings, naming the key', () => {
    let error: unknown;
    try {
      createPaymux({
        plugins: [acmePlugin],
        // @ts-expect-error the typo does not compile either; this checks the runtime error
        providers: { acme: { type: 'acme', apiKey: 'ak_1', webhookSecret: 'wh_1', apiSecret: 'oops' } },
      });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigurationError.is(error)).toBe(true);
    expect(String((error as Error).message)).toContain('apiSecret');
    expect(String((error as Error).message)).not.toContain('wh_1');
  });

  it('refuses a key in providerOptions.acme before any request, naming it', async () => {
    // Port 9 on loopback: a request that got out would fail with a network error, not this one.
    const acme = createAcme({ apiKey: 'ak_1', webhookSecret: 'wh_1', baseUrl: 'http://127.0.0.1:9' });
    const error = await acme
      .createPayment({
        reference: 'order-acme-2',
        amount: { amount: '40.00', currency: 'EUR' },
        providerOptions: { acme: { payCurrency: 'BTC' } },
      })
      .catch((thrown: unknown) => thrown);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).field).toBe('providerOptions.acme.payCurrency');
  });
});
