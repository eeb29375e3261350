import { REDACTED, type Redactor } from '@paymux/core';

// What a Finrax request carries that must never come back out of an error. The API key and secret
// are configured values (the redactor knows them); the signature changes with every request, so it
// is found by its shape: HMAC-SHA256 in hex, 64 digits standing alone. An on-chain hash written
// `0x…` is kept (the `x` joins it to a longer word); a bare 64-digit txid quoted in an error text
// is scrubbed as well, which costs an error message nothing that the payment itself does not hold.
// A URL-encoded `=` (`%3D`) before it counts as a separator, not as part of a word.
const HEX_DIGEST = /(?:(?<=%3[Dd])|(?<![0-9A-Za-z]))[0-9A-Fa-f]{64}(?![0-9A-Za-z])/g;
// An echoed `Authorization` value, `FRX-API API-Key=…,Signature=…,Timestamp=…`, also URL-encoded.
const AUTHORIZATION_VALUE = /\bFRX-API(?:\s+|%20|\+)[^\s"'<>]+/gi;
// A credential named in a text or a JSON body: `API-Key=…`, `"signature":"…"`, `apiSecret: …`.
const CREDENTIAL_PARAMETER =
  /(\b(?:api[-_ ]?key|api[-_ ]?secret|secret|signature)"?\s*(?:[=:]|%3[Dd]|%3[Aa])\s*"?)[^\s,;"'&<>{}[\]%]+/gi;

const MAX_CAUSE_DEPTH = 10;
// Markers and numbers, never provider text.
const KEPT_AS_IS = new Set(['kinds', 'code', 'httpStatus', 'retryable', 'retryAfter']);

/**
 * The forms a configured secret can take in an answer besides its own: URL-encoded (echoed from a
 * query or a header) and JSON-escaped (echoed inside a JSON string).
 *
 * @example
 * createRedactor(finraxSecretForms([settings.apiKey, settings.apiSecret]))
 */
export function finraxSecretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...forms];
}

/**
 * Builds the scrubber of every text a Finrax error carries: the configured secrets (through
 * `redact`), then an echoed `Authorization` value, named credentials and anything shaped like a
 * request signature.
 *
 * @example
 * const scrub = createFinraxScrubber(http.redact);
 * scrub('FRX-API API-Key=k,Signature=3f…,Timestamp=1') // 'FRX-API [REDACTED]'
 */
export function createFinraxScrubber(redact: Redactor): Redactor {
  return (text) =>
    redact(text)
      .replace(AUTHORIZATION_VALUE, `FRX-API ${REDACTED}`)
      .replace(CREDENTIAL_PARAMETER, `$1${REDACTED}`)
      .replace(HEX_DIGEST, REDACTED);
}

function scrubValue(value: unknown, scrub: Redactor, seen: Set<object>, depth: number): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value instanceof Error) return scrubErrorInPlace(value, scrub, seen, depth + 1);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, scrub, seen, depth + 1));
  if (value !== null && typeof value === 'object' && depth < MAX_CAUSE_DEPTH) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = scrubValue(item, scrub, seen, depth + 1);
    return copy;
  }
  return value;
}

function scrubErrorInPlace(error: Error, scrub: Redactor, seen: Set<object>, depth: number): Error {
  if (seen.has(error)) return error;
  seen.add(error);
  if (depth > MAX_CAUSE_DEPTH) return new Error('(cause chain cut: too deep)');
  const target = error as unknown as Record<string, unknown>;
  // Own properties, enumerable or not: `message`, `stack` and `cause` are not enumerable.
  for (const key of Object.getOwnPropertyNames(error)) {
    if (KEPT_AS_IS.has(key)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(error, key);
    if (!descriptor) continue;
    if (!('value' in descriptor)) {
      // Newer V8 installs `stack` as an accessor; other accessors hold no data of the error.
      if (key === 'stack' && descriptor.set && typeof error.stack === 'string')
        error.stack = scrub(error.stack);
      continue;
    }
    const after = scrubValue(descriptor.value, scrub, seen, depth);
    if (after === descriptor.value) continue;
    Object.defineProperty(error, key, { ...descriptor, value: after, writable: true });
    // A frozen error could not be cleaned: it is replaced, not passed on.
    if (target[key] !== after) return new Error(scrub(error.message));
  }
  return error;
}

/**
 * Scrubs, in place, every text of an error and of its `cause` chain: message, stack, provider
 * code, request id, excerpt, issues, and any other field. Returns the same error (its class and
 * identity stay), so that `throw scrubFinraxError(error, scrub)` is all a caller writes.
 *
 * @example
 * catch (error) { throw scrubFinraxError(error, scrub); }
 */
export function scrubFinraxError<T>(error: T, scrub: Redactor): T {
  if (!(error instanceof Error)) return error;
  return scrubErrorInPlace(error, scrub, new Set(), 0) as T;
}
