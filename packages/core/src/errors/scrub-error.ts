import { redactDeep, type Redactor } from '../redaction';

const MAX_CAUSE_DEPTH = 10;
// Identity and markers, never provider text.
const SKIPPED = new Set(['kinds', 'code', 'httpStatus', 'retryable', 'retryAfter']);

function scrubValue(value: unknown, redact: Redactor, seen: Set<object>, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (value instanceof Error) {
    if (scrubInPlace(value, redact, seen, depth + 1)) return value;
    // A frozen foreign error cannot be cleaned: a clean stand-in takes its place in the chain.
    return new Error(redact(value.message));
  }
  if (value !== null && typeof value === 'object') return redactDeep(value, redact);
  return value;
}

/** Scrubs `error` and its chain; false when a property holding a secret could not be rewritten. */
function scrubInPlace(error: Error, redact: Redactor, seen: Set<object>, depth: number): boolean {
  if (seen.has(error)) return true;
  if (depth > MAX_CAUSE_DEPTH) return false;
  seen.add(error);
  const target = error as unknown as Record<string, unknown>;
  let clean = true;
  // Own properties, enumerable or not: `message`, `stack` and `cause` are not enumerable.
  for (const key of Object.getOwnPropertyNames(error)) {
    if (SKIPPED.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    // V8 may install `stack` as an accessor; other accessors are not data the error carries.
    if (!descriptor || (!('value' in descriptor) && key !== 'stack')) continue;
    const before = target[key];
    const after = scrubValue(before, redact, seen, depth);
    if (after === before) continue;
    try {
      if ('value' in descriptor && !descriptor.writable) {
        Object.defineProperty(error, key, { ...descriptor, value: after });
      } else target[key] = after;
    } catch {
      clean = false;
    }
    if (target[key] !== after) clean = false;
  }
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      if (inner instanceof Error && !scrubInPlace(inner, redact, seen, depth + 1)) clean = false;
    }
  }
  return clean;
}

/**
 * Removes every secret `redact` knows from every string an error carries, in place: its message,
 * stack, provider code, excerpt, issues and any other field, and the same down its `cause` chain
 * (foreign errors too: a transport error may quote a header). Returns the same error, so that
 * `throw scrubErrorSecrets(error, redact)` keeps its class and identity.
 *
 * @example
 * catch (error) { throw scrubErrorSecrets(error, createRedactor([apiKey, sentSignature])); }
 */
export function scrubErrorSecrets<T>(error: T, redact: Redactor): T {
  if (error instanceof Error) scrubInPlace(error, redact, new Set(), 0);
  return error;
}
