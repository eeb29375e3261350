import { createMemoryStore, ProviderUnavailableError, RateLimitError, type Store } from '@paymux/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakePlugin, FakeBackend, type FakePluginOptions } from '../../test/fake-provider';
import { SECOND, seedPayment, seedPayout, setStatus, webhookSecret } from '../../test/tracker-fixture';
import { createPaymux } from '../client/create-paymux';
import type { PaymuxConfig } from '../config/config-schema';
import { type TelemetryRecorder, telemetryRecorder } from './telemetry-recorder.test-support';

// The status tracker's background polls, on fake time over the fake provider, recorded by the
// OpenTelemetry SDK's in-memory exporters.

const SPAN_STATUS_ERROR = 2;
const apiKey = 'fake-key-otel-tracker-0001';

let recorder: TelemetryRecorder;
const clients: { close(): Promise<void> }[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date', 'performance'] });
  vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
  recorder = telemetryRecorder();
});
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  vi.useRealTimers();
  await recorder.shutdown();
});

function client(
  options: {
    backend?: FakeBackend;
    plugin?: FakePluginOptions;
    store?: Store;
    tracker?: PaymuxConfig['tracker'];
  } = {},
) {
  const backend = options.backend ?? new FakeBackend();
  const paymux = createPaymux({
    plugins: [createFakePlugin('alpha', backend, options.plugin)],
    providers: { main: { type: 'alpha', apiKey, webhookSecret } },
    tracker: { jitter: 0, ...options.tracker },
    store: options.store ?? 'memory:',
    telemetry: recorder.telemetry,
  });
  clients.push(paymux);
  return { backend, paymux };
}

const pollSpans = () => recorder.spansNamed('paymux.tracker.poll');

/** The SDK's metric flush does not settle on fake time: metrics are read last, on real time. */
function points(name: string) {
  vi.useRealTimers();
  return recorder.points(name);
}

describe('telemetry of tracker polls', () => {
  it('puts a root span on each poll with account, provider, kind, attempt, outcome and the status found', async () => {
    const { backend, paymux } = client();
    seedPayment(backend, 'pay_t1');
    paymux.tracker.track({ kind: 'payment', id: 'pay_t1', account: 'main' });
    await vi.advanceTimersByTimeAsync(5 * SECOND);
    setStatus(backend, 'pay_t1', 'succeeded');
    await vi.advanceTimersByTimeAsync(10 * SECOND);
    const [first, second, ...more] = pollSpans();
    expect(more).toEqual([]);
    expect(first!.attributes).toEqual({
      'paymux.account': 'main',
      'paymux.provider': 'alpha',
      'paymux.operation': 'getPayment',
      'paymux.tracker.kind': 'payment',
      'paymux.tracker.attempt': 0,
      'paymux.tracker.outcome': 'answered',
      'paymux.status': 'requires_payment',
      'paymux.retries': 0,
      'paymux.rate_limit.waits': 0,
    });
    expect(second!.attributes).toMatchObject({
      'paymux.tracker.attempt': 1,
      'paymux.tracker.outcome': 'answered',
      'paymux.status': 'succeeded',
      'paymux.tracker.finished_by': 'final',
    });
    // Background work: each poll is a trace of its own, not a child of what armed its timer.
    expect(first!.parentSpanContext).toBeUndefined();
    expect(second!.parentSpanContext).toBeUndefined();
    expect(first!.spanContext().traceId).not.toBe(second!.spanContext().traceId);
    expect(second!.status.code).not.toBe(SPAN_STATUS_ERROR);
    expect(await points('paymux.tracker.polls')).toEqual([
      {
        attributes: {
          'paymux.account': 'main',
          'paymux.provider': 'alpha',
          'paymux.tracker.kind': 'payment',
          'paymux.tracker.outcome': 'answered',
        },
        value: 2,
      },
    ]);
    // A poll is not a client operation: paymux.calls stays for what the application called.
    expect(await points('paymux.calls')).toEqual([]);
  });

  it('says when a poll ended tracking without a request: final state already known, or expired', async () => {
    const { backend, paymux } = client({ tracker: { expiryGraceMs: SECOND } });
    seedPayout(backend, 'po_t2');
    backend.payouts.get('po_t2')!.status = 'succeeded';
    // A direct read announced the final state (in the store) before the payout was tracked.
    await paymux.getPayout('po_t2', { account: 'main' });
    paymux.tracker.track({ kind: 'payout', id: 'po_t2', account: 'main' });
    seedPayment(backend, 'pay_t2');
    paymux.tracker.track({ kind: 'payment', id: 'pay_t2', account: 'main', expiresAt: Date.now() });
    await vi.advanceTimersByTimeAsync(5 * SECOND);
    const [expired, known, ...more] = pollSpans();
    expect(more).toEqual([]);
    expect(expired!.attributes).toMatchObject({
      'paymux.operation': 'getPayment',
      'paymux.tracker.outcome': 'finished',
      'paymux.tracker.finished_by': 'expired',
    });
    expect(known!.attributes).toMatchObject({
      'paymux.operation': 'getPayout',
      'paymux.tracker.kind': 'payout',
      'paymux.tracker.outcome': 'finished',
      'paymux.tracker.finished_by': 'event',
    });
    expect(known!.attributes['paymux.status']).toBeUndefined();
    expect(backend.count('getPayout') + backend.count('getPayment')).toBe(1);
    expect(await points('paymux.tracker.polls')).toEqual([]);
    expect(await points('paymux.tracker.skipped_polls')).toEqual([]);
  });

  it('records a failed poll with its code and kind, as an error span and a failed poll', async () => {
    const { backend, paymux } = client();
    seedPayment(backend, 'pay_t3');
    backend.failNext('main', 'getPayment', new ProviderUnavailableError('down', { httpStatus: 503 }));
    paymux.tracker.track({ kind: 'payment', id: 'pay_t3', account: 'main' });
    await vi.advanceTimersByTimeAsync(5 * SECOND);
    const [span] = pollSpans();
    expect(span!.attributes).toMatchObject({
      'paymux.tracker.outcome': 'failed',
      'paymux.error.code': 'provider_unavailable',
      'paymux.error.kind': 'ProviderUnavailableError',
      'error.type': 'ProviderUnavailableError',
      'http.response.status_code': 503,
    });
    expect(span!.status).toEqual({
      code: SPAN_STATUS_ERROR,
      message: 'ProviderUnavailableError (provider_unavailable)',
    });
    expect(await points('paymux.tracker.polls')).toEqual([
      {
        attributes: {
          'paymux.account': 'main',
          'paymux.provider': 'alpha',
          'paymux.tracker.kind': 'payment',
          'paymux.tracker.outcome': 'failed',
          'paymux.error.code': 'provider_unavailable',
        },
        value: 1,
      },
    ]);
    expect(paymux.tracker.isTracking('payment', 'pay_t3')).toBe(true);
  });

  it('counts polls skipped by load shedding (in-flight share) and by the spent daily quota', async () => {
    const backend = new FakeBackend();
    backend.delayMs = 2 * SECOND;
    // rateShare 0.5 of one request in flight: the tracker polls one object of the account at a time.
    const { paymux } = client({ backend, plugin: { useRateLimiter: true, rateLimits: { inFlight: 1 } } });
    seedPayment(backend, 'pay_a');
    seedPayment(backend, 'pay_b');
    seedPayment(backend, 'pay_c');
    backend.failNext('main', 'getPayment', new RateLimitError('daily quota spent'));
    for (const id of ['pay_a', 'pay_b', 'pay_c'])
      paymux.tracker.track({ kind: 'payment', id, account: 'main' });
    await vi.advanceTimersByTimeAsync(5 * SECOND + 100);
    expect(paymux.tracker.stats().deferred).toBe(2);
    const byOutcome = pollSpans().map((span) => [
      span.attributes['paymux.tracker.outcome'],
      span.attributes['paymux.tracker.skip_reason'],
    ]);
    expect(byOutcome).toEqual([
      ['skipped', 'in_flight'],
      ['skipped', 'in_flight'],
    ]);
    await vi.advanceTimersByTimeAsync(2 * SECOND);
    // The limiter's own refusal (no HTTP status) sent nothing: a skip for the daily quota, not a failure.
    const refused = pollSpans().find(
      (span) => span.attributes['paymux.tracker.skip_reason'] === 'daily_quota',
    );
    expect(refused!.attributes).toMatchObject({ 'paymux.tracker.outcome': 'skipped' });
    expect(refused!.status.code).not.toBe(SPAN_STATUS_ERROR);
    expect(paymux.tracker.stats().quotaRefusals).toBe(1);
    const skipped = await points('paymux.tracker.skipped_polls');
    const base = { 'paymux.account': 'main', 'paymux.provider': 'alpha', 'paymux.tracker.kind': 'payment' };
    expect(skipped).toEqual(
      expect.arrayContaining([
        { attributes: { ...base, 'paymux.tracker.skip_reason': 'in_flight' }, value: 2 },
        { attributes: { ...base, 'paymux.tracker.skip_reason': 'daily_quota' }, value: 1 },
      ]),
    );
  });

  it('says a poll was skipped for the limiter pressure when direct calls use the account', async () => {
    const { backend, paymux } = client({
      plugin: { useRateLimiter: true, rateLimits: { requestsPerSecond: 1 } },
    });
    seedPayment(backend, 'pay_p');
    paymux.tracker.track({ kind: 'payment', id: 'pay_p', account: 'main' });
    await vi.advanceTimersByTimeAsync(4.5 * SECOND);
    // A direct call half a second before the poll fills the account's one request per second.
    await paymux.getPayment('pay_p', { account: 'main' });
    await vi.advanceTimersByTimeAsync(0.6 * SECOND);
    const [span] = pollSpans();
    expect(span!.attributes).toMatchObject({
      'paymux.tracker.outcome': 'skipped',
      'paymux.tracker.skip_reason': 'pressure',
    });
    expect(backend.count('getPayment')).toBe(1);
    expect(await points('paymux.tracker.skipped_polls')).toEqual([
      {
        attributes: {
          'paymux.account': 'main',
          'paymux.provider': 'alpha',
          'paymux.tracker.kind': 'payment',
          'paymux.tracker.skip_reason': 'pressure',
        },
        value: 1,
      },
    ]);
  });

  it('counts a due poll left to the instance holding the lease on a shared store', async () => {
    // A copy of the memory store's methods is not process-local: it behaves as SQLite would.
    const store: Store = { ...createMemoryStore() };
    const a = client({ store });
    seedPayment(a.backend, 'pay_l');
    const b = client({ store, backend: new FakeBackend() });
    b.backend.payments.set('pay_l', a.backend.payments.get('pay_l')!);
    a.backend.delayMs = 2 * SECOND;
    b.backend.delayMs = 2 * SECOND;
    a.paymux.tracker.track({ kind: 'payment', id: 'pay_l', account: 'main' });
    b.paymux.tracker.track({ kind: 'payment', id: 'pay_l', account: 'main' });
    await vi.advanceTimersByTimeAsync(5 * SECOND + 100);
    expect(a.backend.count('getPayment') + b.backend.count('getPayment')).toBe(1);
    // Only the poll that ran has a span, once it ended.
    expect(pollSpans()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2 * SECOND);
    expect(pollSpans()).toHaveLength(1);
    expect(await points('paymux.tracker.skipped_polls')).toEqual([
      {
        attributes: {
          'paymux.account': 'main',
          'paymux.provider': 'alpha',
          'paymux.tracker.kind': 'payment',
          'paymux.tracker.skip_reason': 'leased_elsewhere',
        },
        value: 1,
      },
    ]);
  });

  it('exports no secret, object id or reference from polls, even when the provider error echoes them', async () => {
    const { backend, paymux } = client();
    const payment = seedPayment(backend, 'pay_secretive_4711', { reference: 'order-secret-ref-4711' });
    const echo = `rejected key ${apiKey} (webhook secret ${webhookSecret}) for ${payment.id} ${payment.reference}`;
    backend.failNext(
      'main',
      'getPayment',
      new ProviderUnavailableError(echo, { providerCode: `E_${apiKey}` }),
    );
    backend.failNext('main', 'getPayment', new Error(echo));
    paymux.tracker.track({ kind: 'payment', id: payment.id, account: 'main' });
    await vi.advanceTimersByTimeAsync(40 * SECOND);
    expect(pollSpans().length).toBeGreaterThanOrEqual(3);
    vi.useRealTimers();
    const exported = await recorder.exported();
    expect(exported).toContain('provider_unavailable');
    for (const value of [apiKey, webhookSecret, payment.id, payment.reference]) {
      expect(exported).not.toContain(value);
    }
  });
});
