import type { EventClaimAndSetResult, ObjectState } from '@paymux/core';
import type pg from 'pg';

/** One webhook's claim and compare-and-set, as `claimEventAndSetObjectState` receives it. */
export interface PostgresClaimAndSet {
  eventId: string;
  key: string;
  expectedVersion: number | undefined;
  /** The state, as JSON. */
  state: string;
}

interface Waiting {
  request: PostgresClaimAndSet;
  resolve(result: EventClaimAndSetResult): void;
  reject(error: unknown): void;
}

interface BatchRow {
  n: string;
  claimed: boolean;
  written: boolean;
  version: number | null;
  state: string | null;
}

/**
 * Every claim and compare-and-set of `$1…$4` (arrays) in one statement, one row each in input
 * order. The rows of one batch name distinct event ids and distinct objects, so each one's claim
 * and write depend on no other: one statement for all is what separate ones in any order would
 * do. A write happens only for an id this statement claimed. The state returned when not written
 * is the one the statement's snapshot saw: a writer that committed since makes the caller's next
 * compare-and-set fail, and the caller reads again.
 */
export function claimAndSetBatchText(s: string): string {
  return `WITH input AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::text[])
        WITH ORDINALITY AS i (id, key, expected, state, n)
    ), claim AS (
      INSERT INTO ${s}.paymux_event_ids (id) SELECT id FROM input ORDER BY id
        ON CONFLICT DO NOTHING RETURNING id
    ), inserted AS (
      INSERT INTO ${s}.paymux_object_states (key, version, state)
        SELECT i.key, 1, i.state FROM input AS i JOIN claim AS c ON c.id = i.id
        WHERE i.expected IS NULL ORDER BY i.key
        ON CONFLICT DO NOTHING RETURNING key
    ), updated AS (
      UPDATE ${s}.paymux_object_states AS o SET version = o.version + 1, state = i.state
        FROM input AS i JOIN claim AS c ON c.id = i.id
        WHERE o.key = i.key AND i.expected IS NOT NULL AND o.version = i.expected
        RETURNING o.key
    )
    SELECT i.n, c.id IS NOT NULL AS claimed,
      (i.key IN (SELECT key FROM inserted) OR i.key IN (SELECT key FROM updated)) AS written,
      found.version, found.state
    FROM input AS i
    LEFT JOIN claim AS c ON c.id = i.id
    LEFT JOIN ${s}.paymux_object_states AS found ON found.key = i.key
    ORDER BY i.n`;
}

/**
 * Group commit: the claims and compare-and-sets asked for within one turn of the event loop go
 * to the database as one statement (one round trip, one transaction). A request whose event id
 * or object is already in the batch goes in one sent once this one is answered, so it sees this
 * one's writes (one statement needs distinct rows). A failed statement wrote nothing; every
 * caller of it gets the error.
 */
export function createPostgresClaimBatch(
  pool: pg.Pool,
  query: pg.QueryConfig,
): (request: PostgresClaimAndSet) => Promise<EventClaimAndSetResult> {
  let waiting: Waiting[] = [];
  let scheduled = false;
  const schedule = () => {
    if (scheduled || waiting.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };
  const flush = () => {
    scheduled = false;
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    const ids = new Set<string>();
    const keys = new Set<string>();
    for (const item of waiting) {
      const { eventId, key } = item.request;
      if (ids.has(eventId) || keys.has(key)) later.push(item);
      else {
        ids.add(eventId);
        keys.add(key);
        batch.push(item);
      }
    }
    waiting = [];
    void run(batch).finally(() => {
      // What repeated an id or object of this batch goes next, and sees this batch's writes.
      waiting = [...later, ...waiting];
      schedule();
    });
  };
  const run = async (batch: readonly Waiting[]) => {
    const values = [
      batch.map((item) => item.request.eventId),
      batch.map((item) => item.request.key),
      batch.map((item) => item.request.expectedVersion ?? null),
      batch.map((item) => item.request.state),
    ];
    let rows: BatchRow[];
    try {
      rows = (await pool.query<BatchRow>({ ...query, values })).rows;
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const byPosition = new Map(rows.map((row) => [Number(row.n) - 1, row]));
    for (const [position, item] of batch.entries()) {
      const row = byPosition.get(position);
      if (!row) item.reject(new Error('The claim statement returned no row for a webhook'));
      else if (!row.claimed) item.resolve({ claimed: false });
      else if (row.written) item.resolve({ claimed: true, written: true });
      else {
        const current =
          row.state === null || row.version === null
            ? undefined
            : { state: JSON.parse(row.state) as ObjectState, version: row.version };
        item.resolve({ claimed: true, written: false, current });
      }
    }
  };
  return (request) =>
    new Promise((resolve, reject) => {
      waiting.push({ request, resolve, reject });
      schedule();
    });
}
