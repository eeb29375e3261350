/** What replaces a secret wherever paymux prints or stores data. */
export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api[-_]?key|api[-_]?secret|secret|.*[-_]secret|password|passphrase|private[-_]?key|merchant[-_]?private[-_]?key|session[-_]?token|access[-_]?token|refresh[-_]?token|auth[-_]?token|bearer[-_]?token|x-signature|signature)$/i;

// Payloads repeat the same few dozen field names, so the answer is remembered. Bounded, because
// field names come from outside (a hostile body could carry millions of distinct ones).
const secretKeyCache = new Map<string, boolean>();
const SECRET_KEY_CACHE_LIMIT = 4096;

/**
 * True for a header or field name that holds a credential or a signature. A bare `token` is not
 * one: providers use it for token contract addresses and payment tokens, which are public ids.
 */
export function isSecretKey(key: string): boolean {
  let secret = secretKeyCache.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    if (secretKeyCache.size >= SECRET_KEY_CACHE_LIMIT) secretKeyCache.clear();
    secretKeyCache.set(key, secret);
  }
  return secret;
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
  const shortest = values[values.length - 1]!.length;
  return (text) => {
    // Most strings in a payload (statuses, amounts, ids) are shorter than any secret.
    if (text.length < shortest) return text;
    let result = text;
    for (const value of values) if (result.includes(value)) result = result.split(value).join(REDACTED);
    return result;
  };
}

const MAX_DEPTH = 20;
const identity: Redactor = (text) => text;

/**
 * Deep copy of `value` where every secret-named key is replaced by `[REDACTED]` and every string
 * passes through `redact`. Used for `raw` payloads, log fields, events and error excerpts. An
 * object reached twice (an event's `raw` is also its payment's `raw`) is copied once and stays
 * shared in the copy.
 *
 * @example
 * redactDeep({ api_key: 'k', note: `paid with ${key}` }, createRedactor([key])) // { api_key: '[REDACTED]', note: 'paid with [REDACTED]' }
 */
export function redactDeep<T>(value: T, redact: Redactor = identity, depth = 0): T {
  return copyRedacted(value, redact, depth, undefined) as T;
}

function copyRedacted(
  value: unknown,
  redact: Redactor,
  depth: number,
  seen: Map<object, unknown> | undefined,
): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  const isArray = Array.isArray(value);
  const prototype = isArray ? undefined : Object.getPrototypeOf(value);
  // Null-prototype objects too: node:querystring and URLSearchParams-derived records use them.
  if (!isArray && prototype !== Object.prototype && prototype !== null) return value;
  const known = seen?.get(value);
  if (known !== undefined) return known;
  const copies = seen ?? new Map<object, unknown>();
  if (isArray) {
    const copy: unknown[] = new Array(value.length);
    copies.set(value, copy);
    for (let index = 0; index < value.length; index += 1) {
      copy[index] = copyRedacted(value[index], redact, depth + 1, copies);
    }
    return copy;
  }
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const key of Object.keys(source)) {
    const item = source[key];
    const redacted =
      item !== null && item !== undefined && item !== '' && isSecretKey(key)
        ? REDACTED
        : copyRedacted(item, redact, depth + 1, copies);
    // A parsed body can carry an own "__proto__" field; assigning it would swap the copy's prototype.
    if (key === '__proto__') {
      Object.defineProperty(copy, key, {
        value: redacted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else copy[key] = redacted;
  }
  return copy;
}

/**
 * Whether `redactDeep(value, redact)` would change anything: a string holding a known secret, or a
 * secret-named key with a value other than `[REDACTED]`. It reads without copying, so a value that
 * is already clean (most events are: adapters sanitise `raw`) costs a walk and no allocation.
 *
 * @example
 * const safe = needsRedaction(event, redact) ? redactDeep(event, redact) : event;
 */
export function needsRedaction(value: unknown, redact: Redactor = identity): boolean {
  return holdsSecret(value, redact, 0, undefined);
}

/**
 * The objects a walk has read. A payload has a few dozen at most, so a short array is searched
 * first: adding a fresh object to a Set makes V8 give it an identity hash, which costs more than
 * the whole walk of a small object. Large payloads move to a Set, so the walk stays linear.
 */
class VisitedObjects {
  private readonly few: object[] = [];
  private many: Set<object> | undefined;

  /** Records `value`; false when it was recorded before. */
  visit(value: object): boolean {
    if (this.many) {
      if (this.many.has(value)) return false;
      this.many.add(value);
      return true;
    }
    if (this.few.includes(value)) return false;
    this.few.push(value);
    if (this.few.length > 32) this.many = new Set(this.few);
    return true;
  }
}

function holdsSecret(
  value: unknown,
  redact: Redactor,
  depth: number,
  seen: VisitedObjects | undefined,
): boolean {
  if (typeof value === 'string') return redact(value) !== value;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return false;
  const isArray = Array.isArray(value);
  const prototype = isArray ? undefined : Object.getPrototypeOf(value);
  if (!isArray && prototype !== Object.prototype && prototype !== null) return false;
  // An object reached twice (an event's `raw` is its payment's `raw`) is read once.
  const visited = seen ?? new VisitedObjects();
  if (!visited.visit(value)) return false;
  if (isArray) {
    for (const item of value) if (holdsSecret(item, redact, depth + 1, visited)) return true;
    return false;
  }
  const source = value as Record<string, unknown>;
  // for…in allocates no key array; an inherited enumerable key would only be read, never copied.
  for (const key in source) {
    const item = source[key];
    if (item === null || item === undefined || item === '') continue;
    if (isSecretKey(key) ? item !== REDACTED : holdsSecret(item, redact, depth + 1, visited)) return true;
  }
  return false;
}

/** Headers with credentials replaced by `[REDACTED]`. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(headers)) copy[key] = isSecretKey(key) ? REDACTED : value;
  return copy;
}
