import BigConstructor from 'big.js';
import { z } from 'zod';

/**
 * An exact decimal number written as a string, e.g. `"0.00701726"` or `"-12.5"`.
 * Amounts are never JS numbers in paymux: a float cannot hold `0.1` or an 18-decimal token amount.
 */
export type DecimalString = string;

// A private constructor, so that paymux never changes the settings of an application's own big.js.
const Big = BigConstructor();
Big.DP = 40;
Big.RM = BigConstructor.roundHalfUp;
// Never switch to exponential notation when printing.
Big.NE = -1_000_000;
Big.PE = 1_000_000;
Big.strict = true;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
// Already canonical: no leading zeros, no trailing fraction zeros (and "-0" is checked apart).
// Amounts usually arrive like this, and then need no big.js round trip.
const CANONICAL_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

// Plain, no leading zeros, and a fraction ending in zero ("50.00", "-0.10"): canonical once the
// trailing zeros are cut, which providers that print fixed decimals send for every amount.
const FIXED_POINT_DECIMAL = /^-?(?:0|[1-9]\d*)\.\d*0$/;

function isCanonical(value: DecimalString | number | bigint): value is DecimalString {
  return typeof value === 'string' && value !== '-0' && CANONICAL_DECIMAL.test(value);
}
const MINUS = 0x2d;
const PROVIDER_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The rounding modes paymux exposes, named after what they do. */
export type RoundingMode = 'down' | 'half-up' | 'half-even' | 'up';

const roundingModes: Record<RoundingMode, 0 | 1 | 2 | 3> = {
  down: BigConstructor.roundDown,
  'half-up': BigConstructor.roundHalfUp,
  'half-even': BigConstructor.roundHalfEven,
  up: BigConstructor.roundUp,
};

/** True when `value` is a plain decimal string (`"12"`, `"-0.5"`), with no exponent and no sign `+`. */
export function isDecimalString(value: unknown): value is DecimalString {
  return typeof value === 'string' && PLAIN_DECIMAL.test(value);
}

function toBig(value: DecimalString | number | bigint): BigConstructor.Big {
  if (typeof value === 'bigint') return new Big(value.toString());
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
    // String(number) is the shortest text that reads back as the same double: for a number that
    // came from JSON text this recovers the provider's own digits (0.1 stays 0.1, 1e-7 stays 1e-7).
    return new Big(String(value));
  }
  const text = value.trim();
  if (!PROVIDER_NUMBER.test(text)) throw new RangeError(`Not a decimal number: "${value}"`);
  return new Big(text.startsWith('+') ? text.slice(1) : text);
}

/**
 * Converts what a provider sent (a decimal string, a JSON number, `"1e-7"`, a bigint) into a plain
 * decimal string, exactly.
 *
 * @example
 * toDecimalString(0.1) // "0.1"
 * toDecimalString('1e-7') // "0.0000001"
 */
export function toDecimalString(value: DecimalString | number | bigint): DecimalString {
  if (isCanonical(value)) return value;
  if (typeof value === 'string' && FIXED_POINT_DECIMAL.test(value)) return normalize(value);
  if (typeof value === 'number' && Number.isFinite(value)) {
    // String(number) is already the shortest exact text; without an exponent it is the answer.
    const text = String(value);
    if (isCanonical(text)) return text;
  }
  return normalize(toBig(value).toFixed());
}

function normalize(text: string): DecimalString {
  let result = text;
  if (result.includes('.')) result = result.replace(/\.?0+$/, '');
  if (result === '-0') result = '0';
  return result;
}

/**
 * Exact decimal arithmetic over decimal strings. Every function takes and returns strings.
 *
 * @example
 * decimal.add('0.1', '0.2') // "0.3"
 * decimal.compare('1.50', '1.5') // 0
 */
export const decimal = {
  /** Canonical form: no trailing fraction zeros, no `-0`. */
  normalize: (value: DecimalString | number | bigint): DecimalString => toDecimalString(value),
  add: (a: DecimalString, b: DecimalString): DecimalString => normalize(toBig(a).plus(toBig(b)).toFixed()),
  subtract: (a: DecimalString, b: DecimalString): DecimalString =>
    normalize(toBig(a).minus(toBig(b)).toFixed()),
  multiply: (a: DecimalString, b: DecimalString): DecimalString =>
    normalize(toBig(a).times(toBig(b)).toFixed()),
  /** Division rounded to `scale` fraction digits (default 18). */
  divide: (
    a: DecimalString,
    b: DecimalString,
    scale = 18,
    rounding: RoundingMode = 'half-up',
  ): DecimalString => {
    const divisor = toBig(b);
    if (divisor.eq('0')) throw new RangeError('Division by zero');
    return normalize(toBig(a).div(divisor).round(scale, roundingModes[rounding]).toFixed());
  },
  /** -1, 0 or 1. */
  compare: (a: DecimalString, b: DecimalString): -1 | 0 | 1 =>
    a === b && isCanonical(a) ? 0 : (toBig(a).cmp(toBig(b)) as -1 | 0 | 1),
  equals: (a: DecimalString, b: DecimalString): boolean => toBig(a).eq(toBig(b)),
  isZero: (a: DecimalString): boolean => (isCanonical(a) ? a === '0' : toBig(a).eq('0')),
  // A canonical value has no "-0" and no "-" on a zero: its sign is its first character.
  isNegative: (a: DecimalString): boolean => (isCanonical(a) ? a.charCodeAt(0) === MINUS : toBig(a).lt('0')),
  isPositive: (a: DecimalString): boolean =>
    isCanonical(a) ? a !== '0' && a.charCodeAt(0) !== MINUS : toBig(a).gt('0'),
  abs: (a: DecimalString): DecimalString => normalize(toBig(a).abs().toFixed()),
  /** Rounds to `scale` fraction digits and always prints them (`"1.50"`). */
  toFixed: (a: DecimalString, scale: number, rounding: RoundingMode = 'half-up'): string =>
    toBig(a).toFixed(scale, roundingModes[rounding]),
  /** Number of fraction digits in the canonical form. */
  scale: (a: DecimalString): number => {
    const text = toDecimalString(a);
    const dot = text.indexOf('.');
    return dot < 0 ? 0 : text.length - dot - 1;
  },
  sum: (values: readonly DecimalString[]): DecimalString =>
    normalize(values.reduce((total, value) => total.plus(toBig(value)), new Big('0')).toFixed()),
  max: (a: DecimalString, b: DecimalString): DecimalString => (toBig(a).gte(toBig(b)) ? a : b),
  min: (a: DecimalString, b: DecimalString): DecimalString => (toBig(a).lte(toBig(b)) ? a : b),
  /** Converts an integer amount of minor units (wei, satoshi) into a decimal string. */
  fromMinorUnits: (units: bigint | string, decimals: number): DecimalString =>
    normalize(
      toBig(typeof units === 'bigint' ? units : units)
        .div(new Big('10').pow(decimals))
        .toFixed(),
    ),
  /** Converts a decimal string into an integer amount of minor units; throws if it has more digits. */
  toMinorUnits: (a: DecimalString, decimals: number): bigint => {
    const scaled = toBig(a).times(new Big('10').pow(decimals));
    if (!scaled.eq(scaled.round(0, BigConstructor.roundDown))) {
      throw new RangeError(`${a} has more than ${decimals} fraction digits`);
    }
    return BigInt(scaled.toFixed(0));
  },
} as const;

/**
 * Strict schema for amounts given by a merchant: a plain decimal string, nothing else.
 * Numbers are refused so that a float never slips into an amount.
 */
export const decimalStringSchema = z
  .string()
  .regex(PLAIN_DECIMAL, 'must be a decimal string such as "10.50" (no exponent, no number type)');

/** Strict schema for a positive amount given by a merchant. */
export const positiveDecimalStringSchema = decimalStringSchema.refine(
  // zod runs refinements even after the regex failed: text that is no number is that issue alone.
  (value) => !isDecimalString(value) || decimal.isPositive(value),
  { message: 'must be greater than zero' },
);

/**
 * Lenient schema for amounts in provider responses: accepts a decimal string, a JSON number or a
 * numeric string with an exponent, and outputs an exact plain decimal string.
 */
export const providerDecimalSchema = z
  .union([z.string(), z.number(), z.bigint()])
  .transform((value, context) => {
    try {
      return toDecimalString(value);
    } catch {
      context.addIssue({ code: 'custom', message: `not a decimal amount: ${String(value)}` });
      return z.NEVER;
    }
  });
