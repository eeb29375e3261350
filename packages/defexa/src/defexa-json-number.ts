import { randomBytes } from 'node:crypto';
import { type DecimalString, decimal } from '@paymux/core';

// Defexa's examples send amounts as JSON numbers (`"amount": 10`). A JS number cannot carry an
// exact decimal, and core's HTTP client serialises bodies with JSON.stringify, so an amount
// travels as a marked string and is rewritten into a bare JSON number in the request's final
// bytes (see `writeJsonNumbers`, called from `authenticate`). The random part keeps merchant text
// from ever matching the marker.
const MARKER = `\u0000paymux-number-${randomBytes(6).toString('hex')}:`;
const MARKED = new RegExp(
  `"${JSON.stringify(MARKER).slice(1, -1).replace(/\\/g, '\\\\')}(-?\\d+(?:\\.\\d+)?)"`,
  'g',
);

/**
 * Marks a decimal string to be written as an exact JSON number.
 *
 * @example
 * JSON.stringify({ amount: jsonNumber('0.1') }) // then writeJsonNumbers(…) gives '{"amount":0.1}'
 */
export function jsonNumber(value: DecimalString): string {
  return `${MARKER}${decimal.normalize(value)}`;
}

/** Rewrites every marked amount of a serialised JSON body into a bare JSON number. */
export function writeJsonNumbers(body: string): string {
  return body.replace(MARKED, '$1');
}
