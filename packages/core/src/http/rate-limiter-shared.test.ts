import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimitError } from '../errors/error-classes';
import { createMemoryStore } from '../store/memory-store';
import type { Store } from '../store/store';
import { RateLimiter } from './rate-limiter';

// Several instances sharing one store, played by several limiters in one process over one
// memory store (which implements the shared rate slots like the database stores do).

/** Largest number of starts inside any window of `windowMs` (half-open). */
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

const sharedLimiter = (
  store: Store,
  holder: string,
  extra: Partial<ConstructorParameters<typeof RateLimiter>[0]> = {},
) =>
  new RateLimiter({
    requestsPerSecond: 10,
    inFlight: 10,
    key: 'depay-main',
    quotaStore: store,
    shared: { slots: store, holder },
    now: () => Date.now(),
    ...extra,
  });

describe('RateLimiter on a shared store', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds 10/s and 10 in flight for four instances together, and still goes as fast as one', async () => {
    vi.useFakeTimers();
    const store = createMemoryStore({ now: () => Date.now() });
    const limiters = ['a', 'b', 'c', 'd'].map((holder) => sharedLimiter(store, holder));
    const starts: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const began = Date.now();
    const jobs = Array.from({ length: 200 }, (_, index) =>
      limiters[index % 4]!.schedule(async () => {
        starts.push(Date.now());
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 50 + (index % 7) * 20));
        inFlight -= 1;
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(jobs);
    expect(starts).toHaveLength(200);
    // Alone, each limiter would start 10 a second: 40 together.
    expect(maxStartsInWindow(starts, 1000)).toBe(10);
    expect(maxStartsInWindow(starts, 1100)).toBeLessThanOrEqual(10);
    expect(maxInFlight).toBeLessThanOrEqual(10);
    // One start per 110 ms (ten per 1,100 ms window, spaced): 199 gaps.
    expect(Math.max(...starts) - began).toBeLessThanOrEqual(199 * 110 * 1.05);
    expect(limiters.map((limiter) => limiter.stats().inFlight)).toEqual([0, 0, 0, 0]);
  });

  it('never starts a request late on a slot granted before a stall: it hands the slot back and asks again', async () => {
    vi.useFakeTimers();
    const store = createMemoryStore({ now: () => Date.now() });
    let granted = 0;
    let stallEnds = 0;
    // The third, fourth and fifth grants (three instances: each asks one at a time) reach their
    // instances only a second after the third was granted and stamped, as when the machine stalls
    // them all between grant and send; the fourth instance and every other answer are on time.
    const stalling: Store = {
      ...store,
      acquireRateSlot: async (request) => {
        const answer = await store.acquireRateSlot(request);
        if (!answer.granted) return answer;
        granted += 1;
        if (granted === 3) stallEnds = Date.now() + 1_000;
        if (granted >= 3 && granted <= 5)
          await new Promise((resolve) => setTimeout(resolve, stallEnds - Date.now()));
        return answer;
      },
    };
    // DePay's margin: a 1,250 ms window (one start per 125 ms), grants valid for 125 ms.
    const limiters = ['a', 'b', 'c', 'd'].map((holder) =>
      sharedLimiter(stalling, holder, { safetyMarginMs: 250 }),
    );
    const starts: number[] = [];
    const jobs = Array.from({ length: 120 }, (_, index) =>
      limiters[index % 4]!.schedule(async () => {
        starts.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 30));
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(jobs);
    expect(starts).toHaveLength(120);
    // Used late, the three stalled grants would start together with the fourth instance's eight
    // in the next second: 11. Handed back, each is asked for again and spaced like the others.
    expect(maxStartsInWindow(starts, 1000)).toBeLessThanOrEqual(10);
    expect(maxStartsInWindow(starts, 1125)).toBeLessThanOrEqual(10);
    expect(limiters.reduce((sum, limiter) => sum + limiter.stats().staleGrants, 0)).toBe(3);
    expect(limiters.map((limiter) => limiter.stats().inFlight)).toEqual([0, 0, 0, 0]);
  });

  it('still starts requests on a store that is slow on every answer alike (a distant database)', async () => {
    vi.useFakeTimers();
    const store = createMemoryStore({ now: () => Date.now() });
    // Every answer takes 200 ms, more than the 125 ms a grant may lag: the lag is the store's
    // latency, the same for every request, so it bunches nothing and must not refuse them all.
    const distant: Store = {
      ...store,
      acquireRateSlot: async (request) => {
        const answer = await store.acquireRateSlot(request);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return answer;
      },
    };
    const limiter = sharedLimiter(distant, 'a', { safetyMarginMs: 250 });
    const jobs = Array.from({ length: 5 }, (_, index) => limiter.schedule(async () => index));
    await vi.advanceTimersByTimeAsync(5_000);
    await expect(Promise.all(jobs)).resolves.toEqual([0, 1, 2, 3, 4]);
    // Only the first grant, with no earlier ask to compare it with, is handed back.
    expect(limiter.stats().staleGrants).toBe(1);
  });

  it('spaces the starts of several instances: one late request meets at most 8 others in a second', async () => {
    vi.useFakeTimers();
    const store = createMemoryStore({ now: () => Date.now() });
    let granted = 0;
    // The second grant comes back 100 ms late: within its validity, so its request is sent late.
    const slow: Store = {
      ...store,
      acquireRateSlot: async (request) => {
        const answer = await store.acquireRateSlot(request);
        if (answer.granted && ++granted === 2) await new Promise((resolve) => setTimeout(resolve, 100));
        return answer;
      },
    };
    const limiters = ['a', 'b', 'c', 'd'].map((holder) =>
      sharedLimiter(slow, holder, { safetyMarginMs: 250 }),
    );
    const starts: number[] = [];
    const jobs = Array.from({ length: 40 }, (_, index) =>
      limiters[index % 4]!.schedule(async () => void starts.push(Date.now())),
    );
    await vi.runAllTimersAsync();
    await Promise.all(jobs);
    const sorted = [...starts].sort((a, b) => a - b);
    // One start per 125 ms, not ten at once then ten 1,250 ms later (where a late one makes 11).
    expect(sorted.slice(1).every((at, index) => at - sorted[index]! >= 25)).toBe(true);
    expect(maxStartsInWindow(starts, 1000)).toBeLessThanOrEqual(9);
  });

  it('keeps the priority order inside one instance', async () => {
    const store = createMemoryStore();
    const limiter = sharedLimiter(store, 'a', { requestsPerSecond: undefined, inFlight: 1 });
    const order: string[] = [];
    const blocker = limiter.schedule(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
    const low = limiter.schedule(async () => void order.push('low'), 'low');
    const high = limiter.schedule(async () => void order.push('high'), 'high');
    await Promise.all([blocker, low, high]);
    expect(order).toEqual(['high', 'low']);
  });

  it('gets back the slots of an instance that died holding them once their lease ends', async () => {
    vi.useFakeTimers();
    const store = createMemoryStore({ now: () => Date.now() });
    const dead = sharedLimiter(store, 'dead', {
      requestsPerSecond: undefined,
      inFlight: 2,
      shared: { slots: store, slotLeaseMs: 5_000 },
    });
    // Two requests that never end: the instance was killed while they were in flight.
    void dead.schedule(() => new Promise(() => undefined));
    void dead.schedule(() => new Promise(() => undefined));
    await vi.advanceTimersByTimeAsync(10);
    const alive = sharedLimiter(store, 'alive', { requestsPerSecond: undefined, inFlight: 2 });
    let ranAt: number | undefined;
    const began = Date.now();
    const job = alive.schedule(async () => {
      ranAt = Date.now();
    });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(ranAt).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2_000);
    await job;
    expect(ranAt! - began).toBeGreaterThanOrEqual(4_990);
    expect(ranAt! - began).toBeLessThan(5_100);
  });

  it('lets the whole daily quota through once across instances, decided by the store', async () => {
    const store = createMemoryStore();
    const date = () => new Date('2026-11-21T12:00:00Z');
    const limiters = ['a', 'b', 'c'].map((holder) =>
      sharedLimiter(store, holder, {
        requestsPerSecond: undefined,
        inFlight: undefined,
        requestsPerDay: 7,
        date,
      }),
    );
    // Each instance starts the day seeing nothing used; alone, each would let 7 through.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 21 }, (_, index) => limiters[index % 3]!.schedule(async () => index)),
    );
    const passed = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(passed).toHaveLength(7);
    expect(refused.every((outcome) => RateLimitError.is((outcome as PromiseRejectedResult).reason))).toBe(
      true,
    );
    expect(limiters.every((limiter) => limiter.remainingToday() === 0)).toBe(true);
  });

  it('asks the store for no slot when the provider declares no per-second or in-flight limit', async () => {
    const store = createMemoryStore();
    let asked = 0;
    const counting: Store = {
      ...store,
      acquireRateSlot: (request) => {
        asked += 1;
        return store.acquireRateSlot(request);
      },
    };
    const unpaced = sharedLimiter(counting, 'a', { requestsPerSecond: undefined, inFlight: undefined });
    await Promise.all(Array.from({ length: 20 }, (_, index) => unpaced.schedule(async () => index)));
    expect(asked).toBe(0);
    const paced = sharedLimiter(counting, 'a', { requestsPerSecond: undefined, inFlight: 5 });
    await paced.schedule(async () => 1);
    expect(asked).toBe(1);
  });

  it('fails the waiting request, not the process, when the store cannot be reached', async () => {
    const store = createMemoryStore();
    const broken: Store = {
      ...store,
      acquireRateSlot: () => Promise.reject(new Error('connection refused')),
    };
    const limiter = sharedLimiter(broken, 'a');
    await expect(limiter.schedule(async () => 'never')).rejects.toThrow('connection refused');
    await expect(limiter.schedule(async () => 'never')).rejects.toThrow('connection refused');
    expect(limiter.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });
});
