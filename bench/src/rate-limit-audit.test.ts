import { describe, expect, it } from 'vitest';
import type { ServerArrival } from './http-traffic-monitor';
import { auditRateLimits } from './rate-limit-audit';

const limits = { requestsPerSecond: 10, inFlight: 10, requestsPerDay: 14_400 };
const DAY_MS = 86_400_000;
const at = (times: number[], status = 200): ServerArrival[] =>
  times.map((atMs) => ({ atMs, method: 'GET', path: '/depay/v2/payments/x', status }));

describe('auditRateLimits', () => {
  it('accepts ten requests within one second', () => {
    const audit = auditRateLimits(at([0, 100, 200, 300, 400, 500, 600, 700, 800, 999]), 1, limits);
    expect(audit).toMatchObject({ requests: 10, maxPerSlidingSecond: 10, rateViolations: 0, violations: 0 });
  });

  it('counts the eleventh request within a sliding second, wherever the second starts', () => {
    const times = [500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1499];
    const audit = auditRateLimits(at(times), 1, limits);
    expect(audit).toMatchObject({ maxPerSlidingSecond: 11, rateViolations: 1, violations: 1 });
  });

  it('lets a request in exactly one second after the oldest, as the emulator does', () => {
    const times = [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
    expect(auditRateLimits(at(times), 1, limits)).toMatchObject({ maxPerSlidingSecond: 10, violations: 0 });
  });

  it('counts requests per UTC day and flags a day over the quota', () => {
    const small = { ...limits, requestsPerDay: 3 };
    const times = [DAY_MS - 3000, DAY_MS - 2000, DAY_MS - 1000, DAY_MS, DAY_MS + 5000];
    const within = auditRateLimits(at(times), 1, small);
    expect(within).toMatchObject({ maxPerDay: 3, dayViolations: 0, violations: 0 });
    const over = auditRateLimits(at([...times, DAY_MS - 500]), 1, small);
    expect(over).toMatchObject({ maxPerDay: 4, dayViolations: 1, violations: 1 });
  });

  it('counts every 429 answer and too many requests in flight as violations', () => {
    const audit = auditRateLimits([...at([0]), ...at([5000], 429)], 11, limits);
    expect(audit).toMatchObject({ refused: 1, maxInFlight: 11, violations: 2 });
  });
});
