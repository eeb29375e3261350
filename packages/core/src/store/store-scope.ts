// A WeakSet rather than a flag on the store: a copy of a store object (`{ ...store }`) is a new
// object, so only the store the memory factory returned is taken as process-local.
const processLocalStores = new WeakSet<object>();

/**
 * Declares that a store's state lives in this process only (the memory store), so nothing else
 * can share it: the client then keeps the rate limiter's window and in-flight count in process
 * and schedules the tracker without leases, which is what a single process needs and costs no
 * store round trip per request. Every other store (SQLite, PostgreSQL, a third-party one) is
 * taken as shared by several instances.
 *
 * @example
 * export function createMyCacheStore(): Store {
 *   return markProcessLocalStore({ ...methods });
 * }
 */
export function markProcessLocalStore<T extends object>(store: T): T {
  processLocalStores.add(store);
  return store;
}

/**
 * True when `store` was declared process-local (`markProcessLocalStore`): no other process or
 * client instance can see its state.
 *
 * @example
 * const shared = !isProcessLocalStore(store);
 */
export function isProcessLocalStore(store: object): boolean {
  return processLocalStores.has(store);
}
