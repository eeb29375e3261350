import type Database from 'libsql';

/**
 * The schema, one migration per version. A migration is never edited once released: a change is
 * a new entry, so that every file, however old, reaches the same schema.
 */
export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE event_ids (
    id TEXT PRIMARY KEY,
    claimed_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX event_ids_claimed_at ON event_ids (claimed_at);

  CREATE TABLE object_states (
    key TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    state TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE idempotency_records (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    started_at TEXT NOT NULL,
    record TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX idempotency_records_unsettled ON idempotency_records (state, started_at);

  CREATE TABLE known_objects (
    account TEXT NOT NULL,
    kind TEXT NOT NULL,
    provider_id TEXT NOT NULL,
    PRIMARY KEY (account, kind, provider_id)
  ) WITHOUT ROWID;

  CREATE TABLE account_values (
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
  ) WITHOUT ROWID;

  CREATE TABLE tracked_objects (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    account TEXT NOT NULL,
    object_id TEXT NOT NULL,
    deadline INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    next_poll_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  CREATE INDEX tracked_objects_next_poll_at ON tracked_objects (next_poll_at);

  CREATE TABLE rate_starts (
    key TEXT NOT NULL,
    started_at INTEGER NOT NULL
  );
  CREATE INDEX rate_starts_key ON rate_starts (key, started_at);

  CREATE TABLE rate_slots (
    key TEXT NOT NULL,
    slot_id TEXT NOT NULL,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (key, slot_id)
  ) WITHOUT ROWID;

  CREATE TABLE daily_counts (
    key TEXT NOT NULL,
    day TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key, day)
  ) WITHOUT ROWID;
  `,
];

/** The schema version a file written by a newer paymux carries: refused rather than misread. */
export class SchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(`the file has schema version ${found}; this paymux knows up to ${sqliteMigrations.length}`);
  }
}

/**
 * Brings the file to the latest schema. One `BEGIN IMMEDIATE` transaction: processes starting
 * together on a fresh file take turns, and the second finds the work done.
 */
export function migrateSqlite(db: Database.Database): void {
  db.transaction(() => {
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    if (current > sqliteMigrations.length) throw new SchemaTooNewError(current);
    const record = db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)');
    for (let version = current + 1; version <= sqliteMigrations.length; version++) {
      db.exec(sqliteMigrations[version - 1]!);
      record.run(version, new Date().toISOString());
    }
  }).immediate();
}
