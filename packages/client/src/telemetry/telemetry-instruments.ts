import type { OtelCounter as Counter, OtelHistogram as Histogram, OtelMeter as Meter } from './otel-types';

/** paymux's metrics, created once per meter. Names and units: docs/observability.md. */
export interface TelemetryInstruments {
  /** Client operations, by account, provider, operation and outcome (`ok` / `error`). */
  calls: Counter;
  /** How long each client operation took, in seconds. */
  callDuration: Histogram;
  /** Provider requests repeated after a retryable failure, by account, provider, endpoint operation and code. */
  retries: Counter;
  /** Provider requests the rate limiter held back (1 ms or more), by account, provider and operation. */
  rateLimitWaits: Counter;
  /** How long each held-back request waited, in seconds. */
  rateLimitWaitDuration: Histogram;
  /** Webhook deliveries, by account, provider and outcome (`accepted`, `duplicate`, `refused`, `failed`). */
  webhooks: Counter;
}

export function createInstruments(meter: Meter): TelemetryInstruments {
  return {
    calls: meter.createCounter('paymux.calls', {
      description: 'paymux client operations (provider calls), by outcome',
      unit: '{call}',
    }),
    callDuration: meter.createHistogram('paymux.call.duration', {
      description: 'Duration of paymux client operations',
      unit: 's',
    }),
    retries: meter.createCounter('paymux.retries', {
      description: 'Provider requests repeated after a retryable failure',
      unit: '{retry}',
    }),
    rateLimitWaits: meter.createCounter('paymux.rate_limit.waits', {
      description: "Provider requests held back by the account's rate limiter",
      unit: '{wait}',
    }),
    rateLimitWaitDuration: meter.createHistogram('paymux.rate_limit.wait.duration', {
      description: "Time provider requests spent waiting for the account's rate limiter",
      unit: 's',
    }),
    webhooks: meter.createCounter('paymux.webhooks', {
      description: 'Webhook deliveries, by outcome',
      unit: '{delivery}',
    }),
  };
}
