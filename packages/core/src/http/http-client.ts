import type http from 'node:http';
import type https from 'node:https';
import type { z } from 'zod';
import { AmbiguousOutcomeError, ProviderResponseError, RateLimitError } from '../errors/error-classes';
import type { PaymuxError } from '../errors/paymux-error';
import { scrubErrorSecrets } from '../errors/scrub-error';
import { parseProviderJson } from '../json';
import { type Logger, silentLogger } from '../logger';
import { createRedactor, redactDeep, type Redactor } from '../redaction';
import { currentProviderCallObserver } from '../telemetry/provider-call-observer';
import { errorFromHttpStatus } from './http-status-error';
import { chooseTransport } from './client-transport';
import type { TransportRequest, TransportResponse } from './http-transport';
import type { ProxySetting } from './proxy';
import { credentialRedactor, redactSecretQuery } from './request-secrets';
import { requestMayHaveCommitted } from '../provider-utils/write-outcome';
import { transportError } from './transport-failure';
import { resolvePathname } from './url-path';
import type { Priority, RateLimiter } from './rate-limiter';
import type { Transport } from './transport';
import { defaultRetryPolicy, parseRetryAfter, type RetryPolicy, retryDelayMs, sleep } from './retry-policy';

export { type AxiosLike, type AxiosLikeRequestConfig, axiosTransport } from './axios-transport';
export { type FetchFunction, fetchTransport } from './fetch-transport';
export { createNodeTransport, type NodeTransportOptions } from './http-transport';
export { type ProxySetting, redactProxyUrl, type ResolvedProxy, resolveProxy } from './proxy';
export {
  type UndiciLike,
  type UndiciLikeBody,
  type UndiciTransportOptions,
  undiciTransport,
} from './undici-transport';
export {
  type Transport,
  TransportError,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './transport';
export {
  credentialRedactor,
  encodedForms,
  redactSecretQuery,
  secretValuesOfRequest,
} from './request-secrets';

export const PAYMUX_VERSION = '0.1.0';
const USER_AGENT = `paymux/${PAYMUX_VERSION}`;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

/** A request just before it is sent: `body` holds the exact bytes that go on the wire. */
export interface PreparedRequest {
  method: HttpMethod;
  /** Path with query string, relative to the host, e.g. `/api/v1/payments?x=1`. */
  pathWithQuery: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A response with its body read as text and parsed without losing digits. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  rawBody: string;
  /** The parsed JSON body, or `undefined` when the body is not JSON. */
  body: unknown;
  requestId: string | undefined;
}

export interface HttpResult<T> extends HttpResponse {
  data: T;
}

export interface HttpClientOptions {
  /** Adapter type, for error messages. */
  providerType: string;
  /** Account name, stamped on errors. */
  account: string;
  baseUrl: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Configured secret values: scrubbed from every error message, excerpt and log line. */
  secrets?: readonly (string | undefined)[];
  /** Adds credentials to a request; sign `request.body`, which is exactly what is sent. */
  authenticate?(request: PreparedRequest): void | Promise<void>;
  /**
   * Turns a provider error body into a typed error. Called for every response, 2xx included, so
   * that a 200 carrying an error body is caught; return `undefined` for a success.
   */
  mapError?(response: HttpResponse): PaymuxError | undefined;
  retry?: Partial<RetryPolicy>;
  rateLimiter?: RateLimiter;
  logger?: Logger;
  /**
   * Sends the requests: the keep-alive `node:http` transport by default, or `fetchTransport(fetch)`,
   * `axiosTransport(instance)`… (settings' `transport`).
   */
  transport?: Transport | undefined;
  /** An HTTP CONNECT proxy for the default transport (settings' `proxy`); its credentials are secrets. */
  proxy?: ProxySetting | undefined;
  /** For tests: replaces the keep-alive agents. */
  httpAgent?: http.Agent;
  httpsAgent?: https.Agent;
}

export interface RequestSpec<Schema extends z.ZodType> {
  /** The unified or endpoint operation name, for errors and logs. */
  operation: string;
  method: HttpMethod;
  /** Path relative to the base URL. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body: serialised once, signed and sent as the same bytes. */
  json?: unknown;
  /** Form body (`application/x-www-form-urlencoded`). */
  form?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /** Lenient schema for the success body. */
  schema: Schema;
  /**
   * Whether repeating the request is harmless. Defaults to true for GET and false otherwise; set
   * `false` on a GET that changes state (some APIs accept writes as GET). Non-idempotent requests
   * are never sent twice: an unclear failure becomes `AmbiguousOutcomeError`.
   */
  idempotent?: boolean;
  /** The merchant reference, carried by an `AmbiguousOutcomeError` for reconciliation. */
  reference?: string;
  /** Background work (the tracker) yields to direct calls. */
  priority?: Priority;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The typed HTTP client every adapter uses: one per provider account. */
export interface HttpClient {
  request<Schema extends z.ZodType>(spec: RequestSpec<Schema>): Promise<HttpResult<z.output<Schema>>>;
  /** Scrubs every configured secret, and every one added with `addSecret`, from a text. */
  readonly redact: Redactor;
  /**
   * Registers a secret issued at run time (a session token), so it is scrubbed from every later
   * error, excerpt and log line like the configured ones.
   */
  addSecret(value: string): void;
  readonly baseUrl: string;
}

const EXCERPT_LENGTH = 500;

function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Creates the HTTP client of one provider account: keep-alive agents, a timeout, the paymux
 * user agent, lenient parsing of every body, one path from any failure to a typed error, secret
 * redaction, and retries only where a repeat cannot create a second object.
 *
 * @example
 * const http = createHttpClient({ providerType: 'finrax', account, baseUrl, secrets: [apiKey, apiSecret],
 *   authenticate: (request) => sign(request), mapError: mapFinraxError });
 * const { data } = await http.request({ operation: 'getPayment', method: 'GET', path: `/api/v1/payments/${id}`, schema });
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const retry: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const logger = options.logger ?? silentLogger;
  // Bodies stay text: JSON is parsed by parseProviderJson so that no digit is lost. Redirects are
  // never followed: a redirect on a payment API is a fault, not a new address.
  const { transport, secrets: proxySecrets } = chooseTransport(options, options.account);
  const secrets = new Set(
    [...(options.secrets ?? []), ...proxySecrets].filter((value): value is string => !!value),
  );
  let redactKnown = createRedactor(secrets);
  const redact: Redactor = (text) => redactKnown(text);
  const addSecret = (value: string) => {
    if (!value || secrets.has(value)) return;
    secrets.add(value);
    redactKnown = createRedactor(secrets);
  };
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const context = { provider: options.account };

  /** The error path's redactor (see `credentialRedactor`): built only when something failed. */
  const errorRedactor = (sent: readonly PreparedRequest[]) => credentialRedactor(secrets, sent);

  function excerpt(rawBody: string, redactSent: Redactor = redact): string {
    // Redacted before it is cut, so that no secret is left half visible at the cut.
    const text = redactSent(rawBody);
    return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text;
  }

  /** The request as it will be sent, before `authenticate` signs it. */
  function prepare(spec: RequestSpec<z.ZodType>): PreparedRequest {
    const pathname = resolvePathname(base, spec.path);
    const queryString = buildQuery(spec.query);
    // Copied key by key: object spread costs several times more, on every request.
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    if (options.headers) for (const name in options.headers) headers[name] = options.headers[name]!;
    if (spec.headers) for (const name in spec.headers) headers[name] = spec.headers[name]!;
    let body: string | undefined;
    if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      headers['content-type'] = 'application/json';
    } else if (spec.form !== undefined) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(spec.form))
        if (value !== undefined) params.append(key, String(value));
      body = params.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const prepared: PreparedRequest = {
      method: spec.method,
      pathWithQuery: `${pathname}${queryString}`,
      url: `${base.origin}${pathname}${queryString}`,
      headers,
      body,
    };
    return prepared;
  }

  function toResponse(raw: TransportResponse): HttpResponse {
    const { headers, rawBody } = raw;
    let body: unknown;
    const trimmed = rawBody.trimStart();
    if (
      trimmed.startsWith('{') ||
      trimmed.startsWith('[') ||
      (headers['content-type'] ?? '').includes('json')
    ) {
      try {
        body = trimmed === '' ? undefined : parseProviderJson(rawBody);
      } catch {
        body = undefined;
      }
    }
    const requestId = headers['x-request-id'] ?? headers['request-id'] ?? headers['x-correlation-id'];
    return { status: raw.status, headers, rawBody, body, requestId };
  }

  /** Error for a response: the provider's mapping first, then the status, then the body shape. */
  function errorForResponse(
    spec: RequestSpec<z.ZodType>,
    response: HttpResponse,
    prepared: PreparedRequest,
  ): PaymuxError | undefined {
    const mapped = options.mapError?.(response);
    const isSuccess = response.status >= 200 && response.status < 300;
    if (!mapped && isSuccess) return undefined;
    const retryAfter = parseRetryAfter(response.headers['retry-after']);
    const common = {
      ...context,
      operation: spec.operation,
      reference: spec.reference,
      httpStatus: response.status,
      requestId: response.requestId,
      bodyExcerpt: excerpt(response.rawBody, errorRedactor([prepared])),
    };
    if (mapped) {
      mapped.withContext(common);
      if (RateLimitError.is(mapped) && mapped.retryAfter === undefined && retryAfter !== undefined) {
        (mapped as { retryAfter: number | undefined }).retryAfter = retryAfter;
      }
      return mapped;
    }
    const isHtml = /^\s*</.test(response.rawBody);
    const message = `${options.providerType} answered HTTP ${response.status}${isHtml ? ' with an HTML page' : ''} to ${spec.operation}`;
    return errorFromHttpStatus(response.status, message, { ...common, retryAfter });
  }

  async function request<Schema extends z.ZodType>(
    spec: RequestSpec<Schema>,
  ): Promise<HttpResult<z.output<Schema>>> {
    // Every attempt's request, so that an error never carries a credential any of them sent.
    const sent: PreparedRequest[] = [];
    // One async function for all the attempts and the scrubbing: no promise layer per call.
    try {
      const safeToRepeat = spec.idempotent ?? spec.method === 'GET';
      const observer = currentProviderCallObserver();
      for (let attempt = 1; ; attempt += 1) {
        const prepared = prepare(spec);
        sent.push(prepared);
        // Most adapters sign synchronously: awaiting only a promise spares a turn of the queue.
        const signing = options.authenticate?.(prepared);
        if (signing) await signing;
        const started = logger === silentLogger ? 0 : performance.now();
        let failure: PaymuxError;
        try {
          const outgoing: TransportRequest = {
            method: prepared.method,
            url: prepared.url,
            headers: prepared.headers,
            body: prepared.body,
            timeoutMs: spec.timeoutMs ?? options.timeoutMs ?? 15_000,
            signal: spec.signal,
          };
          const raw = options.rateLimiter
            ? await options.rateLimiter.schedule(() => transport.send(outgoing), spec.priority)
            : await transport.send(outgoing);
          const response = toResponse(raw);
          observer?.answered(spec.operation, response.status, attempt);
          if (logger !== silentLogger) {
            logger.debug('paymux http', {
              provider: options.account,
              operation: spec.operation,
              method: spec.method,
              path: redactSecretQuery(redact(prepared.pathWithQuery)),
              status: response.status,
              ms: Math.round(performance.now() - started),
              attempt,
            });
          }
          const error = errorForResponse(spec, response, prepared);
          if (!error) {
            const parsed = spec.schema.safeParse(response.body);
            if (parsed.success) {
              return {
                status: response.status,
                headers: response.headers,
                rawBody: response.rawBody,
                body: response.body,
                requestId: response.requestId,
                data: parsed.data,
              };
            }
            const issue = parsed.error.issues[0];
            const unreadable = new ProviderResponseError(
              `${options.providerType} sent an unexpected ${spec.operation} response: ${issue ? `${issue.path.join('.') || '(body)'} ${issue.message}` : 'shape mismatch'}`,
              {
                ...context,
                operation: spec.operation,
                httpStatus: response.status,
                requestId: response.requestId,
                bodyExcerpt: excerpt(response.rawBody, errorRedactor([prepared])),
                issues: parsed.error.issues.map((item) => ({
                  path: item.path.join('.'),
                  message: item.message,
                })),
              },
            );
            // A write the provider accepted (2xx) but whose answer cannot be read may well have
            // created something: the caller must reconcile, not retry blindly.
            if (!safeToRepeat && response.status >= 200 && response.status < 300) {
              throw new AmbiguousOutcomeError(
                `${spec.operation} was accepted by ${options.providerType} but its answer could not be read: ${unreadable.message}`,
                {
                  ...context,
                  operation: spec.operation,
                  reference: spec.reference,
                  httpStatus: response.status,
                  requestId: response.requestId,
                  bodyExcerpt: unreadable.bodyExcerpt,
                  cause: unreadable,
                },
              );
            }
            throw unreadable;
          }
          failure = error;
        } catch (error) {
          if (ProviderResponseError.is(error) || AmbiguousOutcomeError.is(error)) throw error;
          failure = transportError(error, {
            ...context,
            providerType: options.providerType,
            operation: spec.operation,
            reference: spec.reference,
          });
        }
        const canRetry = failure.retryable && (safeToRepeat || !requestMayHaveCommitted(failure));
        if (!canRetry) {
          if (!safeToRepeat && requestMayHaveCommitted(failure)) {
            throw new AmbiguousOutcomeError(
              `${spec.operation} may or may not have been carried out by ${options.providerType}: ${failure.message}`,
              {
                ...context,
                operation: spec.operation,
                reference: spec.reference,
                httpStatus: failure.httpStatus,
                requestId: failure.requestId,
                cause: failure,
              },
            );
          }
          throw failure;
        }
        const retryAfter = RateLimitError.is(failure) ? failure.retryAfter : undefined;
        if (
          attempt >= retry.maxAttempts ||
          (retryAfter !== undefined && retryAfter > retry.maxRetryAfterSeconds)
        ) {
          throw failure;
        }
        const delay = retryDelayMs(retry, attempt, retryAfter);
        logger.warn('paymux http retry', {
          provider: options.account,
          operation: spec.operation,
          attempt,
          code: failure.code,
          delayMs: delay,
        });
        observer?.retrying(spec.operation, failure.code, attempt, delay);
        await sleep(delay, spec.signal);
      }
    } catch (error) {
      throw scrubErrorSecrets(error, errorRedactor(sent));
    }
  }

  return { request, redact, addSecret, baseUrl: options.baseUrl };
}

/** Removes secrets from a provider payload before it is stored as `raw`. */
export function sanitizeRaw<T>(value: T, redact: Redactor): T {
  return redactDeep(value, redact);
}
