import {
  ProviderResponseError,
  type Redactor,
  ValidationError,
  type WebhookEvent,
  WebhookVerificationError,
} from '@paymux/core';
import type { WebhookHandleResult } from '../webhooks/webhook-result';
import type { OtelSpan } from './otel-types';
import { describeFailure, endSpan } from './span-end';
import { safeAttributes } from './telemetry-attributes';
import type { TelemetryInstruments } from './telemetry-instruments';

/**
 * What became of a delivery: `accepted` (verified; new events emitted, or nothing to announce),
 * `duplicate` (verified, but every event was already known), `refused` (not verified, or
 * malformed: nothing emitted) or `failed` (paymux could not finish: the provider will retry).
 */
export type WebhookOutcome = 'accepted' | 'duplicate' | 'refused' | 'failed';

/** One webhook delivery being traced or measured; the pipeline tells it what it verified or why it stopped. */
export class WebhookTelemetry {
  private providerType: string | undefined;
  private events: readonly WebhookEvent[] = [];
  private failure: unknown;
  private hasFailed = false;

  constructor(
    private readonly account: string,
    private readonly span: OtelSpan | undefined,
    private readonly instruments: TelemetryInstruments | undefined,
    private readonly redact: Redactor,
  ) {}

  provider(type: string): void {
    this.providerType = type;
  }

  verified(events: readonly WebhookEvent[]): void {
    this.events = events;
  }

  failed(error: unknown): void {
    this.hasFailed = true;
    this.failure = error;
  }

  /** Ends the span and counts the delivery; `result` is undefined when `handle` threw. */
  end(result: WebhookHandleResult | undefined, thrown?: unknown): void {
    if (thrown !== undefined) this.failed(thrown);
    const outcome = this.outcome(result);
    const failure = this.hasFailed ? describeFailure(this.failure) : undefined;
    if (this.span) {
      const types = [...new Set(this.events.map((event) => event.type))].sort();
      const verifiedBy = [...new Set(this.events.map((event) => event.verifiedBy))].sort();
      endSpan(
        this.span,
        {
          'paymux.account': this.account,
          'paymux.provider': this.providerType,
          'paymux.webhook.outcome': outcome,
          'paymux.webhook.event_types': types,
          'paymux.webhook.verified_by': verifiedBy,
          'paymux.webhook.events': result?.events.length ?? 0,
          'http.response.status_code': result?.status,
        },
        failure,
        this.redact,
      );
    }
    this.instruments?.webhooks.add(
      1,
      safeAttributes(
        {
          'paymux.account': this.account,
          'paymux.provider': this.providerType,
          'paymux.webhook.outcome': outcome,
        },
        this.redact,
      ),
    );
  }

  private outcome(result: WebhookHandleResult | undefined): WebhookOutcome {
    if (this.hasFailed || !result) {
      const error = this.failure;
      const refused =
        WebhookVerificationError.is(error) || ValidationError.is(error) || ProviderResponseError.is(error);
      return refused && result ? 'refused' : 'failed';
    }
    if (result.events.length === 0 && result.ignored.length > 0) {
      const known = result.ignored.every(
        (event) => event.reason === 'duplicate_event' || event.reason === 'already_announced',
      );
      if (known) return 'duplicate';
    }
    return 'accepted';
  }
}
