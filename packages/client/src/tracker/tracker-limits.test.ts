import { depayCapabilities } from '@paymux/depay';
import { RateLimitError } from '@paymux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend, type FakeCall } from '../../test/fake-provider';
import { HOUR, MINUTE, SECOND, seedPayment, trackerClient } from '../../test/tracker-fixture';
import { createMemoryStore } from '@paymux/core';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

/** The most requests that reached the backend within any one second. */
function busiestSecond(calls: FakeCall[]): number {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  let most = 0;
  let from = 0;
  for (let to = 0; to < times.length; to += 1) {
    while (times[to]! - times[from]! >= SECOND) from += 1;
    most = Math.max(most, to - from + 1);
  }
  return most;
}

const today = () => new Date(Date.now()).toISOString().slice(0, 10);

describe('tracker and rate limits', () => {
  it('shares the account limiter with direct calls: no second over the limit, direct calls first', async () => {
    const backend = new FakeBackend();
    backend.delayMs = 40;
    const { paymux } = trackerClient({
      backend,
      plugin: { useRateLimiter: true, rateLimits: { requestsPerSecond: 5, inFlight: 5 } },
    });
    for (let i = 0; i < 300; i += 1) {
      seedPayment(backend, `pay_${i}`);
      paymux.tracker.track({ kind: 'payment', id: `pay_${i}`, account: 'main' });
    }
    const direct: Promise<unknown>[] = [];
    for (let second = 0; second < 120; second += 3) {
      await vi.advanceTimersByTimeAsync(3 * SECOND);
      direct.push(
        paymux.getPayment('pay_0', { account: 'main' }),
        paymux.getPayment('pay_1', { account: 'main' }),
      );
    }
    await vi.advanceTimersByTimeAsync(20 * MINUTE);
    await Promise.all(direct);
    const stats = paymux.tracker.stats();
    expect(busiestSecond(backend.calls)).toBeLessThanOrEqual(5);
    expect(stats.requestsSent).toBeGreaterThan(300);
    // Polls carry the low priority; direct calls do not.
    const polls = backend.calls.filter((call) => (call.options as { priority?: string })?.priority === 'low');
    expect(polls).toHaveLength(stats.requestsSent);
    expect(backend.calls.length - polls.length).toBe(direct.length);
    // The schedule was stretched and polls postponed rather than queued behind each other.
    expect(stats.deferred).toBeGreaterThan(0);
  });

  it('sheds load to fit a tiny daily quota, leaving room for direct calls', async () => {
    const backend = new FakeBackend();
    const { paymux } = trackerClient({
      backend,
      plugin: { useRateLimiter: true, rateLimits: { requestsPerSecond: 10, requestsPerDay: 40 } },
    });
    for (let i = 0; i < 20; i += 1) {
      seedPayment(backend, `pay_${i}`);
      paymux.tracker.track({ kind: 'payment', id: `pay_${i}`, account: 'main' });
    }
    await vi.advanceTimersByTimeAsync(4 * HOUR);
    const stats = paymux.tracker.stats();
    // Unshed, 20 payments would take 20 × 55 polls in 4 hours.
    expect(stats.requestsSent).toBeGreaterThan(0);
    expect(stats.requestsSent).toBeLessThanOrEqual(40 * 0.8);
    expect(stats.quotaRefusals).toBe(0);
    expect(stats.tracked).toBe(20);
    await expect(paymux.getPayment('pay_0', { account: 'main' })).resolves.toMatchObject({ id: 'pay_0' });
  });

  it('resumes after midnight UTC with a fresh quota', async () => {
    vi.setSystemTime(new Date('2026-03-02T23:00:00Z'));
    const backend = new FakeBackend();
    const { paymux } = trackerClient({
      backend,
      plugin: { useRateLimiter: true, rateLimits: { requestsPerDay: 10 } },
    });
    for (let i = 0; i < 10; i += 1) {
      seedPayment(backend, `pay_${i}`);
      paymux.tracker.track({ kind: 'payment', id: `pay_${i}`, account: 'main' });
    }
    await vi.advanceTimersByTimeAsync(HOUR - MINUTE);
    const beforeMidnight = backend.count('getPayment');
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(beforeMidnight).toBeLessThanOrEqual(10);
    expect(backend.count('getPayment')).toBeGreaterThan(beforeMidnight);
    expect(paymux.tracker.stats().quotaRefusals).toBe(0);
  });

  it('keeps the daily quota across a restart: two clients on one store stay within it', async () => {
    const store = createMemoryStore();
    const backend = new FakeBackend();
    const plugin = { useRateLimiter: true, rateLimits: { requestsPerDay: 12 } };
    const before = trackerClient({ backend, plugin, store });
    for (let i = 0; i < 8; i += 1) {
      seedPayment(backend, `pay_${i}`);
      await before.paymux.getPayment(`pay_${i}`, { account: 'main' });
    }
    expect(await store.getDailyCount('main', today())).toBe(8);

    // A restart: a new client, the same store.
    const after = trackerClient({ backend, plugin, store });
    for (let i = 0; i < 8; i += 1)
      after.paymux.tracker.track({ kind: 'payment', id: `pay_${i}`, account: 'main' });
    await vi.advanceTimersByTimeAsync(6 * HOUR);
    const stats = after.paymux.tracker.stats();
    expect(stats.requestsSent).toBeGreaterThan(0);
    expect(backend.count('getPayment')).toBeLessThanOrEqual(12);
    expect(await store.getDailyCount('main', today())).toBeLessThanOrEqual(12);
    expect(stats.quotaRefusals).toBe(0);
  });

  it('waits out a Retry-After from the provider', async () => {
    const backend = new FakeBackend();
    const { paymux } = trackerClient({ backend });
    seedPayment(backend, 'pay_r');
    backend.failNext(
      'main',
      'getPayment',
      new RateLimitError('slow down', { retryAfter: 600, httpStatus: 429 }),
    );
    paymux.tracker.track({ kind: 'payment', id: 'pay_r', account: 'main' });
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    expect(backend.count('getPayment')).toBe(1);
    await vi.advanceTimersByTimeAsync(9 * MINUTE);
    expect(backend.count('getPayment')).toBe(1);
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(backend.count('getPayment')).toBe(2);
    expect(paymux.tracker.stats()).toMatchObject({ errors: 1, requestsSent: 2 });
  });

  it("tracks 10,000 payments for 30 minutes within DePay's limits", async () => {
    const backend = new FakeBackend();
    backend.delayMs = 30;
    const { paymux } = trackerClient({
      backend,
      tracker: { jitter: 0.1 },
      plugin: { useRateLimiter: true, rateLimits: depayCapabilities.rateLimits },
    });
    const expiresAt = new Date(Date.now() + HOUR).toISOString();
    for (let i = 0; i < 10_000; i += 1) {
      seedPayment(backend, `pay_${i}`);
      paymux.tracker.track({ kind: 'payment', id: `pay_${i}`, account: 'main', expiresAt });
    }
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    const stats = paymux.tracker.stats();
    expect(stats.tracked).toBe(10_000);
    expect(stats.requestsSent).toBeGreaterThan(0);
    expect(stats.requestsSent / 10_000).toBeLessThanOrEqual(15);
    expect(busiestSecond(backend.calls)).toBeLessThanOrEqual(depayCapabilities.rateLimits.requestsPerSecond);
    expect(stats.quotaRefusals).toBe(0);
    await paymux.tracker.stop();
  });
});
