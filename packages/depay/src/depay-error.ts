import {
  errorFromHttpStatus,
  type HttpResponse,
  type PaymuxError,
  parseRetryAfter,
  type Redactor,
} from '@paymux/core';

const EXCERPT_LENGTH = 500;
const CODE_LIKE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function firstText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = firstText(item);
      if (text !== undefined) return text;
    }
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const direct = firstText(record.message) ?? firstText(record.error);
    if (direct !== undefined) return direct;
    // Rails-style `{ errors: { field: ['is invalid'] } }`: name the field.
    for (const [key, item] of Object.entries(record)) {
      const text = firstText(item);
      if (text !== undefined) return `${key} ${text}`;
    }
  }
  return undefined;
}

/** DePay's own words about a failure, from whichever field its body uses. */
function describe(body: unknown): { message: string | undefined; code: string | undefined } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { message: undefined, code: undefined };
  }
  const record = body as Record<string, unknown>;
  const message = firstText(record.message) ?? firstText(record.error) ?? firstText(record.errors);
  const explicit = record.code ?? record.error_code;
  const code =
    typeof explicit === 'string' || typeof explicit === 'number'
      ? String(explicit)
      : typeof record.error === 'string' && CODE_LIKE.test(record.error)
        ? record.error
        : undefined;
  return { message, code };
}

/** What the error mapper needs besides the response. */
export interface DepayErrorContext {
  account: string;
  redact: Redactor;
}

/**
 * Maps a DePay response to a typed error, or `undefined` for a success. DePay documents no error
 * codes of its own, only HTTP semantics (201/200 on create, 429 over the limits, anything but 200
 * on release is a failure), so the HTTP status picks the class; the body's `code`/`error` (or
 * `http_<status>` when it has none) is kept as `providerCode` and its message as the error's.
 *
 * @example
 * createHttpClient({ ..., mapError: (response) => mapDepayError(response, { account, redact }) });
 */
export function mapDepayError(response: HttpResponse, context: DepayErrorContext): PaymuxError | undefined {
  if (response.status >= 200 && response.status < 300) return undefined;
  const { message, code } = describe(response.body);
  const isHtml = /^\s*</.test(response.rawBody);
  const excerpt = context.redact(response.rawBody);
  const text = message
    ? `DePay answered HTTP ${response.status}: ${context.redact(message)}`
    : `DePay answered HTTP ${response.status}${isHtml ? ' with an HTML page' : ''}`;
  return errorFromHttpStatus(response.status, text, {
    provider: context.account,
    providerCode: code ?? `http_${response.status}`,
    requestId: response.requestId,
    retryAfter: parseRetryAfter(response.headers['retry-after']),
    bodyExcerpt: excerpt.length > EXCERPT_LENGTH ? `${excerpt.slice(0, EXCERPT_LENGTH)}…` : excerpt,
  });
}
