import type { PoolClient } from 'pg';

/** A schema name as a quoted identifier, e.g. `"paymux"`. */
export type QuotedSchema = string;

// Any constant shared by every paymux process: the first key of the migrations' advisory lock.
const MIGRATION_LOCK_CLASS = 1_886_221_633;
/** The first key of the per-limiter advisory lock (the second is `hashtext(key)`). */
export const RATE_SLOT_LOCK_CLASS = 1_886_221_632;

/**
 * The schema, one migration per version, over the tables' schema `s`. A migration is never
 * edited once released: a change is a new entry, so every database reaches the same schema.
 */
export const postgresMigrations: readonly ((s: QuotedSchema) => string)[] = [
  (s) => `
  CREATE TABLE ${s}.paymux_event_ids (
    id text PRIMARY KEY,
    claimed_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX paymux_event_ids_claimed_at ON ${s}.paymux_event_ids (claimed_at);

  CREATE TABLE ${s}.paymux_object_states (
    key text PRIMARY KEY,
    version integer NOT NULL,
    state text NOT NULL
  );

  CREATE TABLE ${s}.paymux_idempotency_records (
    key text PRIMARY KEY,
    state text NOT NULL,
    started_at text NOT NULL,
    record text NOT NULL
  );
  CREATE INDEX paymux_idempotency_records_unsettled
    ON ${s}.paymux_idempotency_records (started_at) WHERE state <> 'succeeded';

  CREATE TABLE ${s}.paymux_known_objects (
    account text NOT NULL,
    kind text NOT NULL,
    provider_id text NOT NULL,
    PRIMARY KEY (account, kind, provider_id)
  );

  CREATE TABLE ${s}.paymux_values (
    namespace text NOT NULL,
    key text NOT NULL,
    value text NOT NULL,
    PRIMARY KEY (namespace, key)
  );

  CREATE TABLE ${s}.paymux_tracked_objects (
    key text PRIMARY KEY,
    kind text NOT NULL,
    account text NOT NULL,
    object_id text NOT NULL,
    deadline bigint NOT NULL,
    attempt integer NOT NULL,
    next_poll_at bigint NOT NULL,
    lease_owner text,
    lease_until bigint NOT NULL DEFAULT 0
  );
  CREATE INDEX paymux_tracked_objects_next_poll_at ON ${s}.paymux_tracked_objects (next_poll_at);

  CREATE TABLE ${s}.paymux_rate_starts (
    key text NOT NULL,
    started_at bigint NOT NULL
  );
  CREATE INDEX paymux_rate_starts_key ON ${s}.paymux_rate_starts (key, started_at);

  CREATE TABLE ${s}.paymux_rate_slots (
    key text NOT NULL,
    slot_id text NOT NULL,
    holder text NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (key, slot_id)
  );

  CREATE TABLE ${s}.paymux_daily_counts (
    key text NOT NULL,
    day text NOT NULL,
    count integer NOT NULL,
    PRIMARY KEY (key, day)
  );

  -- One round trip per acquisition, serialized per limiter key by an advisory lock taken before
  -- anything is read: PL/pgSQL statements after it see every slot committed while it waited.
  -- Timed by the database's clock, the one clock every instance shares. Returns 0 when granted,
  -- else the milliseconds to wait.
  CREATE FUNCTION ${s}.paymux_acquire_rate_slot(
    p_key text, p_per_window integer, p_in_flight integer, p_window_ms bigint, p_lease_ms bigint,
    p_holder text, p_slot_id text
  ) RETURNS bigint LANGUAGE plpgsql AS $fn$
  DECLARE
    v_now bigint;
    v_held integer;
    v_oldest bigint;
  BEGIN
    PERFORM pg_advisory_xact_lock(${RATE_SLOT_LOCK_CLASS}, hashtext(p_key));
    v_now := floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint;
    DELETE FROM ${s}.paymux_rate_starts WHERE key = p_key AND started_at <= v_now - p_window_ms;
    DELETE FROM ${s}.paymux_rate_slots WHERE key = p_key AND expires_at <= v_now;
    IF p_in_flight IS NOT NULL THEN
      SELECT count(*) INTO v_held FROM ${s}.paymux_rate_slots WHERE key = p_key;
      IF v_held >= p_in_flight THEN
        RETURN 10;
      END IF;
    END IF;
    IF p_per_window IS NOT NULL THEN
      SELECT started_at INTO v_oldest FROM ${s}.paymux_rate_starts WHERE key = p_key
        ORDER BY started_at DESC LIMIT 1 OFFSET greatest(p_per_window - 1, 0);
      IF FOUND THEN
        RETURN greatest(1, v_oldest + p_window_ms - v_now);
      END IF;
    END IF;
    INSERT INTO ${s}.paymux_rate_starts (key, started_at) VALUES (p_key, v_now);
    INSERT INTO ${s}.paymux_rate_slots (key, slot_id, holder, expires_at)
      VALUES (p_key, p_slot_id, p_holder, v_now + p_lease_ms);
    RETURN 0;
  END
  $fn$;
  `,
];

/** The database holds a schema version this paymux does not know: refused rather than misread. */
export class PostgresSchemaTooNewError extends Error {
  constructor(readonly found: number) {
    super(
      `the database has paymux schema version ${found}; this paymux knows up to ${postgresMigrations.length}`,
    );
  }
}

/**
 * Brings the schema to the latest version in one transaction, under an advisory lock: instances
 * starting together take turns, and the later ones find the work done.
 */
export async function migratePostgres(client: PoolClient, schema: QuotedSchema, createSchema: boolean) {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
    if (createSchema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${schema}.paymux_schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${schema}.paymux_schema_version`,
    );
    const current = rows[0]?.version ?? 0;
    if (current > postgresMigrations.length) throw new PostgresSchemaTooNewError(current);
    for (let version = current + 1; version <= postgresMigrations.length; version++) {
      await client.query(postgresMigrations[version - 1]!(schema));
      await client.query(`INSERT INTO ${schema}.paymux_schema_version (version) VALUES ($1)`, [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
