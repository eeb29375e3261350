import { isSafeNumber, parse } from 'lossless-json';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const DOT = 0x2e;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
/** What `countKeysIfSafe` answers for a text the native parser may misread. */
const NEEDS_LOSSLESS = -1;
// 16 digits and dots or more: a double may not hold the number exactly.
const LONGEST_SAFE_NUMBER_TOKEN = 15;

function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function isEscaped(text: string, quoteAt: number): boolean {
  let backslashes = 0;
  for (let at = quoteAt - 1; at >= 0 && text.charCodeAt(at) === BACKSLASH; at -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

/**
 * One pass over the text outside its strings: the number of object keys (strings followed by
 * ":"), to spot a repeated key, which JSON.parse would silently resolve and the lossless parser
 * refuses; or NEEDS_LOSSLESS when a number token has 16 or more digits and dots, or an exponent
 * (the only kinds a double may not hold exactly), or a string is not closed. Strings are skipped
 * with indexOf, so their contents never cost a character-by-character walk nor a false alarm.
 */
function countKeysIfSafe(text: string): number {
  const length = text.length;
  let keys = 0;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      let end = text.indexOf('"', at + 1);
      while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return NEEDS_LOSSLESS;
      at = end + 1;
      while (at < length && isJsonWhitespace(text.charCodeAt(at))) at += 1;
      if (text.charCodeAt(at) === COLON) keys += 1;
    } else if (code >= DIGIT_ZERO && code <= DIGIT_NINE) {
      let token = 0;
      for (let next = code; (next >= DIGIT_ZERO && next <= DIGIT_NINE) || next === DOT; ) {
        token += 1;
        at += 1;
        next = text.charCodeAt(at);
      }
      const after = text.charCodeAt(at);
      if (token > LONGEST_SAFE_NUMBER_TOKEN || after === LOWER_E || after === UPPER_E) return NEEDS_LOSSLESS;
    } else at += 1;
  }
  return keys;
}

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
  const keys = countKeysIfSafe(text);
  if (keys === NEEDS_LOSSLESS) return losslessParse(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Same verdict and message as the slow path, whatever the two parsers disagree on.
    return losslessParse(text);
  }
  return countKeys(value) === keys ? value : losslessParse(text);
}
