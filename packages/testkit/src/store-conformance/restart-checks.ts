import { expect, it } from 'vitest';
import { sampleIdempotencyRecord, sampleObjectState, sampleTrackedObject } from './store-fixtures';
import type { StoreConformanceContext } from './store-conformance-types';

/** Close and reopen: everything written before is still there, leases included. */
export function registerRestartChecks(context: StoreConformanceContext): void {
  it.skipIf(!context.canReopen)('keeps everything across close and reopen', async () => {
    const store = await context.fresh();
    const state = sampleObjectState();
    const record = sampleIdempotencyRecord({ state: 'ambiguous', reference: 'order-1' });
    const leased = sampleTrackedObject({ objectId: 'p1', nextPollAt: 100 });
    const waiting = sampleTrackedObject({ objectId: 'p2', nextPollAt: 7_000 });
    await store.claimEventId('evt_1');
    await store.compareAndSetObjectState('k', undefined, state);
    await store.compareAndSetObjectState('k', 1, { ...state, rank: 3 });
    await store.createIdempotencyRecord(record);
    await store.rememberObject('main', 'payout', 'po_1');
    await store.setValue('main', 'charge:1', { token: 'tok_1', amount: '10.50' });
    await store.saveTrackedObject(leased);
    await store.saveTrackedObject(waiting);
    await store.leaseDueTrackedObjects('crashed', { now: 1_000, leaseMs: 60_000, limit: 10 });
    await store.incrementDailyCount('main', '2026-11-21');
    await store.incrementDailyCount('main', '2026-11-21');

    const reopened = await context.restart(store);
    if (!reopened) return;
    expect(await reopened.claimEventId('evt_1')).toBe(false);
    expect(await reopened.getObjectState('k')).toEqual({ state: { ...state, rank: 3 }, version: 2 });
    expect(await reopened.compareAndSetObjectState('k', 1, state)).toBe(false);
    expect(await reopened.getIdempotencyRecord(record.key)).toEqual(record);
    expect(await reopened.listUnsettledIdempotencyRecords('2027-01-01T00:00:00.000Z')).toEqual([record]);
    expect(await reopened.isKnownObject('main', 'payout', 'po_1')).toBe(true);
    expect(await reopened.getValue('main', 'charge:1')).toEqual({ token: 'tok_1', amount: '10.50' });
    expect(await reopened.getTrackedObject(leased.key)).toEqual(leased);
    expect(await reopened.nextTrackedPollAt()).toBe(100);
    // The crashed instance's lease still holds until it expires, then a successor takes over.
    expect(await reopened.leaseDueTrackedObjects('next', { now: 2_000, leaseMs: 60_000, limit: 10 })).toEqual(
      [],
    );
    expect(
      await reopened.leaseDueTrackedObjects('next', { now: 61_000, leaseMs: 60_000, limit: 10 }),
    ).toEqual([leased, waiting]);
    expect(await reopened.getDailyCount('main', '2026-11-21')).toBe(2);
  });

  it('closes without error, and a second close is harmless', async () => {
    const store = await context.fresh();
    await store.claimEventId('evt_1');
    await store.close();
    await store.close();
  });
}
