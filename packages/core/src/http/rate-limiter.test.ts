import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimitError } from '../errors/error-classes';
import type { QuotaStore } from '../store/store';
import { RateLimiter } from './rate-limiter';

/** Largest number of starts inside any window of `windowMs` (half-open), over sorted times. */
function maxStartsInWindow(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let max = 0;
  let left = 0;
  for (let right = 0; right < sorted.length; right += 1) {
    while (sorted[right]! - sorted[left]! >= windowMs) left += 1;
    max = Math.max(max, right - left + 1);
  }
  return max;
}

describe('RateLimiter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs 200 jobs under 10/s and 10 in flight within 1.1x the theoretical minimum (simulated clock)', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter({ requestsPerSecond: 10, inFlight: 10, now: () => Date.now() });
    // The default 100 ms jitter margin is part of the cost: 19 windows of 1.1 s fit within 1.1x.
    const starts: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const began = Date.now();
    const jobs = Array.from({ length: 200 }, (_, index) =>
      limiter.schedule(async () => {
        starts.push(Date.now());
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 50 + (index % 7) * 20));
        inFlight -= 1;
        return index;
      }),
    );
    await vi.runAllTimersAsync();
    const results = await Promise.all(jobs);
    const elapsed = Date.now() - began;
    expect(results).toHaveLength(200);
    expect(maxStartsInWindow(starts, 1000)).toBeLessThanOrEqual(10);
    expect(maxInFlight).toBeLessThanOrEqual(10);
    // 200 starts at 10 per second: the last batch can start at 19 s at the earliest.
    expect(Math.max(...starts) - began).toBeLessThanOrEqual(19_000 * 1.1);
    expect(elapsed).toBeGreaterThanOrEqual(19_000);
  });

  it('keeps every real one-second window at 10 starts or fewer, with jobs of varied length', async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 10, inFlight: 10 });
    const starts: number[] = [];
    const began = performance.now();
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        limiter.schedule(async () => {
          starts.push(performance.now());
          await new Promise((resolve) => setTimeout(resolve, (index * 37) % 120));
        }),
      ),
    );
    const elapsed = performance.now() - began;
    expect(maxStartsInWindow(starts, 1000)).toBeLessThanOrEqual(10);
    // 40 starts at 10/s (1.1 s windows with the margin): the minimum is 3.3 s. The precise 1.1x bound is checked on the simulated
    // clock above; on a shared CI machine only a loose ratio is stable.
    expect(elapsed).toBeGreaterThanOrEqual(3300);
    // The 100 ms margin also keeps a window stretched by 50 ms of arrival jitter under the limit.
    expect(maxStartsInWindow(starts, 1050)).toBeLessThanOrEqual(10);
    expect(elapsed / 3000).toBeLessThan(2);
  });

  it('limits requests in flight without a per-second limit', async () => {
    const limiter = new RateLimiter({ inFlight: 3 });
    let inFlight = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.schedule(async () => {
          inFlight += 1;
          max = Math.max(max, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 5));
          inFlight -= 1;
        }),
      ),
    );
    expect(max).toBe(3);
  });

  it('serves high-priority work before queued low-priority work', async () => {
    const limiter = new RateLimiter({ inFlight: 1 });
    const order: string[] = [];
    const blocker = limiter.schedule(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
    const low = limiter.schedule(async () => void order.push('low'), 'low');
    const high = limiter.schedule(async () => void order.push('high'), 'high');
    await Promise.all([blocker, low, high]);
    expect(order).toEqual(['high', 'low']);
  });

  it('passes a task error through and frees its slot', async () => {
    const limiter = new RateLimiter({ inFlight: 1 });
    await expect(limiter.schedule(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.schedule(async () => 'ok')).resolves.toBe('ok');
    expect(limiter.stats().inFlight).toBe(0);
  });

  it('enforces a daily quota that survives a restart through the quota store', async () => {
    const counts = new Map<string, number>();
    const store: QuotaStore = {
      async incrementDailyCount(key, day) {
        const next = (counts.get(`${key}:${day}`) ?? 0) + 1;
        counts.set(`${key}:${day}`, next);
        return next;
      },
      async getDailyCount(key, day) {
        return counts.get(`${key}:${day}`) ?? 0;
      },
    };
    const date = () => new Date('2026-11-21T12:00:00Z');
    const first = new RateLimiter({ requestsPerDay: 3, key: 'depay-main', quotaStore: store, date });
    await first.schedule(async () => 1);
    await first.schedule(async () => 2);
    // A new process: a fresh limiter over the same store.
    const second = new RateLimiter({ requestsPerDay: 3, key: 'depay-main', quotaStore: store, date });
    await second.schedule(async () => 3);
    const error = await second.schedule(async () => 4).catch((caught: unknown) => caught);
    expect(RateLimitError.is(error)).toBe(true);
    expect((error as RateLimitError).retryAfter).toBe(12 * 3600);
    expect(second.remainingToday()).toBe(0);
  });

  it('never lets concurrent first calls of a day pass a spent quota', async () => {
    let stored = 5;
    const store: QuotaStore = {
      async incrementDailyCount() {
        stored += 1;
        return stored;
      },
      async getDailyCount() {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return stored;
      },
    };
    const limiter = new RateLimiter({
      requestsPerDay: 5,
      quotaStore: store,
      date: () => new Date('2026-11-21T08:00:00Z'),
    });
    const results = await Promise.allSettled([1, 2, 3].map(() => limiter.schedule(async () => 'ran')));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(stored).toBe(5);
  });

  it('keeps only the starts of the last window when there is no per-second limit', async () => {
    let now = 0;
    for (const limits of [{}, { inFlight: 4 }]) {
      const limiter = new RateLimiter({ ...limits, now: () => now });
      for (let index = 0; index < 5_000; index += 1) {
        now += 10;
        await limiter.schedule(async () => index);
      }
      // The queued path frees its slot a turn after the task settled.
      await new Promise((resolve) => setImmediate(resolve));
      // 100 starts per simulated second, 1.1 s window: 110 counted; of the 4,890 before, only the
      // last batch not yet dropped is still held.
      expect(limiter.stats()).toMatchObject({ inFlight: 0, queued: 0, startsInLastSecond: 110 });
      expect((limiter as unknown as { starts: number[] }).starts.length).toBeLessThanOrEqual(1_024);
    }
  });

  it('runs a task of a limiter without limits at once, reporting it in flight', async () => {
    const limiter = new RateLimiter();
    let release: () => void = () => {};
    const running = limiter.schedule(
      () => new Promise<string>((resolve) => (release = () => resolve('done'))),
    );
    expect(limiter.stats()).toMatchObject({ inFlight: 1, queued: 0, startsInLastSecond: 1 });
    release();
    await expect(running).resolves.toBe('done');
    expect(limiter.stats().inFlight).toBe(0);
    const failing = limiter.schedule(() => {
      throw new Error('sync failure');
    });
    await expect(failing).rejects.toThrow('sync failure');
    expect(limiter.stats().inFlight).toBe(0);
  });
});
