import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AmbiguousOutcomeError,
  NetworkError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '../errors/error-classes';
import { PaymuxError } from '../errors/paymux-error';
import { providerDecimalSchema } from '../decimal';
import type { LogFields, Logger } from '../logger';
import { createHttpClient, type HttpClientOptions } from './http-client';

const BASE = 'https://api.acme.test';
const SECRET = 'acme_secret_key_123456';
const paymentSchema = z.looseObject({ id: z.string(), amount: providerDecimalSchema });

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    providerType: 'acme',
    account: 'main',
    baseUrl: `${BASE}/v1`,
    secrets: [SECRET],
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 300,
    authenticate(request) {
      request.headers.authorization = `Bearer ${SECRET}`;
    },
    ...overrides,
  });
}

/** A loopback server that accepts requests and never answers: a real timeout, counted. */
async function stallingServer(): Promise<{
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}> {
  let count = 0;
  const server: Server = createServer(() => {
    count += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function failure(promise: Promise<unknown>): Promise<PaymuxError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!PaymuxError.is(error)) throw new Error(`expected a PaymuxError, got ${String(error)}`);
  return error;
}

describe('createHttpClient', () => {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('sends the user agent and credentials, and parses numbers without losing digits', async () => {
    const scope = nock(BASE, { reqheaders: { 'user-agent': /^paymux\//, authorization: `Bearer ${SECRET}` } })
      .get('/v1/payments/p1')
      .query({ expand: 'all' })
      .reply(200, '{"id":"p1","amount":1.123456789012345678,"extra":true}', {
        'content-type': 'application/json',
      });
    const result = await client().request({
      operation: 'getPayment',
      method: 'GET',
      path: '/payments/p1',
      query: { expand: 'all' },
      schema: paymentSchema,
    });
    expect(result.data).toEqual({ id: 'p1', amount: '1.123456789012345678', extra: true });
    expect(scope.isDone()).toBe(true);
  });

  it('signs and sends exactly the same body bytes', async () => {
    let signedBody: string | undefined;
    const scope = nock(BASE)
      .post(
        '/v1/payments',
        (body: string | object) => JSON.stringify(body) === '{"amount":"1.10","currency":"EUR"}',
      )
      .reply(201, { id: 'p2', amount: '1.10' });
    await client({
      authenticate(request) {
        signedBody = request.body;
        request.headers['x-signature'] = `${request.method} ${request.pathWithQuery}`;
      },
    }).request({
      operation: 'createPayment',
      method: 'POST',
      path: 'payments',
      json: { amount: '1.10', currency: 'EUR' },
      schema: paymentSchema,
    });
    expect(signedBody).toBe('{"amount":"1.10","currency":"EUR"}');
    expect(scope.isDone()).toBe(true);
  });

  it('turns a 200 carrying an error body into the typed error of the mapper', async () => {
    nock(BASE).get('/v1/payments/p3').reply(200, { err: 'Payment not found', err_code: 'payment_not_found' });
    const error = await failure(
      client({
        mapError: (response) =>
          typeof response.body === 'object' && response.body !== null && 'err' in response.body
            ? new ProviderRejectedError(String((response.body as { err: unknown }).err), {
                httpStatus: response.status,
              })
            : undefined,
      }).request({ operation: 'getPayment', method: 'GET', path: 'payments/p3', schema: paymentSchema }),
    );
    expect(ProviderRejectedError.is(error)).toBe(true);
    expect(error.message).toBe('Payment not found');
  });

  it('retries a read after a 503 and succeeds', async () => {
    const scope = nock(BASE)
      .get('/v1/payments/p4')
      .reply(503, 'busy')
      .get('/v1/payments/p4')
      .reply(200, { id: 'p4', amount: 1 });
    const result = await client().request({
      operation: 'getPayment',
      method: 'GET',
      path: 'payments/p4',
      schema: paymentSchema,
    });
    expect(result.data.amount).toBe('1');
    expect(scope.isDone()).toBe(true);
  });

  it('gives up on a read after the capped number of attempts', async () => {
    let attempts = 0;
    nock(BASE)
      .get('/v1/payments/p5')
      .times(5)
      .reply(() => {
        attempts += 1;
        return [500, 'oops'];
      });
    const error = await failure(
      client().request({
        operation: 'getPayment',
        method: 'GET',
        path: 'payments/p5',
        schema: paymentSchema,
      }),
    );
    expect(ProviderUnavailableError.is(error)).toBe(true);
    expect(error.httpStatus).toBe(500);
    expect(attempts).toBe(3);
  });

  it('never sends a non-idempotent write twice: a 500 is an ambiguous outcome', async () => {
    let attempts = 0;
    nock(BASE)
      .post('/v1/payouts')
      .times(3)
      .reply(() => {
        attempts += 1;
        return [500, 'oops'];
      });
    const error = await failure(
      client().request({
        operation: 'createPayout',
        method: 'POST',
        path: 'payouts',
        json: {},
        schema: paymentSchema,
        reference: 'order-1',
      }),
    );
    expect(AmbiguousOutcomeError.is(error)).toBe(true);
    expect(error.reference).toBe('order-1');
    expect(attempts).toBe(1);
  });

  it('treats a write that timed out as ambiguous, sent once; a read that timed out is retried', async () => {
    const server = await stallingServer();
    try {
      const write = await failure(
        client({ baseUrl: server.url }).request({
          operation: 'createPayout',
          method: 'POST',
          path: 'payouts',
          json: {},
          schema: paymentSchema,
        }),
      );
      expect(AmbiguousOutcomeError.is(write)).toBe(true);
      expect(server.requests()).toBe(1);
      const read = await failure(
        client({ baseUrl: server.url }).request({
          operation: 'getPayment',
          method: 'GET',
          path: 'd',
          schema: paymentSchema,
        }),
      );
      expect(TimeoutError.is(read)).toBe(true);
      expect(server.requests()).toBe(1 + 3);
    } finally {
      await server.close();
    }
  });

  it('never repeats a GET that declares itself a write', async () => {
    let attempts = 0;
    nock(BASE)
      .get('/v1/AcceptPayment')
      .query(true)
      .times(3)
      .reply(() => {
        attempts += 1;
        return [502, 'bad gateway'];
      });
    const error = await failure(
      client().request({
        operation: 'acceptPayment',
        method: 'GET',
        path: 'AcceptPayment',
        query: { id: '1' },
        idempotent: false,
        schema: paymentSchema,
      }),
    );
    expect(AmbiguousOutcomeError.is(error)).toBe(true);
    expect(attempts).toBe(1);
  });

  it('retries an idempotent write after a 500', async () => {
    const scope = nock(BASE)
      .post('/v1/payments')
      .reply(500)
      .post('/v1/payments')
      .reply(200, { id: 'p6', amount: '2' });
    const result = await client().request({
      operation: 'createPayment',
      method: 'POST',
      path: 'payments',
      json: { uuid: 'u' },
      idempotent: true,
      schema: paymentSchema,
    });
    expect(result.data.id).toBe('p6');
    expect(scope.isDone()).toBe(true);
  });

  it('retries even a non-idempotent write when the connection was refused (nothing was sent)', async () => {
    const error = await failure(
      createHttpClient({
        providerType: 'acme',
        account: 'main',
        baseUrl: 'http://127.0.0.1:1',
        retry: { baseDelayMs: 1 },
      }).request({
        operation: 'createPayout',
        method: 'POST',
        path: 'payouts',
        json: {},
        schema: paymentSchema,
      }),
    );
    expect(ProviderUnavailableError.is(error)).toBe(true);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('honours Retry-After on a 429, and refuses to wait longer than the cap', async () => {
    nock(BASE)
      .get('/v1/payments/p7')
      .reply(429, 'slow', { 'retry-after': '0' })
      .get('/v1/payments/p7')
      .reply(200, { id: 'p7', amount: '1' });
    const ok = await client().request({
      operation: 'getPayment',
      method: 'GET',
      path: 'payments/p7',
      schema: paymentSchema,
    });
    expect(ok.data.id).toBe('p7');

    nock(BASE).get('/v1/payments/p8').reply(429, 'slow', { 'retry-after': '3600' });
    const started = performance.now();
    const error = await failure(
      client().request({
        operation: 'getPayment',
        method: 'GET',
        path: 'payments/p8',
        schema: paymentSchema,
      }),
    );
    expect(RateLimitError.is(error)).toBe(true);
    expect((error as RateLimitError).retryAfter).toBe(3600);
    expect(performance.now() - started).toBeLessThan(3_600_000);
  });

  it('maps malformed JSON, HTML pages and resets to typed errors', async () => {
    nock(BASE).get('/v1/a').reply(200, '{"id": "p9", "amount": ', { 'content-type': 'application/json' });
    const malformed = await failure(
      client().request({ operation: 'getPayment', method: 'GET', path: 'a', schema: paymentSchema }),
    );
    expect(ProviderResponseError.is(malformed)).toBe(true);
    expect(malformed.bodyExcerpt).toContain('"p9"');

    nock(BASE)
      .get('/v1/b')
      .times(3)
      .reply(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
    const html = await failure(
      client().request({ operation: 'getPayment', method: 'GET', path: 'b', schema: paymentSchema }),
    );
    expect(ProviderUnavailableError.is(html)).toBe(true);
    expect(html.message).toContain('HTML');

    nock(BASE)
      .get('/v1/c')
      .times(3)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const reset = await failure(
      client().request({ operation: 'getPayment', method: 'GET', path: 'c', schema: paymentSchema }),
    );
    expect(NetworkError.is(reset)).toBe(true);
  });

  it('reports a response of the wrong shape with a redacted excerpt', async () => {
    nock(BASE)
      .get('/v1/e')
      .reply(200, { id: 42, echo: `key was ${SECRET}` });
    const error = await failure(
      client().request({ operation: 'getPayment', method: 'GET', path: 'e', schema: paymentSchema }),
    );
    expect(ProviderResponseError.is(error)).toBe(true);
    expect(error.message).toContain('id');
    expect(error.bodyExcerpt).toContain('[REDACTED]');
    expect(JSON.stringify(error)).not.toContain(SECRET);
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
  });

  it('makes an unreadable answer to a write an ambiguous outcome, and a read a response error', async () => {
    nock(BASE).post('/v1/payouts').reply(201, '{"id": "po_1", ');
    const write = await failure(
      client().request({
        operation: 'createPayout',
        method: 'POST',
        path: 'payouts',
        json: {},
        schema: paymentSchema,
        reference: 'o-9',
      }),
    );
    expect(AmbiguousOutcomeError.is(write)).toBe(true);
    expect(write.reference).toBe('o-9');
    expect(write.bodyExcerpt).toContain('po_1');
    nock(BASE).post('/v1/payments').reply(200, { id: 7 });
    const idempotent = await failure(
      client().request({
        operation: 'createPayment',
        method: 'POST',
        path: 'payments',
        json: {},
        idempotent: true,
        schema: paymentSchema,
      }),
    );
    expect(ProviderResponseError.is(idempotent)).toBe(true);
  });

  it('refuses a request Node cannot send without retrying it, and honours a cancelled signal', async () => {
    const invalid = await failure(
      client().request({
        operation: 'getPayment',
        method: 'GET',
        path: '/payments/p1',
        headers: { 'x-trace': 'a\r\nInjected: 1' },
        schema: paymentSchema,
      }),
    );
    expect(NetworkError.is(invalid)).toBe(true);
    expect(invalid.retryable).toBe(false);
    const controller = new AbortController();
    controller.abort();
    const cancelled = await failure(
      client().request({
        operation: 'getPayment',
        method: 'GET',
        path: '/payments/p1',
        schema: paymentSchema,
        signal: controller.signal,
      }),
    );
    expect(NetworkError.is(cancelled)).toBe(true);
    expect(cancelled.message).toMatch(/cancelled/);
  });

  it('scrubs secrets registered at run time', async () => {
    const http = client();
    http.addSecret('session-token-abcdef');
    nock(BASE).get('/v1/e2').reply(200, { id: 1, note: 'session-token-abcdef' });
    const error = await failure(
      http.request({ operation: 'getPayment', method: 'GET', path: 'e2', schema: paymentSchema }),
    );
    expect(error.bodyExcerpt).not.toContain('session-token-abcdef');
    expect(http.redact('x session-token-abcdef')).toBe('x [REDACTED]');
  });

  it('writes no secret into log lines', async () => {
    const lines: string[] = [];
    const record = (message: string, fields?: LogFields) =>
      void lines.push(`${message} ${JSON.stringify(fields)}`);
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    nock(BASE)
      .get(`/v1/lookup/${SECRET}`)
      .reply(500)
      .get(`/v1/lookup/${SECRET}`)
      .reply(200, { id: 'f', amount: '1' });
    await client({ logger }).request({
      operation: 'getPayment',
      method: 'GET',
      path: `lookup/${SECRET}`,
      schema: paymentSchema,
    });
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).not.toContain(SECRET);
  });
});
