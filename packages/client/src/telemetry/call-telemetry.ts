import { PaymuxError, type PaymuxErrorCode, type ProviderCallObserver, type Redactor } from '@paymux/core';
import type { OtelAttributes, OtelSpan } from './otel-types';
import { type DescribedFailure, describeFailure, endSpan } from './span-end';
import { safeAttributes, type TelemetryAttributes } from './telemetry-attributes';
import type { TelemetryInstruments } from './telemetry-instruments';

/** A wait shorter than this is the limiter's own bookkeeping, not a request held back. */
export const WAIT_THRESHOLD_MS = 1;

/** The `status` of a payment, payout or refund a call returned (lists and quotes have none). */
function resultStatus(result: unknown): string | undefined {
  const status = (result as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'string' ? status : undefined;
}

/**
 * One client operation being traced or measured: it learns the account from the runner and the
 * HTTP facts (last status, retries, rate-limit waits) from core's provider-call observer, then
 * ends the span and counts the call.
 */
export class CallTelemetry implements ProviderCallObserver {
  private account: string | undefined;
  private providerType: string | undefined;
  private httpStatus: number | undefined;
  private retries = 0;
  private waits = 0;
  private readonly started = performance.now();

  constructor(
    private readonly operation: string,
    private readonly span: OtelSpan | undefined,
    private readonly instruments: TelemetryInstruments | undefined,
    private readonly redact: Redactor,
  ) {}

  /** The account the call went to (the last one, after a fallback). */
  routedTo(account: string, providerType: string): void {
    this.account = account;
    this.providerType = providerType;
  }

  answered(_operation: string, httpStatus: number): void {
    this.httpStatus = httpStatus;
  }

  retrying(operation: string, code: PaymuxErrorCode): void {
    this.retries += 1;
    this.instruments?.retries.add(
      1,
      this.attributes({ 'paymux.operation': operation, 'paymux.error.code': code }),
    );
  }

  rateLimitWaited(waitedMs: number): void {
    if (waitedMs < WAIT_THRESHOLD_MS) return;
    this.waits += 1;
    if (!this.instruments) return;
    const attributes = this.attributes({});
    this.instruments.rateLimitWaits.add(1, attributes);
    this.instruments.rateLimitWaitDuration.record(waitedMs / 1000, attributes);
  }

  succeeded(result: unknown): void {
    // A repeat answered from the idempotency record made no provider call: the result names the account.
    const named = result as { provider?: unknown; providerType?: unknown } | null | undefined;
    if (this.account === undefined && typeof named?.provider === 'string') {
      this.account = named.provider;
      if (typeof named.providerType === 'string') this.providerType = named.providerType;
    }
    this.end({ 'paymux.status': resultStatus(result) });
  }

  failed(error: unknown): void {
    const httpStatus = PaymuxError.is(error) ? error.httpStatus : undefined;
    if (httpStatus !== undefined) this.httpStatus = httpStatus;
    this.end({}, describeFailure(error));
  }

  private end(extra: TelemetryAttributes, failure?: DescribedFailure): void {
    if (this.span) {
      endSpan(
        this.span,
        {
          ...extra,
          'paymux.account': this.account,
          'paymux.provider': this.providerType,
          'paymux.operation': this.operation,
          'http.response.status_code': this.httpStatus,
          'paymux.retries': this.retries,
          'paymux.rate_limit.waits': this.waits,
        },
        failure,
        this.redact,
      );
    }
    if (this.instruments) {
      const outcome = failure ? 'error' : 'ok';
      const attributes = this.attributes({ 'paymux.outcome': outcome, 'paymux.error.code': failure?.code });
      this.instruments.calls.add(1, attributes);
      this.instruments.callDuration.record((performance.now() - this.started) / 1000, attributes);
    }
  }

  /** Metric attributes: few, bounded values (no status code or status, which would multiply series). */
  private attributes(extra: TelemetryAttributes): OtelAttributes {
    return safeAttributes(
      {
        'paymux.account': this.account,
        'paymux.provider': this.providerType,
        'paymux.operation': this.operation,
        ...extra,
      },
      this.redact,
    );
  }
}
