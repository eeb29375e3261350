import { z } from 'zod';

/**
 * The tracker's time source. Inject one to run the tracker on fake time (vitest fake timers,
 * `@sinonjs/fake-timers`); the default uses `Date.now` and the global timers, looked up at each
 * call so that installed fake timers apply, and unrefs its timers so that tracking alone never
 * keeps a process alive.
 *
 * With `@sinonjs/fake-timers`, either install it (`FakeTimers.install({ toFake: ['setTimeout',
 * 'clearTimeout', 'Date', 'performance'] })`) and keep the default clock, which then runs on fake
 * time together with the rate limiter, or pass a clock explicitly (its `now` is a property there):
 *
 * @example
 * const fake = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
 * const paymux = createPaymux({
 *   providers,
 *   tracker: {
 *     clock: {
 *       now: () => fake.now,
 *       setTimeout: (callback, ms) => fake.setTimeout(callback, ms),
 *       clearTimeout: (handle) => fake.clearTimeout(handle as FakeTimers.TimerId),
 *     },
 *   },
 * });
 * await fake.tickAsync(30 * 60_000); // thirty simulated minutes
 */
export interface TrackerClock {
  /** Milliseconds since the Unix epoch (like `Date.now()`); compared with `expiresAt` and used for the UTC day. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Config key `tracker` of `createPaymux`. Every field is optional.
 *
 * @example
 * createPaymux({ providers, tracker: { autoTrack: true, firstPollMs: 5_000, maxIntervalMs: 300_000 } });
 */
export interface TrackerOptions {
  /** Track every payment and payout created through the client until it is final. Default false. */
  autoTrack?: boolean;
  /** Delay before the first poll; each next one doubles (`backoffFactor`). Default 5,000 ms. */
  firstPollMs?: number;
  /** Growth of the interval per poll. Default 2: 5 s, 10 s, 20 s, 40 s, … */
  backoffFactor?: number;
  /** The interval stops growing here. Default 300,000 ms (5 min). */
  maxIntervalMs?: number;
  /** Random spread of each interval, as a fraction: 0.1 is ±10 %. Default 0.1. */
  jitter?: number;
  /** Tracking goes on this long after `expiresAt` (late payments still arrive). Default 600,000 ms. */
  expiryGraceMs?: number;
  /** How long an object without `expiresAt` is tracked. Default 86,400,000 ms (24 h). */
  maxTrackingMs?: number;
  /** Share of an account's requests per second the tracker plans to use. Default 0.5. */
  rateShare?: number;
  /** Share of an account's remaining daily quota the tracker plans to use. Default 0.8. */
  quotaShare?: number;
  /** A poll falling due while the account's `limiter.pressure()` is at or above this is postponed. Default 0.8. */
  pressureThreshold?: number;
  /**
   * Shared store only: how long an instance may poll an object alone before another may take it
   * over (a crashed instance's objects come back after this). Longer than a poll can take,
   * waiting in the rate limiter included. Default 60,000 ms.
   */
  leaseMs?: number;
  /**
   * Shared store only: how often an instance looks for objects no live instance polls (tracked
   * by an earlier run, or by an instance that stopped or died) and takes them over; an object
   * counts as abandoned once it is this much past due. Default 5,000 ms.
   */
  scanIntervalMs?: number;
  /**
   * Resume at start: `createPaymux` calls `tracker.resume()`, so objects tracked before a restart
   * (or by other instances) are polled again without a `track` call. Default false.
   */
  resume?: boolean;
  clock?: TrackerClock;
  /** Source of jitter, in [0, 1); inject one for reproducible runs. Default `Math.random`. */
  random?: () => number;
}

const isClock = (value: unknown): value is TrackerClock =>
  typeof value === 'object' &&
  value !== null &&
  ['now', 'setTimeout', 'clearTimeout'].every(
    (name) => typeof (value as Record<string, unknown>)[name] === 'function',
  );

const share = z.number().gt(0).max(1);

/** Validates the `tracker` config key. */
export const trackerOptionsSchema = z.strictObject({
  autoTrack: z.boolean().optional(),
  firstPollMs: z.number().int().positive().optional(),
  backoffFactor: z.number().min(1).max(10).optional(),
  maxIntervalMs: z.number().int().positive().optional(),
  jitter: z.number().min(0).max(0.5).optional(),
  expiryGraceMs: z.number().int().nonnegative().optional(),
  maxTrackingMs: z.number().int().positive().optional(),
  rateShare: share.optional(),
  quotaShare: share.optional(),
  pressureThreshold: share.optional(),
  leaseMs: z.number().int().positive().optional(),
  scanIntervalMs: z.number().int().positive().optional(),
  resume: z.boolean().optional(),
  clock: z
    .custom<TrackerClock>(isClock, { message: 'must have now, setTimeout and clearTimeout' })
    .optional(),
  random: z
    .custom<() => number>((value) => typeof value === 'function', { message: 'must be a function' })
    .optional(),
});

/** The options with their defaults applied. */
export type ResolvedTrackerOptions = Required<Omit<TrackerOptions, 'clock' | 'random'>> & {
  clock: TrackerClock;
  random: () => number;
};

/** Real time, with unref'd timers. */
export const systemClock: TrackerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function resolveTrackerOptions(options: TrackerOptions = {}): ResolvedTrackerOptions {
  const firstPollMs = options.firstPollMs ?? 5_000;
  return {
    autoTrack: options.autoTrack ?? false,
    firstPollMs,
    backoffFactor: options.backoffFactor ?? 2,
    maxIntervalMs: Math.max(firstPollMs, options.maxIntervalMs ?? 300_000),
    jitter: options.jitter ?? 0.1,
    expiryGraceMs: options.expiryGraceMs ?? 600_000,
    maxTrackingMs: options.maxTrackingMs ?? 86_400_000,
    rateShare: options.rateShare ?? 0.5,
    quotaShare: options.quotaShare ?? 0.8,
    pressureThreshold: options.pressureThreshold ?? 0.8,
    leaseMs: options.leaseMs ?? 60_000,
    scanIntervalMs: options.scanIntervalMs ?? 5_000,
    resume: options.resume ?? false,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  };
}
