import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { ConfigurationError } from '@paymux/core';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createPostgresStore } from './create-postgres-store';
import { postgresMigrations } from './postgres-schema';

const { url, skipReason } = inject('paymuxTestPostgres');
const PASSWORD = 'Sup3r-s3cret-pa55word';
let schemas = 0;
const freshSchema = () => `unit_${process.pid}_${schemas++}`;

/** A loopback port nothing listens on. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });

/** Everything of a failed opening that a person or a log might see. */
async function visibleFailure(
  opening: Promise<unknown>,
): Promise<{ error: ConfigurationError; shown: string }> {
  const error = await opening.then(
    () => {
      throw new Error('the store opened');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigurationError);
  const failure = error as ConfigurationError;
  const shown = [
    failure.message,
    failure.stack,
    inspect(failure, { depth: 10, showHidden: true }),
    inspect(failure.cause, { depth: 10, showHidden: true }),
    JSON.stringify(failure),
    String(failure),
  ].join('\n');
  return { error: failure, shown };
}

describe('createPostgresStore, a database it cannot use', () => {
  it('names an unreachable server without its password, in the error and its cause', async () => {
    const port = await closedPort();
    const { error, shown } = await visibleFailure(
      createPostgresStore({ connectionString: `postgres://app:${PASSWORD}@127.0.0.1:${port}/payments` }),
    );
    expect(error.message).toContain(`postgres://app@127.0.0.1:${port}/payments`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(shown).not.toContain(PASSWORD);
  });

  it('names a pool it was given without the pool password', async () => {
    const port = await closedPort();
    const pool = new pg.Pool({
      host: '127.0.0.1',
      port,
      user: 'app',
      password: PASSWORD,
      database: 'payments',
    });
    const { error, shown } = await visibleFailure(createPostgresStore({ pool }));
    expect(error.message).toContain(`postgres://app@127.0.0.1:${port}/payments`);
    expect(shown).not.toContain(PASSWORD);
    await pool.end();
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(
      createPostgresStore({ connectionString: 'postgres://x@127.0.0.1/db', schema: 'a"; DROP' }),
    ).rejects.toThrow(ConfigurationError);
  });
});

describe.skipIf(!url)(
  `createPostgresStore on a test PostgreSQL${url ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    const admin = url ? new pg.Pool({ connectionString: url, max: 2 }) : undefined;
    afterAll(() => admin?.end());

    it('names a missing database without the password of the URL', async () => {
      const target = new URL(url!);
      target.password = PASSWORD;
      target.pathname = '/no_such_database';
      const { error, shown } = await visibleFailure(
        createPostgresStore({ connectionString: target.toString() }),
      );
      expect(error.message).toContain(`postgres://postgres@127.0.0.1:${target.port}/no_such_database`);
      expect(error.message).toContain('does not exist');
      expect(shown).not.toContain(PASSWORD);
    });

    it('migrates once when four instances start together on a fresh schema', async () => {
      const schema = freshSchema();
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => createPostgresStore({ connectionString: url!, schema })),
      );
      const { rows } = await admin!.query(
        `SELECT version FROM "${schema}".paymux_schema_version ORDER BY version`,
      );
      expect(rows.map((row) => row.version)).toEqual(postgresMigrations.map((_, index) => index + 1));
      expect(await stores[0]!.claimEventId('evt_1')).toBe(true);
      expect(await stores[3]!.claimEventId('evt_1')).toBe(false);
      for (const store of stores) await store.close();
    });

    it('refuses a database with a newer paymux schema', async () => {
      const schema = freshSchema();
      await (await createPostgresStore({ connectionString: url!, schema })).close();
      await admin!.query(`INSERT INTO "${schema}".paymux_schema_version (version) VALUES (99)`);
      await expect(createPostgresStore({ connectionString: url!, schema })).rejects.toThrow(
        'schema version 99',
      );
    });

    it('forgets event ids older than the retention', async () => {
      const schema = freshSchema();
      const options = { connectionString: url!, schema, eventIdRetentionMs: 1_500 };
      const store = await createPostgresStore(options);
      expect(await store.claimEventId('evt_old')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1_800));
      expect(await store.claimEventId('evt_young')).toBe(true);
      await store.close();
      const reopened = await createPostgresStore(options);
      expect(await reopened.claimEventId('evt_old')).toBe(true);
      expect(await reopened.claimEventId('evt_young')).toBe(false);
      await reopened.close();
    });

    it('leaves a pool it was given open on close', async () => {
      const pool = new pg.Pool({ connectionString: url!, max: 2 });
      const store = await createPostgresStore({ pool, schema: freshSchema() });
      await store.setValue('main', 'k', 'v');
      await store.close();
      expect((await pool.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
      await pool.end();
    });

    it('shares one pool between stores on two schemas, prepared or not', async () => {
      const pool = new pg.Pool({ connectionString: url!, max: 1 });
      const first = await createPostgresStore({ pool, schema: freshSchema() });
      const second = await createPostgresStore({ pool, schema: freshSchema(), preparedStatements: false });
      const third = await createPostgresStore({ pool, schema: freshSchema() });
      for (const store of [first, second, third]) {
        expect(await store.claimEventId('evt_1')).toBe(true);
        expect(await store.claimEventId('evt_1')).toBe(false);
      }
      await first.setValue('main', 'k', 'first');
      expect(await third.getValue('main', 'k')).toBeUndefined();
      for (const store of [first, second, third]) await store.close();
      await pool.end();
    });

    it('rounds times with a fraction of a millisecond instead of refusing them', async () => {
      const store = await createPostgresStore({ connectionString: url!, schema: freshSchema() });
      const record = {
        key: 'k',
        kind: 'payment' as const,
        account: 'main',
        objectId: 'p1',
        deadline: 5_000.4,
        attempt: 0,
        nextPollAt: 100.6,
      };
      await store.saveTrackedObject(record);
      expect(await store.getTrackedObject('k')).toEqual({ ...record, deadline: 5_000, nextPollAt: 101 });
      expect(
        await store.leaseDueTrackedObjects('a', { now: 200.5, leaseMs: 1_000.5, limit: 1 }),
      ).toHaveLength(1);
      expect(await store.finishTrackedPoll('k', 'a', { attempt: 1, nextPollAt: 300.2 })).toBe(true);
      expect(await store.nextTrackedPollAt()).toBe(300);
      const slot = await store.acquireRateSlot({
        key: 'r',
        requestsPerSecond: 1,
        windowMs: 1_100.5,
        leaseMs: 500.5,
        holder: 'a',
      });
      expect(slot.granted).toBe(true);
      await store.close();
    });
  },
);
