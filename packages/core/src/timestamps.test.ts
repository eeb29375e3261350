import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIsoTimestamp } from './timestamps';

/** The definition: whatever Date.parse reads, formatted by toISOString. */
function reference(value: string): string | undefined {
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

describe('toIsoTimestamp', () => {
  it('agrees with Date.parse and toISOString on 10,000 canonical-looking texts, impossible days included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999 }),
        (year, month, day, hour, second, millisecond) => {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(second % 60, 2)}:${pad(second, 2)}.${pad(millisecond, 3)}Z`;
          expect(toIsoTimestamp(text)).toBe(reference(text));
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('normalises other forms and refuses what is not a date', () => {
    expect(toIsoTimestamp('2026-11-21 12:54:52+01:00')).toBe('2026-11-21T11:54:52.000Z');
    expect(toIsoTimestamp('2026-11-21T12:54:52Z')).toBe('2026-11-21T12:54:52.000Z');
    expect(toIsoTimestamp('2026-02-30T00:00:00.000Z')).toBe('2026-03-02T00:00:00.000Z');
    expect(toIsoTimestamp('2026-01-01T24:00:00.000Z')).toBe('2026-01-02T00:00:00.000Z');
    expect(toIsoTimestamp('yesterday')).toBeUndefined();
    expect(toIsoTimestamp('')).toBeUndefined();
    expect(toIsoTimestamp(null)).toBeUndefined();
  });
});
