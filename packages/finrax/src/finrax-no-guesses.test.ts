import { paymentSchema, payoutSchema, ValidationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureJson,
  paymentObject,
  TEST_BASE_URL,
  TEST_NOW,
  testProvider,
} from './__fixtures__/finrax-test-support';
import { FINRAX_UNKNOWN_NETWORK, finraxNetworkSlug } from './finrax-networks';
import { toUnifiedPayment } from './finrax-payment-mapper';
import { toUnifiedPayout } from './finrax-payout-mapper';
import type { FinraxPayment, FinraxWithdrawal } from './finrax-api';

// What Finrax data or merchant input leaves out is never filled in with a guess (the network
// `ethereum`, the first network of a currency, the currency `EUR`): input is refused before any
// request, provider data is mapped as `unknown`.

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => {
  nock.cleanAll();
});

const mapping = { account: 'main', redact: (text: string) => text, now: () => TEST_NOW };
const listed = fixtureJson<{ withdrawals: FinraxWithdrawal[] }>('finrax-withdrawal-list.json')
  .withdrawals[0]!;

describe('no guessed defaults', () => {
  it('refuses a crypto-sized payout without a display currency before any request', async () => {
    const error = await testProvider()
      .createPayout({
        reference: 'w-no-display',
        amount: { amount: '25', currency: 'USDT' },
        destination: {
          asset: { symbol: 'USDT', network: 'tron' },
          address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
        },
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).field).toBe('providerOptions.finrax.displayCurrency');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses a configured display currency Finrax cannot display, before any request', async () => {
    const error = await testProvider({ defaultDisplayCurrency: 'XAU' })
      .createPayout({
        reference: 'w-bad-display',
        amount: { amount: '25', currency: 'USDT' },
        destination: {
          asset: { symbol: 'USDT', network: 'tron' },
          address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
        },
      })
      .catch((caught: unknown) => caught);
    expect(ValidationError.is(error)).toBe(true);
  });

  it('maps a withdrawal whose network Finrax leaves out as network "unknown", not ethereum', () => {
    const payout = toUnifiedPayout({ ...listed, network: null }, mapping);
    expect(payout.destination.asset).toEqual({ symbol: 'USDC', network: FINRAX_UNKNOWN_NETWORK });
    expect(payoutSchema.parse(payout)).toEqual(payout);
  });

  it("takes a currency's network only when the currency moves on one network alone", () => {
    expect(finraxNetworkSlug(undefined, 'BTC')).toBe('bitcoin');
    expect(finraxNetworkSlug(undefined, 'USDT')).toBeUndefined();
    expect(finraxNetworkSlug(undefined, 'ETH')).toBeUndefined();
    expect(finraxNetworkSlug('TRX', 'USDT')).toBe('tron');
  });

  it('maps a payment address without expectedNetwork on network "unknown", and no currency as UNKNOWN', () => {
    const payment = paymentObject({ expectedNetwork: null }) as unknown as FinraxPayment;
    const unified = toUnifiedPayment(payment, mapping);
    expect(unified.payIn?.asset).toEqual({ symbol: 'USDT', network: FINRAX_UNKNOWN_NETWORK });
    expect(paymentSchema.parse(unified)).toEqual(unified);
    const bare = paymentObject({
      displayCurrency: null,
      depositCurrency: null,
      expectedDisplayAmount: null,
      expectedDepositAmount: null,
    }) as unknown as FinraxPayment;
    expect(toUnifiedPayment(bare, mapping).amount).toEqual({ amount: '0', currency: 'UNKNOWN' });
  });

  it('sends no request for an address check Finrax cannot do and never leaves the documented path', async () => {
    const scope = nock(TEST_BASE_URL)
      .get('/v1/currency/USDT/network/TRX/address/TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf/valid')
      .reply(200, { valid: true, supported: true });
    await expect(
      testProvider({ pathPrefix: '/api' }).validateAddress({
        asset: { symbol: 'USDT', network: 'tron' },
        address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
        memo: 'ignored',
      }),
    ).resolves.toMatchObject({ valid: true });
    expect(scope.isDone()).toBe(true);
    await expect(
      testProvider().validateAddress({ asset: { symbol: 'DOGE', network: 'dogecoin' }, address: 'D123' }),
    ).rejects.toMatchObject({ code: 'validation_error' });
  });
});
