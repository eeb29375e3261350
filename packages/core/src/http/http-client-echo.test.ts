import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderRejectedError } from '../errors/error-classes';
import { PaymuxError } from '../errors/paymux-error';
import { createHttpClient, type HttpClientOptions } from './http-client';

// A provider (or a proxy in front of it) that echoes the whole request back into its error body,
// and an adapter mapper that copies that body into every field it can: the HTTP client's guard
// must still keep every credential the request carried out of the error.

const BASE = 'https://echo.acme.test';
const API_KEY = 'echo_api_key_0123456789';
const API_SECRET = 'echo_api_secret_abcdefghij';
const SESSION = 'sess_run_time_token_5678';

function echoOf(this: unknown, uri: string, body: unknown): Record<string, unknown> {
  const { headers } = (this as { req: { headers: Record<string, unknown> } }).req;
  const text = JSON.stringify({ uri, headers, body });
  return { code: text, message: `echo ${text}`, detail: { headers, body, uri } };
}

/** An adapter mapper that trusts the provider's body with everything: the worst case. */
function careless(response: { status: number; rawBody: string; body: unknown }): PaymuxError | undefined {
  if (response.status < 400) return undefined;
  const body = response.body as { code?: string; message?: string };
  const error = new ProviderRejectedError(body.message ?? 'failed', {
    provider: 'main',
    providerCode: body.code,
    bodyExcerpt: response.rawBody.slice(0, 2000),
    issues: [{ path: 'body', message: response.rawBody }],
    cause: Object.assign(new Error(response.rawBody), { details: response.body }),
  });
  (error as unknown as { details: unknown }).details = response.body;
  return error;
}

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    providerType: 'acme',
    account: 'main',
    baseUrl: BASE,
    secrets: [API_KEY, API_SECRET],
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    timeoutMs: 500,
    mapError: careless,
    authenticate(request) {
      const timestamp = '1700000000000';
      const signature = createHmac('sha256', API_SECRET)
        .update(`${request.pathWithQuery}${timestamp}${request.body ?? ''}`)
        .digest('hex');
      request.headers.authorization = `FRX-API API-Key=${API_KEY},Signature=${signature},Timestamp=${timestamp}`;
      request.headers['x-api-key'] = API_KEY;
      request.headers['x-session-token'] = SESSION;
    },
    ...overrides,
  });
}

function renderings(error: unknown): string[] {
  const forms = [JSON.stringify(error), inspect(error, { depth: Infinity, showHidden: true })];
  for (let current: unknown = error, depth = 0; current && depth < 10; depth += 1) {
    const item = current as Error & { details?: unknown; toJSON?: () => unknown };
    forms.push(String(item.message), String(item.stack), JSON.stringify(item.details ?? null));
    if (item.toJSON) forms.push(JSON.stringify(item.toJSON()));
    for (const key of Object.getOwnPropertyNames(item))
      forms.push(inspect((item as never)[key], { depth: Infinity }));
    current = item.cause;
  }
  return forms;
}

function leaked(error: unknown, secrets: readonly string[]): string[] {
  const texts = renderings(error);
  return secrets.filter((secret) => texts.some((text) => text.includes(secret)));
}

describe('the HTTP client keeps the credentials it sent out of every error', () => {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  for (const status of [401, 403, 500]) {
    it(`a ${status} that echoes headers, query and body into every field`, async () => {
      const sent: Record<string, string> = {};
      nock(BASE)
        .post('/payments')
        .query(true)
        .times(3)
        .reply(status, function (this: unknown, uri, body) {
          const { headers } = (this as { req: { headers: Record<string, string> } }).req;
          Object.assign(sent, headers);
          return echoOf.call(this, uri, body);
        });
      const http = client();
      const error = await http
        .request({
          operation: 'createPayment',
          method: 'POST',
          path: '/payments',
          query: { session_token: SESSION },
          json: { amount: '1', password: 'body_password_value_42' },
          schema: z.unknown(),
          idempotent: true,
        })
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      expect(PaymuxError.is(error)).toBe(true);
      const signature = /Signature=([0-9a-f]+)/.exec(sent.authorization ?? '')?.[1];
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      const secrets = [
        API_KEY,
        API_SECRET,
        SESSION,
        signature!,
        'body_password_value_42',
        sent.authorization!,
      ];
      expect(leaked(error, secrets)).toEqual([]);
      // The rest of the echo stays readable: only the credentials go.
      expect((error as PaymuxError).message).toContain('[REDACTED]');
      expect((error as PaymuxError).message).toContain('"amount":"1"');
    });
  }

  it('scrubs a base64 and a percent-encoded copy of a secret', async () => {
    const secret = 'p@ss/word+key=42';
    nock(BASE)
      .get('/x')
      .reply(401, {
        message: `got ${Buffer.from(secret).toString('base64')} and ${encodeURIComponent(secret)}`,
      });
    const http = client({
      secrets: [secret],
      authenticate(request) {
        request.headers.authorization = `Basic ${Buffer.from(`user:${secret}`).toString('base64')}`;
      },
    });
    const error = await http
      .request({ operation: 'getX', method: 'GET', path: '/x', schema: z.unknown() })
      .catch((e) => e);
    expect(
      leaked(error, [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]),
    ).toEqual([]);
  });

  it('scrubs the credentials from a transport failure and its cause', async () => {
    nock(BASE)
      .get('/x')
      .times(2)
      .replyWithError(
        Object.assign(new Error(`socket closed after x-api-key ${API_KEY} / ${SESSION}`), {
          code: 'ECONNRESET',
        }),
      );
    const error = await client()
      .request({ operation: 'getX', method: 'GET', path: '/x', schema: z.unknown() })
      .catch((e) => e);
    expect(PaymuxError.is(error)).toBe(true);
    expect((error as Error).cause).toBeDefined();
    expect(leaked(error, [API_KEY, SESSION])).toEqual([]);
  });
});

describe('log lines of the HTTP client', () => {
  afterEach(() => nock.cleanAll());

  it('carry no secret-named query parameter, such as a session token issued at run time', async () => {
    nock.disableNetConnect();
    nock(BASE).get('/invoices').query(true).reply(200, { ok: true });
    const lines: string[] = [];
    const write = (message: string, fields?: unknown) => lines.push(`${message} ${JSON.stringify(fields)}`);
    const http = client({ logger: { debug: write, info: write, warn: write, error: write } });
    await http.request({
      operation: 'listInvoices',
      method: 'GET',
      path: '/invoices',
      query: { session_token: SESSION, page: 2 },
      schema: z.unknown(),
    });
    nock.enableNetConnect();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(SESSION);
    expect(lines.join('\n')).toContain('session_token=[REDACTED]&page=2');
  });
});
