import { PaymuxError, type ProviderCallObserver, type Redactor } from '@paymux/core';
import type { TrackedKind } from '../tracker/tracker-types';
import { WAIT_THRESHOLD_MS } from './call-telemetry';
import type { OtelSpan } from './otel-types';
import { type DescribedFailure, describeFailure, endSpan } from './span-end';
import { safeAttributes, type TelemetryAttributes } from './telemetry-attributes';
import type { TelemetryInstruments } from './telemetry-instruments';

/**
 * What became of one tracker poll: `answered` (the provider answered; `paymux.status` is what it
 * said), `failed` (the request, or the store read before it, failed), `skipped` (no request: see
 * `PollSkipReason`), `finished` (no request needed: the final state was already known, or the
 * object expired) or `untracked` (untracked or stopped while the poll ran).
 */
export type PollOutcome = 'answered' | 'failed' | 'skipped' | 'finished' | 'untracked';

/**
 * Why a due poll sent no request: the account's daily quota is spent (`daily_quota`), the
 * tracker's share of its in-flight limit is in use (`in_flight`), its limiter is under pressure
 * (`pressure`), or another instance sharing the store holds or just polled the object
 * (`leased_elsewhere`).
 */
export type PollSkipReason = 'daily_quota' | 'in_flight' | 'pressure' | 'leased_elsewhere';

/** The object a poll is about: never its id or reference, which are not telemetry. */
export interface PollTarget {
  account: string;
  /** Undefined when the account is gone from this client. */
  providerType: string | undefined;
  kind: TrackedKind;
  /** Polls sent for the object before this one. */
  attempt: number;
}

/** The bounded attributes of a tracker metric point. */
export function pollMetricAttributes(target: PollTarget, extra: TelemetryAttributes): TelemetryAttributes {
  return {
    'paymux.account': target.account,
    'paymux.provider': target.providerType,
    'paymux.tracker.kind': target.kind,
    ...extra,
  };
}

/**
 * One background poll of the status tracker being traced or measured: the tracker tells it what
 * it decided, core's provider-call observer the HTTP facts; `end` closes the span and counts it.
 */
export class PollTelemetry implements ProviderCallObserver {
  private outcome: PollOutcome = 'untracked';
  private requested = false;
  private status: string | undefined;
  private skipReason: PollSkipReason | undefined;
  private finishedBy: 'final' | 'event' | 'expired' | undefined;
  private failure: DescribedFailure | undefined;
  private httpStatus: number | undefined;
  private retries = 0;
  private waits = 0;

  constructor(
    private readonly target: PollTarget,
    private readonly span: OtelSpan | undefined,
    private readonly instruments: TelemetryInstruments | undefined,
    private readonly redact: Redactor,
  ) {}

  answered(_operation: string, httpStatus: number): void {
    this.httpStatus = httpStatus;
  }

  retrying(): void {
    this.retries += 1;
  }

  rateLimitWaited(waitedMs: number): void {
    if (waitedMs >= WAIT_THRESHOLD_MS) this.waits += 1;
  }

  /** The provider answered the poll with this unified status. */
  found(status: string): void {
    this.requested = true;
    this.outcome = 'answered';
    this.status = status;
  }

  /** The poll's request failed (`requested`), or the work before it did. */
  failed(error: unknown, requested: boolean): void {
    this.requested ||= requested;
    this.outcome = 'failed';
    this.failure = describeFailure(error);
    const httpStatus = PaymuxError.is(error) ? error.httpStatus : undefined;
    if (httpStatus !== undefined) this.httpStatus = httpStatus;
  }

  skipped(reason: Exclude<PollSkipReason, 'leased_elsewhere'>): void {
    this.outcome = 'skipped';
    this.skipReason = reason;
  }

  /** The poll ended the object's tracking; with no request sent, that is its outcome. */
  finished(reason: 'final' | 'event' | 'expired'): void {
    this.finishedBy = reason;
    if (this.outcome === 'untracked') this.outcome = 'finished';
  }

  /** Closes the span and counts the poll; `thrown` when the poll itself threw. */
  end(thrown?: unknown): void {
    if (thrown !== undefined) this.failed(thrown, false);
    const failure = this.failure;
    if (this.span) {
      endSpan(
        this.span,
        {
          'paymux.account': this.target.account,
          'paymux.provider': this.target.providerType,
          'paymux.tracker.kind': this.target.kind,
          'paymux.tracker.attempt': this.target.attempt,
          'paymux.tracker.outcome': this.outcome,
          'paymux.tracker.skip_reason': this.skipReason,
          'paymux.tracker.finished_by': this.finishedBy,
          'paymux.status': this.status,
          'http.response.status_code': this.httpStatus,
          'paymux.retries': this.retries,
          'paymux.rate_limit.waits': this.waits,
        },
        failure,
        this.redact,
      );
    }
    if (!this.instruments) return;
    if (this.requested) {
      this.instruments.trackerPolls.add(
        1,
        safeAttributes(
          pollMetricAttributes(this.target, {
            'paymux.tracker.outcome': this.outcome,
            'paymux.error.code': failure?.code,
          }),
          this.redact,
        ),
      );
    } else if (this.skipReason) {
      this.instruments.trackerSkippedPolls.add(
        1,
        safeAttributes(
          pollMetricAttributes(this.target, { 'paymux.tracker.skip_reason': this.skipReason }),
          this.redact,
        ),
      );
    }
  }
}
