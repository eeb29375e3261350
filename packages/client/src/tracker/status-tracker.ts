import {
  type CallOptions,
  finalPaymentStatuses,
  finalPayoutStatuses,
  type Logger,
  type Payment,
  type Payout,
  parseInput,
  RateLimitError,
  UnsupportedOperationError,
  type WebhookEvent,
} from '@paymux/core';
import { z } from 'zod';
import type { EventPublisher } from '../events/event-publisher';
import type { PaymuxEvents } from '../events/paymux-events';
import type { ProviderRegistry } from '../registry/provider-registry';
import type { Store } from '@paymux/core';
import { AccountBudget } from './account-budget';
import { backoffInterval, msToUtcMidnight, plannedPolls } from './backoff-schedule';
import { type QueuedTimer, TimerQueue } from './timer-queue';
import type { ResolvedTrackerOptions } from './tracker-options';
import type { PaymuxTracker, TrackedKind, TrackerStats, TrackInput } from './tracker-types';
import { jsonTupleKey } from '@paymux/core';

export interface TrackerDependencies {
  registry: ProviderRegistry;
  publisher: EventPublisher;
  events: PaymuxEvents;
  store: Store;
  logger: Logger;
  /** Removes secrets from an error before it is logged. */
  scrubError(error: unknown): unknown;
  options: ResolvedTrackerOptions;
}

interface Entry {
  key: string;
  kind: TrackedKind;
  id: string;
  account: string;
  /** The store key of the object's announced state (see `objectStateKey`). */
  stateKey: string;
  deadline: number;
  /** Polls sent so far: the position in the backoff schedule. */
  attempt: number;
  /** This entry's share of its account's planned polls per millisecond and polls left today. */
  rate: number;
  planned: number;
  timer: QueuedTimer | undefined;
  polling: boolean;
  /** Another source announced the final state while a poll was running. */
  finalSeen: boolean;
}

const trackInputSchema = z.object({
  kind: z.enum(['payment', 'payout']),
  id: z.string().min(1),
  account: z.string().min(1),
  expiresAt: z.union([z.iso.datetime({ offset: true }), z.date(), z.number().int().nonnegative()]).optional(),
});

// CallOptions has no priority yet; adapters whose HTTP client reads it let direct calls go first.
const lowPriority: CallOptions & { priority: 'low' } = { priority: 'low' };

const keyOf = (kind: TrackedKind, id: string) => `${kind}\u0000${id}`;

function isFinal(kind: TrackedKind, status: string): boolean {
  return kind === 'payment'
    ? finalPaymentStatuses.has(status as Payment['status'])
    : finalPayoutStatuses.has(status as Payout['status']);
}

/** The tracker behind `paymux.tracker` (see `PaymuxTracker` for the behaviour). */
export class StatusTracker implements PaymuxTracker {
  private readonly entries = new Map<string, Entry>();
  private readonly loads = new Map<string, AccountBudget>();
  private readonly running = new Set<Promise<void>>();
  private listening = false;
  private readonly timers: TimerQueue;
  private readonly counters: Omit<TrackerStats, 'tracked' | 'polling' | 'finished'> = {
    requestsSent: 0,
    finishedBy: { final: 0, event: 0, expired: 0 },
    untracked: 0,
    deferred: 0,
    errors: 0,
    quotaRefusals: 0,
  };

  constructor(private readonly deps: TrackerDependencies) {
    this.timers = new TimerQueue(deps.options.clock);
  }

  track(input: TrackInput): boolean {
    const parsed = parseInput(trackInputSchema, input, { operation: 'track' });
    const provider = this.deps.registry.provider(parsed.account);
    const operation = parsed.kind === 'payment' ? 'getPayment' : 'getPayout';
    if (provider.capabilities.operations[operation] === undefined) {
      throw new UnsupportedOperationError(
        `Account "${parsed.account}" (${provider.type}) cannot be tracked: it does not support ${operation}`,
        { provider: parsed.account, operation },
      );
    }
    const key = keyOf(parsed.kind, parsed.id);
    if (this.entries.has(key)) return false;
    if (!this.listening) {
      this.deps.events.on('*', this.onEvent);
      this.listening = true;
    }
    const { clock, expiryGraceMs, maxTrackingMs } = this.deps.options;
    const deadline =
      parsed.expiresAt === undefined
        ? clock.now() + maxTrackingMs
        : new Date(parsed.expiresAt).getTime() + expiryGraceMs;
    const entry: Entry = {
      key,
      kind: parsed.kind,
      id: parsed.id,
      account: parsed.account,
      stateKey: jsonTupleKey([parsed.kind, parsed.account, parsed.id]),
      deadline,
      attempt: 0,
      rate: 0,
      planned: 0,
      timer: undefined,
      polling: false,
      finalSeen: false,
    };
    this.entries.set(key, entry);
    this.load(entry.account).tracked += 1;
    this.schedule(entry);
    return true;
  }

  untrack(kind: TrackedKind, id: string): boolean {
    const entry = this.entries.get(keyOf(kind, id));
    if (!entry) return false;
    this.remove(entry);
    this.counters.untracked += 1;
    return true;
  }

  isTracking(kind: TrackedKind, id: string): boolean {
    return this.entries.has(keyOf(kind, id));
  }

  async stop(): Promise<void> {
    for (const entry of [...this.entries.values()]) {
      this.remove(entry);
      this.counters.untracked += 1;
    }
    this.timers.clear();
    if (this.listening) this.deps.events.off('*', this.onEvent);
    this.listening = false;
    await Promise.allSettled([...this.running]);
  }

  stats(): TrackerStats {
    const { final, event, expired } = this.counters.finishedBy;
    let polling = 0;
    for (const load of this.loads.values()) polling += load.polling;
    return {
      ...this.counters,
      finishedBy: { final, event, expired },
      tracked: this.entries.size,
      polling,
      finished: final + event + expired,
    };
  }

  /** Any source's final state ends tracking: webhooks, direct calls, this tracker's polls. */
  private readonly onEvent = (event: WebhookEvent): void => {
    if (event.object !== 'payment' && event.object !== 'payout') return;
    const entry = this.entries.get(keyOf(event.object, event.data.id));
    if (!entry || entry.account !== event.provider || !isFinal(entry.kind, event.data.status)) return;
    // A running poll finishes the entry itself, crediting the right source.
    if (entry.polling) entry.finalSeen = true;
    else this.finish(entry, 'event');
  };

  private load(account: string): AccountBudget {
    let load = this.loads.get(account);
    if (!load) {
      load = new AccountBudget(
        account,
        this.deps.registry.rateLimiter(account),
        this.deps.store,
        this.deps.options,
        (error) => {
          this.deps.logger.warn('paymux tracker could not read the daily quota', {
            account,
            error: String(this.deps.scrubError(error)),
          });
        },
      );
      this.loads.set(account, load);
    }
    return load;
  }

  /**
   * Sets the next poll: the backoff interval, stretched to the account's per-second budget, spaced
   * to an equal share of the daily budget when the schedule would exceed it, jittered, and never
   * past the deadline.
   */
  private schedule(entry: Entry, minDelayMs = 0): void {
    const { clock, random, jitter } = this.deps.options;
    const now = clock.now();
    const load = this.load(entry.account);
    const interval = backoffInterval(this.deps.options, entry.attempt);
    const toMidnight = msToUtcMidnight(now);
    const horizon = Math.max(0, Math.min(entry.deadline - now, toMidnight));
    this.account(entry, load, 1 / interval, plannedPolls(this.deps.options, entry.attempt, horizon));
    const spread = 1 + jitter * (2 * random() - 1);
    let delay = Math.max(minDelayMs, interval * load.rateStretch() * spread);
    const allowed = load.allowedToday(now);
    if (load.planned > allowed) {
      // What the tracker may still spend today, spread evenly until midnight (objects tracked
      // later in the day get their turn too) and shared equally by the tracked objects; the quota
      // comes back at midnight, so no wait goes past it.
      const share = allowed >= 1 ? (toMidnight * load.tracked) / allowed : Number.POSITIVE_INFINITY;
      delay = Math.min(Math.max(delay, share * spread), toMidnight + interval * spread);
    }
    const wait = Math.max(0, Math.min(delay, entry.deadline - now));
    entry.timer = this.timers.schedule(wait, () => this.run(entry));
  }

  private account(entry: Entry, load: AccountBudget, rate: number, planned: number): void {
    load.rate += rate - entry.rate;
    load.planned += planned - entry.planned;
    entry.rate = rate;
    entry.planned = planned;
  }

  private run(entry: Entry): void {
    entry.timer = undefined;
    const running = this.poll(entry).catch((error: unknown) => {
      this.deps.logger.error('paymux tracker failed', { error: String(this.deps.scrubError(error)) });
    });
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
  }

  private async poll(entry: Entry): Promise<void> {
    if (this.entries.get(entry.key) !== entry) return;
    const { clock, pressureThreshold } = this.deps.options;
    if (clock.now() >= entry.deadline) return this.finish(entry, 'expired');
    const load = this.load(entry.account);
    entry.polling = true;
    try {
      const recorded = await this.deps.store.getObjectState(entry.stateKey);
      if (this.entries.get(entry.key) !== entry) return;
      if (recorded?.state.final || entry.finalSeen) return this.finish(entry, 'event');
      const now = clock.now();
      await load.refresh(now);
      if (this.entries.get(entry.key) !== entry) return;
      const spent = load.allowedToday(now) < 1;
      if (spent || load.polling >= load.maxPolling() || load.limiter.pressure() >= pressureThreshold) {
        this.counters.deferred += 1;
        return this.schedule(entry);
      }
      await this.send(entry, load);
    } finally {
      entry.polling = false;
    }
  }

  private async send(entry: Entry, load: AccountBudget): Promise<void> {
    const { clock } = this.deps.options;
    load.sending(clock.now());
    this.counters.requestsSent += 1;
    let retryAfterMs = 0;
    try {
      const provider = this.deps.registry.provider(entry.account);
      const status =
        entry.kind === 'payment'
          ? await this.announce('payment', await provider.getPayment(entry.id, lowPriority))
          : await this.announce('payout', await provider.getPayout(entry.id, lowPriority));
      if (this.entries.get(entry.key) !== entry) return;
      if (isFinal(entry.kind, status)) return this.finish(entry, 'final');
    } catch (error) {
      if (RateLimitError.is(error)) {
        retryAfterMs = (error.retryAfter ?? 0) * 1000;
        // The limiter's own refusal (no HTTP status): the daily quota is spent, nothing was sent.
        if (error.httpStatus === undefined) {
          this.counters.requestsSent -= 1;
          this.counters.quotaRefusals += 1;
        } else this.counters.errors += 1;
      } else {
        this.counters.errors += 1;
        this.deps.logger.warn('paymux tracker poll failed', {
          account: entry.account,
          kind: entry.kind,
          error: String(this.deps.scrubError(error)),
        });
      }
      if (this.entries.get(entry.key) !== entry) return;
    } finally {
      load.sent(clock.now());
    }
    if (entry.finalSeen) return this.finish(entry, 'event');
    entry.attempt += 1;
    this.schedule(entry, retryAfterMs);
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

  private finish(entry: Entry, reason: keyof TrackerStats['finishedBy']): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.remove(entry);
    this.counters.finishedBy[reason] += 1;
  }

  private remove(entry: Entry): void {
    this.entries.delete(entry.key);
    entry.timer?.cancel();
    entry.timer = undefined;
    const load = this.loads.get(entry.account);
    if (load) {
      this.account(entry, load, 0, 0);
      load.tracked -= 1;
    }
  }
}
