import {
  AmbiguousOutcomeError,
  createHttpClient,
  NetworkError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@paymux/core';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { faults } from './fault-actions';
import { connectionReset, expectPaymuxFailure, FAULT_RETRY, FAULT_TIMEOUT_MS } from './fault-expectations';
import { type FaultServer, startFaultServer } from './fault-server';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const schema = z.object({ id: z.string() });
const client = () =>
  createHttpClient({
    providerType: 'faulty',
    account: 'f',
    baseUrl: server.url,
    timeoutMs: FAULT_TIMEOUT_MS,
    retry: FAULT_RETRY,
    secrets: ['super-secret-key'],
    headers: { 'x-key': 'super-secret-key' },
  });
const read = () => client().request({ operation: 'read', method: 'GET', path: '/things/1', schema });
const write = () =>
  client().request({
    operation: 'write',
    method: 'POST',
    path: '/things',
    json: { a: 1 },
    schema,
    reference: 'r-1',
  });

describe('startFaultServer', () => {
  it('plays a route script in order, repeats the last action and counts attempts server-side', async () => {
    server.route('GET', '/things/1', faults.status(502), faults.html(503), faults.json(200, { id: 'x' }));
    const result = await read();
    expect(result.data).toEqual({ id: 'x' });
    expect(server.count('GET', '/things/1')).toBe(3);
    expect(server.requests.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    expect(server.unrouted()).toEqual([]);
  });

  it('answers an unrouted request 404 and records it', async () => {
    await expectPaymuxFailure(read);
    expect(server.unrouted().map((entry) => entry.path)).toEqual(['/things/1']);
  });

  it('stalls before the headers until the client times out', async () => {
    server.route('GET', '/things/1', faults.stall());
    await expectPaymuxFailure(read, { type: TimeoutError });
    expect(server.count('GET', '/things/1')).toBe(FAULT_RETRY.maxAttempts);
  });

  it('stalls after the headers and part of the body', async () => {
    server.route('GET', '/things/1', faults.stallAfterHeaders(), faults.json(200, { id: 'y' }));
    expect((await read()).data).toEqual({ id: 'y' });
    expect(server.count('GET', '/things/1')).toBe(2);
  });

  it('resets before the body (nothing handled) and after it (handled), both ambiguous for a write', async () => {
    server.route('POST', '/things', faults.resetBeforeBody());
    await expectPaymuxFailure(write, { type: AmbiguousOutcomeError });
    server.route('POST', '/things', faults.resetAfterBody());
    await expectPaymuxFailure(write, { type: AmbiguousOutcomeError });
    expect(server.requests.map((entry) => [entry.action, entry.handled])).toEqual([
      ['reset-before-body', false],
      ['reset-after-body', true],
    ]);
    expect(server.requests[1]?.body).toBe('{"a":1}');
  });

  it('sends Retry-After as seconds and as an HTTP date', async () => {
    server.route('GET', '/things/1', faults.rateLimited(120));
    const seconds = await expectPaymuxFailure(read, { type: RateLimitError });
    expect(seconds.error.retryAfter).toBe(120);
    server.route('GET', '/things/1', faults.rateLimited(new Date(Date.now() + 3_600_000)));
    const date = await expectPaymuxFailure(read, { type: RateLimitError });
    expect(date.error.retryAfter).toBeGreaterThan(3500);
    expect(server.count('GET', '/things/1')).toBe(2);
  });

  it('serves malformed JSON and HTML pages that end in typed errors', async () => {
    server.route('GET', '/things/1', faults.malformedJson());
    await expectPaymuxFailure(read, { type: ProviderResponseError });
    server.route('GET', '/things/1', faults.html(502));
    await expectPaymuxFailure(read, { type: ProviderUnavailableError });
  });

  it('chooses dynamically from the request', async () => {
    server.route(
      'GET',
      /^\/things\//,
      faults.dynamic((request) => faults.json(200, { id: `${request.path}#${request.attempt}` })),
    );
    expect((await read()).data).toEqual({ id: '/things/1#1' });
  });
});

describe('expectPaymuxFailure', () => {
  it('refuses a resolved call, a raw error and a shown secret', async () => {
    await expect(expectPaymuxFailure(async () => undefined)).rejects.toThrow(/resolved/);
    await expect(expectPaymuxFailure(async () => Promise.reject(new Error('raw')))).rejects.toThrow(
      /expected a paymux error/,
    );
    await expect(
      expectPaymuxFailure(async () => Promise.reject(new NetworkError('leaks super-secret-key')), {
        secrets: ['super-secret-key'],
      }),
    ).rejects.toThrow(/secret/);
    await expect(
      expectPaymuxFailure(async () => Promise.reject(new NetworkError('x')), { type: TimeoutError }),
    ).rejects.toThrow(/another paymux error class/);
  });

  it('connectionReset works with nock replyWithError', async () => {
    nock.disableNetConnect();
    try {
      nock('https://faulty.test').get('/things/1').times(3).replyWithError(connectionReset());
      const http = createHttpClient({
        providerType: 'faulty',
        account: 'f',
        baseUrl: 'https://faulty.test',
        retry: FAULT_RETRY,
      });
      const { error } = await expectPaymuxFailure(
        () => http.request({ operation: 'read', method: 'GET', path: '/things/1', schema }),
        { type: NetworkError },
      );
      expect(error.message).toContain('ECONNRESET');
      expect(nock.isDone()).toBe(true);
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
    }
  });
});
