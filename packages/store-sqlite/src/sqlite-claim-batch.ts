import type { EventClaimAndSetResult } from '@paymux/core';
import type Database from 'libsql';

/** One webhook's claim and compare-and-set, as `claimEventAndSetObjectState` receives it. */
export interface ClaimAndSet {
  eventId: string;
  key: string;
  expectedVersion: number | undefined;
  /** The state, as JSON. */
  state: string;
}

interface Waiting {
  request: ClaimAndSet;
  resolve(result: EventClaimAndSetResult): void;
  reject(error: unknown): void;
}

/**
 * Group commit: the claims and compare-and-sets asked for within one turn of the event loop (the
 * webhooks in flight together) run one after the other in one `BEGIN IMMEDIATE` transaction, and
 * each caller's promise settles once that transaction committed. Each one sees the writes of the
 * ones before it, exactly as separate transactions in that order would; what the batch saves is
 * a commit per webhook, and writing the pages they share (the tables' leaves, the index) once.
 * If the transaction fails, nothing of it was written and every caller of the batch gets the error.
 */
export function createSqliteClaimBatch(
  db: Database.Database,
  claimAndSetOne: (request: ClaimAndSet) => EventClaimAndSetResult,
): (request: ClaimAndSet) => Promise<EventClaimAndSetResult> {
  let waiting: Waiting[] = [];
  const runAll = db.transaction((batch: readonly Waiting[]) =>
    batch.map((item) => claimAndSetOne(item.request)),
  );
  const flush = () => {
    const batch = waiting;
    waiting = [];
    let results: EventClaimAndSetResult[];
    try {
      results = runAll.immediate(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    for (const [index, item] of batch.entries()) item.resolve(results[index]!);
  };
  return (request) =>
    new Promise((resolve, reject) => {
      if (waiting.push({ request, resolve, reject }) === 1) setImmediate(flush);
    });
}
