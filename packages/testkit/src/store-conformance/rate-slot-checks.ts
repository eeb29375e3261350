import { performance } from 'node:perf_hooks';
import type { RateSlotRequest, Store } from '@paymux/core';
import { expect, it } from 'vitest';
import { race, sleep } from './store-fixtures';
import type { StoreConformanceContext } from './store-conformance-types';

let keyCounter = 0;
/** A limiter key of its own per test, so that stores sharing data across tests do not interfere. */
const freshKey = () => `limiter-${process.pid}-${Date.now()}-${keyCounter++}`;

/** A granted slot and the call that got it: the store counted the start between `sent` and `answered`. */
const CLOCK_GRANULARITY_MS = 2;

export interface Grant {
  slotId: string;
  sent: number;
  answered: number;
}

/** Takes a slot, waiting as told between refusals. */
export async function acquire(store: Store, request: RateSlotRequest): Promise<Grant> {
  for (;;) {
    const sent = performance.now();
    const answer = await store.acquireRateSlot(request);
    if (answer.granted) return { slotId: answer.slotId, sent, answered: performance.now() };
    expect(answer.retryInMs).toBeGreaterThan(0);
    await sleep(Math.min(answer.retryInMs, 50));
  }
}

/**
 * The first set of `count` grants that certainly started within less than `windowMs`: the last
 * answer came less than `windowMs` after the first call was sent. Only the store knows when it
 * counted each start, so this never accuses a store that waits for its answers to arrive.
 */
export function startsCertainlyWithinWindow(
  grants: readonly Grant[],
  count: number,
  windowMs: number,
): Grant[] | undefined {
  const bySent = [...grants].sort((a, b) => a.sent - b.sent);
  for (let first = 0; first < bySent.length; first++) {
    const earliestAnswers = bySent
      .slice(first)
      .sort((a, b) => a.answered - b.answered)
      .slice(0, count);
    if (earliestAnswers.length < count) return undefined;
    // Stores count in whole milliseconds: a start exactly one window after another is allowed,
    // and two clocks rounding apart may make that look up to 2 ms shorter here.
    if (earliestAnswers[count - 1]!.answered - bySent[first]!.sent < windowMs - CLOCK_GRANULARITY_MS) {
      return earliestAnswers;
    }
  }
  return undefined;
}

/** Up to four instances on the same data (just the one store when it cannot be reopened). */
async function instances(context: StoreConformanceContext, store: Store): Promise<Store[]> {
  const all = [store];
  for (let index = 0; index < 3; index++) {
    const other = await context.sibling(store);
    if (other) all.push(other);
  }
  return all;
}

/** Shared rate slots: starts per window, slots in flight, and slots a crashed holder left. */
export function registerRateSlotChecks(context: StoreConformanceContext): void {
  it('never grants more than N starts in any window to 100 concurrent acquirers', async () => {
    const store = await context.fresh();
    const stores = await instances(context, store);
    const perWindow = 20;
    const windowMs = 300;
    const request = { key: freshKey(), requestsPerSecond: perWindow, windowMs, leaseMs: 10_000 };
    const started = performance.now();
    const grants = await race(100, async (index) => {
      const target = stores[index % stores.length]!;
      const slot = await acquire(target, { ...request, holder: `instance-${index % stores.length}` });
      await target.releaseRateSlot(request.key, slot.slotId);
      return slot;
    });
    expect(grants).toHaveLength(100);
    expect(startsCertainlyWithinWindow(grants, perWindow + 1, windowMs)).toBeUndefined();
    // 100 starts at 20 per window take at least four windows after the first burst.
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * windowMs);
  });

  it('refuses a start over the window with a wait, and grants it once the window moved on', async () => {
    const store = await context.fresh();
    // A window long enough that a stalled machine cannot let it pass between two calls.
    const request = { key: freshKey(), requestsPerSecond: 2, windowMs: 1_000, leaseMs: 10_000, holder: 'a' };
    expect((await store.acquireRateSlot(request)).granted).toBe(true);
    expect((await store.acquireRateSlot(request)).granted).toBe(true);
    const refused = await store.acquireRateSlot(request);
    expect(refused.granted).toBe(false);
    if (refused.granted) return;
    expect(refused.retryInMs).toBeGreaterThan(0);
    expect(refused.retryInMs).toBeLessThanOrEqual(1_050);
    await sleep(refused.retryInMs + 20);
    expect((await store.acquireRateSlot(request)).granted).toBe(true);
    // Another key has limits of its own.
    expect((await store.acquireRateSlot({ ...request, key: freshKey() })).granted).toBe(true);
  });

  it('never lets more than the in-flight cap hold slots at once', async () => {
    const store = await context.fresh();
    const stores = await instances(context, store);
    const request = { key: freshKey(), inFlight: 5, windowMs: 1_100, leaseMs: 10_000 };
    let holding = 0;
    let most = 0;
    await race(50, async (index) => {
      const target = stores[index % stores.length]!;
      const slot = await acquire(target, { ...request, holder: `instance-${index}` });
      holding++;
      most = Math.max(most, holding);
      await sleep(5);
      holding--;
      await target.releaseRateSlot(request.key, slot.slotId);
    });
    expect(most).toBeLessThanOrEqual(5);
    expect(most).toBeGreaterThanOrEqual(1);
  });

  it('frees a slot on release, and a slot never released once its lease ends', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    const request = { key: freshKey(), inFlight: 1, windowMs: 1_100, leaseMs: 1_000, holder: 'a' };
    const first = await store.acquireRateSlot(request);
    expect(first.granted).toBe(true);
    if (!first.granted) return;
    expect((await other.acquireRateSlot({ ...request, holder: 'b' })).granted).toBe(false);
    await store.releaseRateSlot(request.key, first.slotId);
    const second = await other.acquireRateSlot({ ...request, holder: 'b' });
    expect(second.granted).toBe(true);
    // `b` crashes holding its slot: the lease frees it, and nothing before.
    const refused = await store.acquireRateSlot(request);
    expect(refused.granted).toBe(false);
    await sleep(1_200);
    expect((await store.acquireRateSlot(request)).granted).toBe(true);
    // Releasing an unknown or already freed slot is harmless.
    if (second.granted) await other.releaseRateSlot(request.key, second.slotId);
    await store.releaseRateSlot(request.key, 'no-such-slot');
  });
}

/** Daily counters: per key and UTC day, exact under concurrent increments. */
export function registerDailyCountChecks(context: StoreConformanceContext): void {
  it('counts per key and day, starting again at 1 on the next day', async () => {
    const store = await context.fresh();
    expect(await store.getDailyCount('main', '2026-11-21')).toBe(0);
    expect(await store.incrementDailyCount('main', '2026-11-21')).toBe(1);
    expect(await store.incrementDailyCount('main', '2026-11-21')).toBe(2);
    expect(await store.incrementDailyCount('main', '2026-11-21')).toBe(3);
    expect(await store.incrementDailyCount('other', '2026-11-21')).toBe(1);
    expect(await store.incrementDailyCount('main', '2026-11-22')).toBe(1);
    expect(await store.getDailyCount('main', '2026-11-22')).toBe(1);
    expect(await store.getDailyCount('main', '2026-11-21')).toBe(3);
    expect(await store.getDailyCount('other', '2026-11-22')).toBe(0);
  });

  it('loses no increment when 100 run concurrently', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    const counts = await race(100, (index) =>
      (index % 2 === 0 ? store : other).incrementDailyCount('main', '2026-11-21'),
    );
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    expect(await other.getDailyCount('main', '2026-11-21')).toBe(100);
  });
}
