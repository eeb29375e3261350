import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import { env, interpolateEnv, loadConfigFile } from './load-config-file';

// Written through a helper: a literal '${…}' in a string reads like a template-literal mistake.
const envRef = (name: string) => `\${env:${name}}`;

async function configFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paymux-config-'));
  const path = join(dir, 'paymux.json');
  await writeFile(path, JSON.stringify(content));
  return path;
}

describe('loadConfigFile', () => {
  it('fills env references in string values at any depth, and the result builds a client', async () => {
    const path = await configFile({
      providers: { main: { type: 'alpha', apiKey: envRef('ALPHA_KEY'), label: `shop-${envRef('REGION')}` } },
      routing: { default: 'main', fallback: [] },
    });
    const data = await loadConfigFile(path, { env: { ALPHA_KEY: 'alpha-key-123', REGION: 'eu' } });
    expect(data.providers.main).toEqual({ type: 'alpha', apiKey: 'alpha-key-123', label: 'shop-eu' });
    const paymux = createPaymux({
      store: 'memory:',
      ...data,
      plugins: [createFakePlugin('alpha', new FakeBackend())],
    });
    expect(paymux.accounts()).toEqual([{ name: 'main', type: 'alpha' }]);
  });

  it('takes the store as a string, the SQLite file relative to the working directory, and refuses others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paymux-config-'));
    const path = await configFile({
      providers: { main: { type: 'alpha', apiKey: 'alpha-key-123' } },
      store: `sqlite:${join(dir, envRef('STATE_FILE'))}`,
    });
    const data = await loadConfigFile(path, { env: { STATE_FILE: 'state.db' } });
    expect(data.store).toBe(`sqlite:${join(dir, 'state.db')}`);
    const backend = new FakeBackend();
    const build = () => createPaymux({ ...data, plugins: [createFakePlugin('alpha', backend)] });
    const order = { reference: 'file-order-1', amount: { amount: '1', currency: 'EUR' } };
    const first = build();
    const payment = await first.createPayment(order);
    await first.close();
    const second = build();
    expect((await second.createPayment(order)).id).toBe(payment.id);
    await second.close();
    expect(backend.count('createPayment')).toBe(1);

    const mistyped = await configFile({ providers: {}, store: 'sqlite3:state.db' });
    const attempt = async () => createPaymux({ ...(await loadConfigFile(mistyped)) });
    await expect(attempt()).rejects.toThrow(
      /store: must be 'sqlite:<path>', 'postgres:\/\/user:password@host:5432\/db', 'memory:' or a Store object/,
    );
  });

  it('names the missing variable and the key that used it', async () => {
    const path = await configFile({ providers: { main: { type: 'alpha', apiKey: envRef('ALPHA_KEY') } } });
    const error = await loadConfigFile(path, { env: {} }).catch((e) => e);
    expect(ConfigurationError.is(error)).toBe(true);
    expect(error.message).toBe('providers.main.apiKey: environment variable ALPHA_KEY is not set');
  });

  it('reports unreadable and malformed files as configuration errors', async () => {
    await expect(loadConfigFile('/nonexistent/paymux.json')).rejects.toThrow(/Cannot read config file/);
    const dir = await mkdtemp(join(tmpdir(), 'paymux-config-'));
    await writeFile(join(dir, 'bad.json'), '{ nope');
    await expect(loadConfigFile(join(dir, 'bad.json'))).rejects.toThrow(/not valid JSON/);
  });

  it('leaves other values alone and reads env() for code configs', () => {
    expect(interpolateEnv({ n: 3, list: [envRef('A'), true] }, { A: 'x' })).toEqual({
      n: 3,
      list: ['x', true],
    });
    expect(() => interpolateEnv([envRef('B')], {})).toThrow('0: environment variable B is not set');
    expect(env('A', { A: 'x' })).toBe('x');
    expect(() => env('MISSING_PAYMUX_VAR', {})).toThrow('Environment variable MISSING_PAYMUX_VAR is not set');
  });
});
