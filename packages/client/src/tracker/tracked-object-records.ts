import { isProcessLocalStore, type Logger, type Store, type TrackedObjectRecord } from '@paymux/core';

/** How the tracker keeps its objects in the store and shares them with other instances. */
export interface TrackedRecordsOptions {
  store: Store;
  /** This instance's id: the owner of its leases. */
  owner: string;
  leaseMs: number;
  logger: Logger;
  scrubError(error: unknown): unknown;
}

/**
 * The tracker's side of the store: what it tracks and when each object is next due, written so
 * that a restart or another instance on the same store picks it up, and the leases under which
 * an instance polls an object alone.
 *
 * Writes of one object are chained, so a poll's result never lands before the `track` that
 * created the record; the tracker waits for them before leasing, and on `stop`.
 */
export class TrackedObjectRecords {
  /** False for the memory store: no other instance can see it, so no poll needs a lease. */
  readonly shared: boolean;
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly options: TrackedRecordsOptions) {
    this.shared = !isProcessLocalStore(options.store);
  }

  /** Inserts or replaces a record (a replace keeps a lease another instance holds); true once written. */
  save(record: TrackedObjectRecord): Promise<boolean> {
    let written = false;
    return this.chain(record.key, async () => {
      await this.options.store.saveTrackedObject(record);
      written = true;
    }).then(() => written);
  }

  /** Ends this instance's lease with the next poll; false when another instance took the object over. */
  finish(key: string, next: { attempt: number; nextPollAt: number }): Promise<boolean> {
    let kept = false;
    const written = this.chain(key, async () => {
      kept = await this.options.store.finishTrackedPoll(key, this.options.owner, next);
    });
    return written.then(() => kept);
  }

  remove(key: string): void {
    this.chain(key, () => this.options.store.removeTrackedObject(key));
  }

  get(key: string): Promise<TrackedObjectRecord | undefined> {
    return this.settled(key).then(() => this.options.store.getTrackedObject(key));
  }

  /**
   * Leases up to `limit` objects due at `now` that no live lease holds. `overdueMs` makes it take
   * only objects that much past due: what the instance that scheduled them would have polled by
   * now if it were alive.
   */
  lease(now: number, limit: number, overdueMs = 0): Promise<TrackedObjectRecord[]> {
    return this.options.store.leaseDueTrackedObjects(this.options.owner, {
      now: now - overdueMs,
      // Counted from `now`, not from the shifted instant.
      leaseMs: this.options.leaseMs + overdueMs,
      limit,
    });
  }

  /** Resolves once the writes of `keys` (all when absent) have landed. */
  async settled(...keys: string[]): Promise<void> {
    const pending = keys.length > 0 ? keys.map((key) => this.writes.get(key)) : [...this.writes.values()];
    await Promise.all(pending);
  }

  private chain(key: string, write: () => Promise<void>): Promise<void> {
    const previous = this.writes.get(key) ?? Promise.resolve();
    const next = previous.then(write).catch((error: unknown) => {
      this.options.logger.warn('paymux tracker could not write to the store', {
        error: String(this.options.scrubError(error)),
      });
    });
    this.writes.set(key, next);
    void next.then(() => {
      if (this.writes.get(key) === next) this.writes.delete(key);
    });
    return next;
  }
}
