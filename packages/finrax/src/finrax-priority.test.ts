import { RateLimiter } from '@paymux/core';
import { firstRequestAfterSaturation } from '@paymux/testkit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BASE_URL, TEST_NOW, testSettings } from './__fixtures__/finrax-test-support';
import { createFinrax } from './finrax-provider';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

const LOW = '11111111-1111-4111-8111-111111111111';
const HIGH = '22222222-2222-4222-8222-222222222222';

describe('priority reaches the rate limiter', () => {
  it('getPayment: a tracker poll (low) yields to a merchant call (high) on a saturated limiter', async () => {
    const rateLimiter = new RateLimiter({ inFlight: 1 });
    const provider = createFinrax(testSettings({ retry: { maxAttempts: 1 } }), {
      account: 'main',
      now: () => TEST_NOW,
      rateLimiter,
    });
    const sent: string[] = [];
    const scope = nock(TEST_BASE_URL);
    scope.on('request', (request: { path: string }) => sent.push(request.path));
    scope
      .get(/\/payments\//)
      .times(2)
      .reply(404, { message: 'not in this test' });
    const first = await firstRequestAfterSaturation(rateLimiter, {
      low: () => provider.getPayment(LOW, { priority: 'low' }).catch(() => undefined),
      high: () => provider.getPayment(HIGH, { priority: 'high' }).catch(() => undefined),
      sent: () => sent,
    });
    expect(first).toContain(`/payments/${HIGH}`);
  });
});
