import type { OtelCounter as Counter, OtelHistogram as Histogram, OtelMeter as Meter } from './otel-types';

interface InstrumentSpec {
  kind: 'counter' | 'histogram';
  name: string;
  unit: string;
  description: string;
}

/** paymux's metrics. Names, units and attributes: docs/observability.md. */
const INSTRUMENTS = {
  /** Client operations, by account, provider, operation and outcome (`ok` / `error`). */
  calls: {
    kind: 'counter',
    name: 'paymux.calls',
    unit: '{call}',
    description: 'paymux client operations (provider calls), by outcome',
  },
  /** How long each client operation took, in seconds. */
  callDuration: {
    kind: 'histogram',
    name: 'paymux.call.duration',
    unit: 's',
    description: 'Duration of paymux client operations',
  },
  /** Provider requests repeated after a retryable failure, by account, provider, endpoint operation and code. */
  retries: {
    kind: 'counter',
    name: 'paymux.retries',
    unit: '{retry}',
    description: 'Provider requests repeated after a retryable failure',
  },
  /** Provider requests the rate limiter held back (1 ms or more), by account, provider and operation. */
  rateLimitWaits: {
    kind: 'counter',
    name: 'paymux.rate_limit.waits',
    unit: '{wait}',
    description: "Provider requests held back by the account's rate limiter",
  },
  /** How long each held-back request waited, in seconds. */
  rateLimitWaitDuration: {
    kind: 'histogram',
    name: 'paymux.rate_limit.wait.duration',
    unit: 's',
    description: "Time provider requests spent waiting for the account's rate limiter",
  },
  /** Webhook deliveries, by account, provider and outcome (`accepted`, `duplicate`, `refused`, `failed`). */
  webhooks: {
    kind: 'counter',
    name: 'paymux.webhooks',
    unit: '{delivery}',
    description: 'Webhook deliveries, by outcome',
  },
  /** Tracker polls that sent a request, by account, provider, kind, outcome (`answered` / `failed`) and code. */
  trackerPolls: {
    kind: 'counter',
    name: 'paymux.tracker.polls',
    unit: '{poll}',
    description: 'Status tracker polls sent to the provider, by outcome',
  },
  /** Due tracker polls that sent no request (load shedding, daily quota, another instance's lease), by reason. */
  trackerSkippedPolls: {
    kind: 'counter',
    name: 'paymux.tracker.skipped_polls',
    unit: '{poll}',
    description: 'Status tracker polls postponed or left to another instance, by reason',
  },
} as const satisfies Record<string, InstrumentSpec>;

type Instruments = typeof INSTRUMENTS;

/** paymux's metrics, created once per meter (see `INSTRUMENTS` for each one's meaning). */
export type TelemetryInstruments = {
  readonly [K in keyof Instruments]: Instruments[K]['kind'] extends 'counter' ? Counter : Histogram;
};

export function createInstruments(meter: Meter): TelemetryInstruments {
  const created: Record<string, Counter | Histogram> = {};
  for (const [key, { kind, name, unit, description }] of Object.entries(INSTRUMENTS)) {
    const options = { description, unit };
    created[key] =
      kind === 'counter' ? meter.createCounter(name, options) : meter.createHistogram(name, options);
  }
  return created as TelemetryInstruments;
}
