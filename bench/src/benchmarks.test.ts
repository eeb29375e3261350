// Each benchmark run end to end at a tiny size: counts and consistency only, never times.
import { describe, expect, it } from 'vitest';
import { benchTransportNames } from './bench-transports';
import { runProviderCallBench } from './provider-call-bench';
import { REQUESTS_PER_PAYMENT_TARGET, runTrackerScenario } from './tracker-bench';
import { runWebhookBench } from './webhook-bench';

describe('benchmarks at a tiny size', () => {
  it('provider call: samples every call of both sides at both load levels, on every transport', async () => {
    const rows = await runProviderCallBench({ warmupCalls: 16, rounds: 2, callsPerRound: { 1: 10, 16: 32 } });
    expect(rows.map((row) => [row.transport, row.concurrency, row.bare.count, row.paymux.count])).toEqual(
      benchTransportNames.flatMap((name) => [
        [name, 1, 20, 20],
        [name, 16, 64, 64],
      ]),
    );
  });

  it('webhooks: every signed callback becomes one emitted event in each round', async () => {
    // runWebhookBench throws when a delivery is refused or an event is not emitted.
    const result = await runWebhookBench({ callbacks: 20, rounds: 2 });
    expect(result).toMatchObject({ callbacks: 20, rounds: 2 });
    expect(result.ratio).toBeGreaterThan(0);
  });

  it('tracker: polls within the DePay limits, counted alike by the tracker and the server', async () => {
    const result = await runTrackerScenario(10);
    expect(result.audit.violations).toBe(0);
    expect(result.audit.refused).toBe(0);
    expect(result.audit.requests).toBeGreaterThan(10);
    expect(result.trackerRequestsSent).toBe(result.audit.requests);
    expect(result.requestsPerPayment).toBeLessThanOrEqual(REQUESTS_PER_PAYMENT_TARGET);
  });

  it('tracker with simulated network delay: requests overlap, still within the limits', async () => {
    const result = await runTrackerScenario(10, { minMs: 20, maxMs: 300 });
    expect(result.audit.violations).toBe(0);
    expect(result.trackerRequestsSent).toBe(result.audit.requests);
    expect(result.maxInFlightEndToEnd).toBeGreaterThan(1);
    expect(result.maxInFlightEndToEnd).toBeLessThanOrEqual(10);
  });
});
