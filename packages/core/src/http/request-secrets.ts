import { createRedactor, isSecretKey, type Redactor } from '../redaction';

/** What a request carries, as far as its credentials are concerned. */
export interface RequestCredentialsView {
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

// Values shorter than this are not scrubbed (core's redactor ignores them: they would garble text).
const MIN_SECRET_LENGTH = 4;
const SCHEME_AND_CREDENTIALS = /^([A-Za-z][\w.-]*)\s+(\S.*)$/;
const MAX_BODY_SCAN = 64 * 1024;

function addValue(into: Set<string>, value: unknown): void {
  if (typeof value !== 'string' && typeof value !== 'number') return;
  const text = String(value).trim();
  if (text.length >= MIN_SECRET_LENGTH) into.add(text);
}

/**
 * The parts of one credential header value: the whole value, the credentials after an auth scheme
 * (`Bearer <token>`), the user and password of HTTP Basic, and the secret-named parameters of a
 * parameter list (`FRX-API API-Key=<key>,Signature=<sig>,Timestamp=<ms>`: the key and the
 * signature, not the timestamp).
 */
function addHeaderValue(into: Set<string>, value: string): void {
  addValue(into, value);
  const schemed = SCHEME_AND_CREDENTIALS.exec(value.trim());
  const credentials = schemed ? schemed[2]! : value;
  if (schemed) addValue(into, credentials);
  if (schemed && schemed[1]!.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      addValue(into, decoded);
      addValue(into, decoded.slice(colon + 1));
    }
  }
  for (const part of credentials.split(/[,;]/)) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const name = part.slice(0, equals).trim();
    if (isSecretKey(name))
      addValue(
        into,
        part
          .slice(equals + 1)
          .trim()
          .replace(/^"|"$/g, ''),
      );
  }
}

function addSecretFields(into: Set<string>, value: unknown, depth: number): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) addSecretFields(into, item, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (isSecretKey(key)) addValue(into, item);
    else addSecretFields(into, item, depth + 1);
  }
}

function addBodySecrets(into: Set<string>, body: string, contentType: string): void {
  if (body.length > MAX_BODY_SCAN) return;
  if (contentType.includes('json')) {
    try {
      addSecretFields(into, JSON.parse(body), 0);
    } catch {
      // Not JSON after all: nothing named to pick out.
    }
  } else if (contentType.includes('x-www-form-urlencoded')) {
    for (const [key, item] of new URLSearchParams(body)) if (isSecretKey(key)) addValue(into, item);
  }
}

/**
 * Every credential value one request carried: secret-named headers (`Authorization`, `x-api-key`,
 * signatures) and their parts, secret-named query parameters and body fields (`session_token`).
 * The HTTP client scrubs these from every error it throws, so that a provider (or a proxy) echoing
 * the request back cannot put them into an error. Called on the error path only.
 *
 * @example
 * secretValuesOfRequest({ url: 'https://p.test/x?session_token=abcd1234', headers: { authorization: 'Bearer k_123456' }, body: undefined })
 * // ['Bearer k_123456', 'k_123456', 'abcd1234']
 */
export function secretValuesOfRequest(request: RequestCredentialsView): string[] {
  const values = new Set<string>();
  let contentType = '';
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-type') contentType = value.toLowerCase();
    // `x-` is only a prefix (`x-session-token`, `x-auth-token`): the rest says what it holds.
    if (isSecretKey(lower) || (lower.startsWith('x-') && isSecretKey(lower.slice(2)))) {
      addHeaderValue(values, value);
    }
  }
  try {
    for (const [key, item] of new URL(request.url).searchParams) if (isSecretKey(key)) addValue(values, item);
  } catch {
    // A URL that does not parse was never sent.
  }
  if (request.body) addBodySecrets(values, request.body, contentType);
  return [...values];
}

/**
 * A secret and the encoded forms under which an echo may carry it: percent-encoded (in a URL or a
 * form body), JSON-escaped (inside a JSON string) and base64 (a header copied into a token).
 *
 * @example
 * encodedForms('a/b+c') // ['a/b+c', 'a%2Fb%2Bc', 'YS9iK2M=', 'YS9iK2M']
 */
export function encodedForms(secret: string): string[] {
  const forms = new Set([secret]);
  forms.add(encodeURIComponent(secret));
  forms.add(new URLSearchParams({ x: secret }).toString().slice(2));
  forms.add(JSON.stringify(secret).slice(1, -1));
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  forms.add(base64);
  forms.add(base64.replace(/=+$/, ''));
  forms.add(base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
  return [...forms];
}

/**
 * The redactor of an HTTP client's error path: the configured secrets, every credential the given
 * requests carried (a signature or a session token is configured nowhere), and the encoded forms
 * of all of them.
 *
 * @example
 * throw scrubErrorSecrets(error, credentialRedactor([apiKey], [preparedRequest]));
 */
export function credentialRedactor(
  configured: Iterable<string>,
  sent: readonly RequestCredentialsView[],
): Redactor {
  const values = new Set<string>();
  for (const secret of configured) for (const form of encodedForms(secret)) values.add(form);
  for (const request of sent) {
    for (const secret of secretValuesOfRequest(request))
      for (const form of encodedForms(secret)) values.add(form);
  }
  return createRedactor(values);
}

/**
 * A path with the values of its secret-named query parameters (`session_token=…`) replaced, for
 * log lines: cheap enough for every logged request, and it needs no list of values.
 *
 * @example
 * redactSecretQuery('/da/invoices?session_token=abc&page=2') // "/da/invoices?session_token=[REDACTED]&page=2"
 */
export function redactSecretQuery(pathWithQuery: string): string {
  const start = pathWithQuery.indexOf('?');
  if (start < 0) return pathWithQuery;
  const parts = pathWithQuery.slice(start + 1).split('&');
  let changed = false;
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    let name = part.slice(0, equals);
    try {
      name = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: judged by its raw name.
    }
    if (isSecretKey(name) && part.length > equals + 1) {
      parts[index] = `${part.slice(0, equals)}=[REDACTED]`;
      changed = true;
    }
  }
  return changed ? `${pathWithQuery.slice(0, start)}?${parts.join('&')}` : pathWithQuery;
}
