import type { QuotaStore, RateLimiter } from '@paymux/core';
import { type BackoffSettings, backoffInterval, msToUtcMidnight, plannedPolls } from './backoff-schedule';

const STORE_REFRESH_MS = 60_000;

/** The UTC day (`YYYY-MM-DD`) of epoch milliseconds, as daily quotas count it. */
export function utcDay(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

/**
 * What the tracker plans and spends against one account: the sums of its tracked objects'
 * schedules, the polls running, and the day's quota as the limiter and the store know it.
 */
export class AccountBudget {
  /** Planned polls per millisecond (the sum of 1 / interval over tracked objects). */
  rate = 0;
  /** Polls the tracked objects' schedules would send before midnight or their deadline. */
  planned = 0;
  polling = 0;
  tracked = 0;
  /** The day's request count as the store last said (other instances and earlier runs count there). */
  private storedDay = '';
  private storedCount = 0;
  private storedRead: Promise<void> | undefined;
  private storedReadAt = 0;
  private storedReadDay = '';
  /** The UTC day of the tracker's last request through the limiter, whose count is of that day. */
  private limiterDay = '';

  constructor(
    readonly account: string,
    readonly limiter: RateLimiter,
    private readonly store: QuotaStore,
    private readonly shares: { rateShare: number; quotaShare: number },
    private readonly onReadError: (error: unknown) => void,
  ) {}

  /**
   * The delay before an object's next poll: the backoff interval, stretched to the account's
   * per-second budget, spaced to an equal share of the daily budget when the schedule would exceed
   * it, jittered (`spread`), and never past the deadline. Updates the account's sums with the
   * object's new share (`plan`, the object's previous one).
   */
  nextPollDelay(
    settings: BackoffSettings,
    plan: { attempt: number; deadline: number; rate: number; planned: number },
    now: number,
    spread: number,
    minDelayMs: number,
  ): number {
    const interval = backoffInterval(settings, plan.attempt);
    const toMidnight = msToUtcMidnight(now);
    const horizon = Math.max(0, Math.min(plan.deadline - now, toMidnight));
    const rate = 1 / interval;
    const planned = plannedPolls(settings, plan.attempt, horizon);
    this.replan(plan, rate, planned);
    let delay = Math.max(minDelayMs, interval * this.rateStretch() * spread);
    const allowed = this.allowedToday(now);
    if (this.planned > allowed) {
      // What the tracker may still spend today, spread evenly until midnight (objects tracked
      // later in the day get their turn too) and shared equally by the tracked objects; the quota
      // comes back at midnight, so no wait goes past it.
      const share = allowed >= 1 ? (toMidnight * this.tracked) / allowed : Number.POSITIVE_INFINITY;
      delay = Math.min(Math.max(delay, share * spread), toMidnight + interval * spread);
    }
    return Math.max(0, Math.min(delay, plan.deadline - now));
  }

  /** Swaps an object's share of the sums (`rate`, `planned`) for a new one, 0 and 0 when it leaves. */
  replan(plan: { rate: number; planned: number }, rate: number, planned: number): void {
    this.rate += rate - plan.rate;
    this.planned += planned - plan.planned;
    plan.rate = rate;
    plan.planned = planned;
  }

  /** How much every interval must grow for the polls to use at most `rateShare` of the requests per second. */
  rateStretch(): number {
    const perSecond = this.limiter.limits.requestsPerSecond;
    if (perSecond === undefined) return 1;
    return Math.max(1, (this.rate * 1000) / (perSecond * this.shares.rateShare));
  }

  /** Polls of this account allowed at once: `rateShare` of its in-flight (or per-second) limit. */
  maxPolling(): number {
    const { requestsPerSecond, inFlight } = this.limiter.limits;
    const limit = Math.min(
      inFlight ?? Number.POSITIVE_INFINITY,
      requestsPerSecond ?? Number.POSITIVE_INFINITY,
    );
    return Number.isFinite(limit) ? Math.max(1, Math.floor(limit * this.shares.rateShare)) : 16;
  }

  /**
   * Requests the tracker may still spend today: `quotaShare` of what remains by the limiter and by
   * the store (the limiter learns the stored count only on its first request of the day).
   */
  allowedToday(now: number): number {
    const limit = this.limiter.limits.requestsPerDay;
    if (limit === undefined) return Number.POSITIVE_INFINITY;
    void this.refresh(now);
    const day = utcDay(now);
    const byStore = limit - (this.storedDay === day ? this.storedCount : 0);
    // The limiter resets its count only on its first request of a new day.
    const byLimiter = this.limiterDay === day ? this.limiter.remainingToday() : limit;
    return Math.max(0, Math.min(byStore, byLimiter)) * this.shares.quotaShare;
  }

  /** Reads the day's count from the store at most once a minute; callers may await the read in progress. */
  refresh(now: number): Promise<void> {
    if (this.limiter.limits.requestsPerDay === undefined) return Promise.resolve();
    const day = utcDay(now);
    if (this.storedRead && now - this.storedReadAt < STORE_REFRESH_MS && this.storedReadDay === day) {
      return this.storedRead;
    }
    this.storedReadAt = now;
    this.storedReadDay = day;
    this.storedRead = this.store.getDailyCount(this.account, day).then((count) => {
      if (this.storedDay !== day || count > this.storedCount) {
        this.storedDay = day;
        this.storedCount = count;
      }
    }, this.onReadError);
    return this.storedRead;
  }

  /** A poll is about to go out: counted ahead, as the limiter does, so polls due together do not all see the same remainder. */
  sending(now: number): void {
    this.polling += 1;
    if (this.storedDay === utcDay(now)) this.storedCount += 1;
  }

  /** A poll went through the limiter, whose count is now of this day. */
  sent(now: number): void {
    this.polling -= 1;
    this.limiterDay = utcDay(now);
  }
}
