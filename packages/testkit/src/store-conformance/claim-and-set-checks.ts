import { expect, it } from 'vitest';
import { race, sampleObjectState } from './store-fixtures';
import type { StoreConformanceContext } from './store-conformance-types';

const succeeded = sampleObjectState({
  status: 'succeeded',
  eventType: 'payment.succeeded',
  rank: 10,
  final: true,
  announced: ['payment.processing', 'payment.succeeded'],
});

/** `claimEventAndSetObjectState`: one atomic claim and compare-and-set, as a webhook makes. */
export function registerClaimAndSetChecks(context: StoreConformanceContext): void {
  it('claims the event id and writes the state over the expected version', async () => {
    const store = await context.fresh();
    const first = sampleObjectState();
    expect(await store.claimEventAndSetObjectState('evt_1', 'k', undefined, first)).toEqual({
      claimed: true,
      written: true,
    });
    expect(await store.getObjectState('k')).toEqual({ state: first, version: 1 });
    expect(await store.claimEventId('evt_1')).toBe(false);

    expect(await store.claimEventAndSetObjectState('evt_2', 'k', 1, succeeded)).toEqual({
      claimed: true,
      written: true,
    });
    expect(await store.getObjectState('k')).toEqual({ state: succeeded, version: 2 });
  });

  it('changes nothing when the event id was claimed before, by either method', async () => {
    const store = await context.fresh();
    await store.claimEventAndSetObjectState('evt_1', 'k', undefined, sampleObjectState());
    expect(await store.claimEventAndSetObjectState('evt_1', 'k', 1, succeeded)).toEqual({ claimed: false });
    expect(await store.claimEventId('evt_2')).toBe(true);
    expect(await store.claimEventAndSetObjectState('evt_2', 'other', undefined, succeeded)).toEqual({
      claimed: false,
    });
    expect(await store.getObjectState('k')).toEqual({ state: sampleObjectState(), version: 1 });
    expect(await store.getObjectState('other')).toBeUndefined();
  });

  it('keeps the claim and returns the state found when the version is not the expected one', async () => {
    const store = await context.fresh();
    const first = sampleObjectState();
    await store.compareAndSetObjectState('k', undefined, first);
    const stale = await store.claimEventAndSetObjectState('evt_1', 'k', undefined, succeeded);
    expect(stale).toEqual({ claimed: true, written: false, current: { state: first, version: 1 } });
    expect(await store.claimEventAndSetObjectState('evt_2', 'k', 7, succeeded)).toEqual(stale);
    expect(await store.claimEventAndSetObjectState('evt_3', 'none', 1, succeeded)).toEqual({
      claimed: true,
      written: false,
      current: undefined,
    });
    expect(await store.getObjectState('k')).toEqual({ state: first, version: 1 });
    expect(await store.getObjectState('none')).toBeUndefined();
    for (const id of ['evt_1', 'evt_2', 'evt_3']) expect(await store.claimEventId(id)).toBe(false);
  });

  it('lets a released event id be claimed and set again', async () => {
    const store = await context.fresh();
    await store.claimEventAndSetObjectState('evt_1', 'k', undefined, sampleObjectState());
    await store.releaseEventId('evt_1');
    expect(await store.claimEventAndSetObjectState('evt_1', 'k', 1, succeeded)).toEqual({
      claimed: true,
      written: true,
    });
  });

  it('hands out copies: changing the state written or returned changes nothing stored', async () => {
    const store = await context.fresh();
    const state = sampleObjectState();
    await store.claimEventAndSetObjectState('evt_1', 'k', undefined, state);
    state.announced.push('payment.failed');
    const found = await store.claimEventAndSetObjectState('evt_2', 'k', undefined, succeeded);
    if (found.claimed && !found.written) found.current?.state.announced.push('payment.expired');
    expect((await store.getObjectState('k'))?.state.announced).toEqual(['payment.processing']);
  });

  it('one of 100 concurrent deliveries of one event id (two instances) claims it and writes', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    const results = await race(100, (index) =>
      (index % 2 === 0 ? store : other).claimEventAndSetObjectState(
        'evt_1',
        'k',
        undefined,
        sampleObjectState({ status: `s${index}` }),
      ),
    );
    const winners = results.flatMap((result, index) => (result.claimed ? [{ result, index }] : []));
    expect(winners).toHaveLength(1);
    expect(winners[0]?.result).toEqual({ claimed: true, written: true });
    expect(await other.getObjectState('k')).toEqual({
      state: sampleObjectState({ status: `s${winners[0]?.index}` }),
      version: 1,
    });
  });

  it('one of 100 concurrent events (two instances) on one object writes its version; all claim', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    await store.compareAndSetObjectState('k', undefined, sampleObjectState());
    const results = await race(100, (index) =>
      (index % 2 === 0 ? other : store).claimEventAndSetObjectState(
        `evt_${index}`,
        'k',
        1,
        sampleObjectState({ status: `u${index}` }),
      ),
    );
    expect(results.every((result) => result.claimed)).toBe(true);
    const written = results.flatMap((result, index) => (result.claimed && result.written ? [index] : []));
    expect(written).toHaveLength(1);
    expect(await store.getObjectState('k')).toEqual({
      state: sampleObjectState({ status: `u${written[0]}` }),
      version: 2,
    });
  });
}
