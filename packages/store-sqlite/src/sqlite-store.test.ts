import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@paymux/core';
import Database from 'libsql';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from './create-sqlite-store';
import { sqliteMigrations } from './sqlite-schema';

const directory = mkdtempSync(join(tmpdir(), 'paymux-sqlite-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(directory, `store-${files++}.db`);

describe('createSqliteStore', () => {
  it('forgets event ids older than the retention, and keeps younger ones', async () => {
    let now = Date.parse('2026-11-21T00:00:00.000Z');
    const path = freshPath();
    const options = { path, eventIdRetentionMs: 60_000, now: () => now };
    const store = await createSqliteStore(options);
    expect(await store.claimEventId('old')).toBe(true);
    now += 50_000;
    expect(await store.claimEventId('young')).toBe(true);
    await store.close();
    now += 20_000;
    const reopened = await createSqliteStore(options);
    expect(await reopened.claimEventId('old')).toBe(true);
    expect(await reopened.claimEventId('young')).toBe(false);
    await reopened.close();
  });

  it('defaults the event id retention to 30 days', async () => {
    let now = Date.parse('2026-11-21T00:00:00.000Z');
    const path = freshPath();
    const store = await createSqliteStore({ path, now: () => now });
    await store.claimEventId('evt_1');
    await store.close();
    now += 29 * 86_400_000;
    const within = await createSqliteStore({ path, now: () => now });
    expect(await within.claimEventId('evt_1')).toBe(false);
    await within.close();
    now += 2 * 86_400_000;
    const after = await createSqliteStore({ path, now: () => now });
    expect(await after.claimEventId('evt_1')).toBe(true);
    await after.close();
  });

  it('uses WAL mode and records the schema version once, however often it is opened', async () => {
    const path = freshPath();
    await (await createSqliteStore({ path })).close();
    await (await createSqliteStore({ path })).close();
    const db = new Database(path);
    expect(db.prepare('PRAGMA journal_mode').get()).toMatchObject({ journal_mode: 'wal' });
    const versions = db.prepare('SELECT version FROM schema_version ORDER BY version').all() as {
      version: number;
    }[];
    expect(versions.map((row) => row.version)).toEqual(sqliteMigrations.map((_, index) => index + 1));
    db.close();
  });

  it('refuses a file written by a newer schema with a ConfigurationError naming it', async () => {
    const path = freshPath();
    await (await createSqliteStore({ path })).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(99, 'later');
    db.close();
    const opening = createSqliteStore({ path });
    await expect(opening).rejects.toBeInstanceOf(ConfigurationError);
    await expect(opening).rejects.toThrow(`sqlite:${path}`);
    await expect(opening).rejects.toThrow('schema version 99');
  });

  it('fails with a ConfigurationError naming the path when the file cannot be opened', async () => {
    const path = join(directory, 'a-directory.db');
    mkdirSync(path);
    const opening = createSqliteStore({ path });
    await expect(opening).rejects.toBeInstanceOf(ConfigurationError);
    await expect(opening).rejects.toThrow(`sqlite:${path}`);
  });

  it('drops a key daily counters a week older than the day being counted', async () => {
    const path = freshPath();
    const store = await createSqliteStore({ path });
    await store.incrementDailyCount('main', '2026-11-01');
    await store.incrementDailyCount('main', '2026-11-20');
    await store.incrementDailyCount('main', '2026-11-21');
    expect(await store.getDailyCount('main', '2026-11-01')).toBe(0);
    expect(await store.getDailyCount('main', '2026-11-20')).toBe(1);
    await store.close();
  });
});
