import type { IdempotencyRecord, ObjectState, Store, VersionedObjectState } from './store';

export interface MemoryStoreOptions {
  /**
   * How many webhook event ids to remember; the oldest are forgotten first. Providers retry a
   * notification for hours or days, not forever, so a bounded window is enough. Default 100,000.
   */
  maxEventIds?: number;
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
 * The in-memory `Store`: the default, right for one process. Everything is lost on restart, so use
 * a shared store when several instances receive webhooks or when daily quotas must survive.
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

  return {
    async claimEventId(eventId) {
      if (eventIds.has(eventId)) return false;
      eventIds.add(eventId);
      if (eventIds.size > maxEventIds) {
        const oldest = eventIds.values().next().value;
        if (oldest !== undefined) eventIds.delete(oldest);
      }
      return true;
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
  };
}
