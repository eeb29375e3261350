import { isSafeNumber, parse } from 'lossless-json';

// A number token after ":", "," or "[" with 16 or more digits and dots, or with an exponent: the
// only kinds a double may not hold exactly. It can also match inside a string ("note": "x: 1e5"),
// which only costs the slow path.
const MAYBE_UNSAFE_NUMBER = /[:,[]\s*-?\d(?:[\d.]{15}|[\d.]*[eE])/;
// The end of an object key, counted to spot a repeated key, which JSON.parse would silently
// resolve and the lossless parser refuses. `":` inside a string (`":x"`, `\":`) inflates the count,
// which only costs the slow path; whitespace before a colon is counted by the slower regex.
const KEY_END = /"\s*:/g;
const SPACED_KEY_END = /"\s+:/;
const TOP_LEVEL_NUMBER = /^\s*-?\d/;

function losslessParse(text: string): unknown {
  return parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits));
}

function countKeys(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeys(item);
    return count;
  }
  for (const key in value) count += 1 + countKeys((value as Record<string, unknown>)[key]);
  return count;
}

function countKeyEnds(text: string): number {
  let count = 0;
  if (SPACED_KEY_END.test(text)) {
    KEY_END.lastIndex = 0;
    while (KEY_END.exec(text) !== null) count += 1;
    return count;
  }
  for (let at = text.indexOf('":'); at !== -1; at = text.indexOf('":', at + 2)) count += 1;
  return count;
}

/**
 * Parses a provider's JSON body without losing digits: a number that a double cannot hold exactly
 * (an 18-decimal token amount, a 20-digit id) is returned as its original text, other numbers as
 * numbers. Amount schemas then turn either form into an exact decimal string. An object that
 * repeats a key with a different value is refused: two parsers could read it two ways.
 *
 * Most bodies hold only short numbers and no repeated key; those are read by the native
 * `JSON.parse`, which gives the same result several times faster. Anything else goes through
 * lossless-json.
 *
 * @example
 * parseProviderJson('{"amount": 1.123456789012345678}') // { amount: "1.123456789012345678" }
 */
export function parseProviderJson(text: string): unknown {
  // A bare top-level number has no ":", "," or "[" before it. Tested in place: trimming would
  // copy every body.
  if (MAYBE_UNSAFE_NUMBER.test(text) || TOP_LEVEL_NUMBER.test(text)) return losslessParse(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Same verdict and message as the slow path, whatever the two parsers disagree on.
    return losslessParse(text);
  }
  return countKeys(value) === countKeyEnds(text) ? value : losslessParse(text);
}
