import { ConfigurationError, UnsupportedOperationError, ValidationError } from '@paymux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type FakeBackend, signFake } from '../../test/fake-provider';
import {
  gaps,
  HOUR,
  MINUTE,
  SECOND,
  seedPayment,
  seedPayout,
  setStatus,
  trackerClient,
  webhookSecret,
} from '../../test/tracker-fixture';
import type { TrackerClock } from './tracker-options';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

const pollTimes = (backend: FakeBackend, id: string) =>
  backend.calls.filter((call) => call.operation === 'getPayment' && call.input === id).map((call) => call.at);

describe('tracker schedule', () => {
  it('polls densely while young, then backs off to the cap', async () => {
    const { backend, paymux } = trackerClient();
    seedPayment(backend, 'pay_1');
    const start = Date.now();
    paymux.tracker.track({ kind: 'payment', id: 'pay_1', account: 'main' });
    await vi.advanceTimersByTimeAsync(30 * MINUTE);
    const times = pollTimes(backend, 'pay_1');
    const first = times[0]! - start;
    // 5 s, 10 s, 20 s … doubling up to the 5 min cap, as ratios of the first delay.
    expect(
      gaps(times)
        .slice(0, 8)
        .map((gap) => gap / first),
    ).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
    expect(paymux.tracker.stats()).toMatchObject({ tracked: 1, requestsSent: times.length, finished: 0 });
  });

  it('spreads each interval by the jitter', async () => {
    const delays = async (random: () => number) => {
      const { backend, paymux } = trackerClient({ tracker: { jitter: 0.2, random } });
      seedPayment(backend, 'pay_j');
      const start = Date.now();
      paymux.tracker.track({ kind: 'payment', id: 'pay_j', account: 'main' });
      await vi.advanceTimersByTimeAsync(MINUTE);
      const times = pollTimes(backend, 'pay_j');
      return [times[0]! - start, ...gaps(times)].slice(0, 3);
    };
    const earliest = await delays(() => 0);
    const middle = await delays(() => 0.5);
    const latest = await delays(() => 0.75);
    expect(earliest.map((delay, index) => delay / middle[index]!)).toEqual([0.8, 0.8, 0.8]);
    expect(latest.map((delay, index) => delay / middle[index]!)).toEqual([1.1, 1.1, 1.1]);
  });

  it('runs on an injected clock', async () => {
    const pending: { at: number; run: () => void }[] = [];
    let now = Date.UTC(2026, 2, 2, 8);
    const clock: TrackerClock = {
      now: () => now,
      setTimeout: (run, ms) => {
        const timer = { at: now + ms, run };
        pending.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        const index = pending.indexOf(handle as (typeof pending)[number]);
        if (index >= 0) pending.splice(index, 1);
      },
    };
    const { backend, paymux } = trackerClient({ tracker: { clock } });
    seedPayment(backend, 'pay_c');
    paymux.tracker.track({ kind: 'payment', id: 'pay_c', account: 'main' });
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const timer = pending.sort((a, b) => a.at - b.at).shift()!;
      delays.push(timer.at - now);
      now = timer.at;
      timer.run();
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(delays.map((delay) => delay / delays[0]!)).toEqual([1, 2, 4, 8]);
    expect(pollTimes(backend, 'pay_c')).toHaveLength(4);
  });
});

describe('tracker stop conditions', () => {
  it('announces what each poll finds and stops at the final state', async () => {
    const { backend, paymux, events } = trackerClient();
    seedPayment(backend, 'pay_f');
    paymux.tracker.track({ kind: 'payment', id: 'pay_f', account: 'main' });
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    setStatus(backend, 'pay_f', 'processing');
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    setStatus(backend, 'pay_f', 'succeeded');
    await vi.advanceTimersByTimeAsync(20 * SECOND);
    expect(paymux.tracker.isTracking('payment', 'pay_f')).toBe(false);
    const sent = pollTimes(backend, 'pay_f').length;
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(pollTimes(backend, 'pay_f')).toHaveLength(sent);
    expect(events.map((event) => [event.type, event.verifiedBy])).toEqual([
      ['payment.created', 'direct'],
      ['payment.processing', 'direct'],
      ['payment.succeeded', 'direct'],
    ]);
    expect(paymux.tracker.stats()).toMatchObject({ tracked: 0, finished: 1, finishedBy: { final: 1 } });
  });

  it('stops at expiresAt plus the grace period without another request', async () => {
    const { backend, paymux } = trackerClient({ tracker: { expiryGraceMs: MINUTE } });
    seedPayment(backend, 'pay_e');
    const expiresAt = new Date(Date.now() + MINUTE).toISOString();
    paymux.tracker.track({ kind: 'payment', id: 'pay_e', account: 'main', expiresAt });
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    // Polls at 5, 15, 35 and 75 s fit in the 120 s; the next one (155 s) would not.
    expect(pollTimes(backend, 'pay_e')).toHaveLength(4);
    expect(paymux.tracker.stats()).toMatchObject({ tracked: 0, finishedBy: { expired: 1 } });
  });

  it('stops without tracking at all when already past expiry and grace', async () => {
    const { backend, paymux } = trackerClient({ tracker: { expiryGraceMs: 0 } });
    seedPayment(backend, 'pay_old');
    paymux.tracker.track({ kind: 'payment', id: 'pay_old', account: 'main', expiresAt: Date.now() - 1 });
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(pollTimes(backend, 'pay_old')).toEqual([]);
    expect(paymux.tracker.stats().finishedBy.expired).toBe(1);
  });

  it('stops as soon as a webhook brings the final state', async () => {
    const { backend, paymux, events } = trackerClient();
    seedPayment(backend, 'pay_w');
    paymux.tracker.track({ kind: 'payment', id: 'pay_w', account: 'main' });
    await vi.advanceTimersByTimeAsync(20 * SECOND);
    const before = pollTimes(backend, 'pay_w').length;
    const rawBody = JSON.stringify({
      id: 'evt_w',
      paymentId: 'pay_w',
      status: 'succeeded',
      occurredAt: new Date(Date.now()).toISOString(),
    });
    const result = await paymux.webhooks.handle('main', {
      rawBody,
      headers: { 'x-fake-signature': signFake(webhookSecret, rawBody) },
    });
    expect(result.status).toBe(200);
    expect(paymux.tracker.isTracking('payment', 'pay_w')).toBe(false);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(pollTimes(backend, 'pay_w')).toHaveLength(before);
    expect(events.filter((event) => event.type === 'payment.succeeded')).toHaveLength(1);
    expect(paymux.tracker.stats()).toMatchObject({ finishedBy: { event: 1, final: 0 } });
  });

  it('stops when a direct call brought the final state, and a payout is tracked the same way', async () => {
    const { backend, paymux } = trackerClient();
    seedPayment(backend, 'pay_d');
    seedPayout(backend, 'po_1');
    paymux.tracker.track({ kind: 'payment', id: 'pay_d', account: 'main' });
    paymux.tracker.track({ kind: 'payout', id: 'po_1', account: 'main' });
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    setStatus(backend, 'pay_d', 'failed');
    await paymux.getPayment('pay_d', { account: 'main' });
    expect(paymux.tracker.isTracking('payment', 'pay_d')).toBe(false);
    backend.payouts.get('po_1')!.status = 'succeeded';
    await vi.advanceTimersByTimeAsync(20 * SECOND);
    expect(paymux.tracker.isTracking('payout', 'po_1')).toBe(false);
    expect(paymux.tracker.stats()).toMatchObject({ finishedBy: { event: 1, final: 1 } });
  });

  it('costs no request for an object another instance already saw final (shared store)', async () => {
    const first = trackerClient();
    const second = trackerClient({ backend: first.backend, store: first.paymux.store });
    seedPayment(first.backend, 'pay_s');
    second.paymux.tracker.track({ kind: 'payment', id: 'pay_s', account: 'main' });
    setStatus(first.backend, 'pay_s', 'succeeded');
    await first.paymux.getPayment('pay_s', { account: 'main' });
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(pollTimes(first.backend, 'pay_s')).toHaveLength(1);
    expect(second.paymux.tracker.stats()).toMatchObject({ requestsSent: 0, finishedBy: { event: 1 } });
  });

  it('untrack and stop end tracking; track works again after stop', async () => {
    const { backend, paymux } = trackerClient();
    seedPayment(backend, 'pay_u');
    seedPayment(backend, 'pay_v');
    expect(paymux.tracker.track({ kind: 'payment', id: 'pay_u', account: 'main' })).toBe(true);
    expect(paymux.tracker.track({ kind: 'payment', id: 'pay_u', account: 'main' })).toBe(false);
    paymux.tracker.track({ kind: 'payment', id: 'pay_v', account: 'main' });
    expect(paymux.tracker.untrack('payment', 'pay_u')).toBe(true);
    expect(paymux.tracker.untrack('payment', 'pay_u')).toBe(false);
    await paymux.tracker.stop();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(backend.count('getPayment')).toBe(0);
    expect(paymux.tracker.stats()).toMatchObject({ tracked: 0, untracked: 2 });
    paymux.tracker.track({ kind: 'payment', id: 'pay_u', account: 'main' });
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    expect(backend.count('getPayment')).toBe(1);
  });

  it('keeps polling after a failed poll', async () => {
    const { backend, paymux } = trackerClient();
    seedPayment(backend, 'pay_x');
    backend.failNext('main', 'getPayment', new Error('connection reset'), 2);
    paymux.tracker.track({ kind: 'payment', id: 'pay_x', account: 'main' });
    await vi.advanceTimersByTimeAsync(40 * SECOND);
    setStatus(backend, 'pay_x', 'succeeded');
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(paymux.tracker.stats()).toMatchObject({ errors: 2, finishedBy: { final: 1 } });
  });
});

describe('tracker input and auto-tracking', () => {
  it('refuses an unknown account, a bad input and an account that cannot read back', () => {
    const { paymux } = trackerClient({ plugin: { without: ['getPayout'] } });
    expect(() => paymux.tracker.track({ kind: 'payment', id: 'p', account: 'nope' })).toThrow(
      ConfigurationError,
    );
    expect(() =>
      paymux.tracker.track({ kind: 'payment', id: '', account: 'main', expiresAt: 'tomorrow' }),
    ).toThrow(ValidationError);
    expect(() => paymux.tracker.track({ kind: 'payout', id: 'po', account: 'main' })).toThrow(
      UnsupportedOperationError,
    );
  });

  it('tracks what the client creates when autoTrack is on', async () => {
    const { backend, paymux } = trackerClient({ tracker: { autoTrack: true } });
    const payment = await paymux.createPayment({ reference: 'o1', amount: { amount: '3', currency: 'EUR' } });
    const payout = await paymux.createPayout({
      reference: 'po-1',
      amount: { amount: '2', currency: 'EUR' },
      destination: {
        address: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE',
        asset: { symbol: 'USDT', network: 'tron' },
      },
    });
    expect(paymux.tracker.isTracking('payment', payment.id)).toBe(true);
    expect(paymux.tracker.isTracking('payout', payout.id)).toBe(true);
    setStatus(backend, payment.id, 'succeeded');
    await vi.advanceTimersByTimeAsync(6 * SECOND);
    expect(paymux.tracker.isTracking('payment', payment.id)).toBe(false);
  });

  it('tracks nothing on its own by default', async () => {
    const { paymux } = trackerClient();
    await paymux.createPayment({ reference: 'o2', amount: { amount: '3', currency: 'EUR' } });
    expect(paymux.tracker.stats().tracked).toBe(0);
  });

  it('validates the tracker config', () => {
    expect(() => trackerClient({ tracker: { firstPollMs: -1 } })).toThrow(/tracker\.firstPollMs/);
    expect(() => trackerClient({ tracker: { clock: {} as never } })).toThrow(/tracker\.clock/);
  });
});
