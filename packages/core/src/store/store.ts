import type { EventType } from '../model/webhook-event';
import type { OperationName } from '../provider/provider-capabilities';

/** The kinds of object whose state the client follows. */
export type TrackedObjectKind = 'payment' | 'payout' | 'payout_batch' | 'refund';

/** The last announced state of one payment, payout, batch or refund. */
export interface ObjectState {
  kind: TrackedObjectKind;
  /** Account name from config. */
  account: string;
  /** The unified id (`payment.id`, `payout.id`, …). */
  objectId: string;
  /** Unified status, e.g. `processing`. */
  status: string;
  /** The event type that announced this state, e.g. `payment.underpaid`. */
  eventType: EventType;
  /** Position in the object's life cycle; a lower rank arriving later is a regression. */
  rank: number;
  /** True once the object reached a state it never leaves. */
  final: boolean;
  /** When the provider says this state began (ISO 8601). */
  occurredAt: string;
  /** Every event type already announced for this object, so each state is announced once. */
  announced: EventType[];
}

/** An object state with the version used for compare-and-set. */
export interface VersionedObjectState {
  state: ObjectState;
  version: number;
}

/**
 * What `claimEventAndSetObjectState` did: nothing (the event id was claimed before), or claimed the
 * id and either wrote the state or found another version, returned so that the caller can decide
 * again without reading.
 */
export type EventClaimAndSetResult =
  | { claimed: false }
  | { claimed: true; written: true }
  | { claimed: true; written: false; current: VersionedObjectState | undefined };

/** Where an idempotent call stands. */
export type IdempotencyState = 'pending' | 'succeeded' | 'ambiguous';

/** What the client remembers about one idempotent (mutating) call. */
export interface IdempotencyRecord {
  /** The record key: the caller's idempotency key, or one derived from operation and reference. */
  key: string;
  operation: OperationName;
  /** Hash of the validated input: the same key with another input is refused. */
  fingerprint: string;
  /** The key sent to the provider (`CallOptions.idempotencyKey`). */
  providerKey: string;
  state: IdempotencyState;
  /** The account that was called, once routing chose it. */
  account?: string;
  /** The merchant reference, used to reconcile an ambiguous outcome. */
  reference?: string;
  /** The object the operation is about (`paymentId` of a cancel or refund). */
  subjectId?: string;
  /** The result of a succeeded call, as JSON-compatible data. */
  result?: unknown;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601. */
  updatedAt: string;
}

/** A JSON-compatible value, as every store can keep it. */
export type StoredValue = null | boolean | number | string | StoredValue[] | { [key: string]: StoredValue };

/** Persists daily request counts, so a restart does not reset a provider's daily quota. */
export interface QuotaStore {
  /** Adds one to the count of `key` on `day` (`YYYY-MM-DD`, UTC) and returns the new count. */
  incrementDailyCount(key: string, day: string): Promise<number>;
  getDailyCount(key: string, day: string): Promise<number>;
}

/**
 * A small key-value space of one provider account, lent to its adapter through the provider
 * context: what an adapter must remember later (Defexa's asked amount and provider token for a
 * shop order) survives a restart and is shared by every instance on the same store.
 *
 * @example
 * await context.state.set('charge:order-1', { token: 'tok_1' });
 * const charge = await context.state.get('charge:order-1');
 */
export interface AccountState {
  get(key: string): Promise<StoredValue | undefined>;
  set(key: string, value: StoredValue): Promise<void>;
  /** Writes `value` unless the key holds one already; true when this call wrote it. Atomic. */
  setIfAbsent(key: string, value: StoredValue): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/** One object the tracker follows, as persisted so that a restart (or another instance) resumes it. */
export interface TrackedObjectRecord {
  /** Unique per tracked object: `kind` and `objectId` (see `jsonTupleKey`). */
  key: string;
  kind: 'payment' | 'payout';
  account: string;
  objectId: string;
  /** When to give up, epoch milliseconds. */
  deadline: number;
  /** Polls sent so far: the position in the backoff schedule. */
  attempt: number;
  /** When the next poll is due, epoch milliseconds. */
  nextPollAt: number;
}

/** What `acquireRateSlot` asks for: a start inside one account's limits, shared by every instance. */
export interface RateSlotRequest {
  /** The limiter key (usually the account name). */
  key: string;
  /** At most this many starts within `windowMs`. */
  requestsPerSecond?: number | undefined;
  /** At most this many slots held at once. */
  inFlight?: number | undefined;
  /** The sliding window, in milliseconds (1,000 plus a safety margin). */
  windowMs: number;
  /** A slot not released within this long is dead (its holder crashed) and frees itself. */
  leaseMs: number;
  /** Who holds the slot (an instance id), for diagnostics. */
  holder: string;
}

/** The answer to `acquireRateSlot`: a slot to release after the request, or how long to wait. */
export type RateSlotAnswer = { granted: true; slotId: string } | { granted: false; retryInMs: number };

/**
 * Where the client keeps what must survive between calls, restarts and instances. Every method is
 * async; every "claim" and "compare-and-set" must be atomic, because concurrent webhook deliveries,
 * concurrent duplicate calls and several instances race on them. `@paymux/testkit`'s
 * `describeStoreConformance` checks an implementation.
 *
 * @example
 * const paymux = createPaymux({ providers, store: 'sqlite:.paymux/state.db' });
 */
export interface Store extends QuotaStore {
  /** Records a webhook event id; true when it was not seen before (the caller may process it). */
  claimEventId(eventId: string): Promise<boolean>;
  /** Forgets an event id whose processing failed, so the provider's retry is processed again. */
  releaseEventId(eventId: string): Promise<void>;

  getObjectState(key: string): Promise<VersionedObjectState | undefined>;
  /**
   * Writes `state` when the stored version is still `expectedVersion` (`undefined`: no state yet).
   * Returns false when another writer came first; the caller reads again and retries.
   */
  compareAndSetObjectState(
    key: string,
    expectedVersion: number | undefined,
    state: ObjectState,
  ): Promise<boolean>;

  /**
   * `claimEventId` and `compareAndSetObjectState` as one atomic step, so a webhook costs one write:
   * when `eventId` was claimed before, nothing changes (`claimed: false`). Otherwise the id is
   * claimed and `state` is written when the stored version is still `expectedVersion`; when it
   * is not, the claim stays and `current` is the state found (`undefined`: none). `current` may
   * already be outdated by a concurrent writer; the caller's next compare-and-set then fails.
   *
   * @example
   * const result = await store.claimEventAndSetObjectState(eventId, key, undefined, state);
   * if (result.claimed && !result.written) await store.compareAndSetObjectState(key, result.current?.version, next);
   */
  claimEventAndSetObjectState(
    eventId: string,
    key: string,
    expectedVersion: number | undefined,
    state: ObjectState,
  ): Promise<EventClaimAndSetResult>;

  /** Inserts `record` unless one exists with its key; returns the existing one, or undefined when inserted. */
  createIdempotencyRecord(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
  getIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
  updateIdempotencyRecord(record: IdempotencyRecord): Promise<void>;
  deleteIdempotencyRecord(key: string): Promise<void>;
  /** Records still `pending` or `ambiguous` that started before `before` (ISO 8601): left by a crash. */
  listUnsettledIdempotencyRecords(before: string): Promise<IdempotencyRecord[]>;

  /** Remembers that this merchant created an object (for webhook context `isKnownObject`). */
  rememberObject(account: string, kind: 'payment' | 'payout', providerId: string): Promise<void>;
  isKnownObject(account: string, kind: 'payment' | 'payout', providerId: string): Promise<boolean>;

  /** The key-value space of one namespace (an account name): see `AccountState`. */
  getValue(namespace: string, key: string): Promise<StoredValue | undefined>;
  setValue(namespace: string, key: string, value: StoredValue): Promise<void>;
  /** Atomic: true when this call wrote the value, false when the key held one already. */
  setValueIfAbsent(namespace: string, key: string, value: StoredValue): Promise<boolean>;
  deleteValue(namespace: string, key: string): Promise<void>;

  /** Inserts or replaces a tracked object (a replace keeps a lease another instance holds). */
  saveTrackedObject(record: TrackedObjectRecord): Promise<void>;
  /**
   * Leases up to `limit` tracked objects whose `nextPollAt` is due at `now` and that no live lease
   * holds, for `owner` until `now + leaseMs`. Atomic across instances: one object, one holder.
   */
  leaseDueTrackedObjects(
    owner: string,
    options: { now: number; leaseMs: number; limit: number },
  ): Promise<TrackedObjectRecord[]>;
  /**
   * Ends `owner`'s lease and stores the next poll. False (and nothing written) when the lease
   * was lost to another instance.
   */
  finishTrackedPoll(
    key: string,
    owner: string,
    next: { attempt: number; nextPollAt: number },
  ): Promise<boolean>;
  removeTrackedObject(key: string): Promise<void>;
  getTrackedObject(key: string): Promise<TrackedObjectRecord | undefined>;
  /** The earliest `nextPollAt` of all tracked objects, or undefined when none is tracked. */
  nextTrackedPollAt(): Promise<number | undefined>;

  /**
   * Takes one start within a limiter's shared limits, atomically across every instance on this
   * store, timed by the store's own clock.
   */
  acquireRateSlot(request: RateSlotRequest): Promise<RateSlotAnswer>;
  releaseRateSlot(key: string, slotId: string): Promise<void>;

  /** Releases connections and file handles. The store is unusable afterwards. */
  close(): Promise<void>;
}

/** The methods every `Store` has (used to validate config). */
export const storeMethodNames = [
  'claimEventId',
  'releaseEventId',
  'getObjectState',
  'compareAndSetObjectState',
  'claimEventAndSetObjectState',
  'createIdempotencyRecord',
  'getIdempotencyRecord',
  'updateIdempotencyRecord',
  'deleteIdempotencyRecord',
  'listUnsettledIdempotencyRecords',
  'rememberObject',
  'isKnownObject',
  'getValue',
  'setValue',
  'setValueIfAbsent',
  'deleteValue',
  'saveTrackedObject',
  'leaseDueTrackedObjects',
  'finishTrackedPoll',
  'removeTrackedObject',
  'getTrackedObject',
  'nextTrackedPollAt',
  'acquireRateSlot',
  'releaseRateSlot',
  'incrementDailyCount',
  'getDailyCount',
  'close',
] as const satisfies readonly (keyof Store)[];

/** True when `value` has every method of `Store` (used to validate config). */
export function isStore(value: unknown): value is Store {
  if (typeof value !== 'object' || value === null) return false;
  return storeMethodNames.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/**
 * The `AccountState` of one account over a store.
 *
 * @example
 * const state = accountStateOf(store, 'main');
 */
export function accountStateOf(store: Store, namespace: string): AccountState {
  return {
    get: (key) => store.getValue(namespace, key),
    set: (key, value) => store.setValue(namespace, key, value),
    setIfAbsent: (key, value) => store.setValueIfAbsent(namespace, key, value),
    delete: (key) => store.deleteValue(namespace, key),
  };
}
