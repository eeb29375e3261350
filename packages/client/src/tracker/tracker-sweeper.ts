import type { Logger, TrackedObjectRecord } from '@paymux/core';
import type { QueuedTimer, TimerQueue } from './timer-queue';
import type { TrackedObjectRecords } from './tracked-object-records';
import type { TrackerEntry } from './tracker-entry';
import type { ResolvedTrackerOptions } from './tracker-options';

// Objects leased per scan when taking over what no live instance polls.
const ADOPT_BATCH = 100;

/** What the sweeper asks of the tracker it serves. */
export interface SweepHost {
  /** True while `entry` is still the tracked entry of its key. */
  isCurrent(entry: TrackerEntry): boolean;
  /** The local entry of a leased record, or undefined when it is handed back. */
  adopt(record: TrackedObjectRecord): TrackerEntry | undefined;
  /** Polls a leased entry. */
  run(entry: TrackerEntry): void;
  /** A due entry that was not leased: finished, polled or held elsewhere. */
  reconcile(entry: TrackerEntry): Promise<void>;
  wakeAt(entry: TrackerEntry, at: number): void;
  /** Keeps `work` among what `stop()` waits for. */
  background(work: Promise<unknown>): void;
}

/**
 * Drives polls from the store's due objects on a shared store: the entries whose timers fire at
 * one instant are leased together (one store call), and a periodic scan takes over objects that no
 * live instance polls, recognised by being overdue by a scan interval (the instance that
 * scheduled them would have polled them by then).
 */
export class TrackerSweeper {
  private readonly due = new Set<TrackerEntry>();
  private sweepQueued = false;
  private scan: QueuedTimer | undefined;
  private scanning = false;

  constructor(
    private readonly host: SweepHost,
    private readonly records: TrackedObjectRecords,
    private readonly timers: TimerQueue,
    private readonly options: ResolvedTrackerOptions,
    private readonly logger: Logger,
    private readonly scrubError: (error: unknown) => unknown,
  ) {}

  /** An entry's poll fell due: it is leased with the others due now. */
  fire(entry: TrackerEntry): void {
    this.due.add(entry);
    if (this.sweepQueued) return;
    this.sweepQueued = true;
    queueMicrotask(() => {
      this.sweepQueued = false;
      this.host.background(this.sweep(false));
    });
  }

  /** Starts the periodic take-over scan; `now` runs one at once and resolves with what it leased. */
  start(now: boolean): Promise<number> {
    const first = this.scanning;
    this.scanning = true;
    if (!now) {
      if (!first) this.armScan();
      return Promise.resolve(0);
    }
    this.scan?.cancel();
    const leased = this.sweep(true);
    this.host.background(leased.finally(() => this.armScan()));
    return leased;
  }

  stop(): void {
    this.scanning = false;
    this.scan?.cancel();
    this.scan = undefined;
    this.due.clear();
  }

  private armScan(): void {
    if (!this.scanning) return;
    this.scan?.cancel();
    this.scan = this.timers.schedule(this.options.scanIntervalMs, () => {
      this.scan = undefined;
      this.host.background(this.sweep(true).finally(() => this.armScan()));
    });
  }

  /** Leases what is due and polls it; returns how many objects were leased. */
  private async sweep(adopting: boolean): Promise<number> {
    const wanted = adopting ? [] : [...this.due];
    if (!adopting) this.due.clear();
    const { clock, scanIntervalMs } = this.options;
    let leased: TrackedObjectRecord[];
    try {
      await this.records.settled(...wanted.map((entry) => entry.key));
      leased = adopting
        ? await this.records.lease(clock.now(), ADOPT_BATCH, scanIntervalMs)
        : await this.records.lease(clock.now(), wanted.length);
    } catch (error) {
      this.logger.warn('paymux tracker could not lease due objects', {
        error: String(this.scrubError(error)),
      });
      for (const entry of wanted) {
        if (this.host.isCurrent(entry)) this.host.wakeAt(entry, clock.now() + scanIntervalMs);
      }
      return 0;
    }
    const got = new Set<string>();
    for (const record of leased) {
      got.add(record.key);
      const entry = this.host.adopt(record);
      if (entry) this.host.run(entry);
    }
    for (const entry of wanted) {
      if (!got.has(entry.key) && this.host.isCurrent(entry)) this.host.background(this.host.reconcile(entry));
    }
    return leased.length;
  }
}
