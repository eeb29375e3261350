/** What replaces a secret wherever paymux prints or stores data. */
export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|api[-_]?secret|secret|.*[-_]secret|password|passphrase|private[-_]?key|merchant[-_]?private[-_]?key|session[-_]?token|access[-_]?token|refresh[-_]?token|auth[-_]?token|bearer[-_]?token|x-signature|signature)$/i;

/**
 * True for a header or field name that holds a credential or a signature. A bare `token` is not
 * one: providers use it for token contract addresses and payment tokens, which are public ids.
 */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A function that removes every known secret value from a text. */
export type Redactor = (text: string) => string;

/**
 * Builds a redactor for a set of configured secret values (API keys, private keys, tokens).
 * Values shorter than 4 characters are ignored: replacing them would garble ordinary text.
 *
 * @example
 * const redact = createRedactor([settings.apiKey]);
 * logger.info(redact(message));
 */
export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  const values = [
    ...new Set([...secrets].filter((value): value is string => !!value && value.length >= 4)),
  ].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  return (text) => {
    let result = text;
    for (const value of values) if (result.includes(value)) result = result.split(value).join(REDACTED);
    return result;
  };
}

/**
 * Deep copy of `value` where every secret-named key is replaced by `[REDACTED]` and every string
 * passes through `redact`. Used for `raw` payloads, log fields and error excerpts.
 */
export function redactDeep<T>(value: T, redact: Redactor = (text) => text, depth = 0): T {
  if (depth > 20) return value;
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, depth + 1)) as T;
  const prototype = value !== null && typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  // Null-prototype objects too: node:querystring and URLSearchParams-derived records use them.
  if (prototype === Object.prototype || prototype === null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      copy[key] =
        isSecretKey(key) && item !== null && item !== undefined && item !== ''
          ? REDACTED
          : redactDeep(item, redact, depth + 1);
    }
    return copy as T;
  }
  return value;
}

/** Headers with credentials replaced by `[REDACTED]`. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(headers)) copy[key] = isSecretKey(key) ? REDACTED : value;
  return copy;
}
