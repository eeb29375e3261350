import { createMemoryStore, jsonTupleKey, type Store } from '@paymux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBackend } from '../../test/fake-provider';
import { HOUR, MINUTE, SECOND, seedPayment, setStatus, trackerClient } from '../../test/tracker-fixture';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

const keyOf = (id: string) => jsonTupleKey(['payment', id]);

/**
 * A store several instances share. The memory store is process-local (the tracker polls without
 * leases there); a copy of its methods is not, so it behaves as SQLite or PostgreSQL would,
 * leases and shared rate slots included.
 */
const sharedStore = (): Store => ({ ...createMemoryStore() });

/** A second backend over the same payments: its calls are the second instance's only. */
function mirror(backend: FakeBackend): FakeBackend {
  const other = new FakeBackend();
  for (const [id, payment] of backend.payments) other.payments.set(id, payment);
  return other;
}

const polls = (backend: FakeBackend, id?: string) =>
  backend.calls.filter((call) => call.operation === 'getPayment' && (id === undefined || call.input === id));

describe('tracker state in the store', () => {
  it('keeps each tracked object and its next poll in the store, and removes it when done', async () => {
    const store = createMemoryStore();
    const { backend, paymux } = trackerClient({ store });
    seedPayment(backend, 'pay_1');
    seedPayment(backend, 'pay_2');
    paymux.tracker.track({ kind: 'payment', id: 'pay_1', account: 'main' });
    paymux.tracker.track({ kind: 'payment', id: 'pay_2', account: 'main' });
    await vi.advanceTimersByTimeAsync(0);
    expect(await store.getTrackedObject(keyOf('pay_1'))).toMatchObject({
      kind: 'payment',
      account: 'main',
      objectId: 'pay_1',
      attempt: 0,
      nextPollAt: Date.now() + 5 * SECOND,
    });
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    expect(await store.getTrackedObject(keyOf('pay_1'))).toMatchObject({ attempt: 1 });
    paymux.tracker.untrack('payment', 'pay_2');
    setStatus(backend, 'pay_1', 'succeeded');
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(paymux.tracker.stats()).toMatchObject({ tracked: 0, finishedBy: { final: 1 }, untracked: 1 });
    expect(await store.getTrackedObject(keyOf('pay_1'))).toBeUndefined();
    expect(await store.getTrackedObject(keyOf('pay_2'))).toBeUndefined();
    expect(await store.nextTrackedPollAt()).toBeUndefined();
  });

  it('writes whole milliseconds, as a database keeps them, whatever the jitter', async () => {
    const store = createMemoryStore();
    const { backend, paymux } = trackerClient({ store, tracker: { jitter: 0.1, random: () => 0.123456 } });
    seedPayment(backend, 'pay_i');
    paymux.tracker.track({ kind: 'payment', id: 'pay_i', account: 'main' });
    for (let i = 0; i < 3; i += 1) {
      await vi.advanceTimersByTimeAsync(20 * SECOND);
      const record = await store.getTrackedObject(keyOf('pay_i'));
      expect(Number.isInteger(record?.nextPollAt)).toBe(true);
      expect(Number.isInteger(record?.deadline)).toBe(true);
    }
  });

  it('resumes after a restart: a new client on the same store polls what the old one tracked', async () => {
    const store = createMemoryStore();
    const first = trackerClient({ store });
    for (let i = 0; i < 5; i += 1) {
      seedPayment(first.backend, `pay_${i}`);
      first.paymux.tracker.track({ kind: 'payment', id: `pay_${i}`, account: 'main' });
    }
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    expect(polls(first.backend)).toHaveLength(5);
    // Shutdown: the store keeps what was tracked.
    await first.paymux.tracker.stop();
    expect(await store.getTrackedObject(keyOf('pay_3'))).toMatchObject({ attempt: 1 });

    const backend = mirror(first.backend);
    const second = trackerClient({ backend, store, tracker: { resume: true } });
    for (let i = 0; i < 5; i += 1) setStatus(backend, `pay_${i}`, 'succeeded');
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(polls(first.backend)).toHaveLength(5);
    expect(polls(backend)).toHaveLength(5);
    // The backoff went on from where the first client left it (its second poll, 10 s after the first).
    expect(second.paymux.tracker.stats()).toMatchObject({ finishedBy: { final: 5 }, tracked: 0 });
    expect(second.events.filter((event) => event.type === 'payment.succeeded')).toHaveLength(5);
    expect(await store.nextTrackedPollAt()).toBeUndefined();
  });
});

describe('tracker on a shared store', () => {
  it('polls each object from one instance at a time, even when both track it', async () => {
    const store = sharedStore();
    const a = trackerClient({ store });
    const ids = Array.from({ length: 20 }, (_, i) => `pay_${i}`);
    for (const id of ids) seedPayment(a.backend, id);
    const b = trackerClient({ store, backend: mirror(a.backend) });
    a.backend.delayMs = 50;
    b.backend.delayMs = 50;
    // Both instances learn of every payment (say, one created it, the other got its webhook).
    for (const id of ids) {
      a.paymux.tracker.track({ kind: 'payment', id, account: 'main' });
      b.paymux.tracker.track({ kind: 'payment', id, account: 'main' });
    }
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    for (const id of ids) {
      const times = [...polls(a.backend, id), ...polls(b.backend, id)]
        .map((call) => call.at)
        .sort((x, y) => x - y);
      // The schedule has 5 s, 10 s, 20 s … between polls; two instances polling alone would poll
      // at the same instants.
      for (let i = 1; i < times.length; i += 1)
        expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(4 * SECOND);
      // 5, 15, 35, 75, 155, 315 and 600 s: 7 polls in 10 minutes, as one instance alone would send.
      expect(times.length).toBeLessThanOrEqual(7);
      expect(times.length).toBeGreaterThanOrEqual(6);
    }
    expect(a.paymux.tracker.stats().tracked + b.paymux.tracker.stats().tracked).toBe(20);
    await a.paymux.tracker.stop();
    await b.paymux.tracker.stop();
  });

  it('takes over the objects of an instance that stopped, once they are a scan interval past due', async () => {
    const store = sharedStore();
    const a = trackerClient({ store, tracker: { scanIntervalMs: 2 * SECOND } });
    for (let i = 0; i < 10; i += 1) {
      seedPayment(a.backend, `pay_${i}`);
      a.paymux.tracker.track({ kind: 'payment', id: `pay_${i}`, account: 'main' });
    }
    const b = trackerClient({ store, backend: mirror(a.backend), tracker: { scanIntervalMs: 2 * SECOND } });
    await b.paymux.tracker.resume();
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    // a polls its own objects; b, scanning, finds nothing abandoned.
    expect(polls(a.backend)).toHaveLength(10);
    expect(polls(b.backend)).toHaveLength(0);
    await a.paymux.tracker.stop();
    for (let i = 0; i < 10; i += 1) setStatus(a.backend, `pay_${i}`, 'succeeded');
    // a's next polls were due at 15 s; b takes them over by 15 + 2 s + one scan.
    await vi.advanceTimersByTimeAsync(14 * SECOND);
    expect(b.paymux.tracker.stats()).toMatchObject({ finishedBy: { final: 10 }, tracked: 0 });
    expect(polls(b.backend)).toHaveLength(10);
    expect(await store.nextTrackedPollAt()).toBeUndefined();
    await b.paymux.tracker.stop();
  });

  it('takes over an object whose poller died mid-poll when its lease ends, not before', async () => {
    const store = sharedStore();
    const options = { scanIntervalMs: SECOND, leaseMs: 30 * SECOND };
    const a = trackerClient({ store, tracker: options });
    seedPayment(a.backend, 'pay_h');
    a.backend.hangNext('main', 'getPayment');
    a.paymux.tracker.track({ kind: 'payment', id: 'pay_h', account: 'main' });
    const b = trackerClient({ store, backend: mirror(a.backend), tracker: options });
    await b.paymux.tracker.resume();
    // a's first poll (at 5 s) never answers: a is as good as dead, holding the lease.
    await vi.advanceTimersByTimeAsync(30 * SECOND);
    expect(polls(a.backend)).toHaveLength(1);
    expect(polls(b.backend)).toHaveLength(0);
    setStatus(a.backend, 'pay_h', 'succeeded');
    // The lease ran out at 35 s; b's scans take objects a scan interval past that.
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    expect(polls(b.backend)).toHaveLength(1);
    expect(b.paymux.tracker.stats()).toMatchObject({ finishedBy: { final: 1 } });
    expect(await store.getTrackedObject(keyOf('pay_h'))).toBeUndefined();
    await b.paymux.tracker.stop();
  });

  it('writes a record again when the store refused it, rather than dropping the object', async () => {
    const base = sharedStore();
    let refusals = 1;
    const store: Store = {
      ...base,
      saveTrackedObject: (record) =>
        refusals-- > 0 ? Promise.reject(new Error('connection reset')) : base.saveTrackedObject(record),
    };
    const { backend, paymux } = trackerClient({ store, tracker: { scanIntervalMs: SECOND } });
    seedPayment(backend, 'pay_r');
    paymux.tracker.track({ kind: 'payment', id: 'pay_r', account: 'main' });
    await vi.advanceTimersByTimeAsync(7 * SECOND);
    expect(paymux.tracker.isTracking('payment', 'pay_r')).toBe(true);
    expect(polls(backend, 'pay_r')).toHaveLength(1);
    setStatus(backend, 'pay_r', 'succeeded');
    await vi.advanceTimersByTimeAsync(MINUTE);
    expect(paymux.tracker.stats()).toMatchObject({ finishedBy: { final: 1 }, untracked: 0 });
    await paymux.tracker.stop();
  });

  it('hands back the leases of polls still running at stop, due at once', async () => {
    const store = sharedStore();
    const a = trackerClient({ store });
    seedPayment(a.backend, 'pay_s');
    a.backend.delayMs = 2 * SECOND;
    a.paymux.tracker.track({ kind: 'payment', id: 'pay_s', account: 'main' });
    await vi.advanceTimersByTimeAsync(5 * SECOND + 10);
    expect(polls(a.backend)).toHaveLength(1);
    const stopped = a.paymux.tracker.stop();
    await vi.advanceTimersByTimeAsync(2 * SECOND);
    await stopped;
    const record = await store.getTrackedObject(keyOf('pay_s'));
    expect(record).toMatchObject({ attempt: 0 });
    expect(record!.nextPollAt).toBeLessThanOrEqual(Date.now());
    // Free: another instance leases it straight away.
    expect(
      await store.leaseDueTrackedObjects('other', { now: Date.now(), leaseMs: 1_000, limit: 10 }),
    ).toHaveLength(1);
  });
});
