import { RateLimiter } from '@paymux/core';
import { firstRequestAfterSaturation } from '@paymux/testkit';
import { describe, expect, it } from 'vitest';
import { FAKE_SECRET, FAKE_USER, SEED_BASE_URL } from './__fixtures__/forumpay-fixtures';
import { seedLookup, seedScope, useNock } from './__fixtures__/forumpay-test-provider';
import { encodeForumpayPaymentId } from './forumpay-payment-id';
import { createForumpay } from './forumpay-provider';

useNock();

describe('priority reaches the rate limiter', () => {
  it('getPayment: a tracker poll (low) yields to a merchant call (high) on a saturated limiter', async () => {
    const rateLimiter = new RateLimiter({ inFlight: 1 });
    const provider = createForumpay(
      {
        user: FAKE_USER,
        secret: FAKE_SECRET,
        posId: 'POS1',
        baseUrl: SEED_BASE_URL,
        retry: { maxAttempts: 1 },
      },
      { account: 'pos', now: () => new Date('2030-01-01T00:00:00.000Z'), rateLimiter },
    );
    const sent: string[] = [];
    const scope = seedScope();
    scope.on('request', (request: { path: string }) => sent.push(request.path));
    scope.get('/v2/CheckPayment/').query(true).times(2).reply(200, { err: 'not in this test' });
    const id = (paymentId: string) => encodeForumpayPaymentId({ ...seedLookup, paymentId });
    const first = await firstRequestAfterSaturation(rateLimiter, {
      low: () => provider.getPayment(id('polled-by-tracker'), { priority: 'low' }).catch(() => undefined),
      high: () => provider.getPayment(id('asked-by-merchant'), { priority: 'high' }).catch(() => undefined),
      sent: () => sent,
    });
    expect(first).toContain('payment_id=asked-by-merchant');
  });
});
