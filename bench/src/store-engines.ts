import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '@paymux/core';
import { createPostgresStore } from '@paymux/store-postgres';
import { createSqliteStore } from '@paymux/store-sqlite';
import { PostgresNotInstalledError, startTestPostgres } from '@paymux/testkit';
import Database from 'libsql';
import pg from 'pg';

/** The bare side's durable write: one event-id insert in the engine, as a claim does. */
export interface BareWriter {
  write(id: string): Promise<void>;
  close(): Promise<void>;
}

/** One storage engine under test: fresh paymux stores and fresh bare tables on it. */
export interface StoreEngine {
  name: string;
  /** A paymux store on fresh, empty data. */
  createStore(): Promise<Store>;
  /** A bare writer on a fresh table with the store's settings (WAL, pool size). */
  createBareWriter(): Promise<BareWriter>;
  /**
   * Called after a round's setup wrote to `store` and before it is timed: leaves the engine as a
   * bare writer finds its fresh table, so that the setup's own writes are not paid for in the
   * timed part (on SQLite, their WAL frames are checkpointed; an autocheckpoint during the
   * timed part would otherwise copy and fsync them).
   */
  settle?(store: Store): Promise<void>;
  close(): Promise<void>;
}

const BARE_TABLE = 'CREATE TABLE event_ids (id TEXT PRIMARY KEY, claimed_at BIGINT NOT NULL)';

/** SQLite files in a temporary directory, deleted by `close`. */
export function sqliteEngine(): StoreEngine {
  const directory = mkdtempSync(join(tmpdir(), 'paymux-bench-sqlite-'));
  let files = 0;
  const paths = new WeakMap<Store, string>();
  return {
    name: 'SQLite',
    async createStore() {
      const path = join(directory, `store-${files++}.db`);
      const store = await createSqliteStore({ path });
      paths.set(store, path);
      return store;
    },
    async settle(store) {
      const path = paths.get(store);
      if (!path) return;
      const db = new Database(path, { timeout: 5_000 });
      db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all();
      db.close();
    },
    async createBareWriter() {
      const db = new Database(join(directory, `bare-${files++}.db`), { timeout: 5_000 });
      // The store's own settings, so that both sides pay for the same durability.
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec(`${BARE_TABLE} WITHOUT ROWID`);
      const insert = db.prepare(
        'INSERT INTO event_ids (id, claimed_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
      );
      return {
        write: async (id) => {
          insert.run(id, Date.now());
        },
        close: async () => {
          db.close();
        },
      };
    },
    close: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

/**
 * A throwaway PostgreSQL cluster on loopback (or `PAYMUX_BENCH_POSTGRES_URL`); undefined, with
 * the reason, when PostgreSQL is not installed.
 */
export async function postgresEngine(): Promise<StoreEngine | { skipped: string }> {
  let url = process.env.PAYMUX_BENCH_POSTGRES_URL;
  let stop = async () => {};
  if (!url) {
    try {
      const postgres = await startTestPostgres();
      url = postgres.connectionString;
      stop = postgres.stop;
    } catch (error) {
      if (error instanceof PostgresNotInstalledError) return { skipped: error.message };
      throw error;
    }
  }
  const connectionString = url;
  const run = `${process.pid}_${Date.now()}`;
  let schemas = 0;
  return {
    name: 'PostgreSQL',
    createStore: () => createPostgresStore({ connectionString, schema: `bench_${run}_${schemas++}` }),
    async createBareWriter() {
      const schema = `bench_bare_${run}_${schemas++}`;
      const pool = new pg.Pool({ connectionString, max: 10 });
      await pool.query(`CREATE SCHEMA ${schema}`);
      await pool.query(BARE_TABLE.replace('event_ids', `${schema}.event_ids`));
      const insert = `INSERT INTO ${schema}.event_ids (id, claimed_at) VALUES ($1, $2) ON CONFLICT DO NOTHING`;
      return {
        write: async (id) => {
          await pool.query({ name: 'bench_bare_claim', text: insert, values: [id, Date.now()] });
        },
        close: () => pool.end(),
      };
    },
    close: stop,
  };
}
