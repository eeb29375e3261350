import { inspect } from 'node:util';
import { PaymuxError, secretValuesOfRequest } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import type { ConformanceOptions } from '../conformance-types';
import { type CapturedLogLine, captureError, withConformanceHarness } from './conformance-harness';
import { describeThrown } from './expected-errors';

/** The statuses at which the echo server answers: refused credentials, refused access, a crash. */
export const ECHO_STATUSES = [401, 403, 500] as const;

/** One request as the echo server received it. */
export interface EchoedRequest {
  method: string;
  /** Path and query string. */
  uri: string;
  headers: Record<string, string>;
  body: string;
}

const INTERCEPTOR_TIMES = 15;

function flattenHeaders(headers: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

/** Fields where error bodies commonly carry a text or a code, added when the body lacks them. */
const COMMON_ERROR_FIELDS = ['message', 'error', 'code', 'httpError', 'detail'] as const;

/**
 * The provider's own error body with the whole request echoed into it: every text field gets the
 * request (method, path and query, every header, the body) appended, the common error fields the
 * body lacks (`message`, `error`, `code`, `httpError`, `detail`) hold it as text, and an `echo`
 * field holds it as an object. A text body gets the echo appended. What careless APIs and proxies do.
 */
export function withEchoedRequest(body: unknown, request: EchoedRequest): unknown {
  const text = JSON.stringify(request);
  const walk = (value: unknown, depth: number): unknown => {
    if (depth > 20) return value;
    if (typeof value === 'string') return `${value} ${text}`;
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, depth + 1)]));
    }
    return value;
  };
  if (typeof body === 'string') return `${body} ${text}`;
  const echoed = walk(body, 0);
  if (typeof echoed !== 'object' || echoed === null || Array.isArray(echoed)) return echoed;
  const extra: Record<string, unknown> = {};
  for (const field of COMMON_ERROR_FIELDS) if (!(field in echoed)) extra[field] = text;
  return { ...echoed, ...extra, echo: request };
}

/**
 * Every text form of an error that could reach a log or a screen: each error down the cause chain
 * as JSON, as `toJSON()`, as `util.inspect` with unlimited depth and hidden fields, its message,
 * its stack, and each of its own fields.
 */
export function errorRenderings(error: unknown): string[] {
  const forms: string[] = [];
  const seen = new Set<unknown>();
  for (let current: unknown = error; current !== undefined && current !== null && !seen.has(current); ) {
    seen.add(current);
    forms.push(inspect(current, { depth: Infinity, showHidden: true }));
    try {
      forms.push(JSON.stringify(current) ?? '');
    } catch (failure) {
      forms.push(`[unserialisable: ${(failure as Error).message}]`);
    }
    if (typeof current !== 'object') break;
    const item = current as Error & { toJSON?: () => unknown; errors?: unknown };
    if (typeof item.toJSON === 'function') forms.push(JSON.stringify(item.toJSON()));
    forms.push(String(item.message), String(item.stack));
    for (const key of Object.getOwnPropertyNames(item)) {
      forms.push(
        inspect((item as unknown as Record<string, unknown>)[key], { depth: Infinity, showHidden: true }),
      );
    }
    current = item.cause;
  }
  return forms;
}

function leaksIn(label: string, texts: readonly string[], secrets: readonly string[]): string[] {
  return secrets
    .filter((secret) => texts.some((text) => text.includes(secret)))
    .map((secret) => `${label} contains the secret "${secret.slice(0, 3)}…" (${secret.length} characters)`);
}

function logTexts(logs: readonly CapturedLogLine[]): string[] {
  return logs.map((line) => `${line.message} ${inspect(line.fields, { depth: Infinity })}`);
}

/**
 * The probe's request answered `status` by a server that echoes the request back: the error (every
 * field, `toJSON()`, JSON, inspect, the cause chain) and the log lines hold none of the configured
 * secrets and none of the credentials the request carried (its Authorization and API-key headers,
 * signatures, session tokens in query or body), whatever the adapter's error mapper copies.
 */
export async function checkEchoedRequest(options: ConformanceOptions, status: number): Promise<void> {
  const origin = new URL(options.baseUrl).origin;
  await withConformanceHarness(options, async ({ provider, scope, logs }) => {
    options.errorProbe.setup?.(scope);
    const received: EchoedRequest[] = [];
    options.errorProbe
      .intercept(scope)
      .times(INTERCEPTOR_TIMES)
      .reply(function (this: { req: { method?: string; headers: Record<string, unknown> } }, uri, body) {
        const request: EchoedRequest = {
          method: this.req.method ?? '?',
          uri,
          headers: flattenHeaders(this.req.headers),
          body: typeof body === 'string' ? body : JSON.stringify(body ?? ''),
        };
        received.push(request);
        const echoed = withEchoedRequest(options.errorBody(status), request);
        return typeof echoed === 'string'
          ? [
              status,
              echoed,
              { 'content-type': echoed.trimStart().startsWith('{') ? 'application/json' : 'text/plain' },
            ]
          : [status, JSON.stringify(echoed), { 'content-type': 'application/json' }];
      });
    const error = await captureError(() => options.errorProbe.call(provider));
    expect(PaymuxError.is(error), describeThrown(error)).toBe(true);
    expect(received.length, 'requests that reached the echo server').toBeGreaterThan(0);
    const sent = received.flatMap((request) =>
      secretValuesOfRequest({ url: `${origin}${request.uri}`, headers: request.headers, body: request.body }),
    );
    const secrets = [...new Set([...options.secrets, ...sent])];
    const leaks = [
      ...leaksIn(`the ${status} error`, errorRenderings(error), secrets),
      ...leaksIn('a log line', logTexts(logs), secrets),
    ];
    expect(leaks, leaks.join('; ')).toEqual([]);
  });
}

/**
 * A provider that echoes the whole request back at 401, 403 and 500 gets no credential into an
 * error or a log line.
 */
export function registerEchoChecks(options: ConformanceOptions): void {
  describe('secret redaction against a server that echoes the request', () => {
    for (const status of ECHO_STATUSES) {
      it(`a ${status} echoing every request header and the body yields an error without credentials`, () =>
        checkEchoedRequest(options, status));
    }
  });
}
