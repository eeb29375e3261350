import { RateLimiter } from '@paymux/core';
import { firstRequestAfterSaturation } from '@paymux/testkit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  HOST,
  TEST_API_KEY,
  TEST_PUBLIC_KEY_PEM,
  TEST_UUID_SECRET,
  BASE_URL,
} from './__fixtures__/depay-test-setup';
import { createDepay } from './depay-provider';

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
    const provider = createDepay(
      {
        apiKey: TEST_API_KEY,
        uuidSecret: TEST_UUID_SECRET,
        baseUrl: BASE_URL,
        publicKey: TEST_PUBLIC_KEY_PEM,
        retry: { maxAttempts: 1 },
      },
      { account: 'wallet', rateLimiter },
    );
    const sent: string[] = [];
    const scope = nock(HOST);
    scope.on('request', (request: { path: string }) => sent.push(request.path));
    scope
      .get(/\/v2\/payments\//)
      .times(2)
      .reply(404, { message: 'not in this test' });
    const first = await firstRequestAfterSaturation(rateLimiter, {
      low: () => provider.getPayment(LOW, { priority: 'low' }).catch(() => undefined),
      high: () => provider.getPayment(HIGH, { priority: 'high' }).catch(() => undefined),
      sent: () => sent,
    });
    expect(first).toContain(HIGH);
  });
});
