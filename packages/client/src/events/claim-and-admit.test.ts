import type { Payment, PaymentEventType, Store, WebhookEvent } from '@paymux/core';
import { createMemoryStore, jsonTupleKey } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { claimAndAdmitEvent, objectStateKey, RecentObjectStates } from './state-guard';

function paymentEvent(type: PaymentEventType, status: Payment['status'], minute: number): WebhookEvent {
  const occurredAt = new Date(Date.UTC(2026, 10, 21, 10, minute)).toISOString();
  const data: Payment = {
    id: 'pay_1',
    provider: 'main',
    providerType: 'fake',
    providerPaymentId: 'p1',
    reference: 'order-1',
    flow: 'deposit_address',
    status,
    rawStatus: status,
    amount: { amount: '10', currency: 'EUR' },
    amountDelta: 'none',
    transfers: [],
    createdAt: '2026-11-21T10:00:00.000Z',
    updatedAt: occurredAt,
    raw: {},
  };
  return {
    id: `${type}@${occurredAt}`,
    object: 'payment',
    type,
    provider: 'main',
    providerType: 'fake',
    occurredAt,
    verifiedBy: 'signature',
    data,
    raw: {},
  } as WebhookEvent;
}

const processing = paymentEvent('payment.processing', 'processing', 1);
const succeeded = paymentEvent('payment.succeeded', 'succeeded', 2);
const key = objectStateKey(processing);

/** The memory store, counting each call by method name. */
function countingStore(inner: Store = createMemoryStore()) {
  const calls: string[] = [];
  const store = new Proxy(inner, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(name));
        return value.apply(target, args);
      };
    },
  });
  return { store, calls, take: () => calls.splice(0) };
}

const claim = (event: WebhookEvent, id = event.id) => jsonTupleKey([event.provider, id]);

describe('claimAndAdmitEvent', () => {
  it('claims and records the state of an object never seen in one store call', async () => {
    const { store, take } = countingStore();
    expect(await claimAndAdmitEvent(store, claim(processing), processing, new RecentObjectStates())).toBe(
      'new_state',
    );
    expect(take()).toEqual(['claimEventAndSetObjectState']);
    expect((await store.getObjectState(key))?.version).toBe(1);
    expect(await store.claimEventId(claim(processing))).toBe(false);
  });

  it('makes one store call for an object this process saw last', async () => {
    const { store, take } = countingStore();
    const recent = new RecentObjectStates();
    await claimAndAdmitEvent(store, claim(processing), processing, recent);
    take();
    expect(await claimAndAdmitEvent(store, claim(succeeded), succeeded, recent)).toBe('new_state');
    expect(take()).toEqual(['claimEventAndSetObjectState']);
    expect(await store.getObjectState(key)).toMatchObject({
      version: 2,
      state: { status: 'succeeded', announced: ['payment.processing', 'payment.succeeded'] },
    });
  });

  it("decides on the store's state when another instance wrote it, without reading it again", async () => {
    const { store, take } = countingStore();
    await claimAndAdmitEvent(store, claim(processing), processing, new RecentObjectStates());
    take();
    expect(await claimAndAdmitEvent(store, claim(succeeded), succeeded, new RecentObjectStates())).toBe(
      'new_state',
    );
    expect(take()).toEqual(['claimEventAndSetObjectState', 'compareAndSetObjectState']);
    expect((await store.getObjectState(key))?.state.announced).toEqual([
      'payment.processing',
      'payment.succeeded',
    ]);
  });

  it('never takes a final state back when what this process saw is outdated', async () => {
    const { store } = countingStore();
    const here = new RecentObjectStates();
    await claimAndAdmitEvent(store, claim(processing), processing, here);
    await claimAndAdmitEvent(store, claim(succeeded), succeeded, new RecentObjectStates());
    const failed = paymentEvent('payment.failed', 'failed', 3);
    expect(await claimAndAdmitEvent(store, claim(failed), failed, here)).toBe('regression');
    expect((await store.getObjectState(key))?.state.status).toBe('succeeded');
  });

  it('drops a repeated event id and writes nothing, whatever this process guessed', async () => {
    const { store } = countingStore();
    await claimAndAdmitEvent(store, claim(processing), processing, new RecentObjectStates());
    expect(await claimAndAdmitEvent(store, claim(processing), succeeded, new RecentObjectStates())).toBe(
      'duplicate_event',
    );
    expect(await store.getObjectState(key)).toMatchObject({ version: 1, state: { status: 'processing' } });
  });

  it('asks the store when a state looks announced already, and keeps the claim', async () => {
    const { store, take } = countingStore();
    const recent = new RecentObjectStates();
    await claimAndAdmitEvent(store, claim(processing), processing, recent);
    take();
    expect(await claimAndAdmitEvent(store, claim(processing, 'resent'), processing, recent)).toBe(
      'already_announced',
    );
    expect(take()).toEqual(['claimEventId', 'getObjectState']);
    expect(await store.claimEventId(claim(processing, 'resent'))).toBe(false);
  });

  it('announces a state once when 20 instances deliver it at once under distinct ids', async () => {
    const { store } = countingStore();
    const decisions = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        claimAndAdmitEvent(store, claim(succeeded, `evt_${index}`), succeeded, new RecentObjectStates()),
      ),
    );
    expect(decisions.filter((decision) => decision === 'new_state')).toHaveLength(1);
    expect(decisions.filter((decision) => decision === 'already_announced')).toHaveLength(19);
  });
});

describe('RecentObjectStates', () => {
  it('forgets the least recently used object past its limit', () => {
    const recent = new RecentObjectStates(2);
    const seen = { state: { ...processing.data, announced: [] } as never, version: 1 };
    recent.remember('a', seen);
    recent.remember('b', seen);
    recent.remember('a', seen);
    recent.remember('c', seen);
    expect([recent.get('a'), recent.get('b'), recent.get('c')]).toEqual([seen, undefined, seen]);
    recent.remember('a', undefined);
    expect(recent.get('a')).toBeUndefined();
  });
});
