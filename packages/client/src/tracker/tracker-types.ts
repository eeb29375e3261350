/** What the tracker can follow. */
export type TrackedKind = 'payment' | 'payout';

/**
 * One object to track.
 *
 * @example
 * paymux.tracker.track({ kind: 'payment', id: payment.id, account: payment.provider, expiresAt: payment.expiresAt });
 */
export interface TrackInput {
  kind: TrackedKind;
  /** The unified id (`payment.id`, `payout.id`), as `getPayment`/`getPayout` take it. */
  id: string;
  /** The account that created the object (`payment.provider`). */
  account: string;
  /**
   * When the provider expires the object: ISO 8601, a `Date` or epoch milliseconds. Tracking
   * stops at this plus `expiryGraceMs`; without it, `maxTrackingMs` after `track`.
   */
  expiresAt?: string | Date | number | undefined;
}

/** Why tracking of an object ended on its own. */
export interface TrackerFinishCounts {
  /** A tracker poll found the final state (and announced it). */
  final: number;
  /** A webhook, a direct call or another instance announced the final state first: no poll needed. */
  event: number;
  /** `expiresAt` plus the grace period (or `maxTrackingMs`) passed. */
  expired: number;
}

/** Counters since the tracker was created (`stop()` does not reset them). */
export interface TrackerStats {
  /** Objects being tracked now. */
  tracked: number;
  /** Polls running now. */
  polling: number;
  /** Polls handed to the provider (each is one request through the account's rate limiter). */
  requestsSent: number;
  /** Objects whose tracking ended on its own: the sum of `finishedBy`. */
  finished: number;
  finishedBy: TrackerFinishCounts;
  /** Objects removed with `untrack` (or `stop`). */
  untracked: number;
  /** Polls postponed, not sent, because the limiter was under pressure or the tracker's share of it was in use. */
  deferred: number;
  /** Polls that failed (network, provider error); the object stays tracked and is polled again later. */
  errors: number;
  /** Polls the limiter refused because the daily quota was spent (no request was sent). */
  quotaRefusals: number;
}

/**
 * `paymux.tracker`: follows open payments and payouts by polling until they are final.
 *
 * Schedule: the first poll `firstPollMs` (5 s) after `track`, then intervals growing by
 * `backoffFactor` (10 s, 20 s, 40 s …) up to `maxIntervalMs` (5 min), each spread by ±`jitter`.
 * Tracking stops at a final state, at `expiresAt` + `expiryGraceMs` (or `maxTrackingMs` after
 * `track` without `expiresAt`), or as soon as any source (webhook, direct call, another instance
 * sharing the store) announced the final state; a poll first reads the store, so such an object
 * costs no request.
 *
 * Limits: each poll is a `getPayment`/`getPayout` through the account's own `RateLimiter`, the one
 * direct calls use, so the provider's per-second, in-flight and daily limits hold for both
 * together. The tracker sheds load instead of queueing: it stretches every interval of an account
 * when its schedule would use more than `rateShare` of the per-second limit or more than
 * `quotaShare` of the remaining daily quota (read from the limiter and from the store, so a
 * restart does not forget the day's count), and postpones a due poll while `limiter.pressure()`
 * is at or above `pressureThreshold` or `rateShare` of the in-flight limit is used by its polls.
 *
 * Events: what a poll finds is announced on the client's event stream exactly like a webhook
 * (deduplicated by the same state guard: one event per state, whatever reported it first).
 *
 * State and several instances: every tracked object is kept in the client's store with its next
 * poll, so nothing is lost on a restart. A new client on the same store polls them again after
 * `resume()` (or with `tracker: { resume: true }`, at start); on a shared store (SQLite,
 * PostgreSQL) `track` starts this too. There, each poll runs under the object's lease, so one
 * instance at a time polls an object; an instance polls what it tracked and what it polled last,
 * and every `scanIntervalMs` takes over objects left more than that past due (tracked by an
 * instance that stopped or died; one that died mid-poll frees its objects after `leaseMs`). A
 * poll is thus at least once, never twice at the same time. Counters and `isTracking` are this
 * instance's: an object another instance took over leaves this one's `tracked` count.
 *
 * Time: all scheduling uses `tracker.clock` (`now`, `setTimeout`, `clearTimeout`), so a fake clock
 * runs hours of tracking in milliseconds. The rate limiter reads `performance.now()` and
 * `Date`; fake those too when driving the tracker with fake timers.
 *
 * @example
 * const paymux = createPaymux({ plugins: [depay], providers, tracker: { autoTrack: true } });
 * paymux.on('payment.succeeded', (event) => ship(event.data.reference));
 * const payment = await paymux.createPayment(input); // tracked until final
 * paymux.tracker.track({ kind: 'payout', id: payout.id, account: 'main' }); // explicit
 * console.log(paymux.tracker.stats()); // { tracked: 2, requestsSent: 0, finished: 0, … }
 * await paymux.tracker.stop(); // on shutdown
 */
export interface PaymuxTracker {
  /**
   * Starts tracking; the first poll is `firstPollMs` later. Returns false when the object is
   * already tracked. Throws `ConfigurationError` for an unknown account, `UnsupportedOperationError`
   * when the account cannot read the object back, `ValidationError` for a bad input.
   */
  track(input: TrackInput): boolean;
  /** Stops tracking one object; returns false when it was not tracked. */
  untrack(kind: TrackedKind, id: string): boolean;
  /** Whether the object is tracked now. */
  isTracking(kind: TrackedKind, id: string): boolean;
  /**
   * Polls again what the store holds: objects tracked before a restart or by other instances
   * sharing the store, taken over as they fall due (then every `scanIntervalMs`, until `stop`).
   * Resolves with how many were due at once and taken now.
   *
   * @example
   * const paymux = createPaymux({ plugins: [depay], providers, store: 'postgres://…' });
   * await paymux.tracker.resume();
   */
  resume(): Promise<number>;
  /**
   * Stops every timer and forgets every tracked object here; resolves once polls already running
   * have settled (their results are still announced). The store keeps the objects, for a restart
   * or another instance (`untrack` removes one from the store). `track` works again afterwards.
   */
  stop(): Promise<void>;
  /** Counters, for monitoring and benchmarks. */
  stats(): TrackerStats;
}
