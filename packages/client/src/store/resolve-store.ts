import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigurationError, createMemoryStore, type Logger, type Store } from '@paymux/core';
import { lazyStore } from './lazy-store';
import {
  DEFAULT_SQLITE_PATH,
  describeStoreLocation,
  type ParsedStoreLocation,
  parseStoreLocation,
} from './store-location';

// The store packages' entry points, as the client uses them. Typed here so the client compiles
// against the contract, whatever else those packages export.
interface SqliteStoreModule {
  createSqliteStore(options: { path: string }): Store | Promise<Store>;
}
interface PostgresStoreModule {
  createPostgresStore(options: { connectionString: string }): Store | Promise<Store>;
}

/** What `resolveStore` needs besides the config's `store`. */
export interface ResolveStoreOptions {
  /** Where relative SQLite paths (and the default file) live. Default `process.cwd()`. */
  cwd?: string;
  logger: Logger;
  /** `NODE_ENV`: `memory:` warns under `production`. Default `process.env.NODE_ENV`. */
  nodeEnv?: string | undefined;
  /** Called once a store that opens lazily is open (the client starts crash recovery there). */
  onOpen?(store: Store): void;
}

/** The store a client uses, and whether the client opened it (and so closes it). */
export interface ResolvedStore {
  store: Store;
  /** False for a `Store` object from config: its owner closes it. */
  owned: boolean;
  /** How the store is named in messages, without a password. */
  description: string;
  /** True when the store opens on first use (and then calls `onOpen`); false when it is ready now. */
  opensLazily: boolean;
}

/**
 * Turns the config's `store` into a `Store`: a `Store` object is used as it is; `'memory:'` is
 * an in-memory store (with a warning under `NODE_ENV=production`); `'sqlite:<path>'`, a
 * PostgreSQL URL, or nothing (a SQLite file at `.paymux/state.db` under `cwd`) give a store that
 * opens on first use. Opening failures are `ConfigurationError`s that name the store, never its
 * password.
 *
 * @example
 * const { store } = resolveStore('postgres://app:secret@db:5432/payments', { logger });
 */
export function resolveStore(
  option: Store | string | undefined,
  options: ResolveStoreOptions,
): ResolvedStore {
  if (typeof option === 'object') {
    return { store: option, owned: false, description: 'the configured Store object', opensLazily: false };
  }
  const cwd = options.cwd ?? process.cwd();
  const location = parseStoreLocation(option ?? `sqlite:${DEFAULT_SQLITE_PATH}`, cwd);
  if ('issue' in location) {
    throw new ConfigurationError(`Invalid paymux config: store: ${location.issue}`, {
      field: 'store',
      issues: [{ path: 'store', message: location.issue }],
    });
  }
  const description = describeStoreLocation(location);
  if (location.kind === 'memory') {
    if ((options.nodeEnv ?? process.env.NODE_ENV) === 'production') {
      options.logger.warn(
        "paymux store 'memory:' keeps nothing across restarts: payments may be created twice and events announced again. Use the SQLite default or store: 'postgres://…' in production.",
        {},
      );
    }
    return { store: createMemoryStore(), owned: true, description, opensLazily: false };
  }
  const store = lazyStore(() => openStore(location, description), options.onOpen);
  return { store, owned: true, description, opensLazily: true };
}

async function openStore(location: Exclude<ParsedStoreLocation, { kind: 'memory' }>, description: string) {
  const hide = (text: string) =>
    hidePassword(text, location.kind === 'postgres' ? location.password : undefined);
  try {
    if (location.kind === 'sqlite') {
      await mkdir(dirname(location.path), { recursive: true });
      const module = (await import('@paymux/store-sqlite')) as unknown as SqliteStoreModule;
      return await module.createSqliteStore({ path: location.path });
    }
    let module: PostgresStoreModule;
    try {
      module = (await import('@paymux/store-postgres')) as unknown as PostgresStoreModule;
    } catch (error) {
      throw new ConfigurationError(
        `The paymux store ${description} needs the @paymux/store-postgres package: npm install @paymux/store-postgres (${hide((error as Error).message)})`,
        { field: 'store' },
      );
    }
    return await module.createPostgresStore({ connectionString: location.connectionString });
  } catch (error) {
    if (ConfigurationError.is(error) && error.field === 'store') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    // The store packages name the store themselves; anything else is given the name here.
    const message = ConfigurationError.is(error)
      ? hide(reason)
      : `Cannot open the paymux store ${description}: ${hide(reason)}`;
    throw new ConfigurationError(message, {
      field: 'store',
      // A database driver's error may carry the connection settings; only SQLite's is kept.
      cause: location.kind === 'sqlite' ? error : undefined,
    });
  }
}

/** `text` with the password, raw or URL-encoded, replaced by `***`. */
function hidePassword(text: string, password: string | undefined): string {
  if (password === undefined || password === '') return text;
  return text.split(password).join('***').split(encodeURIComponent(password)).join('***');
}
