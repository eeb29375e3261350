import fc from 'fast-check';
import { isSafeNumber, parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { parseProviderJson } from './json';

/** The reference: lossless-json alone, as parseProviderJson behaved before its fast path. */
function reference(text: string): { value: unknown } | { error: true } {
  try {
    return { value: parse(text, null, (digits: string) => (isSafeNumber(digits) ? Number(digits) : digits)) };
  } catch {
    return { error: true };
  }
}

function actual(text: string): { value: unknown } | { error: true } {
  try {
    return { value: parseProviderJson(text) };
  } catch {
    return { error: true };
  }
}

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc
    .tuple(fc.stringMatching(/^-?[1-9]\d{0,25}$/), fc.stringMatching(/^\d{1,25}$/))
    .map(([whole, fraction]) => `${whole}.${fraction}`),
  fc.constantFrom('1e400', '-1e-400', '1E5', '0.1e1', '-0', '0.10', '123456789012345.6', '9007199254740993'),
);

/** JSON texts with arbitrary number tokens (not only what JSON.stringify would write). */
const jsonText: fc.Arbitrary<string> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    numberText,
    fc.string().map((text) => JSON.stringify(text)),
    fc.constantFrom('true', 'false', 'null', '"a\\":1"', '"x: 1e5"', '"__proto__"'),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
  object: fc
    .array(
      fc.tuple(
        fc.constantFrom('a', 'b', 'amount', '__proto__', 'x"y', 'c d'),
        fc.constantFrom(':', ' :', ': ', '\n\t: '),
        tie('value'),
      ),
      { maxLength: 4 },
    )
    .map(
      (members) =>
        `{${members.map(([key, colon, item]) => `${JSON.stringify(key)}${colon}${item}`).join(',')}}`,
    ),
})).value as fc.Arbitrary<string>;

describe('parseProviderJson', () => {
  it('gives exactly what lossless-json gives, on 10,000 generated texts', () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        expect(actual(text)).toEqual(reference(text));
      }),
      { numRuns: 10_000 },
    );
  });

  it('gives exactly what lossless-json gives on damaged texts', () => {
    fc.assert(
      fc.property(jsonText, fc.nat(), fc.string({ maxLength: 3 }), (text, at, insert) => {
        const position = at % (text.length + 1);
        const damaged = text.slice(0, position) + insert + text.slice(position + 1);
        expect(actual(damaged)).toEqual(reference(damaged));
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps long numbers as text and reads short ones as numbers', () => {
    expect(
      parseProviderJson('{"amount": 1.123456789012345678, "n": 13, "id": 12345678901234567890}'),
    ).toEqual({
      amount: '1.123456789012345678',
      n: 13,
      id: '12345678901234567890',
    });
    expect(parseProviderJson('[1e400]')).toEqual(['1e400']);
  });

  it('refuses a key repeated with another value, and keeps a repeat with the same value', () => {
    expect(() => parseProviderJson('{"amount": "1.00", "amount": "1000.00"}')).toThrow(/Duplicate key/);
    expect(parseProviderJson('{"a": 1, "a": 1}')).toEqual({ a: 1 });
  });

  it('keeps "__proto__" as a plain field', () => {
    const value = parseProviderJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
