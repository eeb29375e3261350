import { ValidationError } from './errors/error-classes';

/**
 * Encodes the lookup data a provider needs to find an object again (ForumPay needs the payment
 * id, currency and address) into one opaque id, so `getPayment(id)` works alone.
 *
 * @example
 * const id = encodeCompositeId('fp', { p: paymentId, c: 'BTC', a: address });
 * decodeCompositeId('fp', id) // { p: …, c: 'BTC', a: … }
 */
export function encodeCompositeId(prefix: string, parts: Readonly<Record<string, string>>): string {
  return `${prefix}_${Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url')}`;
}

/** Decodes an id made by `encodeCompositeId`; throws a `ValidationError` for anything else. */
export function decodeCompositeId(prefix: string, id: string, provider?: string): Record<string, string> {
  const invalid = () =>
    new ValidationError(`"${id}" is not an id made by paymux (expected the "${prefix}_" prefix)`, {
      provider,
      field: 'id',
    });
  if (!id.startsWith(`${prefix}_`)) throw invalid();
  try {
    const parsed: unknown = JSON.parse(
      Buffer.from(id.slice(prefix.length + 1), 'base64url').toString('utf8'),
    );
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
    const entries = Object.entries(parsed);
    if (!entries.every(([, value]) => typeof value === 'string')) throw invalid();
    return Object.fromEntries(entries) as Record<string, string>;
  } catch {
    throw invalid();
  }
}
