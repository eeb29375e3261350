import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedactor } from '@paymux/core';
import { createFinraxErrorMapper } from './finrax-error';
import { createFinraxScrubber, scrubFinraxError } from './finrax-error-redaction';
import {
  captureRequests,
  TEST_API_KEY,
  TEST_API_SECRET,
  TEST_BASE_URL,
  testProvider,
} from './__fixtures__/finrax-test-support';

const PAYMENT_PATH = '/api/v1/payments/2fcd3399-49d4-45e0-b995-7c489f43fe08';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => {
  nock.cleanAll();
});

/** Every text an error shows or holds: its fields, JSON, inspection, string form, and its causes'. */
function everyTextOf(error: unknown): string {
  const texts: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    for (const key of Object.getOwnPropertyNames(current)) {
      const value = (current as unknown as Record<string, unknown>)[key];
      texts.push(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
    }
    const withJson = current as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') texts.push(JSON.stringify(withJson.toJSON()));
    texts.push(
      JSON.stringify(current),
      inspect(current, { depth: Number.POSITIVE_INFINITY }),
      String(current),
    );
    current = (current as { cause?: unknown }).cause;
  }
  return texts.join('\n');
}

/** The signature of a sent `Authorization` header. */
const signatureOf = (authorization: string) => /Signature=([0-9a-f]+)/.exec(authorization)?.[1] ?? '';

type Echo = (authorization: string) => { body: string; type: string };

const echoes: [string, Echo][] = [
  [
    'a JSON body echoing the header in every field',
    (authorization) => ({
      type: 'application/json',
      body: JSON.stringify({
        requestId: authorization,
        message: `Rejected Authorization: ${authorization} (key ${TEST_API_KEY}, secret ${TEST_API_SECRET}, signature ${signatureOf(authorization)})`,
        httpError: authorization,
        error: authorization,
        path: `/api/v1/payments?auth=${encodeURIComponent(authorization)}`,
        timestamp: Date.now(),
      }),
    }),
  ],
  [
    'an older Spring body naming the parts',
    (authorization) => ({
      type: 'application/json',
      body: JSON.stringify({
        httpStatus: 401,
        httpError: `API-Key=${TEST_API_KEY}`,
        message: `"signature":"${signatureOf(authorization)}","apiSecret":"${TEST_API_SECRET}"`,
        headers: { Authorization: authorization },
      }),
    }),
  ],
  [
    'plain text',
    (authorization) => ({ type: 'text/plain', body: `denied\nAuthorization: ${authorization}\n` }),
  ],
  [
    'an HTML page',
    (authorization) => ({
      type: 'text/html',
      body: `<html><body><pre>${authorization}</pre><p>${signatureOf(authorization)}</p></body></html>`,
    }),
  ],
];

describe('Finrax errors never carry the credentials of the request', () => {
  describe.each([401, 403, 500])('HTTP %i', (status) => {
    it.each(echoes)('with %s (read)', async (_name, echo) => {
      const sent: string[] = [];
      nock(TEST_BASE_URL)
        .get(PAYMENT_PATH)
        .times(3)
        .reply(function reply() {
          const authorization = String(this.req.headers.authorization);
          sent.push(authorization);
          const { body, type } = echo(authorization);
          return [status, body, { 'content-type': type, 'x-request-id': authorization }];
        });
      const error = await testProvider()
        .getPayment('2fcd3399-49d4-45e0-b995-7c489f43fe08')
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as { httpStatus?: number }).httpStatus).toBe(status);
      const text = everyTextOf(error);
      expect(sent.length).toBeGreaterThan(0);
      for (const authorization of sent) {
        expect(text).not.toContain(signatureOf(authorization));
        expect(text).not.toContain(authorization);
      }
      expect(text).not.toContain(TEST_API_KEY);
      expect(text).not.toContain(TEST_API_SECRET);
      expect(text).not.toContain(encodeURIComponent(TEST_API_KEY));
    });

    it.each(echoes)('with %s (a create, whose error may wrap a cause)', async (_name, echo) => {
      const scope = nock(TEST_BASE_URL)
        .post('/api/v1/withdrawals')
        .reply(function reply() {
          const { body, type } = echo(String(this.req.headers.authorization));
          return [status, body, { 'content-type': type }];
        })
        .get('/api/v1/withdrawals')
        .query(true)
        .optionally()
        .reply(function reply() {
          const { body, type } = echo(String(this.req.headers.authorization));
          return [status, body, { 'content-type': type }];
        });
      const requests = captureRequests(scope);
      const error = await testProvider()
        .createPayout({
          reference: 'w-echo',
          amount: { amount: '25', currency: 'USDT' },
          destination: {
            asset: { symbol: 'USDT', network: 'tron' },
            address: 'TXYZopYRdj2D9XRtbG411XZZ3kM5VkAeBf',
          },
          providerOptions: { finrax: { displayCurrency: 'EUR' } },
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      const text = everyTextOf(error);
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) {
        expect(text).not.toContain(signatureOf(request.headers.authorization!));
      }
      expect(text).not.toContain(TEST_API_KEY);
      expect(text).not.toContain(TEST_API_SECRET);
    });
  });

  it('keeps what is not a credential: the status, a short code, the request id, 0x hashes', async () => {
    const hash = `0x${'ab'.repeat(32)}`;
    nock(TEST_BASE_URL)
      .get(PAYMENT_PATH)
      .reply(404, { requestId: 'req-404', httpError: 'Not Found', message: `No payment for ${hash}` });
    const error = (await testProvider()
      .getPayment('2fcd3399-49d4-45e0-b995-7c489f43fe08')
      .catch((caught: unknown) => caught)) as { providerCode?: string; requestId?: string; message: string };
    expect(error).toMatchObject({ providerCode: 'Not Found', requestId: 'req-404' });
    expect(error.message).toContain(hash);
  });
});

describe("Finrax's error mapper on its own (without the HTTP client's guard)", () => {
  const authorization = `FRX-API API-Key=${TEST_API_KEY},Signature=${'0a'.repeat(32)},Timestamp=1768471200000`;
  const mapError = createFinraxErrorMapper({
    account: 'main',
    redact: createFinraxScrubber(createRedactor([TEST_API_KEY, TEST_API_SECRET])),
  });

  it.each(echoes)('scrubs every field it fills from %s', (_name, echo) => {
    for (const status of [401, 403, 500]) {
      const { body, type } = echo(authorization);
      const parsed = type === 'application/json' ? (JSON.parse(body) as unknown) : undefined;
      const error = mapError({
        status,
        headers: { 'content-type': type },
        rawBody: body,
        body: parsed,
        requestId: authorization,
      });
      expect(error).toBeInstanceOf(Error);
      const text = everyTextOf(error);
      expect(text).not.toContain('0a'.repeat(32));
      expect(text).not.toContain(TEST_API_KEY);
      expect(text).not.toContain(TEST_API_SECRET);
    }
  });
});

describe('createFinraxScrubber and scrubFinraxError', () => {
  const scrub = createFinraxScrubber((text) => text.split(TEST_API_KEY).join('[REDACTED]'));
  const signature = 'f'.repeat(64);

  it('removes an Authorization value, named credentials and signature-shaped digests', () => {
    expect(scrub(`FRX-API API-Key=${TEST_API_KEY},Signature=${signature},Timestamp=1`)).toBe(
      'FRX-API [REDACTED]',
    );
    expect(scrub(`{"signature": "abc123", "apiSecret":"s3cr3t"}`)).toBe(
      '{"signature": "[REDACTED]", "apiSecret":"[REDACTED]"}',
    );
    expect(scrub(`bad ${signature}.`)).toBe('bad [REDACTED].');
    expect(scrub('the signature does not match')).toBe('the signature does not match');
  });

  it('cleans a whole cause chain in place, keeping class and identity', () => {
    const inner = new Error(`upstream said Signature=${signature}`);
    const outer = new TypeError(`wrapped ${TEST_API_KEY}`, { cause: inner });
    (outer as unknown as { details: unknown }).details = { echoed: [signature] };
    const result = scrubFinraxError(outer, scrub);
    expect(result).toBe(outer);
    expect(result).toBeInstanceOf(TypeError);
    const text = everyTextOf(result);
    expect(text).not.toContain(signature);
    expect(text).not.toContain(TEST_API_KEY);
    expect(inner.message).toBe('upstream said Signature=[REDACTED]');
  });

  it('passes a thrown non-error value through', () => {
    expect(scrubFinraxError('plain', scrub)).toBe('plain');
  });
});
