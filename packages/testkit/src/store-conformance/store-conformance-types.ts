import type { Store } from '@paymux/core';

/**
 * How `describeStoreConformance` gets stores. Each test calls `create` for a store on fresh,
 * empty data; the suite closes every store it was given at the end of each test.
 *
 * @example
 * const factory: StoreConformanceFactory = {
 *   create: () => createSqliteStore({ path: freshPath() }),
 *   reopen: (store) => createSqliteStore({ path: pathOf(store) }),
 * };
 */
export interface StoreConformanceFactory {
  /** A store on fresh, empty data, unrelated to any store created before. */
  create(): Store | Promise<Store>;
  /**
   * Another store on the same data as `store`. The suite calls it while `store` is still open
   * (a second instance racing the first) and after `store` was closed (a restart). Omit it and
   * the multi-instance and restart tests are skipped. A store that cannot open its data twice
   * (the in-memory one) may return `store` itself, and say so with `sameInstance`.
   */
  reopen?(store: Store): Store | Promise<Store>;
  /** True when `reopen` returns the same instance: the restart tests then do not close it. */
  sameInstance?: boolean;
}

/** What every check file receives: a tracked way to open stores. */
export interface StoreConformanceContext {
  /** A fresh store, closed after the test. */
  fresh(): Promise<Store>;
  /** A second store on the data of `store`, closed after the test; undefined when not supported. */
  sibling(store: Store): Promise<Store | undefined>;
  /** Closes `store` (unless the factory reopens the same instance) and opens it again. */
  restart(store: Store): Promise<Store | undefined>;
  /** Whether `reopen` exists. */
  canReopen: boolean;
}
