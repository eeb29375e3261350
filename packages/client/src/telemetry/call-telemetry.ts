import { PaymuxError, type PaymuxErrorCode, type ProviderCallObserver, type Redactor } from '@paymux/core';
import { safeAttributes, type TelemetryAttributes } from './telemetry-attributes';
import type { TelemetryInstruments } from './telemetry-instruments';
import type { OtelAttributes, OtelSpan } from './otel-types';

/** `SpanStatusCode.ERROR`, written out so that a span can be ended without the API module. */
const SPAN_STATUS_ERROR = 2;
/** A wait shorter than this is the limiter's own bookkeeping, not a request held back. */
const WAIT_THRESHOLD_MS = 1;

/** The code and class of a failure: never its message, which may quote a provider's answer. */
export function describeFailure(error: unknown): { code: PaymuxErrorCode; kind: string } {
  if (PaymuxError.is(error)) return { code: error.code, kind: error.name };
  const name = error instanceof Error ? error.name : '';
  return { code: 'internal_error', kind: /^[A-Za-z][\w.]{0,63}$/.test(name) ? name : 'Error' };
}

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
    this.end('ok', { 'paymux.status': resultStatus(result) });
  }

  failed(error: unknown): void {
    const { code, kind } = describeFailure(error);
    const httpStatus = PaymuxError.is(error) ? error.httpStatus : undefined;
    if (httpStatus !== undefined) this.httpStatus = httpStatus;
    const failure = { 'paymux.error.code': code, 'paymux.error.kind': kind, 'error.type': kind } as const;
    this.span?.setStatus({ code: SPAN_STATUS_ERROR, message: this.redact(`${kind} (${code})`) });
    this.end('error', failure, failure['paymux.error.code']);
  }

  private end(outcome: 'ok' | 'error', extra: TelemetryAttributes, code?: PaymuxErrorCode): void {
    if (this.span) {
      this.span.setAttributes(
        safeAttributes(
          {
            ...extra,
            'paymux.account': this.account,
            'paymux.provider': this.providerType,
            'paymux.operation': this.operation,
            'http.response.status_code': this.httpStatus,
            'paymux.retries': this.retries,
            'paymux.rate_limit.waits': this.waits,
          },
          this.redact,
        ),
      );
      this.span.end();
    }
    if (this.instruments) {
      const attributes = this.attributes({ 'paymux.outcome': outcome, 'paymux.error.code': code });
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
