import { randomUUID } from 'node:crypto';
import type { RateSlotAnswer, RateSlotRequest } from '@paymux/core';
import type Database from 'libsql';

// How long a caller refused for the in-flight cap waits before asking again: a slot is usually
// released within a request's time, and there is no way to be woken up across processes.
const IN_FLIGHT_RETRY_MS = 10;

/**
 * Rate slots in two plain tables: `rate_starts` (one row per start, for the sliding window) and
 * `rate_slots` (one row per slot held, with the lease that frees a crashed holder's slot). Each
 * acquisition is one `BEGIN IMMEDIATE` transaction, so processes sharing the file take turns; the
 * clock is read inside it, so starts are stamped in the order they were granted.
 */
export function createSqliteRateSlots(db: Database.Database, clock: () => number) {
  const forgetStarts = db.prepare('DELETE FROM rate_starts WHERE key = ? AND started_at <= ?');
  const forgetSlots = db.prepare('DELETE FROM rate_slots WHERE key = ? AND expires_at <= ?');
  const countSlots = db.prepare('SELECT COUNT(*) AS held FROM rate_slots WHERE key = ?');
  const nthStart = db.prepare(
    'SELECT started_at FROM rate_starts WHERE key = ? ORDER BY started_at DESC LIMIT 1 OFFSET ?',
  );
  const addStart = db.prepare('INSERT INTO rate_starts (key, started_at) VALUES (?, ?)');
  const addSlot = db.prepare('INSERT INTO rate_slots (key, slot_id, holder, expires_at) VALUES (?, ?, ?, ?)');
  const removeSlot = db.prepare('DELETE FROM rate_slots WHERE key = ? AND slot_id = ?');

  const acquire = db.transaction((request: RateSlotRequest): RateSlotAnswer => {
    const now = clock();
    forgetStarts.run(request.key, now - request.windowMs);
    forgetSlots.run(request.key, now);
    if (request.inFlight !== undefined) {
      const { held } = countSlots.get(request.key) as { held: number };
      if (held >= request.inFlight) return { granted: false, retryInMs: IN_FLIGHT_RETRY_MS };
    }
    const perWindow = request.requestsPerSecond;
    if (perWindow !== undefined) {
      // The perWindow-th most recent start: once it leaves the window, one more may start.
      const oldest = nthStart.get(request.key, perWindow - 1) as { started_at: number } | undefined;
      if (oldest)
        return { granted: false, retryInMs: Math.max(1, oldest.started_at + request.windowMs - now) };
    }
    const slotId = randomUUID();
    addStart.run(request.key, now);
    addSlot.run(request.key, slotId, request.holder, now + request.leaseMs);
    return { granted: true, slotId };
  });

  return {
    acquire: (request: RateSlotRequest): RateSlotAnswer => acquire.immediate(request),
    release: (key: string, slotId: string): void => {
      removeSlot.run(key, slotId);
    },
  };
}
