import type { ObjectState } from '@paymux/core';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createPostgresStore } from './create-postgres-store';

const { url, skipReason } = inject('paymuxTestPostgres');
let schemas = 0;
const freshSchema = () => `batch_${process.pid}_${schemas++}`;

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

describe.skipIf(!url)(`claimEventAndSetObjectState on PostgreSQL (group commit)${skipReason ?? ''}`, () => {
  it('sends the webhooks in flight together as one statement', async () => {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const store = await createPostgresStore({ pool, schema: freshSchema() });
    let statements = 0;
    const query = pool.query.bind(pool);
    pool.query = ((...args: Parameters<typeof pool.query>) => {
      statements++;
      return query(...args);
    }) as typeof pool.query;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        store.claimEventAndSetObjectState(`evt_${index}`, `k${index}`, undefined, state(`s${index}`)),
      ),
    );
    // One for the batch, one for the purge of old event ids that the first claim runs.
    expect(statements).toBeLessThanOrEqual(2);
    expect(results.every((result) => result.claimed && result.written)).toBe(true);
    expect((await store.getObjectState('k49'))?.state.status).toBe('s49');
    await store.close();
    await pool.end();
  });

  it('puts a repeated event id or object in a later statement, which sees the earlier writes', async () => {
    const store = await createPostgresStore({ connectionString: url!, schema: freshSchema() });
    const [first, again, other] = await Promise.all([
      store.claimEventAndSetObjectState('evt_1', 'k', undefined, state('first')),
      store.claimEventAndSetObjectState('evt_1', 'k2', undefined, state('again')),
      store.claimEventAndSetObjectState('evt_2', 'k', undefined, state('other')),
    ]);
    expect(first).toEqual({ claimed: true, written: true });
    expect(again).toEqual({ claimed: false });
    expect(other).toEqual({ claimed: true, written: false, current: { state: state('first'), version: 1 } });
    expect(await store.getObjectState('k2')).toBeUndefined();
    await store.close();
  });
});
