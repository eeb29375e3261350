import { describe, expect, it } from 'vitest';
import { finraxTimeToIso, finraxTimeToMs, isoOfMs, latestIso } from './finrax-time';

describe('finrax time', () => {
  it('reads seconds and milliseconds, and nothing else', () => {
    expect(finraxTimeToMs(1702906899)).toBe(1702906899000);
    expect(finraxTimeToMs(1702906899123)).toBe(1702906899123);
    for (const value of [undefined, null, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(finraxTimeToMs(value)).toBeUndefined();
      expect(finraxTimeToIso(value)).toBeUndefined();
    }
    expect(finraxTimeToIso(1702906899)).toBe('2023-12-18T13:41:39.000Z');
  });

  it('formats every time as Date does, also past the remembered ones', () => {
    // More distinct times than the cache holds, then the first ones again.
    const times = Array.from({ length: 5000 }, (_, index) => 1_700_000_000_000 + index * 61_001);
    for (const ms of [...times, ...times.slice(0, 100)]) expect(isoOfMs(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoOfMs(8.64e15 + 1)).toThrow(RangeError);
  });

  it('picks the latest of several timestamps', () => {
    expect(latestIso(undefined, '2023-12-18T13:41:39.000Z', '2024-01-01T00:00:00.000Z')).toBe(
      '2024-01-01T00:00:00.000Z',
    );
    expect(latestIso(undefined)).toBeUndefined();
  });
});
