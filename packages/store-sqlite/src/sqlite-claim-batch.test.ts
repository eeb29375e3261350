import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectState } from '@paymux/core';
import Database from 'libsql';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from './create-sqlite-store';

const directory = mkdtempSync(join(tmpdir(), 'paymux-sqlite-batch-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const state = (status: string): ObjectState => ({
  kind: 'payment',
  account: 'main',
  objectId: 'pay_1',
  status,
  eventType: 'payment.processing',
  rank: 2,
  final: false,
  occurredAt: '2026-11-21T12:00:00.000Z',
  announced: ['payment.processing'],
});

/** Frames in the file's WAL since its last reset: each commit appends every page it changed. */
function walFrames(path: string): number {
  const db = new Database(path);
  try {
    db.exec('PRAGMA wal_autocheckpoint = 0');
    const [row] = db.prepare('PRAGMA wal_checkpoint(PASSIVE)').all() as { log: number }[];
    return row?.log ?? 0;
  } finally {
    db.close();
  }
}

describe('claimEventAndSetObjectState on SQLite (group commit)', () => {
  it('commits the webhooks in flight together once, not once each', async () => {
    const path = join(directory, 'batched.db');
    const store = await createSqliteStore({ path });
    const before = walFrames(path);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        store.claimEventAndSetObjectState(`evt_${index}`, `k${index}`, undefined, state(`s${index}`)),
      ),
    );
    expect(results.every((result) => result.claimed && result.written)).toBe(true);
    // 50 separate commits would append at least 50 × 3 pages (event ids, their index, states).
    expect(walFrames(path) - before).toBeLessThan(30);
    expect((await store.getObjectState('k49'))?.state.status).toBe('s49');
    await store.close();
  });

  it('lets each call in a batch see the writes of the calls before it', async () => {
    const store = await createSqliteStore({ path: join(directory, 'ordered.db') });
    const [first, again, other] = await Promise.all([
      store.claimEventAndSetObjectState('evt_1', 'k', undefined, state('first')),
      store.claimEventAndSetObjectState('evt_1', 'k', undefined, state('again')),
      store.claimEventAndSetObjectState('evt_2', 'k', undefined, state('other')),
    ]);
    expect(first).toEqual({ claimed: true, written: true });
    expect(again).toEqual({ claimed: false });
    expect(other).toEqual({ claimed: true, written: false, current: { state: state('first'), version: 1 } });
    await store.close();
  });

  it('rejects every call of a batch whose transaction failed, and writes none of it', async () => {
    const path = join(directory, 'locked.db');
    const store = await createSqliteStore({ path, busyTimeoutMs: 50 });
    const locker = new Database(path);
    locker.exec('BEGIN IMMEDIATE');
    const results = await Promise.allSettled([
      store.claimEventAndSetObjectState('evt_1', 'k1', undefined, state('a')),
      store.claimEventAndSetObjectState('evt_2', 'k2', undefined, state('b')),
    ]);
    locker.exec('ROLLBACK');
    locker.close();
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await store.claimEventId('evt_1')).toBe(true);
    expect(await store.getObjectState('k2')).toBeUndefined();
    await store.close();
  });
});
