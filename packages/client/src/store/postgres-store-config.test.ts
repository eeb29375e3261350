import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { ConfigurationError } from '@paymux/core';
import {
  PostgresNotInstalledError,
  postgresRequired,
  startTestPostgres,
  type TestPostgres,
} from '@paymux/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import type { StoreLocation } from './store-location';

// store: 'postgres://…' in config, against a throwaway PostgreSQL on loopback.

const PASSWORD = 'Pg-s3cret-Passw0rd';
const providers = { main: { type: 'alpha', apiKey: 'fake-key-0001' } };
const order = { reference: 'pg-order-1', amount: { amount: '3.00', currency: 'EUR' } };

let postgres: TestPostgres | undefined;
let skipReason: string | undefined;

beforeAll(async () => {
  try {
    postgres = await startTestPostgres();
  } catch (error) {
    if (!(error instanceof PostgresNotInstalledError) || postgresRequired()) throw error;
    skipReason = error.message;
  }
}, 60_000);

afterAll(async () => {
  await postgres?.stop();
});

/** The test cluster's URL with a password (trust authentication ignores it) and `database`. */
function urlWith(database: string): StoreLocation {
  const url = new URL(postgres!.connectionString);
  url.password = PASSWORD;
  url.pathname = `/${database}`;
  return url.toString() as StoreLocation;
}

const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });

async function firstCallError(store: StoreLocation): Promise<ConfigurationError> {
  const paymux = createPaymux({ plugins: [createFakePlugin('alpha', new FakeBackend())], providers, store });
  const error = await paymux.createPayment(order).then(
    () => {
      throw new Error('the call succeeded');
    },
    (caught: unknown) => caught,
  );
  await paymux.close();
  expect(ConfigurationError.is(error)).toBe(true);
  const failure = error as ConfigurationError;
  const shown = [
    failure.message,
    failure.stack,
    JSON.stringify(failure),
    inspect(failure, { depth: 10, showHidden: true }),
  ].join('\n');
  expect(shown).not.toContain(PASSWORD);
  expect(failure.field).toBe('store');
  return failure;
}

describe('store: postgres://…', () => {
  it('keeps idempotency records in PostgreSQL, shared by two clients (two instances)', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const backend = new FakeBackend();
    const plugin = createFakePlugin('alpha', backend);
    const one = createPaymux({ plugins: [plugin], providers, store: urlWith('postgres') });
    const first = await one.createPayment(order);
    await one.close();
    const two = createPaymux({ plugins: [plugin], providers, store: urlWith('postgres') });
    expect((await two.createPayment(order)).id).toBe(first.id);
    expect(backend.count('createPayment')).toBe(1);
    await two.close();
  });

  it('fails the first call with a ConfigurationError naming the database, not its password, when it is unreachable', async () => {
    const port = await closedPort();
    const failure = await firstCallError(`postgres://app:${PASSWORD}@127.0.0.1:${port}/pay`);
    expect(failure.message).toContain(`127.0.0.1:${port}`);
  });

  it('does the same for a database that does not exist', async (context) => {
    if (skipReason) return context.skip(skipReason);
    const failure = await firstCallError(urlWith('no_such_database'));
    expect(failure.message).toContain('no_such_database');
  });
});
