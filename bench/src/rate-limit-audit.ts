import type { ServerArrival } from './http-traffic-monitor';

/** The limits a provider enforces per API key. */
export interface ProviderLimits {
  requestsPerSecond: number;
  inFlight: number;
  requestsPerDay: number;
}

/** What the server side saw, checked against the limits. */
export interface RateLimitAudit {
  requests: number;
  /** Answers 429 (the emulator refused a request). */
  refused: number;
  /** The most requests that arrived within any 1,000 ms (sliding). */
  maxPerSlidingSecond: number;
  /** Arrivals that made a sliding second hold more than `requestsPerSecond`. */
  rateViolations: number;
  maxInFlight: number;
  /** The most requests in one UTC day. */
  maxPerDay: number;
  /** Days over `requestsPerDay`. */
  dayViolations: number;
  /** Sum of everything above that breaks a limit (429s included). */
  violations: number;
}

const DAY_MS = 86_400_000;

/** Checks the arrivals (stamped in simulated time) against the limits, the way the provider counts. */
export function auditRateLimits(
  arrivals: readonly ServerArrival[],
  maxInFlight: number,
  limits: ProviderLimits,
): RateLimitAudit {
  const times = arrivals.map((arrival) => arrival.atMs).sort((a, b) => a - b);
  let rateViolations = 0;
  let maxPerSlidingSecond = 0;
  let windowStart = 0;
  times.forEach((time, index) => {
    while ((times[windowStart] ?? time) <= time - 1000) windowStart++;
    const inWindow = index - windowStart + 1;
    maxPerSlidingSecond = Math.max(maxPerSlidingSecond, inWindow);
    if (inWindow > limits.requestsPerSecond) rateViolations++;
  });
  const perDay = new Map<number, number>();
  for (const time of times) {
    const day = Math.floor(time / DAY_MS);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const dayCounts = [...perDay.values()];
  const dayViolations = dayCounts.filter((count) => count > limits.requestsPerDay).length;
  const refused = arrivals.filter((arrival) => arrival.status === 429).length;
  const inFlightViolations = maxInFlight > limits.inFlight ? 1 : 0;
  return {
    requests: times.length,
    refused,
    maxPerSlidingSecond,
    rateViolations,
    maxInFlight,
    maxPerDay: Math.max(0, ...dayCounts),
    dayViolations,
    violations: refused + rateViolations + dayViolations + inFlightViolations,
  };
}
