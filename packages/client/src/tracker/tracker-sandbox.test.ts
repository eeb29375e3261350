import { randomUUID } from 'node:crypto';
import type { WebhookEvent } from '@paymux/core';
import { depay } from '@paymux/depay';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymux } from '../client/create-paymux';

// The tracker with a real adapter (DePay, whose callbacks come for final states only) against the
// sandbox, on real time with a fast schedule.

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
});
afterAll(async () => {
  await sandbox?.close();
});

describe('tracker against the DePay sandbox', () => {
  it('follows a payment to success through the shared limiter and announces it', async () => {
    const { baseUrl, apiKey, callbackPublicKey } = sandbox.providers.depay;
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [depay],
      providers: {
        wallet: {
          type: 'depay',
          apiKey,
          baseUrl,
          publicKey: callbackPublicKey,
          wallets: [{ network: 'ethereum', address: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0' }],
        },
      },
      // 200 ms is half of DePay's 10 requests per second (the default rateShare), so the schedule is
      // not stretched; a short life keeps it inside the daily quota (else it would be spread out).
      tracker: { firstPollMs: 200, maxIntervalMs: 400, jitter: 0, expiryGraceMs: 10_000 },
    });
    const succeeded = new Promise<WebhookEvent>((resolve) => paymux.once('payment.succeeded', resolve));
    const payment = await paymux.createPayment({
      reference: `tracked-${randomUUID()}`,
      amount: { amount: '25.5', currency: 'USDT' },
      payWith: { symbol: 'USDT', network: 'ethereum' },
      providerOptions: {
        depay: {
          transaction: `0x${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`,
          sender: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
          nonce: 5,
          afterBlock: 13542983,
        },
      },
    });
    paymux.tracker.track({
      kind: 'payment',
      id: payment.id,
      account: 'wallet',
      expiresAt: Date.now() + 1_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    sandbox.control.pay({ provider: 'depay', id: payment.providerPaymentId, confirmations: 12 });
    const event = await succeeded;
    expect(event).toMatchObject({ verifiedBy: 'direct', data: { id: payment.id, status: 'succeeded' } });
    // The event is emitted while the poll that found it is still finishing.
    for (let i = 0; i < 100 && paymux.tracker.isTracking('payment', payment.id); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(paymux.tracker.isTracking('payment', payment.id)).toBe(false);
    const stats = paymux.tracker.stats();
    expect(stats).toMatchObject({ finishedBy: { final: 1 }, errors: 0, quotaRefusals: 0 });
    expect(stats.requestsSent).toBeGreaterThanOrEqual(2);
    // Every poll went through the account's limiter, which counted it against the day's quota.
    expect(paymux.account('wallet').capabilities.rateLimits?.requestsPerDay).toBe(14_400);
    const today = new Date().toISOString().slice(0, 10);
    expect(await paymux.store.getDailyCount('wallet', today)).toBe(stats.requestsSent + 1);
    await paymux.tracker.stop();
  });
});
