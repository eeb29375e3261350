import { createHash } from 'node:crypto';

/** JSON with object keys sorted, so two equal inputs always give the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hex SHA-256 of the canonical JSON of `value`. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * The idempotency key sent to a provider when the caller gave none: derived from account,
 * operation and reference, so a retry of the same call always sends the same key. Hashed, so it
 * fits every provider's key format and length.
 *
 * @example
 * deriveProviderKey('main', 'createPayout', 'payout-42') // 'pmx_3f…' (always the same)
 */
export function deriveProviderKey(account: string, operation: string, reference: string): string {
  return `pmx_${createHash('sha256').update(`${account}\u0000${operation}\u0000${reference}`).digest('hex').slice(0, 40)}`;
}
