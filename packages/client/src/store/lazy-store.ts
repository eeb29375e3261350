import { ConfigurationError, type Store, storeMethodNames } from '@paymux/core';

/** A store that opens on first use; see `lazyStore`. */
export interface LazyStore extends Store {
  /** Opens the store now (or joins the opening under way); rejects as opening does. */
  open(): Promise<Store>;
  /** True once the store has been opened. */
  readonly isOpen: boolean;
}

type StoreMethod = (...args: unknown[]) => Promise<unknown>;

/**
 * A `Store` that calls `open` on its first use, so `createPaymux` stays synchronous and a client
 * that is never used (a `--help`, a config check) opens no file and no connection. Every method
 * waits for the opening; a failed opening rejects that call, and the next call tries again (a
 * database that was still starting is picked up without restarting the process). `onOpen` runs
 * once, after the first successful opening.
 *
 * @example
 * const store = lazyStore(() => createSqliteStore({ path }), (opened) => recover(opened));
 */
export function lazyStore(open: () => Promise<Store>, onOpen?: (store: Store) => void): LazyStore {
  let opened: Store | undefined;
  let opening: Promise<Store> | undefined;
  let closed = false;

  const ready = (): Promise<Store> => {
    if (opened) return Promise.resolve(opened);
    if (closed) {
      return Promise.reject(
        new ConfigurationError('The paymux store was closed (paymux.close()); create a new client to go on'),
      );
    }
    opening ??= open().then(
      (store) => {
        if (closed) {
          // close() came while opening: release what was just opened.
          void store.close();
          throw new ConfigurationError('The paymux store was closed while it was opening');
        }
        opened = store;
        onOpen?.(store);
        return store;
      },
      (error: unknown) => {
        opening = undefined;
        throw error;
      },
    );
    return opening;
  };

  const methods: Record<string, StoreMethod> = {};
  for (const name of storeMethodNames) {
    if (name === 'close') continue;
    methods[name] = (...args) => {
      // After the first opening, one direct call: no extra promise on the hot path.
      const store = opened as unknown as Record<string, StoreMethod> | undefined;
      if (store) return store[name]!(...args);
      return ready().then((ready) => (ready as unknown as Record<string, StoreMethod>)[name]!(...args));
    };
  }

  const store = methods as unknown as LazyStore;
  Object.defineProperty(store, 'isOpen', { get: () => opened !== undefined, enumerable: true });
  Object.assign(store, {
    open: ready,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const current = opened ?? (await opening?.catch(() => undefined));
      opened = undefined;
      await current?.close();
    },
  });
  return store;
}
