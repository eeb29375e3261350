import type { Payment, Payout, WebhookEvent } from '@paymux/core';
import type { PaymuxConfig } from '../src/config/config-schema';
import { createPaymux } from '../src/client/create-paymux';
import { createFakePlugin, FakeBackend, type FakePluginOptions } from './fake-provider';

export const webhookSecret = 'whsec-fake-0001';

/** A client over the fake provider (account `main`) with a tracker, recording every event. */
export function trackerClient(
  options: {
    backend?: FakeBackend;
    plugin?: FakePluginOptions;
    tracker?: PaymuxConfig['tracker'];
    store?: PaymuxConfig['store'];
  } = {},
) {
  const backend = options.backend ?? new FakeBackend();
  const paymux = createPaymux({
    plugins: [createFakePlugin('alpha', backend, options.plugin)],
    providers: { main: { type: 'alpha', apiKey: 'fake-key-0001', webhookSecret } },
    tracker: { jitter: 0, ...options.tracker },
    store: options.store ?? 'memory:',
  });
  const events: WebhookEvent[] = [];
  paymux.on('*', (event) => {
    events.push(event);
  });
  return { backend, paymux, events };
}

/** Puts an open payment in the fake backend, as if created earlier. */
export function seedPayment(backend: FakeBackend, id: string, extra: Partial<Payment> = {}): Payment {
  const at = new Date(Date.now()).toISOString();
  const payment: Payment = {
    id,
    provider: 'main',
    providerType: 'alpha',
    providerPaymentId: id,
    reference: `ref-${id}`,
    flow: 'hosted',
    status: 'requires_payment',
    rawStatus: 'NEW',
    amount: { amount: '10', currency: 'EUR' },
    amountDelta: 'none',
    transfers: [],
    createdAt: at,
    updatedAt: at,
    raw: {},
    ...extra,
  };
  backend.payments.set(id, payment);
  return payment;
}

/** Moves a seeded payment to a new status, as the provider would. */
export function setStatus(backend: FakeBackend, id: string, status: Payment['status']): void {
  const payment = backend.payments.get(id)!;
  payment.status = status;
  payment.rawStatus = status.toUpperCase();
  payment.updatedAt = new Date(Date.now()).toISOString();
}

export function seedPayout(backend: FakeBackend, id: string): Payout {
  const at = new Date(Date.now()).toISOString();
  const payout: Payout = {
    id,
    provider: 'main',
    providerType: 'alpha',
    providerPayoutId: id,
    reference: `ref-${id}`,
    status: 'pending',
    rawStatus: 'PENDING',
    amount: { amount: '5', currency: 'EUR' },
    destination: { address: 'addr-1', asset: { symbol: 'USDT', network: 'tron' } },
    createdAt: at,
    updatedAt: at,
    raw: {},
  };
  backend.payouts.set(id, payout);
  return payout;
}

/** Gaps between consecutive times. */
export const gaps = (times: number[]) => times.slice(1).map((time, index) => time - times[index]!);

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
