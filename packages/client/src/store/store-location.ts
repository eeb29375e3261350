import { isAbsolute, resolve } from 'node:path';

/**
 * Where the client keeps its state, written as plain data (so a JSON config file can say it):
 * `'sqlite:<path>'` (relative paths from the working directory), `'postgres://user:pass@host/db'`
 * (or `postgresql://`), or `'memory:'` (tests only: everything is lost at exit).
 *
 * @example
 * createPaymux({ providers, store: 'sqlite:/var/lib/shop/paymux.db' });
 * createPaymux({ providers, store: process.env.DATABASE_URL as StoreLocation });
 */
export type StoreLocation =
  | `sqlite:${string}`
  | `postgres://${string}`
  | `postgresql://${string}`
  | 'memory:';

/** The SQLite file used when the config names no store, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = '.paymux/state.db';

/** A store location, checked and taken apart. */
export type ParsedStoreLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; connectionString: string; password: string | undefined }
  | { kind: 'memory' };

/** The one message for a malformed location; it never repeats the value, which may hold a password. */
export const STORE_LOCATION_HINT =
  "must be 'sqlite:<path>', 'postgres://user:password@host:5432/db', 'memory:' or a Store object";

/**
 * Checks and takes apart a store location; a relative SQLite path is resolved against `cwd`.
 * Returns a message (without the value) when the location is malformed.
 *
 * @example
 * parseStoreLocation('sqlite:data/state.db', '/srv/shop') // { kind: 'sqlite', path: '/srv/shop/data/state.db' }
 */
export function parseStoreLocation(value: string, cwd: string): ParsedStoreLocation | { issue: string } {
  if (value === 'memory:') return { kind: 'memory' };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path.trim() === '') return { issue: `${STORE_LOCATION_HINT} (the sqlite path is empty)` };
    return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (value.startsWith('postgres://') || value.startsWith('postgresql://')) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { issue: `${STORE_LOCATION_HINT} (the postgres URL does not parse)` };
    }
    if (url.hostname === '' && !url.searchParams.has('host')) {
      return { issue: `${STORE_LOCATION_HINT} (the postgres URL names no host)` };
    }
    const password = url.password === '' ? undefined : decodeURIComponent(url.password);
    return { kind: 'postgres', connectionString: value, password };
  }
  return { issue: STORE_LOCATION_HINT };
}

/**
 * How a store is named in messages and logs: the SQLite path, or the PostgreSQL URL with its
 * password (and any `password` query parameter) replaced by `***`.
 *
 * @example
 * describeStoreLocation({ kind: 'postgres', connectionString: 'postgres://app:s3cret@db/pay', password: 's3cret' })
 * // 'postgres://app:***@db/pay'
 */
export function describeStoreLocation(location: ParsedStoreLocation): string {
  if (location.kind === 'memory') return 'memory:';
  if (location.kind === 'sqlite') return `sqlite:${location.path}`;
  const url = new URL(location.connectionString);
  if (url.password !== '') url.password = '***';
  if (url.searchParams.has('password')) url.searchParams.set('password', '***');
  return url.toString().replace('%2A%2A%2A', '***');
}

/** The password a store location carries (a PostgreSQL URL's), to redact it wherever it could show. */
export function storeLocationPassword(value: string): string | undefined {
  const location = parseStoreLocation(value, '/');
  return 'kind' in location && location.kind === 'postgres' ? location.password : undefined;
}
