import { describe, expect, it } from 'vitest';
import { median, quantile, summarizeNanoseconds } from './stats';

describe('quantile', () => {
  const sorted = Array.from({ length: 100 }, (_, index) => index + 1);

  it('takes the nearest rank', () => {
    expect(quantile(sorted, 0.5)).toBe(50);
    expect(quantile(sorted, 0.99)).toBe(99);
    expect(quantile(sorted, 1)).toBe(100);
    expect(quantile(sorted, 0)).toBe(1);
  });

  it('refuses an empty series', () => {
    expect(() => quantile([], 0.5)).toThrow('no samples');
  });
});

describe('summarizeNanoseconds', () => {
  it('reports microseconds whatever the order of the samples', () => {
    const summary = summarizeNanoseconds([3000, 1000, 2000, 4000]);
    expect(summary).toEqual({ count: 4, p50: 2, p90: 4, p99: 4, mean: 2.5 });
  });
});

describe('median', () => {
  it('does not reorder its input', () => {
    const values = [5, 1, 3];
    expect(median(values)).toBe(3);
    expect(values).toEqual([5, 1, 3]);
  });
});
