import { inspect } from 'node:util';
import { PaymuxError, ProviderRejectedError, type WebhookEvent } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend, signFake } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';

const apiKey = 'sk_live_9d2f7c1a4b';
const webhookSecret = 'whsec_5e8a3b0c6d';

function setup() {
  const backend = new FakeBackend();
  const lines: string[] = [];
  const log = (message: string, fields?: object) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  const paymux = createPaymux({
    store: 'memory:',
    plugins: [createFakePlugin('alpha', backend)],
    providers: { main: { type: 'alpha', apiKey, webhookSecret } },
    logger: { debug: log, info: log, warn: log, error: log },
  });
  return { backend, paymux, lines };
}

const leaks = (text: string) => text.includes(apiKey) || text.includes(webhookSecret);

describe('secrets', () => {
  it('never appear in a thrown error, its JSON or its inspect output', async () => {
    const { backend, paymux } = setup();
    backend.failNext(
      'main',
      'getPayment',
      new ProviderRejectedError(`key ${apiKey} refused`, {
        bodyExcerpt: `{"apiKey":"${apiKey}"}`,
        cause: { headers: { Authorization: `Bearer ${apiKey}` } },
      }),
    );
    const error = await paymux.getPayment('alpha_1').catch((e) => e);
    expect(PaymuxError.is(error)).toBe(true);
    expect(leaks(JSON.stringify(error))).toBe(false);
    expect(leaks(inspect(error, { depth: 10 }))).toBe(false);
    expect(leaks(String(error.stack))).toBe(false);

    backend.failNext('main', 'createPayment', new Error(`adapter crashed with ${webhookSecret}`));
    const plain = await paymux
      .createPayment({ reference: 'r1', amount: { amount: '1', currency: 'EUR' } })
      .catch((e) => e);
    expect(leaks(inspect(plain))).toBe(false);
  });

  it('never appear in a config error', () => {
    const attempt = () =>
      createPaymux({
        store: 'memory:',
        plugins: [createFakePlugin('alpha', new FakeBackend())],
        providers: { main: { type: 'alpha', apiKey, webhookSecret: 'short' } },
      });
    expect(attempt).toThrow(/providers\.main\.webhookSecret/);
    try {
      attempt();
    } catch (error) {
      expect(leaks(JSON.stringify(error)) || leaks(inspect(error))).toBe(false);
    }
  });

  it('never appear in an event or a log line', async () => {
    const { paymux, lines } = setup();
    const events: WebhookEvent[] = [];
    paymux.on('event', (event) => {
      events.push(event);
    });
    const rawBody = JSON.stringify({
      id: 'evt_1',
      paymentId: 'pay_1',
      status: 'processing',
      occurredAt: '2026-01-01T00:00:00.000Z',
      note: `echoed ${apiKey}`,
    });
    const result = await paymux.webhooks.handle('main', {
      rawBody,
      headers: { 'x-fake-signature': signFake(webhookSecret, rawBody) },
    });
    expect(events).toHaveLength(1);
    expect(leaks(JSON.stringify(events))).toBe(false);
    expect(leaks(JSON.stringify(result))).toBe(false);
    expect(JSON.stringify(events)).toContain('[REDACTED]');
    paymux.on('payment.processing', () => {
      throw new Error(`listener saw ${apiKey}`);
    });
    await paymux.webhooks.handle('main', {
      rawBody: rawBody.replace('processing', 'on_hold').replace('evt_1', 'evt_2'),
      headers: {
        'x-fake-signature': signFake(
          webhookSecret,
          rawBody.replace('processing', 'on_hold').replace('evt_1', 'evt_2'),
        ),
      },
    });
    expect(lines.some(leaks)).toBe(false);
  });
});
