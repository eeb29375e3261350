import { ConfigurationError, RateLimiter, UnsupportedOperationError } from '@paymux/core';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import { FAKE_SECRET, FAKE_USER, fixtureJson } from './__fixtures__/forumpay-fixtures';
import { seedProvider as provider, seedScope as scope, useNock } from './__fixtures__/forumpay-test-provider';
import { createForumpay, forumpay, forumpayCapabilities } from './forumpay-provider';
import type { ForumpaySettingsInput } from './forumpay-settings';

useNock();

describe('forumpay settings and plugin', () => {
  it('exposes a plugin with its schema, capabilities and secret fields', () => {
    expect(forumpay.type).toBe('forumpay');
    expect(forumpay.secretFields).toEqual(['secret']);
    expect(forumpay.capabilities).toBe(forumpayCapabilities);
    const created = forumpay.create(
      forumpay.settingsSchema.parse({ user: FAKE_USER, secret: FAKE_SECRET, posId: 'WEB1' }),
      { account: 'main' },
    );
    expect(created.account).toBe('main');
    expect(created.type).toBe('forumpay');
  });

  it('refuses unknown or missing settings with a ConfigurationError naming the key', () => {
    expect(() => createForumpay({ user: FAKE_USER, secret: FAKE_SECRET } as ForumpaySettingsInput)).toThrow(
      expect.objectContaining({ field: 'posId' }),
    );
    let caught: unknown;
    try {
      createForumpay({
        user: FAKE_USER,
        secret: FAKE_SECRET,
        posId: 'P',
        apiKey: 'x',
      } as ForumpaySettingsInput);
    } catch (error) {
      caught = error;
    }
    expect(ConfigurationError.is(caught)).toBe(true);
    expect(JSON.stringify(caught)).not.toContain(FAKE_SECRET);
  });

  it('defaults the account name to the provider type', () => {
    expect(createForumpay({ user: FAKE_USER, secret: FAKE_SECRET, posId: 'P' }).account).toBe('forumpay');
  });

  it('uses the ForumPay presets when no base URL is given', async () => {
    const sandbox = createForumpay({
      user: FAKE_USER,
      secret: FAKE_SECRET,
      posId: 'P',
      environment: 'sandbox',
    });
    nock('https://sandbox.api.forumpay.com')
      .get('/pay/v2/GetCurrencyList/')
      .query({ pos_id: 'P' })
      .reply(200, fixtureJson('reference/getCurrencyListResponse.json'));
    await expect(sandbox.listCurrencies()).resolves.toHaveLength(2);
    const production = createForumpay({ user: FAKE_USER, secret: FAKE_SECRET, posId: 'P' });
    nock('https://api.forumpay.com').get('/pay/v2/GetCurrencyList/').query({ pos_id: 'P' }).reply(200, []);
    await expect(production.listCurrencies()).resolves.toEqual([]);
  });

  it('declares no operation it does not implement', async () => {
    await expect(provider().createPayout({} as never)).rejects.toSatisfy((error: unknown) =>
      UnsupportedOperationError.is(error),
    );
  });
});

describe('forumpay listCurrencies (GetCurrencyList)', () => {
  it("reads ForumPay's own currency list", async () => {
    scope()
      .get('/v2/GetCurrencyList/')
      .query({ pos_id: 'POS1' })
      .reply(200, fixtureJson('reference/getCurrencyListResponse.json'));
    const currencies = await provider().listCurrencies();
    expect(currencies).toMatchObject([
      {
        provider: 'pos',
        symbol: 'BTC',
        name: 'Bitcoin',
        networks: ['bitcoin'],
        canPayIn: true,
        canPayOut: false,
      },
      { symbol: 'ETH', name: 'Ethereum', networks: ['ethereum'], canPayIn: true },
    ]);
  });
});

describe('forumpay capability map', () => {
  it('declares idempotency for every mutating operation', () => {
    for (const name of ['createPayment', 'cancelPayment', 'acceptUnderpayment', 'createRefund'] as const) {
      expect(forumpayCapabilities.operations[name]?.idempotent, name).toBeTypeOf('boolean');
    }
  });
});

describe('forumpay account context', () => {
  it("sends every request through the client's limiter and logs through its logger, without secrets", async () => {
    const limiter = new RateLimiter({ requestsPerSecond: 50 });
    const schedule = vi.spyOn(limiter, 'schedule');
    const lines: string[] = [];
    const log = (message: string, fields?: object) => lines.push(`${message} ${JSON.stringify(fields)}`);
    const account = createForumpay(
      { user: FAKE_USER, secret: FAKE_SECRET, posId: 'POS1', baseUrl: 'https://api.demoURL.com/v2/' },
      { account: 'pos', rateLimiter: limiter, logger: { debug: log, info: log, warn: log, error: log } },
    );
    scope().get('/v2/GetCurrencyList/').query({ pos_id: 'POS1' }).reply(200, []);
    await account.listCurrencies();
    expect(schedule).toHaveBeenCalledTimes(1);
    expect(lines.join('\n')).toContain('GetCurrencyList');
    expect(lines.join('\n')).not.toContain(FAKE_SECRET);
  });
});
