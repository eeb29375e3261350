import type { Store } from '@paymux/core';
import { afterEach, describe } from 'vitest';
import { registerClaimAndSetChecks } from './claim-and-set-checks';
import { registerEventAndStateChecks } from './event-and-state-checks';
import { registerIdempotencyChecks } from './idempotency-checks';
import { registerDailyCountChecks, registerRateSlotChecks } from './rate-slot-checks';
import { registerRestartChecks } from './restart-checks';
import type { StoreConformanceContext, StoreConformanceFactory } from './store-conformance-types';
import { registerTrackedObjectChecks } from './tracked-object-checks';
import { registerValueChecks } from './value-checks';

/**
 * Registers the `Store` conformance suite: atomic claims and compare-and-sets under races (also
 * across two instances on the same data), both as one step, idempotency records, per-namespace values, tracked
 * objects under leases, shared rate slots, daily counters, and close then reopen with everything
 * still there. Call it once at the top level of a vitest test file. Every store, third-party ones
 * too, should pass it.
 *
 * @example
 * describeStoreConformance('sqlite', {
 *   create: () => createSqliteStore({ path: join(directory, `${randomUUID()}.db`) }),
 *   reopen: (store) => createSqliteStore({ path: sqliteStorePath(store) }),
 * });
 */
export function describeStoreConformance(name: string, factory: StoreConformanceFactory): void {
  const open: Store[] = [];
  const track = (store: Store) => {
    if (!open.includes(store)) open.push(store);
    return store;
  };
  const reopen = factory.reopen;
  const context: StoreConformanceContext = {
    canReopen: reopen !== undefined,
    fresh: async () => track(await factory.create()),
    sibling: async (store) => (reopen ? track(await reopen(store)) : undefined),
    restart: async (store) => {
      if (!reopen) return undefined;
      if (!factory.sameInstance) await store.close();
      return track(await reopen(store));
    },
  };

  describe(`store conformance: ${name}`, () => {
    afterEach(async () => {
      const stores = open.splice(0);
      for (const store of stores.reverse()) await store.close();
    });
    describe('event ids and object states', () => registerEventAndStateChecks(context));
    describe('claim and compare-and-set in one step', () => registerClaimAndSetChecks(context));
    describe('idempotency records', () => registerIdempotencyChecks(context));
    describe('known objects and values', () => registerValueChecks(context));
    describe('tracked objects', () => registerTrackedObjectChecks(context));
    describe('rate slots', () => registerRateSlotChecks(context));
    describe('daily counters', () => registerDailyCountChecks(context));
    describe('restart', () => registerRestartChecks(context));
  });
}
