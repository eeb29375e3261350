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
  const knownObjects = new Set<string>();
  const dailyCounts = new Map<string, number>();
  const knownKey = (account: string, kind: string, providerId: string) =>
    JSON.stringify([account, kind, providerId]);

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
      return found ? copy(found) : undefined;
    },
    async compareAndSetObjectState(key, expectedVersion, state: ObjectState) {
      const current = objectStates.get(key);
      if (current?.version !== expectedVersion) return false;
      objectStates.set(key, { state: copy(state), version: (current?.version ?? 0) + 1 });
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
      knownObjects.add(knownKey(account, kind, providerId));
    },
    async isKnownObject(account, kind, providerId) {
      return knownObjects.has(knownKey(account, kind, providerId));
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
