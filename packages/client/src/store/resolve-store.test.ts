import { access, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, createMemoryStore, type Logger, silentLogger } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import { lazyStore } from './lazy-store';
import { resolveStore } from './resolve-store';
import { describeStoreLocation, parseStoreLocation } from './store-location';

const providers = { main: { type: 'alpha', apiKey: 'fake-key-0001' } };
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { ...silentLogger, warnings, warn: (message: string) => void warnings.push(message) };
}

describe('store locations', () => {
  it('takes sqlite paths (relative to the working directory), postgres URLs and memory:', () => {
    expect(parseStoreLocation('sqlite:data/state.db', '/srv/shop')).toEqual({
      kind: 'sqlite',
      path: '/srv/shop/data/state.db',
    });
    expect(parseStoreLocation('sqlite:/var/lib/paymux.db', '/srv')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/paymux.db',
    });
    expect(parseStoreLocation('memory:', '/')).toEqual({ kind: 'memory' });
    for (const scheme of ['postgres', 'postgresql']) {
      expect(parseStoreLocation(`${scheme}://app:pa%40ss@db:5432/pay`, '/')).toMatchObject({
        kind: 'postgres',
        password: 'pa@ss',
      });
    }
    for (const bad of ['sqlite:', 'mysql://db/x', 'postgres://', 'memory', './state.db']) {
      expect(parseStoreLocation(bad, '/')).toHaveProperty('issue');
    }
  });

  it('names a postgres store without its password', () => {
    const location = parseStoreLocation('postgres://app:s3cret-pw@db:5432/pay?password=s3cret-pw', '/');
    if ('issue' in location) throw new Error(location.issue);
    const described = describeStoreLocation(location);
    expect(described).toBe('postgres://app:***@db:5432/pay?password=***');
    expect(described).not.toContain('s3cret');
  });
});

describe('resolveStore', () => {
  it('uses a Store object as it is, and leaves it to its owner to close', () => {
    const store = createMemoryStore();
    expect(resolveStore(store, { logger: silentLogger })).toMatchObject({ store, owned: false });
  });

  it("warns about 'memory:' under NODE_ENV=production only", () => {
    const logger = recordingLogger();
    resolveStore('memory:', { logger, nodeEnv: 'development' });
    expect(logger.warnings).toEqual([]);
    resolveStore('memory:', { logger, nodeEnv: 'production' });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/keeps nothing across restarts/);
  });

  it('refuses a malformed location when the client is created, without echoing it', () => {
    const attempt = () =>
      createPaymux({
        plugins: [createFakePlugin('alpha', new FakeBackend())],
        providers,
        store: 'mysql://root:hunter2@db/pay' as never,
      });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/store: must be 'sqlite:<path>'/);
    try {
      attempt();
    } catch (error) {
      expect(JSON.stringify(error)).not.toContain('hunter2');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('opens the default SQLite file only on first use, under the working directory', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'paymux-store-'));
    const { store, opensLazily } = resolveStore(undefined, { logger: silentLogger, cwd });
    expect(opensLazily).toBe(true);
    expect(await exists(join(cwd, '.paymux'))).toBe(false);
    expect(await store.claimEventId('e1')).toBe(true);
    expect(await exists(join(cwd, '.paymux', 'state.db'))).toBe(true);
    await store.close();
    // A new store on the same file remembers the event id.
    const reopened = resolveStore(undefined, { logger: silentLogger, cwd }).store;
    expect(await reopened.claimEventId('e1')).toBe(false);
    await reopened.close();
  });

  it('opens a store only once, however many calls wait for it', async () => {
    let opened = 0;
    const lazy = lazyStore(async () => {
      opened++;
      return createMemoryStore();
    });
    expect(opened).toBe(0);
    await Promise.all([lazy.claimEventId('e1'), lazy.claimEventId('e2')]);
    expect(opened).toBe(1);
    await lazy.close();
  });

  it('fails the first call with a ConfigurationError naming the SQLite file when it cannot be opened', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paymux-store-'));
    const blocker = join(dir, 'not-a-dir');
    await writeFile(blocker, 'a file where the folder should be');
    const paymux = createPaymux({
      plugins: [createFakePlugin('alpha', new FakeBackend())],
      providers,
      store: `sqlite:${join(blocker, 'state.db')}`,
    });
    const error = await paymux
      .createPayment({ reference: 'r1', amount: { amount: '1', currency: 'EUR' } })
      .catch((e) => e);
    expect(ConfigurationError.is(error)).toBe(true);
    expect(error.field).toBe('store');
    expect(error.message).toContain(`sqlite:${join(blocker, 'state.db')}`);
    await paymux.close();
  });

  it('retries a failed opening on the next call, and refuses calls after close', async () => {
    let attempts = 0;
    const lazy = lazyStore(async () => {
      attempts++;
      if (attempts === 1) throw new Error('database starting up');
      return createMemoryStore();
    });
    await expect(lazy.claimEventId('e1')).rejects.toThrow('database starting up');
    expect(await lazy.claimEventId('e1')).toBe(true);
    expect(lazy.isOpen).toBe(true);
    await lazy.close();
    await expect(lazy.claimEventId('e2')).rejects.toThrow(/closed/);
  });

  it('closes without opening a store that was never used', async () => {
    let opened = 0;
    const lazy = lazyStore(async () => {
      opened++;
      return createMemoryStore();
    });
    await lazy.close();
    expect(opened).toBe(0);
  });
});
