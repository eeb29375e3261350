import { AmbiguousOutcomeError, ProviderRejectedError, TimeoutError, ValidationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend, type FakePluginOptions } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';
import { createMemoryStore } from '@paymux/core';

const key = 'fake-key-0001';
const order = { reference: 'order-42', amount: { amount: '19.99', currency: 'EUR' } };
const payout = {
  reference: 'payout-9',
  amount: { amount: '5', currency: 'USDT' },
  destination: {
    asset: { symbol: 'USDT', network: 'tron' as const },
    address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
  },
};

function setup(options: FakePluginOptions = {}) {
  const backend = new FakeBackend();
  const paymux = createPaymux({
    store: 'memory:',
    plugins: [createFakePlugin('alpha', backend, options)],
    providers: { main: { type: 'alpha', apiKey: key } },
  });
  return { backend, paymux };
}

describe('idempotency', () => {
  it('sends every mutating call with a key derived from account, operation and reference, reused on retry', async () => {
    const { backend, paymux } = setup();
    backend.failNext('main', 'createPayment', new ProviderRejectedError('try again'));
    await expect(paymux.createPayment(order)).rejects.toThrow('try again');
    await paymux.createPayment(order);
    const [first, second] = backend.calls.map((call) => call.options?.idempotencyKey);
    expect(first).toMatch(/^pmx_[0-9a-f]{40}$/);
    expect(second).toBe(first);
    await paymux.createPayment({ ...order, reference: 'order-43' });
    expect(backend.calls[2]?.options?.idempotencyKey).not.toBe(first);
  });

  it('passes the caller key through', async () => {
    const { backend, paymux } = setup();
    await paymux.createPayment({ ...order, idempotencyKey: 'caller-key-1' });
    expect(backend.calls[0]?.options?.idempotencyKey).toBe('caller-key-1');
  });

  it('returns the stored result for the same key and input, without calling the provider again', async () => {
    const { backend, paymux } = setup();
    const first = await paymux.createPayment({ ...order, idempotencyKey: 'k1' });
    const again = await paymux.createPayment({ ...order, idempotencyKey: 'k1' });
    expect(again).toEqual(first);
    expect(backend.count('createPayment')).toBe(1);
    const payoutA = await paymux.createPayout(payout);
    const payoutB = await paymux.createPayout(payout);
    expect(payoutB).toEqual(payoutA);
    expect(backend.count('createPayout')).toBe(1);
  });

  it('refuses the same key with different input', async () => {
    const { backend, paymux } = setup();
    await paymux.createPayment(order);
    const error = await paymux
      .createPayment({ ...order, amount: { amount: '20', currency: 'EUR' } })
      .catch((e) => e);
    expect(ValidationError.is(error)).toBe(true);
    expect(error.field).toBe('idempotencyKey');
    expect(backend.count('createPayment')).toBe(1);
  });

  it('makes 20 concurrent identical calls one provider call', async () => {
    const { backend, paymux } = setup();
    backend.delayMs = 20;
    const results = await Promise.all(Array.from({ length: 20 }, () => paymux.createPayment(order)));
    expect(backend.count('createPayment')).toBe(1);
    expect(new Set(results.map((payment) => payment.id)).size).toBe(1);
    const payouts = await Promise.all(Array.from({ length: 20 }, () => paymux.createPayout(payout)));
    expect(backend.count('createPayout')).toBe(1);
    expect(new Set(payouts.map((item) => item.id)).size).toBe(1);
  });

  it('a concurrent duplicate waits for a first call running in another client on the same store', async () => {
    const backend = new FakeBackend();
    backend.delayMs = 30;
    const plugin = createFakePlugin('alpha', backend);
    const { store } = setup().paymux;
    const one = createPaymux({
      plugins: [plugin],
      providers: { main: { type: 'alpha', apiKey: key } },
      store,
    });
    const two = createPaymux({
      plugins: [plugin],
      providers: { main: { type: 'alpha', apiKey: key } },
      store,
    });
    const [a, b] = await Promise.all([one.createPayment(order), two.createPayment(order)]);
    expect(b).toEqual(a);
    expect(backend.count('createPayment')).toBe(1);
  });

  it('after an ambiguous createPayment that created nothing, a retry looks the reference up first', async () => {
    const { backend, paymux } = setup();
    backend.failNext('main', 'createPayment', new AmbiguousOutcomeError('timed out after sending'));
    await expect(paymux.createPayment(order)).rejects.toThrow('timed out');
    const retried = await paymux.createPayment(order);
    // Looked up by reference, found nothing, so a payment (which moves no money) is created.
    expect(backend.count('listPayments')).toBe(1);
    expect(backend.count('createPayment')).toBe(2);
    expect(retried.reference).toBe(order.reference);
    // Settled: later repeats return the stored result.
    await paymux.createPayment(order);
    expect(backend.count('createPayment')).toBe(2);
  });

  it('after an ambiguous createPayment that did create, the retry returns the created payment', async () => {
    const { backend, paymux } = setup();
    await paymux.createPayment(order, { account: 'main' });
    // Same reference, new key: the provider already has it; the call times out.
    backend.failNext('main', 'createPayment', new TimeoutError('slow'));
    const input = { ...order, idempotencyKey: 'fresh' };
    await expect(paymux.createPayment(input, { account: 'main' })).rejects.toThrow('slow');
    const retried = await paymux.createPayment(input, { account: 'main' });
    expect(retried.id).toBe([...backend.payments.values()][0]?.id);
    expect(backend.count('createPayment')).toBe(2);
  });

  it('never sends a payout again blind after an ambiguous outcome', async () => {
    const { backend, paymux } = setup({ without: ['listPayouts'] });
    backend.failNext('main', 'createPayout', new AmbiguousOutcomeError('maybe'));
    await expect(paymux.createPayout(payout)).rejects.toThrow('maybe');
    const error = await paymux.createPayout(payout).catch((e) => e);
    expect(AmbiguousOutcomeError.is(error)).toBe(true);
    expect(error.message).toMatch(/could not settle it/);
    expect(backend.count('createPayout')).toBe(1);
  });

  it('resends a payout with the same key when the provider declares it idempotent', async () => {
    const { backend, paymux } = setup({ without: ['listPayouts'], idempotentPayouts: true });
    backend.failNext('main', 'createPayout', new TimeoutError('slow'));
    await expect(paymux.createPayout(payout)).rejects.toThrow('slow');
    await paymux.createPayout(payout);
    const keys = backend.calls
      .filter((call) => call.operation === 'createPayout')
      .map((call) => call.options?.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('finds an ambiguous payout by reference when the provider lists payouts', async () => {
    const { backend, paymux } = setup();
    const created = await paymux.createPayout(payout, { account: 'main' });
    backend.failNext('main', 'createPayout', new AmbiguousOutcomeError('maybe'));
    const input = { ...payout, idempotencyKey: 'other' };
    await expect(paymux.createPayout(input, { account: 'main' })).rejects.toThrow('maybe');
    expect((await paymux.createPayout(input, { account: 'main' })).id).toBe(created.id);
    expect(backend.count('createPayout')).toBe(2);
  });
});

describe('idempotency edge cases', () => {
  it('refuses a concurrent duplicate key with different input at once', async () => {
    const { backend, paymux } = setup();
    backend.delayMs = 20;
    const first = paymux.createPayment({ ...order, idempotencyKey: 'same' });
    const conflicting = await paymux
      .createPayment({ ...order, reference: 'other', idempotencyKey: 'same' })
      .catch((e) => e);
    expect(ValidationError.is(conflicting)).toBe(true);
    await first;
    expect(backend.count('createPayment')).toBe(1);
  });

  it('treats a pending record left by a crashed instance as ambiguous, and never resends a payout blind', async () => {
    const backend = new FakeBackend();
    const plugin = createFakePlugin('alpha', backend);
    const providers = { main: { type: 'alpha', apiKey: key } };
    const store = createMemoryStore();
    const crashed = createPaymux({ plugins: [plugin], providers, store });
    backend.hangNext('main', 'createPayout');
    void crashed.createPayout(payout);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const later = new Date(Date.now() + 10 * 60_000);
    const restarted = createPaymux({ plugins: [plugin], providers, store, now: () => later });
    const error = await restarted.createPayout(payout).catch((e) => e);
    expect(AmbiguousOutcomeError.is(error)).toBe(true);
    expect(backend.count('listPayouts')).toBe(1);
    expect(backend.count('createPayout')).toBe(1);
  });

  it('a duplicate in another instance waits, then gives up with AmbiguousOutcomeError', async () => {
    const backend = new FakeBackend();
    const plugin = createFakePlugin('alpha', backend);
    const providers = { main: { type: 'alpha', apiKey: key } };
    const store = createMemoryStore();
    backend.hangNext('main', 'createPayout');
    void createPaymux({ plugins: [plugin], providers, store }).createPayout(payout);
    const other = createPaymux({ plugins: [plugin], providers, store, idempotency: { pendingWaitMs: 50 } });
    await expect(other.createPayout(payout)).rejects.toThrow(/still running elsewhere/);
    expect(backend.count('createPayout')).toBe(1);
  });
});
