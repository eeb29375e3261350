/**
 * Exact decimal arithmetic on strings through bigint-scaled integers. The emulators never hold an
 * amount in a JS number: a float cannot represent `0.1` nor an 18-decimal token amount.
 */

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const JSON_NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

/** True for a plain decimal string such as `"12"` or `"0.0007"` (no exponent, no `+`). */
export function isDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text);
}

/** True for a plain decimal string strictly greater than zero. */
export function isPositiveDecimal(text: string): boolean {
  return isDecimal(text) && compareDecimal(text, '0') > 0;
}

function parse(text: string): Scaled {
  if (!isDecimal(text)) throw new RangeError(`Not a decimal: "${text}"`);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

function trimZeros(text: string): string {
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (n * 2n + d) / (d * 2n);
  return negative ? -quotient : quotient;
}

/** Compares two decimal strings: -1, 0 or 1. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const diff = rescale(x, scale) - rescale(y, scale);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

/** `a + b`, exactly, trailing zeros removed. */
export function addDecimal(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return trimZeros(format(rescale(x, scale) + rescale(y, scale), scale));
}

/** `a - b`, exactly, trailing zeros removed. */
export function subtractDecimal(a: string, b: string): string {
  return addDecimal(a, negateDecimal(b));
}

function negateDecimal(a: string): string {
  if (a.startsWith('-')) return a.slice(1);
  return compareDecimal(a, '0') === 0 ? a : `-${a}`;
}

/** `a × b`, rounded half-up to `scale` decimals and written with exactly that many. */
export function multiplyDecimal(a: string, b: string, scale: number): string {
  const x = parse(a);
  const y = parse(b);
  const units = roundHalfUp(x.units * y.units * 10n ** BigInt(scale), 10n ** BigInt(x.scale + y.scale));
  return format(units, scale);
}

/** `a ÷ b`, rounded half-up to `scale` decimals and written with exactly that many. */
export function divideDecimal(a: string, b: string, scale: number): string {
  const x = parse(a);
  const y = parse(b);
  if (y.units === 0n) throw new RangeError('Division by zero');
  const numerator = x.units * 10n ** BigInt(y.scale + scale);
  const denominator = y.units * 10n ** BigInt(x.scale);
  return format(roundHalfUp(numerator, denominator), scale);
}

/** Writes `a` with exactly `scale` decimals (rounded half-up). */
export function fixDecimal(a: string, scale: number): string {
  return multiplyDecimal(a, '1', scale);
}

/** Removes insignificant trailing zeros: `"13.500"` → `"13.5"`. */
export function normalizeDecimal(a: string): string {
  return trimZeros(format(parse(a).units, parse(a).scale));
}

/**
 * Converts the text of a JSON number (`"50"`, `"0.0008"`, `"1e-7"`) to a plain decimal string
 * without going through a float; undefined when the text is not a JSON number.
 */
export function decimalFromJsonNumber(text: string): string | undefined {
  const match = JSON_NUMBER.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '0', fraction = '', exponentText = '0'] = match;
  const exponent = Number.parseInt(exponentText, 10);
  let digits = whole + fraction;
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return trimZeros(`${sign}${format(BigInt(digits), scale)}`);
}
