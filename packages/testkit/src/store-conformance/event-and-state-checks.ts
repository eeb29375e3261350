import { expect, it } from 'vitest';
import { race, sampleObjectState } from './store-fixtures';
import type { StoreConformanceContext } from './store-conformance-types';

/** Event-id claims and versioned object states under compare-and-set. */
export function registerEventAndStateChecks(context: StoreConformanceContext): void {
  it('claims an event id once: one winner of 100 concurrent claims', async () => {
    const store = await context.fresh();
    const wins = await race(100, () => store.claimEventId('evt_1'));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(await store.claimEventId('evt_1')).toBe(false);
    expect(await store.claimEventId('evt_2')).toBe(true);
  });

  it('claims an event id once across two instances on the same data', async () => {
    const store = await context.fresh();
    const other = await context.sibling(store);
    if (!other) return;
    const wins = await race(100, (index) => (index % 2 === 0 ? store : other).claimEventId('evt_1'));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('lets a released event id be claimed again, and leaves other ids alone', async () => {
    const store = await context.fresh();
    expect(await store.claimEventId('evt_1')).toBe(true);
    expect(await store.claimEventId('evt_2')).toBe(true);
    await store.releaseEventId('evt_1');
    await store.releaseEventId('evt_never_claimed');
    expect(await store.claimEventId('evt_1')).toBe(true);
    expect(await store.claimEventId('evt_2')).toBe(false);
  });

  // No NUL character: PostgreSQL's text cannot hold one, and no provider sends one.
  it('keeps event ids with quotes, unicode and separators distinct', async () => {
    const store = await context.fresh();
    const ids = ['a"b', 'a\\b', 'a\tb', 'ä€😀', '["x","y"]', '["x",', 'x"]'];
    for (const id of ids) expect(await store.claimEventId(id)).toBe(true);
    for (const id of ids) expect(await store.claimEventId(id)).toBe(false);
  });

  it('writes an object state only over the expected version', async () => {
    const store = await context.fresh();
    expect(await store.getObjectState('k')).toBeUndefined();
    const first = sampleObjectState();
    expect(await store.compareAndSetObjectState('k', undefined, first)).toBe(true);
    expect(await store.getObjectState('k')).toEqual({ state: first, version: 1 });
    expect(await store.compareAndSetObjectState('k', undefined, first)).toBe(false);

    const second = sampleObjectState({
      status: 'succeeded',
      eventType: 'payment.succeeded',
      rank: 5,
      final: true,
      announced: ['payment.processing', 'payment.succeeded'],
    });
    expect(await store.compareAndSetObjectState('k', 2, second)).toBe(false);
    expect(await store.compareAndSetObjectState('k', 1, second)).toBe(true);
    expect(await store.getObjectState('k')).toEqual({ state: second, version: 2 });
    expect(await store.compareAndSetObjectState('k', 1, first)).toBe(false);
    expect((await store.getObjectState('k'))?.state.status).toBe('succeeded');
    expect(await store.getObjectState('other')).toBeUndefined();
  });

  it('hands out copies: changing a read or a written state changes nothing stored', async () => {
    const store = await context.fresh();
    const state = sampleObjectState();
    await store.compareAndSetObjectState('k', undefined, state);
    state.announced.push('payment.failed');
    const read = await store.getObjectState('k');
    read?.state.announced.push('payment.expired');
    expect((await store.getObjectState('k'))?.state.announced).toEqual(['payment.processing']);
  });

  it('lets one of 100 concurrent compare-and-sets on one version win, creating or updating', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    const created = await race(100, (index) =>
      (index % 2 === 0 ? store : other).compareAndSetObjectState(
        'k',
        undefined,
        sampleObjectState({ status: `s${index}` }),
      ),
    );
    expect(created.filter(Boolean)).toHaveLength(1);
    const winner = created.indexOf(true);
    expect(await store.getObjectState('k')).toEqual({
      state: sampleObjectState({ status: `s${winner}` }),
      version: 1,
    });

    const updated = await race(100, (index) =>
      (index % 2 === 0 ? other : store).compareAndSetObjectState(
        'k',
        1,
        sampleObjectState({ status: `u${index}` }),
      ),
    );
    expect(updated.filter(Boolean)).toHaveLength(1);
    expect(await other.getObjectState('k')).toEqual({
      state: sampleObjectState({ status: `u${updated.indexOf(true)}` }),
      version: 2,
    });
  });

  it('counts versions so that read-modify-write retries lose no update', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    await store.compareAndSetObjectState('k', undefined, sampleObjectState({ announced: [] }));
    const writers = 10;
    await race(writers, async (index) => {
      const target = index % 2 === 0 ? store : other;
      for (;;) {
        const current = await target.getObjectState('k');
        if (!current) throw new Error('state vanished');
        const next = { ...current.state, rank: current.state.rank + 1 };
        if (await target.compareAndSetObjectState('k', current.version, next)) return;
      }
    });
    const final = await store.getObjectState('k');
    expect(final?.version).toBe(1 + writers);
    expect(final?.state.rank).toBe(2 + writers);
  });
}
