import { decimal, parseProviderJson } from '@paymux/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureJson, referenceFixtures, seedResponse } from './__fixtures__/forumpay-fixtures';
import {
  acceptPaymentResponseSchema,
  cancelPaymentResponseSchema,
  checkPaymentResponseSchema,
  getCurrencyListResponseSchema,
  getRateResponseSchema,
  getTransactionsResponseSchema,
  refundPaymentResponseSchema,
  startPaymentResponseSchema,
} from './forumpay-api';

const schemaOf = {
  cancelPaymentResponse: cancelPaymentResponseSchema,
  checkPaymentResponse: checkPaymentResponseSchema,
  getCurrencyListResponse: getCurrencyListResponseSchema,
  getRateResponse: getRateResponseSchema,
  getTransactionsResponse: getTransactionsResponseSchema,
  startPaymentResponse: startPaymentResponseSchema,
} as const;

describe('forumpay wire schemas', () => {
  it.each(referenceFixtures)("parse ForumPay's own %s", (name) => {
    const result = schemaOf[name].safeParse(fixtureJson(`reference/${name}.json`));
    expect(result.error).toBeUndefined();
  });

  it.each([
    ['get-rate', getRateResponseSchema],
    ['start-payment', startPaymentResponseSchema],
    ['check-payment', checkPaymentResponseSchema],
    ['cancel-payment', cancelPaymentResponseSchema],
    ['accept-payment', acceptPaymentResponseSchema],
    ['refund-payment', refundPaymentResponseSchema],
    ['get-transactions', getTransactionsResponseSchema],
  ] as const)("parse the seed's %s response", (name, schema) => {
    const result = schema.safeParse(seedResponse(name));
    expect(result.error).toBeUndefined();
  });

  it('reads numbers that arrive as strings, and empty values as absent', () => {
    const check = checkPaymentResponseSchema.parse(fixtureJson('reference/checkPaymentResponse.json'));
    expect(check).toMatchObject({
      min_confirmations: 1,
      confirmations: 0,
      payment: '0',
      amount: '0.01333323',
      confirmed: false,
      cancelled: true,
      reference_no: undefined,
    });
    const start = startPaymentResponseSchema.parse(fixtureJson('reference/startPaymentResponse.json'));
    expect(start.min_confirmations).toBe(1);
    const transactions = getTransactionsResponseSchema.parse(
      fixtureJson('reference/getTransactionsResponse.json'),
    );
    expect(transactions[0]).toMatchObject({
      payment: undefined,
      refund: undefined,
      refund_amount_opened: undefined,
    });
    const list = getCurrencyListResponseSchema.parse(fixtureJson('reference/getCurrencyListResponse.json'));
    expect(list[1]).toMatchObject({ zero_confirmations_enabled: false, sell_rate: '1431.7278' });
  });

  it('keeps the text of every amount exact', () => {
    const rate = getRateResponseSchema.parse({ payment_id: 'p', currency: 'ETH', amount: 1e-7, rate: 0.1 });
    expect(rate).toMatchObject({ amount: '0.0000001', rate: '0.1' });
    const long = getRateResponseSchema.parse({
      payment_id: 'p',
      currency: 'ETH',
      amount: '1.123456789012345678',
    });
    expect(long.amount).toBe('1.123456789012345678');
  });

  it('fails loudly when a required field is missing', () => {
    expect(
      startPaymentResponseSchema.safeParse({
        ...seedResponse<Record<string, unknown>>('start-payment'),
        address: undefined,
      }).success,
    ).toBe(false);
    expect(checkPaymentResponseSchema.safeParse({ currency: 'BTC', invoice_currency: 'EUR' }).success).toBe(
      false,
    );
    expect(cancelPaymentResponseSchema.safeParse({}).success).toBe(false);
  });

  it('reads any amount exactly, as a JSON string or a JSON number', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }))
      .map(([whole, fraction]) => `${whole}.${fraction.toString().padStart(18, '0')}`);
    fc.assert(
      fc.property(amount, fc.boolean(), (text, asNumber) => {
        const value = asNumber ? text : JSON.stringify(text);
        const body = parseProviderJson(
          `{"invoice_currency":"EUR","currency":"ETH","state":"processing","amount":${value},"payment":${value}}`,
        );
        const parsed = checkPaymentResponseSchema.parse(body);
        expect(parsed.amount).toBe(decimal.normalize(text));
        expect(parsed.payment).toBe(decimal.normalize(text));
      }),
    );
  });
});
