import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';
import { claimAndSetBatchText } from './postgres-claim-batch';

/**
 * Every statement of the store over the tables of `s` (a quoted schema), named after a hash of
 * its text when prepared: stores on different schemas may share a pool (and its connections)
 * without two texts ever claiming one name.
 */
export function postgresStatements(
  s: string,
  prepared: boolean,
): Record<keyof ReturnType<typeof statementTexts>, QueryConfig> {
  const texts = statementTexts(s);
  const named = {} as Record<keyof typeof texts, QueryConfig>;
  for (const [key, text] of Object.entries(texts) as [keyof typeof texts, string][]) {
    named[key] = prepared
      ? { name: `paymux_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text }
      : { text };
  }
  return named;
}

function statementTexts(s: string) {
  return {
    claimEvent: `INSERT INTO ${s}.paymux_event_ids (id) VALUES ($1) ON CONFLICT DO NOTHING`,
    releaseEvent: `DELETE FROM ${s}.paymux_event_ids WHERE id = $1`,
    purgeEvents: `DELETE FROM ${s}.paymux_event_ids WHERE claimed_at < now() - $1 * interval '1 millisecond'`,
    getState: `SELECT version, state FROM ${s}.paymux_object_states WHERE key = $1`,
    insertState: `INSERT INTO ${s}.paymux_object_states (key, version, state) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING`,
    updateState: `UPDATE ${s}.paymux_object_states SET version = version + 1, state = $1 WHERE key = $2 AND version = $3`,
    // A webhook's claim and compare-and-set, batched with the others in flight.
    claimAndSetBatch: claimAndSetBatchText(s),
    insertRecord: `INSERT INTO ${s}.paymux_idempotency_records (key, state, started_at, record) VALUES ($1, $2, $3, $4)
      ON CONFLICT DO NOTHING`,
    getRecord: `SELECT record FROM ${s}.paymux_idempotency_records WHERE key = $1`,
    upsertRecord: `INSERT INTO ${s}.paymux_idempotency_records (key, state, started_at, record) VALUES ($1, $2, $3, $4)
      ON CONFLICT (key) DO UPDATE SET state = excluded.state, started_at = excluded.started_at, record = excluded.record`,
    deleteRecord: `DELETE FROM ${s}.paymux_idempotency_records WHERE key = $1`,
    unsettled: `SELECT record FROM ${s}.paymux_idempotency_records
      WHERE state <> 'succeeded' AND started_at < $1 ORDER BY started_at`,
    remember: `INSERT INTO ${s}.paymux_known_objects (account, kind, provider_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    isKnown: `SELECT 1 FROM ${s}.paymux_known_objects WHERE account = $1 AND kind = $2 AND provider_id = $3`,
    getValue: `SELECT value FROM ${s}.paymux_values WHERE namespace = $1 AND key = $2`,
    setValue: `INSERT INTO ${s}.paymux_values (namespace, key, value) VALUES ($1, $2, $3)
      ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value`,
    setValueIfAbsent: `INSERT INTO ${s}.paymux_values (namespace, key, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    deleteValue: `DELETE FROM ${s}.paymux_values WHERE namespace = $1 AND key = $2`,
    saveTracked: `INSERT INTO ${s}.paymux_tracked_objects (key, kind, account, object_id, deadline, attempt, next_poll_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, account = excluded.account, object_id = excluded.object_id,
        deadline = excluded.deadline, attempt = excluded.attempt, next_poll_at = excluded.next_poll_at`,
    // SKIP LOCKED: concurrent leasers pass over each other's rows instead of waiting, and the
    // re-check under the row lock drops a row another instance leased since this one looked.
    leaseDue: `WITH due AS (
        SELECT key FROM ${s}.paymux_tracked_objects
        WHERE next_poll_at <= $3 AND lease_until <= $3
        ORDER BY next_poll_at, key LIMIT $4
        FOR UPDATE SKIP LOCKED
      )
      UPDATE ${s}.paymux_tracked_objects AS t SET lease_owner = $1, lease_until = $2
      FROM due WHERE t.key = due.key
      RETURNING t.key, t.kind, t.account, t.object_id, t.deadline, t.attempt, t.next_poll_at`,
    finishPoll: `UPDATE ${s}.paymux_tracked_objects SET attempt = $1, next_poll_at = $2, lease_owner = NULL, lease_until = 0
      WHERE key = $3 AND lease_owner = $4`,
    removeTracked: `DELETE FROM ${s}.paymux_tracked_objects WHERE key = $1`,
    getTracked: `SELECT key, kind, account, object_id, deadline, attempt, next_poll_at
      FROM ${s}.paymux_tracked_objects WHERE key = $1`,
    nextPoll: `SELECT min(next_poll_at) AS next FROM ${s}.paymux_tracked_objects`,
    acquireSlot: `SELECT ${s}.paymux_acquire_rate_slot($1, $2, $3, $4, $5, $6, $7) AS wait`,
    releaseSlot: `DELETE FROM ${s}.paymux_rate_slots WHERE key = $1 AND slot_id = $2`,
    increment: `INSERT INTO ${s}.paymux_daily_counts AS c (key, day, count) VALUES ($1, $2, 1)
      ON CONFLICT (key, day) DO UPDATE SET count = c.count + 1 RETURNING count`,
    forgetOldDays: `DELETE FROM ${s}.paymux_daily_counts WHERE key = $1 AND day < to_char($2::date - 7, 'YYYY-MM-DD')`,
    getCount: `SELECT count FROM ${s}.paymux_daily_counts WHERE key = $1 AND day = $2`,
  };
}
