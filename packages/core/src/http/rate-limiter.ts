import { randomUUID } from 'node:crypto';
import { RateLimitError } from '../errors/error-classes';
import type { RateLimits } from '../provider/provider-capabilities';
import type { QuotaStore, RateSlotAnswer, RateSlotRequest } from '../store/store';
import { currentProviderCallObserver } from '../telemetry/provider-call-observer';

/** Where several instances keep one limiter's window and in-flight slots (a shared `Store`). */
export interface RateSlotStore {
  acquireRateSlot(request: RateSlotRequest): Promise<RateSlotAnswer>;
  releaseRateSlot(key: string, slotId: string): Promise<void>;
}

/** A limiter whose limits hold for every instance on one store together. */
export interface SharedRateLimits {
  /** Takes each start from here, atomically across instances, timed by the store's clock. */
  slots: RateSlotStore;
  /** Who holds the slots (this instance), for diagnostics. Default: a random id. */
  holder?: string;
  /**
   * A slot not released within this long frees itself, so a crashed instance's slots come back.
   * Longer than one request attempt can take. Default 60,000 ms.
   */
  slotLeaseMs?: number;
  /**
   * A granted slot is used only if its answer came back within this long more than the fastest of
   * the 16 asks before it; a later grant is handed back (its start stays counted) and a new one is
   * asked for. The store stamps a start when it grants it, so a process that stalls between the
   * grant and the send would land its request later than the window counted it, bunched with
   * other instances' requests (see docs/decisions/0013-client-shared-limits-and-tracking.md).
   * Measured from the fastest recent ask, so a distant store (every answer slow alike) is not
   * refused forever. Default: half the window's safety margin.
   */
  grantValidForMs?: number;
}

export interface RateLimiterOptions extends RateLimits {
  /** Key of the daily counter in the quota store (usually the account name). */
  key?: string;
  quotaStore?: QuotaStore;
  /**
   * Makes the limits global across instances: each start is taken from the shared store and the
   * daily count is decided by the store's answer. Without it (one process, the memory store) the
   * window and the in-flight count are kept here, with no store round trip per request.
   */
  shared?: SharedRateLimits;
  /**
   * Milliseconds added to the one-second window. Requests arrive at the provider bunched closer
   * than they left (the first ones of a burst pay for connection setup, later ones reuse sockets),
   * so a window counted at departure alone lets the provider count 11. Default: the limits'
   * `windowMarginMs`, else 100.
   */
  safetyMarginMs?: number;
  /** Monotonic clock in milliseconds; injectable for tests. */
  now?: () => number;
  /** Wall clock for the daily quota; injectable for tests. */
  date?: () => Date;
}

export type Priority = 'high' | 'low';

const PRUNE_AT_LEAST = 1024;
/** Round trips of `acquireRateSlot` remembered to tell a stalled answer from a distant store. */
const ASK_TIMES_KEPT = 16;

interface Waiter {
  /** `slotId`: the shared slot to release once the task settles. */
  run: (slotId?: string) => void;
  reject: (error: unknown) => void;
}

/** A snapshot of a limiter's load. */
export interface RateLimiterStats {
  inFlight: number;
  queued: number;
  startsInLastSecond: number;
  usedToday: number;
  requestsPerDay: number | undefined;
  /** Shared slots handed back because the request could not start soon enough after the grant. */
  staleGrants: number;
}

/**
 * Per-account limiter: requests per sliding second, requests in flight and requests per day.
 * Direct calls (`high`) go ahead of background polling (`low`).
 *
 * With `shared` (a store that several instances use), each start is taken from the store
 * (`acquireRateSlot`) and released after the request, so one provider key's limits hold for all
 * instances together; priority then orders this instance's queue (a direct call here goes before
 * a poll here, not before another instance's poll).
 *
 * Written here rather than taken from a library: the common ones (bottleneck, p-queue) count
 * fixed windows, which can start twice the limit across a window edge, and none persists a daily
 * quota through a store (see docs/decisions/0004-rate-limiter-and-retries.md).
 *
 * @example
 * const limiter = new RateLimiter({ requestsPerSecond: 10, inFlight: 10, requestsPerDay: 14_400 });
 * const body = await limiter.schedule(() => fetchSomething());
 */
export class RateLimiter {
  readonly limits: Readonly<RateLimits>;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly date: () => Date;
  private readonly starts: number[] = [];
  /** Without a per-second limit, `starts` is pruned once it grows past this. */
  private pruneAt = PRUNE_AT_LEAST;
  private readonly high: Waiter[] = [];
  private readonly low: Waiter[] = [];
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private usedToday = 0;
  private day = '';
  private dayLoading: { day: string; promise: Promise<number> } | undefined;
  /** An `acquireRateSlot` call is under way (shared mode asks one at a time). */
  private acquiring = false;
  private readonly holder: string;
  /** The shared slots, when there is a per-second or in-flight limit to share (else no store call). */
  private readonly slots: SharedRateLimits | undefined;
  /** There is a per-second or an in-flight limit: requests may wait in the queue. */
  private readonly paced: boolean;
  /** How much slower than the fastest recent ask a grant may come back (`grantValidForMs`). */
  private readonly grantValidForMs: number;
  private staleGrants = 0;
  /** The last asks' round trips (ms), oldest first: the fastest is the store's own latency. */
  private readonly askTimes: number[] = [];

  constructor(private readonly options: RateLimiterOptions = {}) {
    this.limits = {
      requestsPerSecond: options.requestsPerSecond,
      inFlight: options.inFlight,
      requestsPerDay: options.requestsPerDay,
      windowMarginMs: options.windowMarginMs,
    };
    this.windowMs = 1000 + (options.safetyMarginMs ?? options.windowMarginMs ?? 100);
    this.now = options.now ?? (() => performance.now());
    this.date = options.date ?? (() => new Date());
    this.holder = options.shared?.holder ?? randomUUID();
    this.paced = options.requestsPerSecond !== undefined || options.inFlight !== undefined;
    this.slots = this.paced ? options.shared : undefined;
    this.grantValidForMs = options.shared?.grantValidForMs ?? (this.windowMs - 1000) / 2;
  }

  /** True when the limits are shared with other instances through a store. */
  get isShared(): boolean {
    return this.options.shared !== undefined;
  }

  /** Runs `task` as soon as the limits allow. Rejects with `RateLimitError` when the daily quota is spent. */
  schedule<T>(task: () => Promise<T>, priority: Priority = 'high'): Promise<T> {
    // Without a daily limit there is nothing to count first, and no turn of the queue to wait.
    if (this.limits.requestsPerDay === undefined) return this.start(task, priority);
    return this.takeDailyQuota().then(() => this.start(task, priority));
  }

  private start<T>(task: () => Promise<T>, priority: Priority): Promise<T> {
    // Nothing to pace (Finrax publishes no limits): nothing is ever held back, so no queue entry.
    if (!this.paced) return this.runUnpaced(task);
    const observer = currentProviderCallObserver();
    const queuedAt = observer ? this.now() : 0;
    // Set once `drain` did not start the task at once: only a held-back request has waited.
    let held = false;
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        reject,
        run: (slotId) => {
          if (held) observer?.rateLimitWaited(this.now() - queuedAt);
          let promise: Promise<T>;
          try {
            promise = task();
          } catch (error) {
            promise = Promise.reject(error);
          }
          promise.then(resolve, reject).finally(() => {
            if (slotId === undefined) {
              this.inFlight -= 1;
              this.drain();
            } else this.releaseShared(slotId);
          });
        },
      };
      (priority === 'high' ? this.high : this.low).push(waiter);
      this.drain();
      held = true;
    });
  }

  private async runUnpaced<T>(task: () => Promise<T>): Promise<T> {
    this.recordStart(this.now());
    this.inFlight += 1;
    try {
      return await task();
    } finally {
      this.inFlight -= 1;
    }
  }

  /** How busy the limiter is, from 0 (idle) to 1 (at a limit, with a queue). The tracker stretches its intervals by it. */
  pressure(): number {
    const perSecond = this.limits.requestsPerSecond;
    const queued = this.high.length + this.low.length;
    const windowLoad = perSecond ? this.startsInWindow() / perSecond : 0;
    const flightLoad = this.limits.inFlight ? this.inFlight / this.limits.inFlight : 0;
    return Math.min(1, Math.max(windowLoad, flightLoad, queued > 0 ? 1 : 0));
  }

  stats(): RateLimiterStats {
    return {
      inFlight: this.inFlight,
      queued: this.high.length + this.low.length,
      startsInLastSecond: this.startsInWindow(),
      usedToday: this.usedToday,
      requestsPerDay: this.limits.requestsPerDay,
      staleGrants: this.staleGrants,
    };
  }

  /** Remaining requests today, or `Infinity` without a daily limit. */
  remainingToday(): number {
    const limit = this.limits.requestsPerDay;
    return limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, limit - this.usedToday);
  }

  /**
   * Remembers a start for the sliding window and `stats()`. Only the starts the window can still
   * count are kept: the last `requestsPerSecond` of them, or without that limit the last window's,
   * so that a limiter without limits does not keep every start of the process's life. Those are
   * dropped in batches (at most twice the window's count, or 1,024, are kept), not one per start.
   */
  private recordStart(now: number): void {
    const { starts } = this;
    starts.push(now);
    const perSecond = this.limits.requestsPerSecond;
    if (perSecond !== undefined) {
      if (starts.length > perSecond) starts.splice(0, starts.length - perSecond);
      return;
    }
    if (starts.length <= this.pruneAt) return;
    const since = now - this.windowMs;
    let stale = 0;
    while (starts[stale]! <= since) stale += 1;
    starts.splice(0, stale);
    this.pruneAt = Math.max(PRUNE_AT_LEAST, 2 * starts.length);
  }

  private startsInWindow(): number {
    const since = this.now() - this.windowMs;
    return this.starts.filter((start) => start > since).length;
  }

  private async takeDailyQuota(): Promise<void> {
    const limit = this.limits.requestsPerDay;
    if (limit === undefined) return;
    const today = this.date().toISOString().slice(0, 10);
    const quotaStore = this.options.quotaStore;
    if (this.options.shared && quotaStore) return this.takeSharedDailyQuota(quotaStore, limit, today);
    if (today !== this.day) {
      // One load per day, awaited by every concurrent caller: none may count against a stale total.
      if (this.dayLoading?.day !== today) {
        const promise = this.options.quotaStore
          ? this.options.quotaStore.getDailyCount(this.options.key ?? 'default', today)
          : Promise.resolve(0);
        this.dayLoading = { day: today, promise };
      }
      const loaded = await this.dayLoading.promise;
      if (this.day !== today) {
        this.day = today;
        this.usedToday = loaded;
      }
    }
    if (this.usedToday >= limit) throw this.quotaSpent(limit, today);
    // Counted before the store answers, so concurrent callers cannot all pass the check above.
    this.usedToday += 1;
    if (this.options.quotaStore) {
      const stored = await this.options.quotaStore.incrementDailyCount(this.options.key ?? 'default', today);
      if (this.day === today) this.usedToday = Math.max(this.usedToday, stored);
    }
  }

  /**
   * Other instances count on the same store, so a local count is always behind: the store's
   * atomic increment decides. A refused request still counts, which only makes the store's total
   * overstate the day once the quota is spent anyway.
   */
  private async takeSharedDailyQuota(quotaStore: QuotaStore, limit: number, today: string): Promise<void> {
    if (this.day === today && this.usedToday >= limit) throw this.quotaSpent(limit, today);
    const stored = await quotaStore.incrementDailyCount(this.options.key ?? 'default', today);
    if (this.day !== today) {
      this.day = today;
      this.usedToday = 0;
    }
    this.usedToday = Math.max(this.usedToday, stored);
    if (stored > limit) throw this.quotaSpent(limit, today);
  }

  private quotaSpent(limit: number, today: string): RateLimitError {
    const midnight = new Date(`${today}T00:00:00.000Z`).getTime() + 86_400_000;
    return new RateLimitError(`Daily quota of ${limit} requests is spent`, {
      retryAfter: Math.ceil((midnight - this.date().getTime()) / 1000),
      provider: this.options.key,
    });
  }

  private drain(): void {
    if (this.slots) {
      this.drainShared(this.slots);
      return;
    }
    const perSecond = this.limits.requestsPerSecond;
    const maxInFlight = this.limits.inFlight;
    while (this.high.length > 0 || this.low.length > 0) {
      if (maxInFlight !== undefined && this.inFlight >= maxInFlight) return;
      const now = this.now();
      if (perSecond !== undefined && this.starts.length >= perSecond) {
        const nthMostRecent = this.starts[this.starts.length - perSecond]!;
        const wait = nthMostRecent + this.windowMs - now;
        if (wait > 0) {
          this.wakeAfter(wait);
          return;
        }
      }
      const waiter = (this.high.length > 0 ? this.high : this.low).shift()!;
      this.recordStart(now);
      this.inFlight += 1;
      waiter.run();
    }
  }

  /**
   * One `acquireRateSlot` at a time: the slot goes to whoever heads the queue when it is granted,
   * so a direct call queued meanwhile still goes before a poll. The local in-flight cap is checked
   * first (this instance's own requests are part of the shared count), sparing a store call.
   *
   * Across instances the starts are spaced rather than let through in bursts: the store is asked
   * for one start per `window / requestsPerSecond`, which puts at most the limit in any window and
   * spreads the requests of several processes, so that a few leaving late cannot fill a second.
   *
   * The store stamps the start when it grants it, and the window assumes the request leaves then.
   * A grant that comes back `grantValidForMs` later than the fastest recent ask (the process
   * stalled, or the store answered slowly) no longer says when the request would leave, so it is
   * handed back unused and a new one is asked for. Its start stays counted, which only costs a
   * place in the window: the error is on the safe side.
   */
  private drainShared(shared: SharedRateLimits): void {
    if (this.acquiring || (this.high.length === 0 && this.low.length === 0)) return;
    const maxInFlight = this.limits.inFlight;
    if (maxInFlight !== undefined && this.inFlight >= maxInFlight) return;
    this.acquiring = true;
    const askedAt = this.now();
    const perSecond = this.limits.requestsPerSecond;
    shared.slots
      .acquireRateSlot({
        key: this.options.key ?? 'default',
        // Spaced starts: one per window / limit (125 ms for 10 in 1,250 ms), which still never
        // puts more than the limit in a window. A burst lets a request that leaves late land in
        // the next window's burst (one late request makes 11); spaced, it meets 8 others at most.
        requestsPerSecond: perSecond === undefined ? undefined : 1,
        inFlight: maxInFlight,
        windowMs: perSecond === undefined ? this.windowMs : Math.ceil(this.windowMs / perSecond),
        leaseMs: shared.slotLeaseMs ?? 60_000,
        holder: this.holder,
      })
      .then(
        (answer) => {
          this.acquiring = false;
          // Judged against the asks before it (refusals too): with none yet, against no latency.
          const took = this.now() - askedAt;
          const fastest = this.askTimes.length > 0 ? Math.min(...this.askTimes) : 0;
          this.askTimes.push(took);
          if (this.askTimes.length > ASK_TIMES_KEPT) this.askTimes.shift();
          if (!answer.granted) {
            this.wakeAfter(answer.retryInMs);
            return;
          }
          if (took > fastest + this.grantValidForMs) {
            this.staleGrants += 1;
            this.releaseShared(answer.slotId, false);
            return;
          }
          const waiter = (this.high.length > 0 ? this.high : this.low).shift();
          if (!waiter) {
            this.releaseShared(answer.slotId, false);
            return;
          }
          this.recordStart(this.now());
          this.inFlight += 1;
          waiter.run(answer.slotId);
          this.drain();
        },
        (error: unknown) => {
          // The store is unreachable: no slot can be taken safely, so the head request fails.
          this.acquiring = false;
          (this.high.length > 0 ? this.high : this.low).shift()?.reject(error);
          this.drain();
        },
      );
  }

  /**
   * Frees a shared slot, then this instance's count, so the next start never races the release.
   * A release that fails is left to the slot's lease, which frees it anyway.
   */
  private releaseShared(slotId: string, counted = true): void {
    const shared = this.slots;
    const done = () => {
      if (counted) this.inFlight -= 1;
      this.drain();
    };
    if (!shared) {
      done();
      return;
    }
    shared.slots.releaseRateSlot(this.options.key ?? 'default', slotId).then(done, done);
  }

  private wakeAfter(ms: number): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, Math.ceil(ms));
    // A queued request must not keep a process alive on its own after its caller has gone.
    this.timer.unref?.();
  }
}
