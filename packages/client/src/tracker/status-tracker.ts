import {
  parseInput,
  type TrackedObjectRecord,
  UnsupportedOperationError,
  type WebhookEvent,
} from '@paymux/core';
import { AccountBudget } from './account-budget';
import { TimerQueue } from './timer-queue';
import { TrackedObjectRecords } from './tracked-object-records';
import type { FinishReason, TrackerCounters, TrackerDependencies } from './tracker-dependencies';
import {
  entryOf,
  isFinal,
  recordOf,
  type TrackerEntry as Entry,
  trackedKeyOf as keyOf,
  trackInputSchema,
} from './tracker-entry';
import { pollTargetOf, TrackerPoller } from './tracker-poller';
import { TrackerSweeper } from './tracker-sweeper';
import type { PaymuxTracker, TrackedKind, TrackerStats, TrackInput } from './tracker-types';

/**
 * The tracker behind `paymux.tracker` (see `PaymuxTracker` for the behaviour).
 *
 * Every tracked object is a record in the store (kind, id, deadline, attempt, next poll), written
 * on `track` and after each poll, so a restart or another instance resumes it. In process, an
 * entry per object scheduled here and one timer queue drive the polls. With the memory store
 * (this process's alone) a due entry is polled at once; on a shared store it is polled only under
 * the object's lease, taken from the store's due objects (see `TrackerSweeper`). A poll itself is
 * `TrackerPoller`'s.
 */
export class StatusTracker implements PaymuxTracker {
  private readonly entries = new Map<string, Entry>();
  private readonly loads = new Map<string, AccountBudget>();
  private readonly running = new Set<Promise<void>>();
  private listening = false;
  private readonly timers: TimerQueue;
  private readonly records: TrackedObjectRecords;
  private readonly sweeper: TrackerSweeper;
  private readonly poller: TrackerPoller;
  private readonly counters: TrackerCounters = {
    requestsSent: 0,
    finishedBy: { final: 0, event: 0, expired: 0 },
    untracked: 0,
    deferred: 0,
    errors: 0,
    quotaRefusals: 0,
  };

  constructor(private readonly deps: TrackerDependencies) {
    this.timers = new TimerQueue(deps.options.clock);
    this.records = new TrackedObjectRecords({
      store: deps.store,
      owner: deps.instanceId,
      leaseMs: deps.options.leaseMs,
      logger: deps.logger,
      scrubError: deps.scrubError,
    });
    this.sweeper = new TrackerSweeper(
      {
        isCurrent: (entry) => this.entries.get(entry.key) === entry,
        adopt: (record) => this.adopt(record),
        run: (entry) => this.run(entry),
        reconcile: (entry) => this.reconcile(entry),
        wakeAt: (entry, at) => this.wakeAt(entry, at),
        background: (work) => this.background(work),
      },
      this.records,
      this.timers,
      deps.options,
      deps.logger,
      deps.scrubError,
    );
    this.poller = new TrackerPoller(
      {
        isCurrent: (entry) => this.entries.get(entry.key) === entry,
        load: (account) => this.load(account),
        schedule: (entry, minDelayMs) => this.schedule(entry, minDelayMs),
        finish: (entry, reason) => this.finish(entry, reason),
      },
      deps,
      this.counters,
    );
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
    const { clock, expiryGraceMs, maxTrackingMs } = this.deps.options;
    const deadline = Math.ceil(
      parsed.expiresAt === undefined
        ? clock.now() + maxTrackingMs
        : new Date(parsed.expiresAt).getTime() + expiryGraceMs,
    );
    const entry = this.add({
      key,
      kind: parsed.kind,
      account: parsed.account,
      objectId: parsed.id,
      deadline,
      attempt: 0,
    });
    this.schedule(entry);
    this.save(entry);
    // An instance tracking on a shared store also takes over what stopped or crashed ones left.
    if (this.records.shared) void this.sweeper.start(false);
    return true;
  }

  untrack(kind: TrackedKind, id: string): boolean {
    const entry = this.entries.get(keyOf(kind, id));
    if (!entry) return false;
    this.remove(entry);
    entry.forgotten = true;
    this.records.remove(entry.key);
    this.counters.untracked += 1;
    return true;
  }

  isTracking(kind: TrackedKind, id: string): boolean {
    return this.entries.has(keyOf(kind, id));
  }

  resume(): Promise<number> {
    return this.sweeper.start(true);
  }

  async stop(): Promise<void> {
    for (const entry of [...this.entries.values()]) {
      this.remove(entry);
      this.counters.untracked += 1;
    }
    this.sweeper.stop();
    this.timers.clear();
    if (this.listening) this.deps.events.off('*', this.onEvent);
    this.listening = false;
    await Promise.allSettled([...this.running]);
    await this.records.settled();
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

  private add(record: Omit<TrackedObjectRecord, 'nextPollAt'>): Entry {
    if (!this.listening) {
      this.deps.events.on('*', this.onEvent);
      this.listening = true;
    }
    const entry = entryOf(record);
    this.entries.set(entry.key, entry);
    this.load(entry.account).tracked += 1;
    return entry;
  }

  /** The local entry of a leased record; one this instance did not schedule is taken over. */
  private adopt(record: TrackedObjectRecord): Entry | undefined {
    const existing = this.entries.get(record.key);
    if (existing?.polling || (!existing && !this.deps.registry.hasAccount(record.account))) {
      // Polling here already, or an account this instance does not have: handed back as it was.
      void this.records.finish(record.key, { attempt: record.attempt, nextPollAt: record.nextPollAt });
      if (!existing) {
        this.deps.logger.warn('paymux tracker cannot poll an object of an unknown account', {
          account: record.account,
        });
      }
      return undefined;
    }
    const entry = existing ?? this.add(record);
    entry.stored = true;
    entry.timer?.cancel();
    entry.timer = undefined;
    entry.attempt = record.attempt;
    entry.deadline = record.deadline;
    entry.nextPollAt = record.nextPollAt;
    entry.leased = true;
    return entry;
  }

  /** A due entry this instance could not lease: finished, polled or being polled elsewhere. */
  private async reconcile(entry: Entry): Promise<void> {
    const record = await this.records.get(entry.key);
    if (this.entries.get(entry.key) !== entry) return;
    const now = this.deps.options.clock.now();
    if (!record && !entry.stored) {
      // Its record never reached the store (which did not answer): written again, not lost.
      this.wakeAt(entry, now + this.deps.options.scanIntervalMs);
      this.save(entry);
    } else if (!record) {
      const recorded = await this.deps.store.getObjectState(entry.stateKey);
      if (this.entries.get(entry.key) !== entry) return;
      if (recorded?.state.final) this.finish(entry, 'event');
      else if (now >= entry.deadline) this.finish(entry, 'expired');
      else {
        this.remove(entry);
        this.counters.untracked += 1;
      }
    } else if (record.nextPollAt > now) {
      // Polled by another instance since: that one schedules the object from now on.
      this.deps.telemetry?.pollSkipped(pollTargetOf(entry, this.deps.registry), 'leased_elsewhere');
      this.remove(entry);
    } else {
      // Leased by another instance right now: look again after a scan interval.
      this.deps.telemetry?.pollSkipped(pollTargetOf(entry, this.deps.registry), 'leased_elsewhere');
      this.wakeAt(entry, now + this.deps.options.scanIntervalMs);
    }
  }

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

  /** Sets the next poll (see `AccountBudget.nextPollDelay`). */
  private schedule(entry: Entry, minDelayMs = 0): void {
    const { clock, random, jitter } = this.deps.options;
    const now = clock.now();
    const spread = 1 + jitter * (2 * random() - 1);
    const delay = this.load(entry.account).nextPollDelay(this.deps.options, entry, now, spread, minDelayMs);
    this.wakeAt(entry, now + delay);
  }

  private wakeAt(entry: Entry, at: number): void {
    entry.timer?.cancel();
    // Whole milliseconds: stores keep epoch times as integers (PostgreSQL bigint).
    entry.nextPollAt = Math.ceil(at);
    entry.timer = this.timers.schedule(entry.nextPollAt - this.deps.options.clock.now(), () => {
      entry.timer = undefined;
      // On a shared store a poll needs the object's lease, taken with the others due now.
      if (this.records.shared) this.sweeper.fire(entry);
      else this.run(entry);
    });
  }

  private run(entry: Entry): void {
    entry.timer = undefined;
    this.background(
      this.poller
        .poll(entry)
        .catch((error: unknown) => {
          this.deps.logger.error('paymux tracker failed', { error: String(this.deps.scrubError(error)) });
        })
        .then(() => this.persist(entry)),
    );
  }

  /** Writes what a poll decided for an object still tracked: its next poll, ending the lease. */
  private persist(entry: Entry): void {
    if (this.entries.get(entry.key) !== entry) {
      // Stopped while polling: the lease is handed back due now, for a restart or another instance.
      if (entry.leased && !entry.forgotten) {
        entry.leased = false;
        void this.records.finish(entry.key, {
          attempt: entry.attempt,
          nextPollAt: this.deps.options.clock.now(),
        });
      }
      return;
    }
    // A poll that failed before scheduling (the store did not answer) is tried again later.
    if (entry.timer === undefined) {
      this.wakeAt(entry, this.deps.options.clock.now() + this.deps.options.scanIntervalMs);
    }
    if (!entry.leased) {
      this.save(entry);
      return;
    }
    entry.leased = false;
    void this.records
      .finish(entry.key, { attempt: entry.attempt, nextPollAt: entry.nextPollAt })
      .then((kept) => {
        // The poll outlived its lease and another instance took the object over: it schedules it now.
        if (!kept && this.entries.get(entry.key) === entry) this.remove(entry);
      });
  }

  private save(entry: Entry): void {
    void this.records.save(recordOf(entry)).then((written) => {
      if (written) entry.stored = true;
    });
  }

  private background(work: Promise<unknown>): void {
    const running = work.then(() => undefined);
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
  }

  private finish(entry: Entry, reason: FinishReason): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.remove(entry);
    entry.forgotten = true;
    this.records.remove(entry.key);
    this.counters.finishedBy[reason] += 1;
  }

  /** Forgets an entry here; its record stays in the store unless the caller removes it. */
  private remove(entry: Entry): void {
    this.entries.delete(entry.key);
    entry.timer?.cancel();
    entry.timer = undefined;
    const load = this.loads.get(entry.account);
    if (load) {
      load.replan(entry, 0, 0);
      load.tracked -= 1;
    }
  }
}
