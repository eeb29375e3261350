import { decimal, parseProviderJson, toDecimalString } from '@paymux/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNumber, writeJsonNumbers } from './defexa-json-number';
import { parseDefexaTimestamp } from './defexa-session';

const decimalText = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 24 }))
  .map(([units, scale]) => decimal.fromMinorUnits(units, scale));

describe('exact JSON numbers on the wire', () => {
  it('writes any decimal as a JSON number that reads back digit for digit', () => {
    fc.assert(
      fc.property(decimalText, fc.string(), (amount, text) => {
        const body = writeJsonNumbers(JSON.stringify({ amount: jsonNumber(amount), note: text }));
        const parsed = parseProviderJson(body) as { amount: number | string; note: string };
        expect(toDecimalString(parsed.amount)).toBe(decimal.normalize(amount));
        expect(parsed.note).toBe(text);
      }),
    );
  });

  it('leaves merchant text that imitates the marker alone', () => {
    const body = writeJsonNumbers(JSON.stringify({ description: '\u0000paymux-number-000000000000:5' }));
    expect(JSON.parse(body)).toEqual({ description: '\u0000paymux-number-000000000000:5' });
  });
});

describe('parseDefexaTimestamp', () => {
  it('reads the engine format as UTC, and ISO 8601', () => {
    expect(parseDefexaTimestamp('2023-03-28 22:52:59 UTC')).toBe(Date.UTC(2023, 2, 28, 22, 52, 59));
    expect(parseDefexaTimestamp('2023-03-13T12:32:22.614Z')).toBe(Date.UTC(2023, 2, 13, 12, 32, 22, 614));
    expect(parseDefexaTimestamp('soon')).toBeUndefined();
    expect(parseDefexaTimestamp(undefined)).toBeUndefined();
  });
});
