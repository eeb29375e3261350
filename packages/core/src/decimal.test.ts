import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal, isDecimalString, providerDecimalSchema, toDecimalString } from './decimal';
import { parseProviderJson } from './json';

const digits = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max })
    .map((chars) => chars.join(''));

/** Canonical decimal strings: up to 30 integer and 18 fraction digits, no redundant zeros. */
const canonicalDecimal = fc
  .tuple(fc.boolean(), digits(1, 30), digits(0, 18))
  .map(([negative, integer, fraction]) => {
    const int = integer.replace(/^0+(?=\d)/, '');
    const frac = fraction.replace(/0+$/, '');
    const text = frac ? `${int}.${frac}` : int;
    return negative && text !== '0' ? `-${text}` : text;
  });

describe('decimal', () => {
  it('round-trips 10^4 random decimals through parse and format exactly', () => {
    fc.assert(
      fc.property(canonicalDecimal, (text) => {
        expect(isDecimalString(text)).toBe(true);
        expect(toDecimalString(text)).toBe(text);
        expect(decimal.normalize(`${text}${text.includes('.') ? '' : '.'}000`)).toBe(text);
      }),
      { numRuns: 10_000 },
    );
  });

  it('answers from the canonical-text shortcut exactly as big.js does', () => {
    const anyDecimalText = fc
      .tuple(
        fc.constantFrom('', '-', '+'),
        digits(0, 4),
        fc.constantFrom('', '.'),
        digits(0, 4),
        fc.constantFrom('', 'e1', 'e-2'),
      )
      .map((parts) => parts.join(''));
    const outcome = <T>(run: () => T): T | 'error' => {
      try {
        return run();
      } catch {
        return 'error';
      }
    };
    fc.assert(
      fc.property(anyDecimalText, anyDecimalText, (a, b) => {
        // A leading space keeps the shortcut out (the text is trimmed later), so big.js answers.
        expect(outcome(() => toDecimalString(a))).toBe(outcome(() => toDecimalString(` ${a}`)));
        expect(outcome(() => decimal.compare(a, a))).toBe(outcome(() => decimal.compare(` ${a}`, a)));
        expect(outcome(() => decimal.compare(a, b))).toBe(outcome(() => decimal.compare(` ${a}`, b)));
        expect(outcome(() => decimal.isZero(a))).toBe(outcome(() => decimal.isZero(` ${a}`)));
        expect(outcome(() => decimal.isPositive(a))).toBe(outcome(() => decimal.isPositive(` ${a}`)));
        expect(outcome(() => decimal.isNegative(a))).toBe(outcome(() => decimal.isNegative(` ${a}`)));
        // Fixed-point text ("50.00") is cut to its canonical form without big.js.
        expect(outcome(() => toDecimalString(`${a}0`))).toBe(outcome(() => toDecimalString(` ${a}0`)));
      }),
      { numRuns: 10_000 },
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(toDecimalString(value)).toBe(toDecimalString(` ${String(value)}`));
      }),
      { numRuns: 10_000 },
    );
  });

  it('adds and subtracts without float artefacts', () => {
    fc.assert(
      fc.property(canonicalDecimal, canonicalDecimal, (a, b) => {
        expect(decimal.subtract(decimal.add(a, b), b)).toBe(a);
      }),
      { numRuns: 2_000 },
    );
    expect(decimal.add('0.1', '0.2')).toBe('0.3');
    expect(decimal.multiply('1.1', '1.1')).toBe('1.21');
  });

  it('converts provider JSON numbers to decimal strings without float artefacts', () => {
    expect(toDecimalString(0.1)).toBe('0.1');
    expect(toDecimalString(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(toDecimalString(1e-7)).toBe('0.0000001');
    expect(toDecimalString('1e-7')).toBe('0.0000001');
    expect(toDecimalString(1.5e21)).toBe('1500000000000000000000');
    expect(toDecimalString(10n ** 30n)).toBe(`1${'0'.repeat(30)}`);
    expect(() => toDecimalString(Number.NaN)).toThrow(RangeError);
  });

  it('keeps every digit of 18-decimal token amounts sent as JSON numbers', () => {
    const body = parseProviderJson(
      '{"a":1.123456789012345678,"b":0.1,"c":1e-7,"d":123456789012345678901234567890.5}',
    ) as Record<string, unknown>;
    expect(providerDecimalSchema.parse(body.a)).toBe('1.123456789012345678');
    expect(providerDecimalSchema.parse(body.b)).toBe('0.1');
    expect(providerDecimalSchema.parse(body.c)).toBe('0.0000001');
    expect(providerDecimalSchema.parse(body.d)).toBe('123456789012345678901234567890.5');
  });

  it('keeps 10^3 random 18-decimal JSON numbers exact through the lossless parser', () => {
    fc.assert(
      fc.property(canonicalDecimal, (text) => {
        const parsed = parseProviderJson(`{"amount":${text}}`) as { amount: unknown };
        expect(providerDecimalSchema.parse(parsed.amount)).toBe(text);
      }),
      { numRuns: 1_000 },
    );
  });

  it('divides with an explicit scale and converts minor units', () => {
    expect(decimal.divide('1', '3', 8)).toBe('0.33333333');
    expect(decimal.fromMinorUnits(1_000_000_000_000_000_001n, 18)).toBe('1.000000000000000001');
    expect(decimal.toMinorUnits('1.000000000000000001', 18)).toBe(1_000_000_000_000_000_001n);
    expect(() => decimal.toMinorUnits('0.1234567', 6)).toThrow(RangeError);
    expect(() => decimal.divide('1', '0')).toThrow(RangeError);
  });

  it('refuses non-decimal text', () => {
    expect(isDecimalString('1e5')).toBe(false);
    expect(isDecimalString(1)).toBe(false);
    expect(() => toDecimalString('abc')).toThrow(RangeError);
    expect(providerDecimalSchema.safeParse('12,5').success).toBe(false);
  });
});
