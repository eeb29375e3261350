import { createMemoryStore, type IdempotencyRecord, type Store } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend } from '../../test/fake-provider';
import { createPaymux } from '../client/create-paymux';

const key = 'fake-key-0001';
const providers = { main: { type: 'alpha', apiKey: key } };
const order = { reference: 'order-7', amount: { amount: '12.50', currency: 'EUR' } };
const recordKey = JSON.stringify(['createPayment', 'reference', order.reference]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A store whose process "dies" right after the provider created the object: the update that
 * would mark the record succeeded never completes (as after a kill -9), so it stays pending.
 */
function dyingAfterCreate(store: Store): Store {
  return {
    ...store,
    updateIdempotencyRecord: (record: IdempotencyRecord) =>
      record.state === 'succeeded' ? new Promise<void>(() => {}) : store.updateIdempotencyRecord(record),
  };
}

async function crashAfterCreate(backend: FakeBackend, store: Store): Promise<void> {
  const plugin = createFakePlugin('alpha', backend);
  const crashed = createPaymux({ plugins: [plugin], providers, store: dyingAfterCreate(store) });
  void crashed.createPayment(order);
  while (backend.count('createPayment') === 0 || backend.payments.size === 0) await sleep(1);
  // The next process starts later than the record: its clock is past the record's start.
  await sleep(5);
}

describe('crash recovery', () => {
  it('settles at start a record a crashed process left pending after the provider created the payment', async () => {
    const backend = new FakeBackend();
    const store = createMemoryStore();
    await crashAfterCreate(backend, store);
    expect((await store.getIdempotencyRecord(recordKey))?.state).toBe('pending');

    const restarted = createPaymux({ plugins: [createFakePlugin('alpha', backend)], providers, store });
    await restarted.close(); // waits for recovery; the store object stays open for its owner
    const settled = await store.getIdempotencyRecord(recordKey);
    expect(settled?.state).toBe('succeeded');
    const created = [...backend.payments.values()][0]!;
    expect(settled?.result).toMatchObject({ id: created.id });
    expect(await store.isKnownObject('main', 'payment', created.providerPaymentId)).toBe(true);
    expect(backend.count('listPayments')).toBe(1);

    const again = createPaymux({ plugins: [createFakePlugin('alpha', backend)], providers, store });
    expect((await again.createPayment(order)).id).toBe(created.id);
    expect(backend.count('createPayment')).toBe(1);
  });

  it('answers the next call with the same reference from the provider at once, instead of waiting', async () => {
    const backend = new FakeBackend();
    const store = createMemoryStore();
    await crashAfterCreate(backend, store);
    const restarted = createPaymux({
      plugins: [createFakePlugin('alpha', backend)],
      providers,
      store,
      // Were the record not looked up, this call would wait the whole 30 s.
      idempotency: { pendingWaitMs: 30_000 },
    });
    const started = Date.now();
    const payment = await restarted.createPayment(order);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(payment.id).toBe([...backend.payments.values()][0]!.id);
    expect(backend.count('createPayment')).toBe(1);
    expect(backend.count('listPayments')).toBe(1);
    expect((await store.getIdempotencyRecord(recordKey))?.state).toBe('succeeded');
  });

  it('leaves a record whose payment the provider does not have, and never sends anything from recovery', async () => {
    const backend = new FakeBackend();
    const store = createMemoryStore();
    const plugin = createFakePlugin('alpha', backend);
    backend.hangNext('main', 'createPayment');
    void createPaymux({ plugins: [plugin], providers, store }).createPayment(order);
    while (backend.count('createPayment') === 0) await sleep(1);
    await sleep(5);

    const restarted = createPaymux({ plugins: [plugin], providers, store });
    await restarted.close();
    expect(backend.count('listPayments')).toBe(1);
    expect(backend.count('createPayment')).toBe(1);
    // Its owner may be another instance still running the call: the record stays for the next call.
    expect((await store.getIdempotencyRecord(recordKey))?.state).toBe('pending');
  });

  it('resends with the same key, at once, a leftover call no lookup can settle when the provider deduplicates it', async () => {
    const backend = new FakeBackend();
    const store = createMemoryStore();
    const plugin = createFakePlugin('alpha', backend, { without: ['listPayouts'], idempotentPayouts: true });
    const payout = {
      reference: 'payout-3',
      amount: { amount: '5', currency: 'USDT' },
      destination: {
        asset: { symbol: 'USDT', network: 'tron' as const },
        address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
      },
    };
    void createPaymux({ plugins: [plugin], providers, store: dyingAfterCreate(store) }).createPayout(payout);
    while (backend.payouts.size === 0) await sleep(1);
    await sleep(5);

    const restarted = createPaymux({ plugins: [plugin], providers, store });
    const started = Date.now();
    await restarted.createPayout(payout);
    expect(Date.now() - started).toBeLessThan(5_000);
    const keys = backend.calls
      .filter((call) => call.operation === 'createPayout')
      .map((call) => call.options?.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('does not touch records of calls this client started itself', async () => {
    const backend = new FakeBackend();
    backend.delayMs = 30;
    const store = createMemoryStore();
    const paymux = createPaymux({ plugins: [createFakePlugin('alpha', backend)], providers, store });
    const payment = await paymux.createPayment(order);
    await paymux.close();
    expect(backend.count('listPayments')).toBe(0);
    expect((await store.getIdempotencyRecord(recordKey))?.result).toEqual(payment);
  });
});
