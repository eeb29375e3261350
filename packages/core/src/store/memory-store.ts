import { randomUUID } from 'node:crypto';
import type {
  AccountState,
  IdempotencyRecord,
  ObjectState,
  Store,
  StoredValue,
  TrackedObjectRecord,
  VersionedObjectState,
} from './store';
import { markProcessLocalStore } from './store-scope';

export interface MemoryStoreOptions {
  /**
   * How many webhook event ids to remember; the oldest are forgotten first. Providers retry a
   * notification for hours or days, not forever, so a bounded window is enough. Default 100,000.
   */
  maxEventIds?: number;
  /** Wall clock in epoch milliseconds for rate slots; injectable for tests. */
  now?: () => number;
}

// structuredClone keeps callers from mutating what the store holds, as a remote store would.
const copy = <T>(value: T): T => structuredClone(value);

// Object states are read and written on every call and every webhook: a shallow copy (the only
// nested value is the announced list) costs a tenth of structuredClone, and much less than freezing.
// Field by field rather than by spread, which costs several times more on this path.
const copyState = ({ state, version }: VersionedObjectState): VersionedObjectState => ({
  state: {
    kind: state.kind,
    account: state.account,
    objectId: state.objectId,
    status: state.status,
    eventType: state.eventType,
    rank: state.rank,
    final: state.final,
    occurredAt: state.occurredAt,
    announced: state.announced.slice(),
  },
  version,
});

/**
 * The in-memory `Store`, for tests and throwaway scripts: everything is lost when the process
 * ends, so a restart can create a payment twice or announce an event again. Production uses the
 * SQLite default or PostgreSQL (`store: 'postgres://…'`).
 *
 * @example
 * const store = createMemoryStore();
 * const paymux = createPaymux({ providers, store });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const maxEventIds = options.maxEventIds ?? 100_000;
  const eventIds = new Set<string>();
  const objectStates = new Map<string, VersionedObjectState>();
  const idempotency = new Map<string, IdempotencyRecord>();
  // account → kind → provider ids: nested maps spare building a composite key string per lookup.
  const knownObjects = new Map<string, Map<string, Set<string>>>();
  const dailyCounts = new Map<string, number>();
  const values = new Map<string, Map<string, StoredValue>>();
  const tracked = new Map<string, { record: TrackedObjectRecord; owner?: string; leaseUntil: number }>();
  const slots = new Map<string, { starts: number[]; held: Map<string, number> }>();
  const clock = options.now ?? (() => Date.now());
  const space = (namespace: string) => {
    let found = values.get(namespace);
    if (!found) {
      found = new Map();
      values.set(namespace, found);
    }
    return found;
  };

  const claimEvent = (eventId: string): boolean => {
    if (eventIds.has(eventId)) return false;
    eventIds.add(eventId);
    if (eventIds.size > maxEventIds) {
      const oldest = eventIds.values().next().value;
      if (oldest !== undefined) eventIds.delete(oldest);
    }
    return true;
  };

  return markProcessLocalStore<Store>({
    async claimEventId(eventId) {
      return claimEvent(eventId);
    },
    async releaseEventId(eventId) {
      eventIds.delete(eventId);
    },

    async getObjectState(key) {
      const found = objectStates.get(key);
      return found ? copyState(found) : undefined;
    },
    async compareAndSetObjectState(key, expectedVersion, state: ObjectState) {
      const current = objectStates.get(key);
      if (current?.version !== expectedVersion) return false;
      objectStates.set(key, copyState({ state, version: (current?.version ?? 0) + 1 }));
      return true;
    },
    async claimEventAndSetObjectState(eventId, key, expectedVersion, state) {
      // No await between the claim and the write: nothing else runs in between.
      if (!claimEvent(eventId)) return { claimed: false };
      const current = objectStates.get(key);
      if (current?.version !== expectedVersion)
        return { claimed: true, written: false, current: current ? copyState(current) : undefined };
      objectStates.set(key, copyState({ state, version: (current?.version ?? 0) + 1 }));
      return { claimed: true, written: true };
    },

    async createIdempotencyRecord(record) {
      const existing = idempotency.get(record.key);
      if (existing) return copy(existing);
      idempotency.set(record.key, copy(record));
      return undefined;
    },
    async getIdempotencyRecord(key) {
      const found = idempotency.get(key);
      return found ? copy(found) : undefined;
    },
    async updateIdempotencyRecord(record) {
      idempotency.set(record.key, copy(record));
    },
    async deleteIdempotencyRecord(key) {
      idempotency.delete(key);
    },
    async listUnsettledIdempotencyRecords(before) {
      const found: IdempotencyRecord[] = [];
      for (const record of idempotency.values())
        if (record.state !== 'succeeded' && record.startedAt < before) found.push(copy(record));
      return found;
    },

    async rememberObject(account, kind, providerId) {
      let byKind = knownObjects.get(account);
      if (!byKind) {
        byKind = new Map();
        knownObjects.set(account, byKind);
      }
      let ids = byKind.get(kind);
      if (!ids) {
        ids = new Set();
        byKind.set(kind, ids);
      }
      ids.add(providerId);
    },
    async isKnownObject(account, kind, providerId) {
      return knownObjects.get(account)?.get(kind)?.has(providerId) === true;
    },

    async incrementDailyCount(key, day) {
      const counter = `${key}\u0000${day}`;
      const next = (dailyCounts.get(counter) ?? 0) + 1;
      dailyCounts.set(counter, next);
      // Past days' counters are never asked for again: drop them once a few have piled up.
      if (dailyCounts.size > 64) {
        for (const name of dailyCounts.keys()) if (!name.endsWith(day)) dailyCounts.delete(name);
      }
      return next;
    },
    async getDailyCount(key, day) {
      return dailyCounts.get(`${key}\u0000${day}`) ?? 0;
    },

    async getValue(namespace, key) {
      const found = values.get(namespace)?.get(key);
      return found === undefined ? undefined : copy(found);
    },
    async setValue(namespace, key, value) {
      space(namespace).set(key, copy(value));
    },
    async setValueIfAbsent(namespace, key, value) {
      const target = space(namespace);
      if (target.has(key)) return false;
      target.set(key, copy(value));
      return true;
    },
    async deleteValue(namespace, key) {
      values.get(namespace)?.delete(key);
    },

    async saveTrackedObject(record) {
      const current = tracked.get(record.key);
      tracked.set(record.key, {
        record: { ...record },
        owner: current?.owner,
        leaseUntil: current?.leaseUntil ?? 0,
      });
    },
    async leaseDueTrackedObjects(owner, { now, leaseMs, limit }) {
      const leased: TrackedObjectRecord[] = [];
      const due = [...tracked.values()]
        .filter((entry) => entry.record.nextPollAt <= now && entry.leaseUntil <= now)
        .sort((a, b) => a.record.nextPollAt - b.record.nextPollAt);
      for (const entry of due.slice(0, limit)) {
        entry.owner = owner;
        entry.leaseUntil = now + leaseMs;
        leased.push({ ...entry.record });
      }
      return leased;
    },
    async finishTrackedPoll(key, owner, next) {
      const entry = tracked.get(key);
      if (!entry || entry.owner !== owner) return false;
      entry.record = { ...entry.record, attempt: next.attempt, nextPollAt: next.nextPollAt };
      entry.owner = undefined;
      entry.leaseUntil = 0;
      return true;
    },
    async removeTrackedObject(key) {
      tracked.delete(key);
    },
    async getTrackedObject(key) {
      const entry = tracked.get(key);
      return entry ? { ...entry.record } : undefined;
    },
    async nextTrackedPollAt() {
      let earliest: number | undefined;
      for (const { record } of tracked.values())
        if (earliest === undefined || record.nextPollAt < earliest) earliest = record.nextPollAt;
      return earliest;
    },

    async acquireRateSlot(request) {
      const now = clock();
      let limiter = slots.get(request.key);
      if (!limiter) {
        limiter = { starts: [], held: new Map() };
        slots.set(request.key, limiter);
      }
      const since = now - request.windowMs;
      limiter.starts = limiter.starts.filter((start) => start > since);
      for (const [id, expires] of limiter.held) if (expires <= now) limiter.held.delete(id);
      if (request.inFlight !== undefined && limiter.held.size >= request.inFlight) {
        return { granted: false, retryInMs: 5 };
      }
      const perSecond = request.requestsPerSecond;
      if (perSecond !== undefined && limiter.starts.length >= perSecond) {
        const nthMostRecent = limiter.starts[limiter.starts.length - perSecond]!;
        return { granted: false, retryInMs: Math.max(1, nthMostRecent + request.windowMs - now) };
      }
      const slotId = randomUUID();
      limiter.starts.push(now);
      limiter.held.set(slotId, now + request.leaseMs);
      return { granted: true, slotId };
    },
    async releaseRateSlot(key, slotId) {
      slots.get(key)?.held.delete(slotId);
    },

    async close() {},
  });
}

/**
 * A process-memory `AccountState`, for an adapter created on its own (outside `createPaymux`).
 *
 * @example
 * const state = createMemoryAccountState();
 */
export function createMemoryAccountState(): AccountState {
  const values = new Map<string, StoredValue>();
  return {
    async get(key) {
      const found = values.get(key);
      return found === undefined ? undefined : copy(found);
    },
    async set(key, value) {
      values.set(key, copy(value));
    },
    async setIfAbsent(key, value) {
      if (values.has(key)) return false;
      values.set(key, copy(value));
      return true;
    },
    async delete(key) {
      values.delete(key);
    },
  };
}

/**
 * The context's durable account state, or a process-memory one when the adapter was created
 * without a client (unit tests, scripts).
 *
 * @example
 * const state = accountStateOrMemory(context);
 */
export function accountStateOrMemory(context: { state?: AccountState | undefined }): AccountState {
  return context.state ?? createMemoryAccountState();
}
