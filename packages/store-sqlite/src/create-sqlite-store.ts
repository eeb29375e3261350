import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  KnownObjectCache,
  ConfigurationError,
  type IdempotencyRecord,
  type ObjectState,
  type Store,
  type StoredValue,
  type TrackedObjectRecord,
  type VersionedObjectState,
} from '@paymux/core';
import Database from 'libsql';
import { createSqliteClaimBatch } from './sqlite-claim-batch';
import { createSqliteRateSlots } from './sqlite-rate-slots';
import { migrateSqlite } from './sqlite-schema';

/** Options of `createSqliteStore`. */
export interface SqliteStoreOptions {
  /** The database file; its directory is created when missing. */
  path: string;
  /**
   * How long a webhook event id is remembered, in milliseconds. Providers retry a notification
   * for hours or days, never for weeks. Default 30 days.
   */
  eventIdRetentionMs?: number;
  /**
   * How long a statement waits for another process's write lock before failing, in milliseconds.
   * Default 5,000.
   */
  busyTimeoutMs?: number;
  /** Wall clock in epoch milliseconds (event-id retention, rate slots); injectable for tests. */
  now?: () => number;
}

const DAY_MS = 86_400_000;
// Expired event ids are deleted at opening and then once per this many claims.
const PURGE_EVERY_CLAIMS = 1_000;

interface TrackedRow {
  key: string;
  kind: 'payment' | 'payout';
  account: string;
  object_id: string;
  deadline: number;
  attempt: number;
  next_poll_at: number;
}

const trackedRecord = (row: TrackedRow): TrackedObjectRecord => ({
  key: row.key,
  kind: row.kind,
  account: row.account,
  objectId: row.object_id,
  deadline: row.deadline,
  attempt: row.attempt,
  nextPollAt: row.next_poll_at,
});

/** `day` (`YYYY-MM-DD`) minus a week: daily counters older than that are never read again. */
const weekBefore = (day: string): string => {
  const time = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(time) ? day : new Date(time - 7 * DAY_MS).toISOString().slice(0, 10);
};

/**
 * The durable default `Store`: one SQLite file in WAL mode, which several processes on one
 * machine may share. Every claim and compare-and-set is one statement; what takes several
 * statements (a webhook's claim with its state, leases, rate slots, migrations) runs in a `BEGIN IMMEDIATE` transaction, so
 * processes take turns on the file's write lock (waiting up to `busyTimeoutMs`). Opening fails
 * with a `ConfigurationError` naming the file.
 *
 * @example
 * const store = await createSqliteStore({ path: '.paymux/state.db' });
 * const paymux = createPaymux({ providers, store });
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const path = resolve(options.path);
  const clock = options.now ?? (() => Date.now());
  const retentionMs = options.eventIdRetentionMs ?? 30 * DAY_MS;
  let db: Database.Database;
  try {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5_000 });
  } catch (error) {
    throw new ConfigurationError(
      `Could not open the paymux store sqlite:${path}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  try {
    db.exec('PRAGMA journal_mode = WAL');
    // NORMAL is durable in WAL mode against a process crash; only a power loss may lose the
    // last transactions, never corrupt the file.
    db.exec('PRAGMA synchronous = NORMAL');
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw new ConfigurationError(
      `Could not prepare the paymux store sqlite:${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return sqliteStoreOn(db, clock, retentionMs);
}

function sqliteStoreOn(db: Database.Database, clock: () => number, retentionMs: number): Store {
  const sql = (source: string) => db.prepare(source);
  const statements = {
    claimEvent: sql('INSERT INTO event_ids (id, claimed_at) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    releaseEvent: sql('DELETE FROM event_ids WHERE id = ?'),
    purgeEvents: sql('DELETE FROM event_ids WHERE claimed_at < ?'),
    getState: sql('SELECT version, state FROM object_states WHERE key = ?'),
    insertState: sql(
      'INSERT INTO object_states (key, version, state) VALUES (?, 1, ?) ON CONFLICT DO NOTHING',
    ),
    updateState: sql(
      'UPDATE object_states SET version = version + 1, state = ? WHERE key = ? AND version = ?',
    ),
    insertRecord: sql(
      'INSERT INTO idempotency_records (key, state, started_at, record) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    getRecord: sql('SELECT record FROM idempotency_records WHERE key = ?'),
    upsertRecord: sql(
      `INSERT INTO idempotency_records (key, state, started_at, record) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET state = excluded.state, started_at = excluded.started_at, record = excluded.record`,
    ),
    deleteRecord: sql('DELETE FROM idempotency_records WHERE key = ?'),
    unsettled: sql(
      "SELECT record FROM idempotency_records WHERE state IN ('pending', 'ambiguous') AND started_at < ? ORDER BY started_at",
    ),
    remember: sql(
      'INSERT INTO known_objects (account, kind, provider_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    isKnown: sql('SELECT 1 AS found FROM known_objects WHERE account = ? AND kind = ? AND provider_id = ?'),
    getValue: sql('SELECT value FROM account_values WHERE namespace = ? AND key = ?'),
    setValue: sql(
      `INSERT INTO account_values (namespace, key, value) VALUES (?, ?, ?)
       ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value`,
    ),
    setValueIfAbsent: sql(
      'INSERT INTO account_values (namespace, key, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    deleteValue: sql('DELETE FROM account_values WHERE namespace = ? AND key = ?'),
    saveTracked: sql(
      `INSERT INTO tracked_objects (key, kind, account, object_id, deadline, attempt, next_poll_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, account = excluded.account,
         object_id = excluded.object_id, deadline = excluded.deadline, attempt = excluded.attempt,
         next_poll_at = excluded.next_poll_at`,
    ),
    // One statement: the subquery and the update see the same snapshot under the write lock.
    leaseDue: sql(
      `UPDATE tracked_objects SET lease_owner = ?, lease_until = ?
       WHERE key IN (SELECT key FROM tracked_objects WHERE next_poll_at <= ? AND lease_until <= ?
                     ORDER BY next_poll_at, key LIMIT ?)
       RETURNING key, kind, account, object_id, deadline, attempt, next_poll_at`,
    ),
    finishPoll: sql(
      `UPDATE tracked_objects SET attempt = ?, next_poll_at = ?, lease_owner = NULL, lease_until = 0
       WHERE key = ? AND lease_owner = ?`,
    ),
    removeTracked: sql('DELETE FROM tracked_objects WHERE key = ?'),
    getTracked: sql(
      'SELECT key, kind, account, object_id, deadline, attempt, next_poll_at FROM tracked_objects WHERE key = ?',
    ),
    nextPoll: sql('SELECT MIN(next_poll_at) AS next FROM tracked_objects'),
    increment: sql(
      `INSERT INTO daily_counts (key, day, count) VALUES (?, ?, 1)
       ON CONFLICT (key, day) DO UPDATE SET count = count + 1 RETURNING count`,
    ),
    forgetOldDays: sql('DELETE FROM daily_counts WHERE key = ? AND day < ?'),
    getCount: sql('SELECT count FROM daily_counts WHERE key = ? AND day = ?'),
  };
  const writeState = (key: string, expectedVersion: number | undefined, text: string): boolean =>
    (expectedVersion === undefined
      ? statements.insertState.run(key, text)
      : statements.updateState.run(text, key, expectedVersion)
    ).changes === 1;
  const readState = (key: string): VersionedObjectState | undefined => {
    const row = statements.getState.get(key) as { version: number; state: string } | undefined;
    return row ? { state: JSON.parse(row.state) as ObjectState, version: row.version } : undefined;
  };
  // In one BEGIN IMMEDIATE transaction with the other webhooks in flight (sqlite-claim-batch.ts):
  // no other process writes between a claim and its compare-and-set, and one commit serves all.
  const claimAndSet = createSqliteClaimBatch(db, ({ eventId, key, expectedVersion, state }) => {
    if (statements.claimEvent.run(eventId, clock()).changes !== 1) return { claimed: false };
    if (writeState(key, expectedVersion, state)) return { claimed: true, written: true };
    return { claimed: true, written: false, current: readState(key) };
  });
  const rateSlots = createSqliteRateSlots(db, clock);
  let claimsSincePurge = 0;
  let closed = false;
  const purgeEvents = () => {
    claimsSincePurge = 0;
    statements.purgeEvents.run(clock() - retentionMs);
  };
  purgeEvents();

  const knownObjects = new KnownObjectCache();
  const store: Store = {
    async claimEventId(eventId) {
      if (++claimsSincePurge >= PURGE_EVERY_CLAIMS) purgeEvents();
      return statements.claimEvent.run(eventId, clock()).changes === 1;
    },
    async releaseEventId(eventId) {
      statements.releaseEvent.run(eventId);
    },

    async getObjectState(key) {
      return readState(key);
    },
    async compareAndSetObjectState(key, expectedVersion, state) {
      return writeState(key, expectedVersion, JSON.stringify(state));
    },
    async claimEventAndSetObjectState(eventId, key, expectedVersion, state) {
      if (++claimsSincePurge >= PURGE_EVERY_CLAIMS) purgeEvents();
      return claimAndSet({ eventId, key, expectedVersion, state: JSON.stringify(state) });
    },

    async createIdempotencyRecord(record) {
      const inserted = statements.insertRecord.run(
        record.key,
        record.state,
        record.startedAt,
        JSON.stringify(record),
      );
      if (inserted.changes === 1) return undefined;
      // The record may have been deleted in between: then this call's insert is retried.
      return (await store.getIdempotencyRecord(record.key)) ?? store.createIdempotencyRecord(record);
    },
    async getIdempotencyRecord(key) {
      const row = statements.getRecord.get(key) as { record: string } | undefined;
      return row ? (JSON.parse(row.record) as IdempotencyRecord) : undefined;
    },
    async updateIdempotencyRecord(record) {
      statements.upsertRecord.run(record.key, record.state, record.startedAt, JSON.stringify(record));
    },
    async deleteIdempotencyRecord(key) {
      statements.deleteRecord.run(key);
    },
    async listUnsettledIdempotencyRecords(before) {
      const rows = statements.unsettled.all(before) as { record: string }[];
      return rows.map((row) => JSON.parse(row.record) as IdempotencyRecord);
    },

    async rememberObject(account, kind, providerId) {
      statements.remember.run(account, kind, providerId);
      knownObjects.add(account, kind, providerId);
    },
    async isKnownObject(account, kind, providerId) {
      if (knownObjects.has(account, kind, providerId)) return true;
      const known = statements.isKnown.get(account, kind, providerId) !== undefined;
      if (known) knownObjects.add(account, kind, providerId);
      return known;
    },

    async getValue(namespace, key) {
      const row = statements.getValue.get(namespace, key) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as StoredValue) : undefined;
    },
    async setValue(namespace, key, value) {
      statements.setValue.run(namespace, key, JSON.stringify(value));
    },
    async setValueIfAbsent(namespace, key, value) {
      return statements.setValueIfAbsent.run(namespace, key, JSON.stringify(value)).changes === 1;
    },
    async deleteValue(namespace, key) {
      statements.deleteValue.run(namespace, key);
    },

    async saveTrackedObject(record) {
      statements.saveTracked.run(
        record.key,
        record.kind,
        record.account,
        record.objectId,
        record.deadline,
        record.attempt,
        record.nextPollAt,
      );
    },
    async leaseDueTrackedObjects(owner, { now, leaseMs, limit }) {
      const rows = statements.leaseDue.all(owner, now + leaseMs, now, now, limit) as TrackedRow[];
      // RETURNING gives rows in no promised order: hand them out earliest first.
      return rows
        .sort((a, b) => a.next_poll_at - b.next_poll_at || (a.key < b.key ? -1 : 1))
        .map(trackedRecord);
    },
    async finishTrackedPoll(key, owner, next) {
      return statements.finishPoll.run(next.attempt, next.nextPollAt, key, owner).changes === 1;
    },
    async removeTrackedObject(key) {
      statements.removeTracked.run(key);
    },
    async getTrackedObject(key) {
      const row = statements.getTracked.get(key) as TrackedRow | undefined;
      return row ? trackedRecord(row) : undefined;
    },
    async nextTrackedPollAt() {
      const row = statements.nextPoll.get() as { next: number | null };
      return row.next ?? undefined;
    },

    async acquireRateSlot(request) {
      return rateSlots.acquire(request);
    },
    async releaseRateSlot(key, slotId) {
      rateSlots.release(key, slotId);
    },

    async incrementDailyCount(key, day) {
      const { count } = statements.increment.get(key, day) as { count: number };
      if (count === 1) statements.forgetOldDays.run(key, weekBefore(day));
      return count;
    },
    async getDailyCount(key, day) {
      const row = statements.getCount.get(key, day) as { count: number } | undefined;
      return row?.count ?? 0;
    },

    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
  return store;
}
