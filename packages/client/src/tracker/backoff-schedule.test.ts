import { describe, expect, it } from 'vitest';
import { backoffInterval, msToUtcMidnight, plannedPolls } from './backoff-schedule';

const settings = { firstPollMs: 5_000, backoffFactor: 2, maxIntervalMs: 300_000 };

describe('backoff schedule', () => {
  it('doubles from the first interval up to the cap', () => {
    const intervals = Array.from({ length: 9 }, (_, attempt) => backoffInterval(settings, attempt));
    expect(intervals.map((interval) => interval / intervals[0]!)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it('counts the polls that fit in a horizon', () => {
    // 5 + 10 + 20 + 40 + 80 + 160 = 315 s of dense polls, then one every 300 s.
    expect(plannedPolls(settings, 0, 314_999)).toBe(5);
    expect(plannedPolls(settings, 0, 315_000)).toBe(6);
    expect(plannedPolls(settings, 0, 315_000 + 3 * 300_000)).toBe(9);
    expect(plannedPolls(settings, 10, 3_000_000)).toBe(10);
    expect(plannedPolls(settings, 0, 0)).toBe(0);
    expect(plannedPolls({ ...settings, backoffFactor: 1 }, 0, 50_000)).toBe(10);
  });

  it('measures the time to the next UTC midnight', () => {
    const day = 86_400_000;
    const noon = Date.UTC(2026, 2, 2, 12);
    expect(msToUtcMidnight(noon) / day).toBe(0.5);
    expect(msToUtcMidnight(Date.UTC(2026, 2, 2)) / day).toBe(1);
  });
});
