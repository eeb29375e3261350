import { createRequire } from 'node:module';
import type * as OtelApiModule from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend, signFake } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import { loadOtelApi } from './otel-api';
import type { OtelApi } from './otel-types';

// Alone in its file (its own process): nothing else here registers a provider or observes a call.

const storageSlot = Symbol.for('paymux.telemetry.providerCallStorage');

describe('telemetry with the API installed but no provider registered', () => {
  it("leaves calls and webhooks to the API's no-op: no span recorded, no async context storage created", async () => {
    const api = createRequire(import.meta.url)('@opentelemetry/api') as typeof OtelApiModule;
    // The real module fits the shapes paymux declares instead of importing its types.
    const shaped: OtelApi = api;
    expect(loadOtelApi()).toBe(shaped);
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [createFakePlugin('alpha', new FakeBackend())],
      providers: { main: { type: 'alpha', apiKey: 'fake-key-noop-0001', webhookSecret: 'whsec-noop' } },
    });
    const payment = await paymux.createPayment({
      reference: 'noop-1',
      amount: { amount: '5', currency: 'EUR' },
    });
    await paymux.getPayment(payment.id);
    const rawBody = JSON.stringify({
      id: 'evt-noop',
      paymentId: payment.id,
      status: 'succeeded',
      occurredAt: '2026-01-01T00:00:00.000Z',
    });
    const result = await paymux.webhooks.handle('main', {
      rawBody,
      headers: { 'x-fake-signature': signFake('whsec-noop', rawBody) },
    });
    expect(result.status).toBe(200);
    expect(api.trace.getActiveSpan()).toBeUndefined();
    // The provider-call observer's storage (an AsyncLocalStorage) is created on first use only.
    expect(storageSlot in globalThis).toBe(false);
    await paymux.close();
  });
});
