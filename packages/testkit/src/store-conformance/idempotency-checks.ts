import type { IdempotencyRecord } from '@paymux/core';
import { expect, it } from 'vitest';
import { race, sampleIdempotencyRecord } from './store-fixtures';
import type { StoreConformanceContext } from './store-conformance-types';

const byKey = (records: IdempotencyRecord[]) => [...records].sort((a, b) => a.key.localeCompare(b.key));

/** Idempotency records: create once, read, update, delete, list those a crash left unsettled. */
export function registerIdempotencyChecks(context: StoreConformanceContext): void {
  it('creates an idempotency record once and returns the existing one afterwards', async () => {
    const store = await context.fresh();
    const record = sampleIdempotencyRecord();
    expect(await store.createIdempotencyRecord(record)).toBeUndefined();
    const again = await store.createIdempotencyRecord({ ...record, fingerprint: 'sha256:other' });
    expect(again).toEqual(record);
    // Absent optional fields stay absent (not null), so a deep equality of a read record holds.
    expect(Object.keys(again ?? {}).sort()).toEqual(Object.keys(record).sort());
    expect(await store.getIdempotencyRecord('idem-1')).toEqual(record);
    expect(await store.getIdempotencyRecord('idem-none')).toBeUndefined();
  });

  it('lets one of 100 concurrent creates of one key insert it; the others get that record', async () => {
    const store = await context.fresh();
    const other = (await context.sibling(store)) ?? store;
    const answers = await race(100, (index) =>
      (index % 2 === 0 ? store : other).createIdempotencyRecord(
        sampleIdempotencyRecord({ fingerprint: `fp-${index}` }),
      ),
    );
    const inserted = answers.flatMap((answer, index) => (answer === undefined ? [index] : []));
    expect(inserted).toHaveLength(1);
    const winner = sampleIdempotencyRecord({ fingerprint: `fp-${inserted[0]}` });
    for (const answer of answers) if (answer !== undefined) expect(answer).toEqual(winner);
    expect(await store.getIdempotencyRecord('idem-1')).toEqual(winner);
  });

  it('updates a record with every optional field and JSON result, and deletes it', async () => {
    const store = await context.fresh();
    await store.createIdempotencyRecord(sampleIdempotencyRecord());
    const succeeded = sampleIdempotencyRecord({
      state: 'succeeded',
      account: 'main',
      reference: 'order-1 "quoted" ü',
      subjectId: 'pay_1',
      result: { id: 'pay_1', amount: { value: '10.50', currency: 'USDT' }, tags: [1, true, null] },
      updatedAt: '2026-11-21T12:00:05.000Z',
    });
    await store.updateIdempotencyRecord(succeeded);
    expect(await store.getIdempotencyRecord('idem-1')).toEqual(succeeded);
    const copy = await store.getIdempotencyRecord('idem-1');
    (copy?.result as { id: string }).id = 'changed';
    expect(await store.getIdempotencyRecord('idem-1')).toEqual(succeeded);
    await store.deleteIdempotencyRecord('idem-1');
    await store.deleteIdempotencyRecord('idem-none');
    expect(await store.getIdempotencyRecord('idem-1')).toBeUndefined();
    expect(await store.createIdempotencyRecord(sampleIdempotencyRecord())).toBeUndefined();
  });

  it('lists the pending and ambiguous records started before a time, never succeeded ones', async () => {
    const store = await context.fresh();
    const records = [
      sampleIdempotencyRecord({ key: 'a', state: 'pending', startedAt: '2026-11-21T10:00:00.000Z' }),
      sampleIdempotencyRecord({ key: 'b', state: 'ambiguous', startedAt: '2026-11-21T11:00:00.000Z' }),
      sampleIdempotencyRecord({ key: 'c', state: 'succeeded', startedAt: '2026-11-21T09:00:00.000Z' }),
      sampleIdempotencyRecord({ key: 'd', state: 'pending', startedAt: '2026-11-21T12:00:00.000Z' }),
      sampleIdempotencyRecord({ key: 'e', state: 'pending', startedAt: '2026-11-21T13:00:00.000Z' }),
    ];
    for (const record of records) await store.createIdempotencyRecord(record);
    expect(byKey(await store.listUnsettledIdempotencyRecords('2026-11-21T12:00:00.000Z'))).toEqual([
      records[0],
      records[1],
    ]);
    expect(await store.listUnsettledIdempotencyRecords('2026-11-21T09:30:00.000Z')).toEqual([]);
    await store.updateIdempotencyRecord({ ...records[1]!, state: 'succeeded' });
    expect(byKey(await store.listUnsettledIdempotencyRecords('2027-01-01T00:00:00.000Z'))).toEqual([
      records[0],
      records[3],
      records[4],
    ]);
  });
}
