import { RateLimiter } from '@paymux/core';
import { firstRequestAfterSaturation } from '@paymux/testkit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_URL,
  defexaScope,
  fixture,
  mockLogin,
  SEED_SESSION_TIME,
  TEST_KEY,
} from '../test/defexa-test-support';
import { encodeDefexaPaymentId, encodeDefexaPayoutId } from './defexa-ids';
import { createDefexa } from './index';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

function saturable() {
  const rateLimiter = new RateLimiter({ inFlight: 1 });
  const provider = createDefexa(
    { merchantPrivateKey: TEST_KEY, baseUrl: BASE_URL, retry: { maxAttempts: 1 }, timeoutMs: 2000 },
    { account: 'unit', now: () => SEED_SESSION_TIME, rateLimiter },
  );
  return { rateLimiter, provider };
}

const invoice = (order: string) =>
  encodeDefexaPaymentId({ kind: 'charge', reference: order, currency: 'ALGO' });

describe('priority reaches the rate limiter', () => {
  it('getPayment: a tracker poll (low) yields to a merchant call (high) on a saturated limiter', async () => {
    const { rateLimiter, provider } = saturable();
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/wallets').query(true).reply(200, fixture('wallets-response.json'));
    scope.get('/api/v1/da/invoices').query(true).times(2).reply(200, fixture('invoices-list-response.json'));
    scope.get('/api/v1/da/aml_refunds').query(true).times(2).reply(200, { success: true, payments: [] });
    await provider.getBalances(); // opens the session, so each call below starts with its own read
    const first = await firstRequestAfterSaturation(rateLimiter, {
      low: () =>
        provider.getPayment(invoice('polled-by-tracker'), { priority: 'low' }).catch(() => undefined),
      high: () =>
        provider.getPayment(invoice('asked-by-merchant'), { priority: 'high' }).catch(() => undefined),
      sent: () => seen.map((request) => request.path),
    });
    expect(first).toContain('order_number=asked-by-merchant');
  });

  it('getPayout: the same', async () => {
    const { rateLimiter, provider } = saturable();
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/wallets').query(true).reply(200, fixture('wallets-response.json'));
    scope
      .get(/\/api\/v1\/da\/payouts\/\d+/)
      .query(true)
      .times(2)
      .reply(200, fixture('payout-feed-response.json'));
    await provider.getBalances();
    const payout = (payoutId: string) => encodeDefexaPayoutId({ reference: 'p', currency: 'ALGO', payoutId });
    const first = await firstRequestAfterSaturation(rateLimiter, {
      low: () => provider.getPayout(payout('111'), { priority: 'low' }).catch(() => undefined),
      high: () => provider.getPayout(payout('222'), { priority: 'high' }).catch(() => undefined),
      sent: () => seen.map((request) => request.path),
    });
    expect(first).toContain('/payouts/222');
  });
});
