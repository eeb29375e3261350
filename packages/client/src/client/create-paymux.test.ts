import { ConfigurationError, UnsupportedOperationError, ValidationError } from '@paymux/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend } from '../../test/fake-provider';
import { createMemoryStore } from '@paymux/core';
import { createPaymux } from './create-paymux';

const eur = (amount: string) => ({ amount, currency: 'EUR' });
const key = 'fake-key-0001';

let backend: FakeBackend;
let alpha: ReturnType<typeof createFakePlugin>;
let beta: ReturnType<typeof createFakePlugin>;

beforeEach(() => {
  backend = new FakeBackend();
  alpha = createFakePlugin('alpha', backend);
  beta = createFakePlugin('beta', backend);
});

describe('createPaymux config', () => {
  it('sends the same createPayment to another provider when only routing.default changes', async () => {
    const providers = { one: { type: 'alpha', apiKey: key }, two: { type: 'beta', apiKey: key } };
    const createOrder = (paymux: ReturnType<typeof createPaymux>) =>
      paymux.createPayment({ reference: 'order-1', amount: eur('25.00') });

    const first = await createOrder(
      createPaymux({ store: 'memory:', plugins: [alpha, beta], providers, routing: { default: 'one' } }),
    );
    const second = await createOrder(
      createPaymux({ store: 'memory:', plugins: [alpha, beta], providers, routing: { default: 'two' } }),
    );

    expect(first).toMatchObject({ provider: 'one', providerType: 'alpha' });
    expect(second).toMatchObject({ provider: 'two', providerType: 'beta' });
  });

  it('registers a provider type at run time from a plugin object', async () => {
    const paymux = createPaymux({ store: 'memory:', providers: {} });
    paymux.registerProvider(beta).addAccount('late', { type: 'beta', apiKey: key });
    const payment = await paymux.createPayment({ reference: 'r1', amount: eur('1') });
    expect(payment.provider).toBe('late');
    expect(paymux.accounts()).toEqual([{ name: 'late', type: 'beta' }]);
  });

  it('lists the known types when a type is unknown', () => {
    const attempt = () =>
      createPaymux({
        store: 'memory:',
        plugins: [alpha, beta],
        providers: { main: { type: 'gamma', apiKey: key } },
      });
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(/providers\.main\.type: Unknown provider type "gamma"; known types: alpha, beta/);
  });

  it('names the bad key of an account and of the config', () => {
    const missing = () =>
      // @ts-expect-error a missing setting does not compile either; this checks the runtime message
      createPaymux({ store: 'memory:', plugins: [alpha], providers: { main: { type: 'alpha' } } });
    expect(missing).toThrow('providers.main.apiKey: Required');
    const typo = () =>
      createPaymux({
        store: 'memory:',
        plugins: [alpha],
        // @ts-expect-error a misspelt key does not compile either; this checks the runtime message
        providers: { main: { type: 'alpha', apiKey: key, apiKy: 'x' } },
      });
    expect(typo).toThrow('providers.main.apiKy: Unknown key');
    const badRoute = () =>
      createPaymux({
        store: 'memory:',
        plugins: [alpha],
        providers: { main: { type: 'alpha', apiKey: key } },
        // @ts-expect-error an unknown account does not compile either; this checks the runtime message
        routing: { default: 'nope' },
      });
    expect(badRoute).toThrow(/routing\.default: unknown account "nope"; accounts: main/);
    const noType = () =>
      createPaymux({ store: 'memory:', plugins: [alpha], providers: { main: { apiKey: key } as never } });
    expect(noType).toThrow('providers.main.type: Required');
    try {
      missing();
    } catch (error) {
      expect(ConfigurationError.is(error) && error.field).toBe('providers.main.apiKey');
    }
  });

  it('keeps several accounts of one type apart', async () => {
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [alpha],
      providers: {
        eu: { type: 'alpha', apiKey: key, label: 'eu' },
        us: { type: 'alpha', apiKey: key, label: 'us' },
      },
      routing: { default: 'eu' },
    });
    const payment = await paymux.createPayment({ reference: 'r1', amount: eur('5') }, { account: 'us' });
    expect(payment.provider).toBe('us');
    expect(paymux.account<{ settings: { label: string } }>('eu').api.settings.label).toBe('eu');
    expect(paymux.account<{ settings: { label: string } }>('us').api.settings.label).toBe('us');
  });

  it('routes by rules, first match wins, with decimal amount ranges', async () => {
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [alpha, beta],
      providers: {
        main: { type: 'alpha', apiKey: key },
        big: { type: 'beta', apiKey: key },
        algo: { type: 'beta', apiKey: key },
      },
      routing: {
        default: 'main',
        rules: [
          { when: { payWith: 'algo' }, use: 'algo' },
          { when: { currency: 'EUR', amount: { min: '1000.00' } }, use: 'big' },
        ],
      },
    });
    const route = async (amount: string, payWith?: string) =>
      (
        await paymux.createPayment({
          reference: `r-${amount}-${payWith}`,
          amount: eur(amount),
          ...(payWith ? { payWith: { symbol: payWith } } : {}),
        })
      ).provider;
    expect(await route('999.99')).toBe('main');
    expect(await route('1000')).toBe('big');
    expect(await route('5000', 'ALGO')).toBe('algo');
  });

  it('gives each account a rate limiter from its capabilities, with the store as quota store', () => {
    const limited = createFakePlugin('limited', backend, {
      rateLimits: { requestsPerSecond: 5, requestsPerDay: 100 },
    });
    createPaymux({
      plugins: [limited],
      providers: { a: { type: 'limited', apiKey: key }, b: { type: 'limited', apiKey: key } },
      store: createMemoryStore(),
    });
    const [a, b] = backend.contexts;
    expect(a?.rateLimiter?.limits).toEqual({
      requestsPerSecond: 5,
      inFlight: undefined,
      requestsPerDay: 100,
    });
    expect(a?.rateLimiter).not.toBe(b?.rateLimiter);
    expect(a?.account).toBe('a');
  });

  it('keeps daily quotas in the store, so a new client on the same store continues the count', async () => {
    const limited = createFakePlugin('limited', backend, { rateLimits: { requestsPerDay: 2 } });
    const store = createMemoryStore();
    const config = { plugins: [limited], providers: { a: { type: 'limited', apiKey: key } }, store };
    createPaymux(config);
    const task = async () => 'ok';
    await backend.contexts[0]?.rateLimiter?.schedule(task);
    createPaymux(config); // "after a restart"
    await backend.contexts[1]?.rateLimiter?.schedule(task);
    await expect(backend.contexts[1]?.rateLimiter?.schedule(task)).rejects.toThrow(/Daily quota of 2/);
  });
});

describe('operations', () => {
  const paymuxWith = (plugin = alpha) =>
    createPaymux({
      store: 'memory:',
      plugins: [plugin],
      providers: { main: { type: plugin.type, apiKey: key } },
    });

  it('validates input before routing or any I/O', async () => {
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [alpha],
      providers: { a: { type: 'alpha', apiKey: key }, b: { type: 'alpha', apiKey: key } },
    });
    // No default account and two accounts: routing would fail, but validation comes first.
    const error = await paymux
      .createPayment({ reference: 'r1', amount: { amount: 10 as never, currency: 'EUR' } })
      .catch((e) => e);
    expect(ValidationError.is(error)).toBe(true);
    expect(error.field).toBe('amount.amount');
    const extra = await paymux
      .createPayment({ reference: 'r1', amount: eur('1'), colour: 'red' } as never)
      .catch((e) => e);
    expect(ValidationError.is(extra)).toBe(true);
    expect(backend.calls).toHaveLength(0);
  });

  it('throws UnsupportedOperationError for an undeclared operation, before any I/O', async () => {
    const paymux = paymuxWith(
      createFakePlugin('nopayouts', backend, { without: ['createPayout', 'listPayouts'] }),
    );
    const error = await paymux
      .createPayout({
        reference: 'po1',
        amount: { amount: '1', currency: 'USDT' },
        destination: { asset: { symbol: 'USDT', network: 'tron' }, address: 'T123' },
      })
      .catch((e) => e);
    expect(UnsupportedOperationError.is(error)).toBe(true);
    expect(await paymux.getBalances().catch((e) => e.code)).toBe('unsupported_operation');
    expect(backend.calls).toHaveLength(0);
  });

  it('refuses a flow the account does not offer, before any I/O', async () => {
    const error = await paymuxWith()
      .createPayment({ reference: 'r', amount: eur('1'), flow: 'tracking' })
      .catch((e) => e);
    expect(UnsupportedOperationError.is(error)).toBe(true);
    expect(backend.calls).toHaveLength(0);
  });

  it('names a bad call option', async () => {
    const error = await paymuxWith()
      .getPayment('x', { acount: 'main' } as never)
      .catch((e) => e);
    expect(ValidationError.is(error)).toBe(true);
    expect(error.field).toBe('options.acount');
    // The shortcut for `{ account }` alone still leaves every other shape to the schema.
    for (const [options, field] of [
      [{ account: '' }, 'options.account'],
      [{ account: 'main', timeoutMs: -1 }, 'options.timeoutMs'],
      [{ account: 7 }, 'options.account'],
    ] as const) {
      const refused = await paymuxWith()
        .getPayment('x', options as never)
        .catch((e) => e);
      expect(ValidationError.is(refused)).toBe(true);
      expect(refused.field).toBe(field);
    }
  });
});

describe('routing conditions', () => {
  it('matches flow and required capabilities', async () => {
    const refundable = createFakePlugin('refundable', backend);
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [alpha, refundable],
      providers: {
        main: { type: 'alpha', apiKey: key },
        refunds: { type: 'refundable', apiKey: key },
        hosted: { type: 'alpha', apiKey: key },
      },
      routing: {
        default: 'main',
        rules: [
          { when: { capability: 'createRefund' }, use: 'refunds' },
          { when: { flow: 'deposit_address' }, use: 'hosted' },
        ],
      },
    });
    const input = (reference: string) => ({ reference, amount: eur('1') });
    expect((await paymux.createPayment(input('a'))).provider).toBe('main');
    expect((await paymux.createPayment(input('b'), { requires: ['createRefund'] })).provider).toBe('refunds');
    expect((await paymux.createPayment({ ...input('c'), flow: 'deposit_address' })).provider).toBe('hosted');
  });

  it('accepts a provider type in `use` when exactly one account has it', async () => {
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [alpha, beta],
      providers: { main: { type: 'alpha', apiKey: key }, b1: { type: 'beta', apiKey: key } },
      routing: { default: 'main', rules: [{ when: { payWith: ['ALGO', 'xlm'] }, use: 'beta' }] },
    });
    const payment = await paymux.createPayment({
      reference: 'x',
      amount: eur('1'),
      payWith: { symbol: 'XLM' },
    });
    expect(payment.provider).toBe('b1');
  });
});
