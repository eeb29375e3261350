import { parseProviderJson, REDACTED, toDecimalString } from '@paymux/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/depay-test-setup';
import { type DepayPayment, depayPaymentSchema, depayReleaseRequest } from './depay-api';
import { sanitizeDepayRaw, toDepayPayment } from './depay-payment-mapper';

const context = {
  account: 'wallet',
  redact: (text: string) => text,
  now: () => new Date('2030-01-01T00:00:00Z'),
};

function trackingFrom(text: string): { tracking: DepayPayment; body: unknown } {
  const body = parseProviderJson(text);
  return { tracking: depayPaymentSchema.parse(body), body };
}

describe('toDepayPayment', () => {
  it('keeps any amount exact, sent as a JSON number or a string (property)', () => {
    const digits = (max: number) => fc.stringMatching(new RegExp(`^[0-9]{1,${max}}$`));
    fc.assert(
      fc.property(
        digits(12),
        fc.option(digits(18), { nil: undefined }),
        fc.boolean(),
        (whole, fraction, asNumber) => {
          const text =
            fraction === undefined
              ? whole.replace(/^0+(?=\d)/, '')
              : `${whole.replace(/^0+(?=\d)/, '')}.${fraction}`;
          const json = JSON.stringify({
            ...fixtureJson('get-payment-response.json'),
            amount: '__AMOUNT__',
          }).replace('"__AMOUNT__"', asNumber ? text : JSON.stringify(text));
          const { tracking, body } = trackingFrom(json);
          const payment = toDepayPayment(tracking, body, context);
          expect(payment.amount.amount).toBe(toDecimalString(text));
          expect(payment.payIn?.amount?.amount).toBe(toDecimalString(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the reference, asked amount and metadata stored in payload.paymux', () => {
    const { tracking, body } = trackingFrom(
      JSON.stringify({
        ...fixtureJson('get-payment-response.json'),
        payload: {
          paymux: {
            reference: 'order-9',
            amount: '0.93',
            currency: 'EUR',
            symbol: 'USDT',
            metadata: { a: 'b' },
          },
        },
      }),
    );
    const payment = toDepayPayment(tracking, body, context);
    expect(payment).toMatchObject({
      reference: 'order-9',
      amount: { amount: '0.93', currency: 'EUR' },
      quote: { amount: { amount: '1', currency: 'USDT' } },
      metadata: { a: 'b' },
    });
  });

  it('names the native coin of a chain from its placeholder address', () => {
    const { tracking, body } = trackingFrom(
      JSON.stringify({
        ...fixtureJson('get-payment-response.json'),
        token: '0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee',
      }),
    );
    expect(toDepayPayment(tracking, body, context).payIn?.asset.symbol).toBe('BNB');
  });

  it('falls back to the current time when DePay omits timestamps', () => {
    const { tracking, body } = trackingFrom(
      JSON.stringify({
        ...fixtureJson('get-payment-response.json'),
        created_at: null,
        updated_at: undefined,
      }),
    );
    const payment = toDepayPayment(tracking, body, context);
    expect(payment.createdAt).toBe('2030-01-01T00:00:00.000Z');
    expect(payment.updatedAt).toBe(payment.createdAt);
  });
});

describe('sanitizeDepayRaw', () => {
  it('keeps the public token address but removes configured secrets and secret-named fields', () => {
    const redact = (text: string) => text.split('sk-secret-value').join(REDACTED);
    const raw = sanitizeDepayRaw(
      {
        token: '0xdac17f958d2ee523a2206206994597c13d831ec7',
        callback: 'https://x.test/sk-secret-value',
        signature: 'abc',
      },
      redact,
    );
    expect(raw).toEqual({
      token: '0xdac17f958d2ee523a2206206994597c13d831ec7',
      callback: `https://x.test/${REDACTED}`,
      signature: REDACTED,
    });
  });
});

describe('depayReleaseRequest', () => {
  it('builds the release body from a tracking, in either form', () => {
    const { tracking } = trackingFrom(JSON.stringify(fixtureJson('create-payment-response.json')));
    expect(depayReleaseRequest(tracking)).toEqual(fixtureJson('release-request.json'));
    const { uuid: _, ...later } = fixtureJson('create-payment-response.json');
    const { tracking: laterTracking } = trackingFrom(
      JSON.stringify({ ...later, secret_id: 'sid-1', nonce: '1' }),
    );
    expect(depayReleaseRequest(laterTracking)).toMatchObject({ uuid: 'sid-1', nonce: '1' });
  });
});
