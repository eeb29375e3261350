import {
  ConfigurationError,
  type PaymentStatus,
  type WebhookEvent,
  WebhookVerificationError,
} from '@paymux/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend, type FakeWebhookBody, signFake } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import { createMemoryStore } from '@paymux/core';

const secret = 'whsec-fake-0001';

function setup() {
  const backend = new FakeBackend();
  const paymux = createPaymux({
    store: 'memory:',
    plugins: [createFakePlugin('alpha', backend)],
    providers: { main: { type: 'alpha', apiKey: 'fake-key-0001', webhookSecret: secret } },
  });
  const events: WebhookEvent[] = [];
  paymux.on('*', (event) => {
    events.push(event);
  });
  return { backend, paymux, events };
}

function delivery(body: FakeWebhookBody, signingSecret = secret) {
  const rawBody = JSON.stringify(body);
  return { rawBody, headers: { 'X-Fake-Signature': signFake(signingSecret, rawBody) } };
}

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
const succeeded: FakeWebhookBody = {
  id: 'evt_1',
  paymentId: 'pay_1',
  status: 'succeeded',
  occurredAt: minute(5),
};

describe('webhooks.handle', () => {
  it('verifies, emits and answers what the provider expects', async () => {
    const { paymux, events } = setup();
    const typed: string[] = [];
    paymux.on('payment.succeeded', (event) => {
      typed.push(event.data.status);
    });
    const result = await paymux.webhooks.handle('main', delivery(succeeded));
    expect(result).toMatchObject({ status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } });
    expect(result.events.map((event) => event.type)).toEqual(['payment.succeeded']);
    expect(events).toHaveLength(1);
    expect(typed).toEqual(['succeeded']);
  });

  it('fails closed: a bad signature answers 401 and emits nothing', async () => {
    const { paymux, events } = setup();
    const result = await paymux.webhooks.handle('main', delivery(succeeded, 'wrong-secret-1'));
    expect(result.status).toBe(401);
    expect(result.events).toEqual([]);
    expect(events).toEqual([]);
    // The rejected delivery did not burn its event id.
    expect((await paymux.webhooks.handle('main', delivery(succeeded))).events).toHaveLength(1);
  });

  it('answers 503 (retry later) when the read-back that would confirm a delivery is unreachable', async () => {
    const plugin = createFakePlugin('alpha', new FakeBackend());
    const unreachable = {
      ...plugin,
      create: (...args: Parameters<typeof plugin.create>) => ({
        ...plugin.create(...args),
        parseWebhook: async () => {
          throw new WebhookVerificationError('could not read the payment back', { retryable: true });
        },
      }),
    };
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [unreachable],
      providers: { main: { type: 'alpha', apiKey: 'fake-key-0001', webhookSecret: secret } },
    });
    const events: unknown[] = [];
    paymux.on('*', (event) => {
      events.push(event);
    });
    const result = await paymux.webhooks.handle('main', delivery(succeeded));
    expect([result.status, result.events, events]).toEqual([503, [], []]);
  });

  it('refuses an already-parsed body and says how to get the raw one', async () => {
    const { paymux } = setup();
    const error = await paymux.webhooks
      .handle('main', { rawBody: succeeded as never, headers: {} })
      .catch((e) => e);
    expect(ConfigurationError.is(error)).toBe(true);
    expect(error.message).toMatch(/raw request body/);
    expect(error.message).toMatch(/express\.raw/);
  });

  it("answers 500 when the store fails, and processes the provider's retry", async () => {
    const store = createMemoryStore();
    let failures = 1;
    const flaky = {
      ...store,
      compareAndSetObjectState: async (...args: Parameters<typeof store.compareAndSetObjectState>) => {
        if (failures-- > 0) throw new Error('store down');
        return store.compareAndSetObjectState(...args);
      },
      // A webhook's first write: its claim and state in one call.
      claimEventAndSetObjectState: async (...args: Parameters<typeof store.claimEventAndSetObjectState>) => {
        if (failures-- > 0) throw new Error('store down');
        return store.claimEventAndSetObjectState(...args);
      },
    };
    const paymux = createPaymux({
      plugins: [createFakePlugin('alpha', new FakeBackend())],
      providers: { main: { type: 'alpha', apiKey: 'fake-key-0001', webhookSecret: secret } },
      store: flaky,
    });
    expect((await paymux.webhooks.handle('main', delivery(succeeded))).status).toBe(500);
    const retry = await paymux.webhooks.handle('main', delivery(succeeded));
    expect([retry.status, retry.events.length]).toEqual([200, 1]);
  });

  it('accepts the body as bytes', async () => {
    const { paymux } = setup();
    const { rawBody, headers } = delivery(succeeded);
    const result = await paymux.webhooks.handle('main', {
      rawBody: new TextEncoder().encode(rawBody),
      headers,
    });
    expect(result.events).toHaveLength(1);
  });

  it('emits one event for the same delivery repeated 50 times in a row', async () => {
    const { paymux, events } = setup();
    for (let i = 0; i < 50; i += 1) {
      const result = await paymux.webhooks.handle('main', delivery(succeeded));
      expect(result.status).toBe(200);
    }
    expect(events).toHaveLength(1);
  });

  it('emits one event for the same delivery arriving 50 times at once', async () => {
    const { paymux, events } = setup();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => paymux.webhooks.handle('main', delivery(succeeded))),
    );
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(events).toHaveLength(1);
    expect(results.flatMap((result) => result.ignored.map((item) => item.reason))).toEqual(
      Array(49).fill('duplicate_event'),
    );
  });

  it('announces a state once even when it arrives under two event ids', async () => {
    const { paymux, events } = setup();
    await paymux.webhooks.handle('main', delivery(succeeded));
    const result = await paymux.webhooks.handle('main', delivery({ ...succeeded, id: 'evt_resent' }));
    expect(result.ignored).toEqual([
      { id: 'evt_resent', type: 'payment.succeeded', reason: 'already_announced' },
    ]);
    expect(events).toHaveLength(1);
  });

  it('never lets a final state go back, nor an older state follow a newer one', async () => {
    const { paymux, events } = setup();
    const at = (status: PaymentStatus, n: number): FakeWebhookBody => ({
      id: `evt_${status}`,
      paymentId: 'pay_1',
      status,
      occurredAt: minute(n),
    });
    await paymux.webhooks.handle('main', delivery(at('processing', 2)));
    await paymux.webhooks.handle('main', delivery(at('requires_payment', 1)));
    await paymux.webhooks.handle('main', delivery(at('succeeded', 3)));
    await paymux.webhooks.handle('main', delivery(at('failed', 4)));
    expect(events.map((event) => event.type)).toEqual(['payment.processing', 'payment.succeeded']);
  });

  it("property: any order and duplication of one payment's events ends in the same final state", async () => {
    type Step = { status: PaymentStatus; amountDelta?: 'under' | 'over' };
    const lifecycles: Step[][] = [
      [
        { status: 'requires_payment' },
        { status: 'requires_payment', amountDelta: 'under' },
        { status: 'processing' },
        { status: 'succeeded' },
      ],
      [{ status: 'requires_payment' }, { status: 'processing' }, { status: 'on_hold' }, { status: 'failed' }],
      [
        { status: 'requires_payment' },
        { status: 'expired' },
        { status: 'processing', amountDelta: 'over' },
        { status: 'succeeded' },
      ],
      [{ status: 'requires_payment' }, { status: 'cancelled' }],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: lifecycles.length - 1 }).chain((which) =>
          fc.record({
            which: fc.constant(which),
            order: fc.shuffledSubarray(
              lifecycles[which]!.flatMap((_, index) => [index, index]),
              { minLength: lifecycles[which]!.length * 2 },
            ),
            concurrent: fc.boolean(),
          }),
        ),
        async ({ which, order, concurrent }) => {
          const steps = lifecycles[which]!;
          const { paymux, events } = setup();
          const deliveries = order.map((index) =>
            delivery({ id: `evt_${index}`, paymentId: 'pay_p', occurredAt: minute(index), ...steps[index]! }),
          );
          if (concurrent) await Promise.all(deliveries.map((item) => paymux.webhooks.handle('main', item)));
          else for (const item of deliveries) await paymux.webhooks.handle('main', item);
          const final = steps[steps.length - 1]!.status;
          const state = await paymux.store.getObjectState(JSON.stringify(['payment', 'main', 'pay_p']));
          expect(state?.state.status).toBe(final);
          expect(events.at(-1)?.data.status).toBe(final);
          // Each state announced at most once, never anything after the final one.
          expect(new Set(events.map((event) => event.type)).size).toBe(events.length);
          expect(events.filter((event) => event.data.status === final)).toHaveLength(1);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('redacts every configured secret from what it emits, as it tells the adapter it does', async () => {
    const { paymux, events } = setup();
    // The fake adapter copies the body into raw as it came: nothing of its own redacts it.
    const body = { ...succeeded, note: 'fake-key-0001 and whsec-fake-0001' } as FakeWebhookBody;
    const result = await paymux.webhooks.handle('main', delivery(body));
    expect(result.status).toBe(200);
    expect(events).toHaveLength(1);
    for (const text of [JSON.stringify(events[0]), JSON.stringify(result.events)]) {
      expect(text).not.toContain('fake-key-0001');
      expect(text).not.toContain(secret);
      expect(text).toContain('[REDACTED] and [REDACTED]');
    }
  });

  it("gives the adapter the store's knowledge of objects this client created", async () => {
    const backend = new FakeBackend();
    const plugin = createFakePlugin('alpha', backend);
    const seen: (boolean | undefined)[] = [];
    const spy = {
      ...plugin,
      create: (
        settings: Parameters<typeof plugin.create>[0],
        context: Parameters<typeof plugin.create>[1],
      ) => {
        const provider = plugin.create(settings, context);
        return {
          ...provider,
          parseWebhook: async (
            request: Parameters<typeof provider.parseWebhook>[0],
            webhookContext: Parameters<typeof provider.parseWebhook>[1],
          ) => {
            seen.push(
              await webhookContext.isKnownObject?.('payment', 'p1'),
              await webhookContext.isKnownObject?.('payment', 'nope'),
            );
            expect(webhookContext.now()).toBeInstanceOf(Date);
            expect(webhookContext.redactsEvents).toBe(true);
            return provider.parseWebhook(request, webhookContext);
          },
        };
      },
    };
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [spy],
      providers: { main: { type: 'alpha', apiKey: 'fake-key-0001', webhookSecret: secret } },
    });
    const payment = await paymux.createPayment({ reference: 'r1', amount: { amount: '1', currency: 'EUR' } });
    expect(payment.providerPaymentId).toBe('p1');
    await paymux.webhooks.handle('main', delivery({ ...succeeded, paymentId: payment.id }));
    expect(seen).toEqual([true, false]);
  });
});
