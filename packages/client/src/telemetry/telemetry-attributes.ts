import type { Redactor } from '@paymux/core';

/**
 * Every attribute paymux puts on a span or a metric point. Anything else is dropped: no amount,
 * address, reference, URL, header or message can reach an exporter by accident.
 */
export const TELEMETRY_ATTRIBUTES = [
  'paymux.account',
  'paymux.provider',
  'paymux.operation',
  'paymux.outcome',
  'paymux.status',
  'paymux.retries',
  'paymux.rate_limit.waits',
  'paymux.error.code',
  'paymux.error.kind',
  'error.type',
  'http.response.status_code',
  'paymux.webhook.outcome',
  'paymux.webhook.event_types',
  'paymux.webhook.verified_by',
  'paymux.webhook.events',
  'paymux.tracker.kind',
  'paymux.tracker.attempt',
  'paymux.tracker.outcome',
  'paymux.tracker.skip_reason',
  'paymux.tracker.finished_by',
] as const;

export type TelemetryAttributeName = (typeof TELEMETRY_ATTRIBUTES)[number];
export type TelemetryAttributeValue = string | number | readonly string[];
export type TelemetryAttributes = Partial<Record<TelemetryAttributeName, TelemetryAttributeValue>>;

const allowed: ReadonlySet<string> = new Set(TELEMETRY_ATTRIBUTES);

/**
 * The attributes that may leave paymux: allow-listed names only, every string through the
 * client's secret redaction (an account name or a status is never a secret, but a provider type
 * or a code an adapter produced could echo one), `undefined` values left out.
 */
export function safeAttributes(
  attributes: TelemetryAttributes,
  redact: Redactor,
): Record<string, string | number | string[]> {
  const safe: Record<string, string | number | string[]> = {};
  for (const name in attributes) {
    if (!allowed.has(name)) continue;
    const value = attributes[name as TelemetryAttributeName];
    if (value === undefined) continue;
    if (typeof value === 'number') safe[name] = value;
    else if (typeof value === 'string') safe[name] = redact(value);
    else safe[name] = value.map((item) => redact(item));
  }
  return safe;
}
