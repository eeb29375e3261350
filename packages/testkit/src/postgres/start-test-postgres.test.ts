import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPostgresBinaries } from './find-postgres-binaries';
import { startTestPostgres } from './start-test-postgres';
import { postgresRequired } from './test-postgres-setup';

const installed = findPostgresBinaries() !== undefined;
if (!installed && !postgresRequired())
  console.warn('paymux: PostgreSQL is not installed; startTestPostgres is not tested');

const reachable = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('findPostgresBinaries', () => {
  it('takes PAYMUX_POSTGRES_BIN, else finds nothing on an empty PATH outside Debian layouts', () => {
    const directory = mkdtempSync(join(tmpdir(), 'paymux-fake-bin-'));
    try {
      for (const name of ['initdb', 'pg_ctl'])
        writeFileSync(join(directory, name), '#!/bin/sh\n', { mode: 0o755 });
      expect(findPostgresBinaries({ PAYMUX_POSTGRES_BIN: directory })).toEqual({
        initdb: join(directory, 'initdb'),
        pgCtl: join(directory, 'pg_ctl'),
      });
      const empty = join(directory, 'empty');
      mkdirSync(empty);
      expect(findPostgresBinaries({ PAYMUX_POSTGRES_BIN: empty })).toBeUndefined();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('says PostgreSQL is required in CI and with PAYMUX_REQUIRE_POSTGRES=1 only', () => {
    expect(postgresRequired({ CI: 'true' })).toBe(true);
    expect(postgresRequired({ PAYMUX_REQUIRE_POSTGRES: '1' })).toBe(true);
    expect(postgresRequired({})).toBe(false);
  });
});

describe.skipIf(!installed && !postgresRequired())('startTestPostgres', () => {
  it('starts a cluster on loopback that accepts connections, and stop() removes it', async () => {
    const postgres = await startTestPostgres();
    const url = new URL(postgres.connectionString);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.password).toBe('');
    const port = Number(url.port);
    expect(await reachable(port)).toBe(true);
    const binaries = findPostgresBinaries();
    if (binaries) {
      const psql = join(binaries.initdb, '..', 'psql');
      const answer = execFileSync(psql, [postgres.connectionString, '-tAc', 'SELECT 1 + 1'], {
        encoding: 'utf8',
      });
      expect(answer.trim()).toBe('2');
    }
    await postgres.stop();
    await postgres.stop();
    expect(await reachable(port)).toBe(false);
  }, 60_000);
});
