import { createMemoryStore, type Store } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { acquire, startsCertainlyWithinWindow } from './rate-slot-checks';
import { race } from './store-fixtures';

const request = { key: 'k', requestsPerSecond: 5, windowMs: 200, leaseMs: 10_000, holder: 'a' };

/** 30 concurrent acquirers on `store`, each releasing at once. */
const grantsOf = (store: Store) =>
  race(30, async () => {
    const grant = await acquire(store, request);
    await store.releaseRateSlot(request.key, grant.slotId);
    return grant;
  });

describe('the rate-slot window check', () => {
  it('finds more starts than allowed within one window when a store grants twice its limit', async () => {
    const inner = createMemoryStore();
    const overGranting: Store = {
      ...inner,
      acquireRateSlot: (asked) =>
        inner.acquireRateSlot({ ...asked, requestsPerSecond: (asked.requestsPerSecond ?? 0) * 2 }),
    };
    const grants = await grantsOf(overGranting);
    expect(startsCertainlyWithinWindow(grants, request.requestsPerSecond + 1, request.windowMs)).toHaveLength(
      6,
    );
  });

  it('finds nothing in the grants of a store that keeps its limit', async () => {
    const grants = await grantsOf(createMemoryStore());
    expect(
      startsCertainlyWithinWindow(grants, request.requestsPerSecond + 1, request.windowMs),
    ).toBeUndefined();
  });
});
