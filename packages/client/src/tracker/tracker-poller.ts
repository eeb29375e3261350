import { type Payment, type Payout, RateLimitError } from '@paymux/core';
import type { ProviderRegistry } from '../registry/provider-registry';
import type { PollTarget, PollTelemetry } from '../telemetry/poll-telemetry';
import type { AccountBudget } from './account-budget';
import type { FinishReason, TrackerCounters, TrackerDependencies } from './tracker-dependencies';
import { isFinal, pollOptions, type TrackerEntry as Entry } from './tracker-entry';
import type { TrackedKind } from './tracker-types';

/** What the poller asks of the tracker it serves. */
export interface PollHost {
  /** True while `entry` is still the tracked entry of its key. */
  isCurrent(entry: Entry): boolean;
  /** The budget of an account (created on first use). */
  load(account: string): AccountBudget;
  /** Sets the next poll, at least `minDelayMs` from now. */
  schedule(entry: Entry, minDelayMs?: number): void;
  finish(entry: Entry, reason: FinishReason): void;
}

/** What a poll's telemetry may say of its object: account, provider type, kind, attempt. */
export function pollTargetOf(entry: Entry, registry: ProviderRegistry): PollTarget {
  const providerType = registry.hasAccount(entry.account) ? registry.accountType(entry.account) : undefined;
  return { account: entry.account, providerType, kind: entry.kind, attempt: entry.attempt };
}

/**
 * One poll of one tracked object: the store first (another source may have announced the final
 * state, which costs no request), then the account's budget (a poll is postponed rather than
 * queued behind others), then `getPayment`/`getPayout`, whose result is announced like a webhook.
 */
export class TrackerPoller {
  constructor(
    private readonly host: PollHost,
    private readonly deps: TrackerDependencies,
    private readonly counters: TrackerCounters,
  ) {}

  async poll(entry: Entry): Promise<void> {
    if (!this.host.isCurrent(entry)) return;
    const telemetry = this.deps.telemetry;
    if (!telemetry) return this.pollNow(entry, undefined);
    return telemetry.poll(pollTargetOf(entry, this.deps.registry), (observed) =>
      this.pollNow(entry, observed),
    );
  }

  private async pollNow(entry: Entry, observed: PollTelemetry | undefined): Promise<void> {
    const host = this.host;
    const { clock, pressureThreshold } = this.deps.options;
    if (clock.now() >= entry.deadline) return this.finish(entry, 'expired', observed);
    const load = host.load(entry.account);
    entry.polling = true;
    try {
      const recorded = await this.deps.store.getObjectState(entry.stateKey);
      if (!host.isCurrent(entry)) return;
      if (recorded?.state.final || entry.finalSeen) return this.finish(entry, 'event', observed);
      const now = clock.now();
      await load.refresh(now);
      if (!host.isCurrent(entry)) return;
      const shedding =
        load.allowedToday(now) < 1
          ? 'daily_quota'
          : load.polling >= load.maxPolling()
            ? 'in_flight'
            : load.limiter.pressure() >= pressureThreshold
              ? 'pressure'
              : undefined;
      if (shedding) {
        this.counters.deferred += 1;
        observed?.skipped(shedding);
        return host.schedule(entry);
      }
      await this.send(entry, load, observed);
    } finally {
      entry.polling = false;
    }
  }

  private async send(entry: Entry, load: AccountBudget, observed: PollTelemetry | undefined): Promise<void> {
    const host = this.host;
    const { clock } = this.deps.options;
    load.sending(clock.now());
    this.counters.requestsSent += 1;
    let retryAfterMs = 0;
    const within = pollOptions(entry, this.deps.options);
    try {
      const provider = this.deps.registry.provider(entry.account);
      const status =
        entry.kind === 'payment'
          ? await this.announce('payment', await provider.getPayment(entry.id, within.options))
          : await this.announce('payout', await provider.getPayout(entry.id, within.options));
      observed?.found(status);
      if (!host.isCurrent(entry)) return;
      if (isFinal(entry.kind, status)) return this.finish(entry, 'final', observed);
    } catch (error) {
      if (RateLimitError.is(error)) {
        retryAfterMs = (error.retryAfter ?? 0) * 1000;
        // The limiter's own refusal (no HTTP status): the daily quota is spent, nothing was sent.
        if (error.httpStatus === undefined) {
          this.counters.requestsSent -= 1;
          this.counters.quotaRefusals += 1;
          observed?.skipped('daily_quota');
        } else {
          this.counters.errors += 1;
          observed?.failed(error, true);
        }
      } else {
        this.counters.errors += 1;
        observed?.failed(error, true);
        this.deps.logger.warn('paymux tracker poll failed', {
          account: entry.account,
          kind: entry.kind,
          error: String(this.deps.scrubError(error)),
        });
      }
      if (!host.isCurrent(entry)) return;
    } finally {
      within.end();
      load.sent(clock.now());
    }
    if (entry.finalSeen) return this.finish(entry, 'event', observed);
    entry.attempt += 1;
    host.schedule(entry, retryAfterMs);
  }

  private finish(entry: Entry, reason: FinishReason, observed: PollTelemetry | undefined): void {
    observed?.finished(reason);
    this.host.finish(entry, reason);
  }

  private async announce(kind: 'payment', data: Payment): Promise<string>;
  private async announce(kind: 'payout', data: Payout): Promise<string>;
  private async announce(kind: TrackedKind, data: Payment | Payout): Promise<string> {
    await this.deps.publisher.publishObserved(
      kind === 'payment'
        ? { object: 'payment', data: data as Payment }
        : { object: 'payout', data: data as Payout },
    );
    return data.status;
  }
}
