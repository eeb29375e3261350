import { isSafeNumber, parse } from 'lossless-json';

/**
 * Parses a provider's JSON body without losing digits: a number that a double cannot hold exactly
 * (an 18-decimal token amount, a 20-digit id) is returned as its original text, other numbers as
 * numbers. Amount schemas then turn either form into an exact decimal string.
 *
 * @example
 * parseProviderJson('{"amount": 1.123456789012345678}') // { amount: "1.123456789012345678" }
 */
export function parseProviderJson(text: string): unknown {
  return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits));
}
