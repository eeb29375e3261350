import {
  AmbiguousOutcomeError,
  ProviderRejectedError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';

const key = 'fake-key-0001';

function setup(options: { explicit?: boolean } = {}) {
  const backend = new FakeBackend();
  const paymux = createPaymux({
    store: 'memory:',
    plugins: [createFakePlugin('alpha', backend), createFakePlugin('beta', backend)],
    providers: {
      primary: { type: 'alpha', apiKey: key },
      spare: { type: 'beta', apiKey: key },
      last: { type: 'beta', apiKey: key },
    },
    routing: { default: 'primary', fallback: ['spare', 'last'] },
  });
  const create = () =>
    paymux.createPayment(
      { reference: 'order-7', amount: { amount: '10', currency: 'EUR' } },
      options.explicit ? { account: 'primary' } : undefined,
    );
  return { backend, paymux, create };
}

describe('fallback', () => {
  it.each([
    ['a refused connection', new ProviderUnavailableError('Could not connect (ECONNREFUSED)')],
    ['a 503', new ProviderUnavailableError('down', { httpStatus: 503 })],
    ['a rate limit', new RateLimitError('slow down', { retryAfter: 1, httpStatus: 429 })],
  ])('moves to the next account after %s, and says which account served', async (_, error) => {
    const { backend, create } = setup();
    backend.failNext('primary', 'createPayment', error);
    const payment = await create();
    expect(payment.provider).toBe('spare');
    expect(backend.count('createPayment')).toBe(2);
  });

  it('keeps going down the list while each account certainly created nothing', async () => {
    const { backend, create } = setup();
    backend.failNext('primary', 'createPayment', new ProviderUnavailableError('refused'));
    backend.failNext('spare', 'createPayment', new RateLimitError('slow'));
    expect((await create()).provider).toBe('last');
  });

  it.each([
    ['a timeout', new TimeoutError('slow')],
    ['an ambiguous outcome', new AmbiguousOutcomeError('maybe')],
    ['a 500', new ProviderUnavailableError('boom', { httpStatus: 500 })],
    ['a business refusal', new ProviderRejectedError('no', { httpStatus: 400 })],
    ['an unknown error', new Error('adapter bug')],
  ])('never falls back after %s', async (_, error) => {
    const { backend, create } = setup();
    backend.failNext('primary', 'createPayment', error);
    await expect(create()).rejects.toBe(error);
    expect(backend.count('createPayment')).toBe(1);
  });

  it('does not fall back when the caller named the account', async () => {
    const { backend, create } = setup({ explicit: true });
    backend.failNext('primary', 'createPayment', new ProviderUnavailableError('refused'));
    await expect(create()).rejects.toThrow('refused');
    expect(backend.count('createPayment')).toBe(1);
  });

  it('does not fall back for reads', async () => {
    const { backend, paymux } = setup();
    backend.failNext('primary', 'listPayments', new ProviderUnavailableError('refused'));
    await expect(paymux.listPayments()).rejects.toThrow('refused');
    expect(backend.count('listPayments')).toBe(1);
  });
});
