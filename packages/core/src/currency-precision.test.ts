import { describe, expect, it } from 'vitest';
import { assertAmountPrecision, decimalsOf, significantDigits } from './currency-precision';
import { ValidationError } from './errors/error-classes';

const at = { field: 'amount', operation: 'createPayment' };

function refusal(call: () => void): ValidationError {
  try {
    call();
  } catch (error) {
    if (ValidationError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('currency precision', () => {
  it('knows the decimals of common fiat and crypto currencies, case-insensitively', () => {
    expect([decimalsOf('EUR'), decimalsOf('usd'), decimalsOf('JPY'), decimalsOf('KWD')]).toEqual([
      2, 2, 0, 3,
    ]);
    expect([decimalsOf('USDT'), decimalsOf('USDC'), decimalsOf('BTC'), decimalsOf('ETH')]).toEqual([
      6, 6, 8, 18,
    ]);
    expect([decimalsOf('TRX'), decimalsOf('SOL'), decimalsOf('LTC')]).toEqual([6, 9, 8]);
    expect(decimalsOf('NOTACOIN')).toBeUndefined();
  });

  it('refuses more decimals than the currency allows, naming the field and the limit', () => {
    const error = refusal(() => assertAmountPrecision({ amount: '10.123456789', currency: 'EUR' }, at));
    expect(error.field).toBe('amount');
    expect(error.operation).toBe('createPayment');
    expect(error.message).toMatch(/amount "10\.123456789" has 9 decimals; EUR allows at most 2/);
    expect(() => assertAmountPrecision({ amount: '100.5', currency: 'JPY' }, at)).toThrow(
      /JPY allows at most 0/,
    );
    expect(() => assertAmountPrecision({ amount: '1.0000001', currency: 'USDT' }, at)).toThrow(/at most 6/);
    expect(() => assertAmountPrecision({ amount: '0.000000001', currency: 'BTC' }, at)).toThrow(/at most 8/);
  });

  it('accepts amounts within the limit, trailing zeros included', () => {
    for (const [amount, currency] of [
      ['10.12', 'EUR'],
      ['10.500', 'EUR'],
      ['100', 'JPY'],
      ['0.00701726', 'BTC'],
      ['1.123456789012345678', 'ETH'],
      ['49.123456', 'USDT'],
      ['1.123456789', 'XYZ'],
    ] as const) {
      expect(() => assertAmountPrecision({ amount, currency }, at), `${amount} ${currency}`).not.toThrow();
    }
  });

  it('applies a provider’s own limits: fewer decimals for a currency, and significant digits', () => {
    expect(() =>
      assertAmountPrecision({ amount: '1.1234567', currency: 'ETH' }, at, { maxDecimals: { ETH: 6 } }),
    ).toThrow(/ETH allows at most 6 at this provider/);
    expect(() =>
      assertAmountPrecision({ amount: '1.1234567', currency: 'NEWCOIN' }, at, {
        maxDecimals: { NEWCOIN: 4 },
      }),
    ).toThrow(/at most 4/);
    expect(() =>
      assertAmountPrecision({ amount: '123456789.123456789', currency: 'ETH' }, at, {
        maxSignificantDigits: 15,
      }),
    ).toThrow(/18 significant digits; the provider keeps at most 15/);
    expect(significantDigits('1200')).toBe(2);
    expect(significantDigits('0.00120')).toBe(2);
  });
});
