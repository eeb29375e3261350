import { performance } from 'node:perf_hooks';
import type { RateSlotRequest, Store } from '@paymux/core';
import { expect, it } from 'vitest';
import { race, sleep } from './store-fixtures';
import type { StoreConformanceContext } from './store-conformance-types';

let keyCounter = 0;
/** A limiter key of its own per test, so that stores sharing data across tests do not interfere. */
const freshKey = () => `limiter-${process.pid}-${Date.now()}-${keyCounter++}`;

/** Takes a slot, waiting as told between refusals; resolves to when it was granted. */
async function acquire(store: Store, request: RateSlotRequest): Promise<{ slotId: string; at: number }> {
  for (;;) {
    const answer = await store.acquireRateSlot(request);
    if (answer.granted) return { slotId: answer.slotId, at: performance.now() };
    expect(answer.retryInMs).toBeGreaterThan(0);
    await sleep(Math.min(answer.retryInMs, 50));
  }
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
    const grants = await race(100, async (index) => {
      const target = stores[index % stores.length]!;
      const slot = await acquire(target, { ...request, holder: `instance-${index % stores.length}` });
      await target.releaseRateSlot(request.key, slot.slotId);
      return slot.at;
    });
    const times = grants.sort((a, b) => a - b);
    // A grant is stamped when its answer arrives, a little after the store counted it: allow
    // a quarter of the window for that, which still catches any store that over-grants.
    const slackMs = windowMs / 4;
    for (let index = 0; index + perWindow < times.length; index++) {
      expect(times[index + perWindow]! - times[index]!).toBeGreaterThanOrEqual(windowMs - slackMs);
    }
    expect(times.length).toBe(100);
  });

  it('refuses a start over the window with a wait, and grants it once the window moved on', async () => {
    const store = await context.fresh();
    const request = { key: freshKey(), requestsPerSecond: 2, windowMs: 200, leaseMs: 10_000, holder: 'a' };
    expect((await store.acquireRateSlot(request)).granted).toBe(true);
    expect((await store.acquireRateSlot(request)).granted).toBe(true);
    const refused = await store.acquireRateSlot(request);
    expect(refused.granted).toBe(false);
    if (refused.granted) return;
    expect(refused.retryInMs).toBeGreaterThan(0);
    expect(refused.retryInMs).toBeLessThanOrEqual(250);
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
    const request = { key: freshKey(), inFlight: 1, windowMs: 1_100, leaseMs: 300, holder: 'a' };
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
    await sleep(450);
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
