import type { EventType, OperationName, QuotaStore } from '@paymux/core';

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

/**
 * Where the client keeps what must survive between calls (and, with a shared implementation such
 * as Redis, between instances). Every method is async; every "claim" and "compare-and-set" must be
 * atomic, because concurrent webhook deliveries and concurrent duplicate calls race on them.
 *
 * @example
 * const paymux = createPaymux({ providers, store: createMemoryStore() });
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

  /** Inserts `record` unless one exists with its key; returns the existing one, or undefined when inserted. */
  createIdempotencyRecord(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined>;
  getIdempotencyRecord(key: string): Promise<IdempotencyRecord | undefined>;
  updateIdempotencyRecord(record: IdempotencyRecord): Promise<void>;
  deleteIdempotencyRecord(key: string): Promise<void>;

  /** Remembers that this merchant created an object (for webhook context `isKnownObject`). */
  rememberObject(account: string, kind: 'payment' | 'payout', providerId: string): Promise<void>;
  isKnownObject(account: string, kind: 'payment' | 'payout', providerId: string): Promise<boolean>;
}

/** True when `value` has every method of `Store` (used to validate config). */
export function isStore(value: unknown): value is Store {
  if (typeof value !== 'object' || value === null) return false;
  const methods: (keyof Store)[] = [
    'claimEventId',
    'releaseEventId',
    'getObjectState',
    'compareAndSetObjectState',
    'createIdempotencyRecord',
    'getIdempotencyRecord',
    'updateIdempotencyRecord',
    'deleteIdempotencyRecord',
    'rememberObject',
    'isKnownObject',
    'incrementDailyCount',
    'getDailyCount',
  ];
  return methods.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}
