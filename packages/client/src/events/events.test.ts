import type { Payment, WebhookEvent } from '@paymux/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createFakePlugin, FakeBackend, signFake } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';

const secret = 'whsec-fake-0001';

function setup() {
  const backend = new FakeBackend();
  const paymux = createPaymux({
    store: 'memory:',
    plugins: [createFakePlugin('alpha', backend)],
    providers: { main: { type: 'alpha', apiKey: 'fake-key-0001', webhookSecret: secret } },
  });
  const seen: WebhookEvent[] = [];
  paymux.on('event', (event) => {
    seen.push(event);
  });
  return { backend, paymux, seen };
}

describe('events', () => {
  it('are typed per event type', () => {
    const { paymux } = setup();
    paymux.on('payment.succeeded', (event) => {
      expectTypeOf(event.data).toEqualTypeOf<Payment>();
      expectTypeOf(event.type).toEqualTypeOf<'payment.succeeded'>();
    });
    paymux.on('payout.failed', (event) => {
      expectTypeOf(event.object).toEqualTypeOf<'payout' | 'payout_batch'>();
    });
  });

  it('are fed by direct calls, once per state, and merged with webhooks', async () => {
    const { backend, paymux, seen } = setup();
    const payment = await paymux.createPayment({ reference: 'r1', amount: { amount: '3', currency: 'EUR' } });
    expect(seen.map((event) => [event.type, event.verifiedBy])).toEqual([['payment.created', 'direct']]);
    await paymux.getPayment(payment.id);
    expect(seen).toHaveLength(1);

    backend.payments.get(payment.id)!.status = 'processing';
    await paymux.getPayment(payment.id);
    expect(seen.map((event) => event.type)).toEqual(['payment.created', 'payment.processing']);

    // The webhook for the state a direct call already announced adds nothing.
    const rawBody = JSON.stringify({
      id: 'evt_9',
      paymentId: payment.id,
      status: 'processing',
      occurredAt: payment.updatedAt,
    });
    const result = await paymux.webhooks.handle('main', {
      rawBody,
      headers: { 'x-fake-signature': signFake(secret, rawBody) },
    });
    expect(result.ignored.map((item) => item.reason)).toEqual(['already_announced']);
    expect(seen).toHaveLength(2);

    await paymux.cancelPayment({ paymentId: payment.id });
    expect(seen.at(-1)?.type).toBe('payment.cancelled');
  });

  it('keep a throwing listener from failing the call or the other listeners', async () => {
    const { paymux, seen } = setup();
    const errors: unknown[] = [];
    paymux.on('error', (error) => {
      errors.push(error);
    });
    paymux.on('payment.created', () => {
      throw new Error('listener bug');
    });
    paymux.on('payment.created', async () => {
      throw new Error('async listener bug');
    });
    const payment = await paymux.createPayment({ reference: 'r2', amount: { amount: '3', currency: 'EUR' } });
    await new Promise((resolve) => setImmediate(resolve));
    expect(payment.status).toBe('requires_payment');
    expect(seen).toHaveLength(1);
    expect(errors.map(String)).toEqual(['Error: listener bug', 'Error: async listener bug']);
  });

  it('support once and off', async () => {
    const { paymux } = setup();
    const calls: string[] = [];
    const listener = (event: WebhookEvent) => {
      calls.push(event.type);
    };
    paymux.once('*', listener);
    const other = (event: WebhookEvent) => {
      calls.push(`off:${event.type}`);
    };
    paymux.on('*', other).off('*', other);
    await paymux.createPayment({ reference: 'r3', amount: { amount: '3', currency: 'EUR' } });
    await paymux.createPayment({ reference: 'r4', amount: { amount: '3', currency: 'EUR' } });
    expect(calls).toEqual(['payment.created']);
  });
});
