import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeForumpayPaymentId, encodeForumpayPaymentId } from './forumpay-payment-id';
import { forumpayTimeToIso } from './forumpay-payment-mapper';

describe('forumpay payment ids', () => {
  it('round-trips any lookup', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        (p, c, a) => {
          const lookup = { paymentId: p, currency: c, address: a };
          expect(decodeForumpayPaymentId(encodeForumpayPaymentId(lookup))).toEqual(lookup);
        },
      ),
    );
  });

  it('refuses ids it did not make, naming the field', () => {
    for (const id of [
      '',
      'fp_',
      'fp_!!!',
      'xx_eyJwIjoiYSJ9',
      `fp_${Buffer.from('{"p":"a"}').toString('base64url')}`,
    ]) {
      expect(() => decodeForumpayPaymentId(id, 'pos', 'paymentId')).toThrow(
        expect.objectContaining({ code: 'validation_error', field: 'paymentId' }),
      );
    }
  });
});

describe('forumpayTimeToIso', () => {
  it('reads ForumPay times as UTC', () => {
    expect(forumpayTimeToIso('2022-11-10 08:43:33')).toBe('2022-11-10T08:43:33.000Z');
    expect(forumpayTimeToIso('2024-01-15T10:30:00+02:00')).toBe('2024-01-15T08:30:00.000Z');
    expect(forumpayTimeToIso('yesterday')).toBeUndefined();
    expect(forumpayTimeToIso(null)).toBeUndefined();
    expect(forumpayTimeToIso(true)).toBeUndefined();
  });
});
