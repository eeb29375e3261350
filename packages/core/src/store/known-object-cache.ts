/**
 * The objects a durable store has confirmed as known (remembered by this process, or found in
 * the database), so that a webhook about them is checked without a database round trip. Only
 * positive answers are kept: an object, once remembered, is never forgotten by a store, so a
 * remembered answer cannot go stale; an unknown object is always asked again (another instance
 * may have created it since). Bounded: the oldest entries go first.
 *
 * @example
 * const known = new KnownObjectCache();
 * if (known.has(account, kind, id)) return true;
 * const found = await readFromDatabase();
 * if (found) known.add(account, kind, id);
 */
export class KnownObjectCache {
  private readonly keys = new Set<string>();

  constructor(private readonly limit = 50_000) {}

  has(account: string, kind: string, providerId: string): boolean {
    return this.keys.has(knownObjectKey(account, kind, providerId));
  }

  add(account: string, kind: string, providerId: string): void {
    const key = knownObjectKey(account, kind, providerId);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    if (this.keys.size > this.limit) {
      const oldest = this.keys.values().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
  }
}

// NUL cannot occur in an account name, a kind or a provider's id as paymux receives them, so
// the three parts cannot run into each other.
const knownObjectKey = (account: string, kind: string, providerId: string) =>
  `${account}\u0000${kind}\u0000${providerId}`;
