import { randomUUID } from 'node:crypto';
import {
  KnownObjectCache,
  ConfigurationError,
  type IdempotencyRecord,
  type ObjectState,
  type Store,
  type StoredValue,
  type TrackedObjectRecord,
} from '@paymux/core';
import pg from 'pg';
import { createPostgresClaimBatch } from './postgres-claim-batch';
import { describePostgres, locationOfUrl, type PostgresLocation, scrub } from './postgres-location';
import { migratePostgres } from './postgres-schema';
import { postgresStatements } from './postgres-statements';

interface CommonOptions {
  /**
   * The PostgreSQL schema of paymux's tables (`paymux_*`), created when missing. Default
   * `public`.
   */
  schema?: string;
  /** How long a webhook event id is remembered, in milliseconds. Default 30 days. */
  eventIdRetentionMs?: number;
  /**
   * Named prepared statements, parsed and planned once per connection (about a third of a simple
   * statement's server time). Turn off behind a PgBouncer in transaction mode older than 1.21
   * (or without `max_prepared_statements`). Default true.
   */
  preparedStatements?: boolean;
}

/** Options of `createPostgresStore`: a connection string (the store owns its pool) or your pool. */
export type PostgresStoreOptions =
  | (CommonOptions & {
      /** `postgres://user:password@host:5432/db`; the password never appears in an error. */
      connectionString: string;
      /** The pool's size. Default 10; see the README on sizing. */
      maxConnections?: number;
      /** How long to wait for a connection, in milliseconds. Default 10,000. */
      connectionTimeoutMs?: number;
    })
  | (CommonOptions & {
      /** A pool you own: `close()` leaves it open. */
      pool: pg.Pool;
    });

const DAY_MS = 86_400_000;
const PURGE_EVERY_CLAIMS = 1_000;

interface TrackedRow {
  key: string;
  kind: 'payment' | 'payout';
  account: string;
  object_id: string;
  deadline: string;
  attempt: number;
  next_poll_at: string;
}

// Times are bigint milliseconds here; a caller's jittered or computed time may carry a fraction,
// which PostgreSQL refuses for bigint: round it rather than fail the write.
const ms = (value: number): number => Math.round(value);

const trackedRecord = (row: TrackedRow): TrackedObjectRecord => ({
  key: row.key,
  kind: row.kind,
  account: row.account,
  objectId: row.object_id,
  deadline: Number(row.deadline),
  attempt: row.attempt,
  nextPollAt: Number(row.next_poll_at),
});

/**
 * A `Store` on PostgreSQL, for several instances sharing state: versioned migrations at start
 * (under an advisory lock), every claim and compare-and-set one atomic statement (a webhook's
 * claim with its compare-and-set too), tracked-object leases taken with `FOR UPDATE SKIP LOCKED`,
 * and rate slots counted by the database's clock
 * under a per-limiter lock, so that limits hold across every instance. An unreachable or
 * misconfigured database fails here with a `ConfigurationError` naming it without its password.
 *
 * @example
 * const store = await createPostgresStore({ connectionString: process.env.DATABASE_URL! });
 * const paymux = createPaymux({ providers, store });
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schemaName = options.schema ?? 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schemaName)) {
    throw new ConfigurationError(
      `Invalid PostgreSQL store schema ${JSON.stringify(schemaName)}: use letters, digits and _`,
      {
        field: 'schema',
      },
    );
  }
  const schema = `"${schemaName}"`;
  const owned = 'connectionString' in options;
  let location: PostgresLocation;
  let password: string | undefined;
  let pool: pg.Pool;
  if (owned) {
    const parsed = locationOfUrl(options.connectionString);
    password = parsed.password;
    location = parsed;
    pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    });
    // An idle connection the server dropped: the pool discards it and the next query opens another.
    pool.on('error', () => {});
  } else {
    pool = options.pool;
    const poolOptions = pool.options as pg.PoolConfig;
    const parsed = poolOptions.connectionString ? locationOfUrl(poolOptions.connectionString) : {};
    password = typeof poolOptions.password === 'string' ? poolOptions.password : parsed.password;
    location = { ...parsed, ...definedOnly(poolOptions) };
  }
  const description = describePostgres(location);

  try {
    const client = await pool.connect();
    try {
      await migratePostgres(client, schema, schemaName !== 'public');
    } finally {
      client.release();
    }
  } catch (error) {
    if (owned) await pool.end().catch(() => {});
    throw new ConfigurationError(
      `Could not open the paymux store ${description}: ${scrub(messageOf(error), [password])}`,
      { cause: scrubbedCause(error, [password]) },
    );
  }
  return postgresStoreOn(
    pool,
    owned,
    schema,
    options.eventIdRetentionMs ?? 30 * DAY_MS,
    options.preparedStatements ?? true,
  );
}

function definedOnly(options: pg.PoolConfig): PostgresLocation {
  const found: PostgresLocation = {};
  if (options.user) found.user = options.user;
  if (options.host) found.host = options.host;
  if (options.port) found.port = options.port;
  if (options.database) found.database = options.database;
  return found;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return error.errors.map((inner) => messageOf(inner)).join('; ');
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** A copy of the driver's error with its message scrubbed and no reference to the connection. */
function scrubbedCause(error: unknown, secrets: readonly (string | undefined)[]): Error {
  const cause = new Error(scrub(messageOf(error), secrets));
  cause.name = error instanceof Error ? error.name : 'Error';
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') Object.assign(cause, { code });
  return cause;
}

function postgresStoreOn(
  pool: pg.Pool,
  owned: boolean,
  schema: string,
  retentionMs: number,
  preparedStatements: boolean,
): Store {
  const sql = postgresStatements(schema, preparedStatements);
  const rows = async <Row extends pg.QueryResultRow>(query: pg.QueryConfig, values: unknown[]) =>
    (await pool.query<Row>({ ...query, values })).rows;
  const changed = async (query: pg.QueryConfig, values: unknown[]) =>
    (await pool.query({ ...query, values })).rowCount === 1;
  // Event ids past their retention are deleted at the first claim, then once per thousand.
  let claimsSincePurge = PURGE_EVERY_CLAIMS - 1;
  let closed = false;
  const purgeEvents = () => {
    claimsSincePurge = 0;
    return pool.query({ ...sql.purgeEvents, values: [retentionMs] });
  };

  // The webhooks in flight together: one statement, one round trip (postgres-claim-batch.ts).
  const claimAndSet = createPostgresClaimBatch(pool, sql.claimAndSetBatch);

  const knownObjects = new KnownObjectCache();
  const store: Store = {
    async claimEventId(eventId) {
      if (++claimsSincePurge >= PURGE_EVERY_CLAIMS) await purgeEvents();
      return changed(sql.claimEvent, [eventId]);
    },
    async releaseEventId(eventId) {
      await pool.query({ ...sql.releaseEvent, values: [eventId] });
    },

    async getObjectState(key) {
      const [row] = await rows<{ version: number; state: string }>(sql.getState, [key]);
      return row ? { state: JSON.parse(row.state) as ObjectState, version: row.version } : undefined;
    },
    async compareAndSetObjectState(key, expectedVersion, state) {
      const text = JSON.stringify(state);
      return expectedVersion === undefined
        ? changed(sql.insertState, [key, text])
        : changed(sql.updateState, [text, key, expectedVersion]);
    },
    async claimEventAndSetObjectState(eventId, key, expectedVersion, state) {
      // Not awaited: this call joins the batch of the webhooks in flight; a failed purge is
      // retried a thousand claims later.
      if (++claimsSincePurge >= PURGE_EVERY_CLAIMS) purgeEvents().catch(() => {});
      return claimAndSet({ eventId, key, expectedVersion, state: JSON.stringify(state) });
    },

    async createIdempotencyRecord(record) {
      const text = JSON.stringify(record);
      if (await changed(sql.insertRecord, [record.key, record.state, record.startedAt, text]))
        return undefined;
      // The record may have been deleted in between: then this call's insert is retried.
      return (await store.getIdempotencyRecord(record.key)) ?? store.createIdempotencyRecord(record);
    },
    async getIdempotencyRecord(key) {
      const [row] = await rows<{ record: string }>(sql.getRecord, [key]);
      return row ? (JSON.parse(row.record) as IdempotencyRecord) : undefined;
    },
    async updateIdempotencyRecord(record) {
      await pool.query({
        ...sql.upsertRecord,
        values: [record.key, record.state, record.startedAt, JSON.stringify(record)],
      });
    },
    async deleteIdempotencyRecord(key) {
      await pool.query({ ...sql.deleteRecord, values: [key] });
    },
    async listUnsettledIdempotencyRecords(before) {
      const found = await rows<{ record: string }>(sql.unsettled, [before]);
      return found.map((row) => JSON.parse(row.record) as IdempotencyRecord);
    },

    async rememberObject(account, kind, providerId) {
      await pool.query({ ...sql.remember, values: [account, kind, providerId] });
      knownObjects.add(account, kind, providerId);
    },
    async isKnownObject(account, kind, providerId) {
      // A webhook asks this before its claim: answered from memory, it costs no round trip.
      if (knownObjects.has(account, kind, providerId)) return true;
      const known = (await rows(sql.isKnown, [account, kind, providerId])).length > 0;
      if (known) knownObjects.add(account, kind, providerId);
      return known;
    },

    async getValue(namespace, key) {
      const [row] = await rows<{ value: string }>(sql.getValue, [namespace, key]);
      return row ? (JSON.parse(row.value) as StoredValue) : undefined;
    },
    async setValue(namespace, key, value) {
      await pool.query({ ...sql.setValue, values: [namespace, key, JSON.stringify(value)] });
    },
    async setValueIfAbsent(namespace, key, value) {
      return changed(sql.setValueIfAbsent, [namespace, key, JSON.stringify(value)]);
    },
    async deleteValue(namespace, key) {
      await pool.query({ ...sql.deleteValue, values: [namespace, key] });
    },

    async saveTrackedObject(record) {
      await pool.query({
        ...sql.saveTracked,
        values: [
          record.key,
          record.kind,
          record.account,
          record.objectId,
          ms(record.deadline),
          record.attempt,
          ms(record.nextPollAt),
        ],
      });
    },
    async leaseDueTrackedObjects(owner, { now, leaseMs, limit }) {
      const leased = await rows<TrackedRow>(sql.leaseDue, [owner, ms(now + leaseMs), ms(now), limit]);
      // RETURNING gives rows in no promised order: hand them out earliest first.
      return leased
        .map(trackedRecord)
        .sort((a, b) => a.nextPollAt - b.nextPollAt || (a.key < b.key ? -1 : 1));
    },
    async finishTrackedPoll(key, owner, next) {
      return changed(sql.finishPoll, [next.attempt, ms(next.nextPollAt), key, owner]);
    },
    async removeTrackedObject(key) {
      await pool.query({ ...sql.removeTracked, values: [key] });
    },
    async getTrackedObject(key) {
      const [row] = await rows<TrackedRow>(sql.getTracked, [key]);
      return row ? trackedRecord(row) : undefined;
    },
    async nextTrackedPollAt() {
      const [row] = await rows<{ next: string | null }>(sql.nextPoll, []);
      return row?.next == null ? undefined : Number(row.next);
    },

    async acquireRateSlot(request) {
      const slotId = randomUUID();
      const [row] = await rows<{ wait: string }>(sql.acquireSlot, [
        request.key,
        request.requestsPerSecond ?? null,
        request.inFlight ?? null,
        ms(request.windowMs),
        ms(request.leaseMs),
        request.holder,
        slotId,
      ]);
      const wait = Number(row?.wait ?? 1);
      return wait === 0 ? { granted: true, slotId } : { granted: false, retryInMs: wait };
    },
    async releaseRateSlot(key, slotId) {
      await pool.query({ ...sql.releaseSlot, values: [key, slotId] });
    },

    async incrementDailyCount(key, day) {
      const [row] = await rows<{ count: number }>(sql.increment, [key, day]);
      if (row?.count === 1) await pool.query({ ...sql.forgetOldDays, values: [key, day] });
      return row?.count ?? 0;
    },
    async getDailyCount(key, day) {
      const [row] = await rows<{ count: number }>(sql.getCount, [key, day]);
      return row?.count ?? 0;
    },

    async close() {
      if (closed) return;
      closed = true;
      if (owned) await pool.end();
    },
  };
  return store;
}
