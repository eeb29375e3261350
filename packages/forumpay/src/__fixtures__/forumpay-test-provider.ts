import nock from 'nock';
import { afterEach, beforeAll, expect } from 'vitest';
import { encodeForumpayPaymentId } from '../forumpay-payment-id';
import { createForumpay } from '../forumpay-provider';
import type { ForumpaySettingsInput } from '../forumpay-settings';
import { FAKE_BASIC, FAKE_SECRET, FAKE_USER, SEED_BASE_URL, SEED_ORIGIN } from './forumpay-fixtures';

/** The payment of the seed's examples. */
export const seedLookup = {
  paymentId: '123e4567-e89b-12d3-a456-426614174000',
  currency: 'BTC',
  address: '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69',
};
export const seedPaymentId = encodeForumpayPaymentId(seedLookup);
/** The payment of the seed's AcceptPayment and RefundPayment examples. */
export const acceptLookup = { ...seedLookup, paymentId: '1234e456-abab-1234-84bd-3ef32112b60a' };

/** A provider on the seed's host, with fast retries and a fixed clock. */
export function seedProvider(settings: Partial<ForumpaySettingsInput> = {}) {
  return createForumpay(
    {
      user: FAKE_USER,
      secret: FAKE_SECRET,
      posId: 'POS1',
      baseUrl: SEED_BASE_URL,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      ...settings,
    },
    { account: 'pos', now: () => new Date('2030-01-01T00:00:00.000Z') },
  );
}

/** A nock scope on the seed's host that only matches requests carrying the Basic credentials. */
export function seedScope() {
  return nock(SEED_ORIGIN, { reqheaders: { authorization: FAKE_BASIC } });
}

/** Closes the network (loopback aside) and checks that every interceptor was used. */
export function useNock(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
}
