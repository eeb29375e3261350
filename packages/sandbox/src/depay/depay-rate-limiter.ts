import type { SandboxClock } from '../core/sandbox-clock';

/** DePay's per-key limits. */
export interface DepayLimits {
  requestsPerSecond: number;
  maxInFlight: number;
  dailyQuota: number;
}

/** Why a request was refused, if it was. */
export type DepayAdmission = 'admitted' | 'rate' | 'in-flight' | 'daily-quota';

const DAY_MS = 86_400_000;

/**
 * DePay's limits for one API key: requests per sliding second (real time), requests in flight,
 * and a daily quota counted per sandbox day (so `advanceTime` starts a new day).
 */
export class DepayRateLimiter {
  private readonly recent: number[] = [];
  private inFlight = 0;
  private day = -1;
  private usedToday = 0;

  constructor(
    private readonly limits: DepayLimits,
    private readonly clock: SandboxClock,
  ) {}

  /** Counts a request in, or says which limit refuses it. Refused requests are not counted. */
  admit(): DepayAdmission {
    const now = Date.now();
    while (this.recent.length > 0 && (this.recent[0] ?? 0) <= now - 1000) this.recent.shift();
    const today = Math.floor(this.clock.now() / DAY_MS);
    if (today !== this.day) {
      this.day = today;
      this.usedToday = 0;
    }
    if (this.inFlight >= this.limits.maxInFlight) return 'in-flight';
    if (this.recent.length >= this.limits.requestsPerSecond) return 'rate';
    if (this.usedToday >= this.limits.dailyQuota) return 'daily-quota';
    this.recent.push(now);
    this.inFlight += 1;
    this.usedToday += 1;
    return 'admitted';
  }

  /** Seconds until the sliding window has room again (for `Retry-After`). */
  retryAfterSeconds(): number {
    return 1;
  }

  /** Marks an admitted request as answered. */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }
}
