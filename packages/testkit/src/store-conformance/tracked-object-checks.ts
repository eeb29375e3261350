import { expect, it } from 'vitest';
import { race, sampleTrackedObject } from './store-fixtures';
import type { StoreConformanceContext } from './store-conformance-types';

const keysOf = (records: { key: string }[]) => records.map((record) => record.key).sort();

/** Tracked objects: saved, leased by one holder at a time, taken over once a lease expires. */
export function registerTrackedObjectChecks(context: StoreConformanceContext): void {
  it('saves, reads, replaces and removes tracked objects; knows the earliest next poll', async () => {
    const store = await context.fresh();
    expect(await store.nextTrackedPollAt()).toBeUndefined();
    const first = sampleTrackedObject({ objectId: 'p1', nextPollAt: 5_000 });
    const second = sampleTrackedObject({ objectId: 'p2', kind: 'payout', nextPollAt: 3_000 });
    await store.saveTrackedObject(first);
    await store.saveTrackedObject(second);
    expect(await store.getTrackedObject(first.key)).toEqual(first);
    expect(await store.getTrackedObject('missing')).toBeUndefined();
    expect(await store.nextTrackedPollAt()).toBe(3_000);
    const replaced = { ...second, attempt: 4, nextPollAt: 9_000, deadline: 10_000 };
    await store.saveTrackedObject(replaced);
    expect(await store.getTrackedObject(second.key)).toEqual(replaced);
    expect(await store.nextTrackedPollAt()).toBe(5_000);
    await store.removeTrackedObject(first.key);
    await store.removeTrackedObject('missing');
    expect(await store.getTrackedObject(first.key)).toBeUndefined();
    expect(await store.nextTrackedPollAt()).toBe(9_000);
  });

  it('leases only due objects, earliest first, up to the limit', async () => {
    const store = await context.fresh();
    for (const [objectId, nextPollAt] of [
      ['p1', 300],
      ['p2', 100],
      ['p3', 200],
      ['p4', 5_000],
    ] as const) {
      await store.saveTrackedObject(sampleTrackedObject({ objectId, nextPollAt }));
    }
    const leased = await store.leaseDueTrackedObjects('a', { now: 1_000, leaseMs: 60_000, limit: 2 });
    expect(leased.map((record) => record.objectId)).toEqual(['p2', 'p3']);
    expect(leased[0]).toEqual(sampleTrackedObject({ objectId: 'p2', nextPollAt: 100 }));
    const rest = await store.leaseDueTrackedObjects('b', { now: 1_000, leaseMs: 60_000, limit: 10 });
    expect(rest.map((record) => record.objectId)).toEqual(['p1']);
    expect(await store.leaseDueTrackedObjects('c', { now: 1_000, leaseMs: 60_000, limit: 10 })).toEqual([]);
  });

  it('gives each due object to one holder when instances lease concurrently', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    const records = Array.from({ length: 40 }, (_, index) =>
      sampleTrackedObject({ objectId: `p${index}`, nextPollAt: index }),
    );
    for (const record of records) await store.saveTrackedObject(record);
    const batches = await race(10, (index) =>
      (index % 2 === 0 ? store : other).leaseDueTrackedObjects(`owner-${index}`, {
        now: 1_000,
        leaseMs: 60_000,
        limit: 7,
      }),
    );
    const all = batches.flat();
    expect(all).toHaveLength(records.length);
    expect(keysOf(all)).toEqual(keysOf(records));
  });

  it('lets only the lease holder finish a poll; a non-owner fails and writes nothing', async () => {
    const store = await context.fresh();
    const record = sampleTrackedObject({ nextPollAt: 100 });
    await store.saveTrackedObject(record);
    expect(await store.finishTrackedPoll(record.key, 'a', { attempt: 1, nextPollAt: 2_000 })).toBe(false);
    await store.leaseDueTrackedObjects('a', { now: 1_000, leaseMs: 60_000, limit: 10 });
    expect(await store.finishTrackedPoll(record.key, 'b', { attempt: 9, nextPollAt: 9_000 })).toBe(false);
    expect(await store.getTrackedObject(record.key)).toEqual(record);
    expect(await store.finishTrackedPoll(record.key, 'a', { attempt: 1, nextPollAt: 2_000 })).toBe(true);
    expect(await store.getTrackedObject(record.key)).toEqual({ ...record, attempt: 1, nextPollAt: 2_000 });
    // The lease ended: the same owner cannot finish twice, and the object is due again at 2,000.
    expect(await store.finishTrackedPoll(record.key, 'a', { attempt: 2, nextPollAt: 3_000 })).toBe(false);
    expect(await store.leaseDueTrackedObjects('b', { now: 1_500, leaseMs: 60_000, limit: 10 })).toEqual([]);
    expect(
      keysOf(await store.leaseDueTrackedObjects('b', { now: 2_000, leaseMs: 60_000, limit: 10 })),
    ).toEqual([record.key]);
    expect(await store.finishTrackedPoll('missing', 'b', { attempt: 1, nextPollAt: 1 })).toBe(false);
  });

  it('lets another instance take over an expired lease; the old holder then fails to finish', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    const record = sampleTrackedObject({ nextPollAt: 100 });
    await store.saveTrackedObject(record);
    expect(await store.leaseDueTrackedObjects('a', { now: 1_000, leaseMs: 500, limit: 10 })).toHaveLength(1);
    expect(await other.leaseDueTrackedObjects('b', { now: 1_499, leaseMs: 500, limit: 10 })).toEqual([]);
    expect(await other.leaseDueTrackedObjects('b', { now: 1_500, leaseMs: 500, limit: 10 })).toEqual([
      record,
    ]);
    expect(await store.finishTrackedPoll(record.key, 'a', { attempt: 1, nextPollAt: 5_000 })).toBe(false);
    expect(await other.finishTrackedPoll(record.key, 'b', { attempt: 1, nextPollAt: 6_000 })).toBe(true);
    expect((await store.getTrackedObject(record.key))?.nextPollAt).toBe(6_000);
  });

  it('keeps a held lease when the object is saved again', async () => {
    const store = await context.fresh();
    const record = sampleTrackedObject({ nextPollAt: 100 });
    await store.saveTrackedObject(record);
    await store.leaseDueTrackedObjects('a', { now: 1_000, leaseMs: 60_000, limit: 10 });
    await store.saveTrackedObject({ ...record, deadline: 3_000_000_000_000 });
    expect(await store.leaseDueTrackedObjects('b', { now: 2_000, leaseMs: 60_000, limit: 10 })).toEqual([]);
    expect(await store.finishTrackedPoll(record.key, 'a', { attempt: 1, nextPollAt: 4_000 })).toBe(true);
    expect(await store.getTrackedObject(record.key)).toEqual({
      ...record,
      deadline: 3_000_000_000_000,
      attempt: 1,
      nextPollAt: 4_000,
    });
  });
}
