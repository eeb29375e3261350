import {
  AuthenticationError,
  NotFoundError,
  PaymuxError,
  ProviderUnavailableError,
  RateLimitError,
} from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDepay,
  fixtureJson,
  HOST,
  signedJsonHeaders,
  TEST_API_KEY,
} from './__fixtures__/depay-test-setup';
import { mapDepayError } from './depay-error';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

function trackingBody(overrides: Record<string, unknown>): string {
  return JSON.stringify({ ...fixtureJson('get-payment-response.json'), ...overrides });
}

describe('error mapping', () => {
  it.each([
    [401, { error: 'Unauthorized' }, AuthenticationError, 'Unauthorized'],
    [404, { error: 'not_found', message: 'Payment not found' }, NotFoundError, 'not_found'],
    [400, { code: 'INVALID', message: 'bad' }, PaymuxError, 'INVALID'],
    [422, { errors: { amount: ['is invalid'] } }, PaymuxError, 'http_422'],
  ])('maps HTTP %s to a typed error with providerCode', async (status, body, ErrorClass, code) => {
    const provider = createTestDepay();
    nock(HOST).get('/v2/payments/abc-123').reply(status, body);
    const error = await provider.getPayment('abc-123').catch((caught: unknown) => caught);
    expect(ErrorClass.is(error)).toBe(true);
    expect((error as PaymuxError).providerCode).toBe(code);
    expect((error as PaymuxError).httpStatus).toBe(status);
    expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
  });

  it('treats 429 as a RateLimitError and backs off before retrying', async () => {
    const provider = createTestDepay();
    nock(HOST).get('/v2/payments/abc-123').reply(429, 'Too Many Requests', { 'retry-after': '0' });
    const body = trackingBody({ uuid: 'abc-123' });
    nock(HOST).get('/v2/payments/abc-123').reply(200, body, signedJsonHeaders(body));
    await expect(provider.getPayment('abc-123')).resolves.toMatchObject({ status: 'succeeded' });

    nock(HOST).get('/v2/payments/abc-123').times(3).reply(429, 'Too Many Requests', { 'retry-after': '0' });
    const error = await provider.getPayment('abc-123').catch((caught: unknown) => caught);
    expect(RateLimitError.is(error)).toBe(true);
  });

  it('maps 5xx to ProviderUnavailableError after the retries', async () => {
    const provider = createTestDepay();
    nock(HOST).get('/v2/payments/abc-123').times(3).reply(500, '<html>error</html>');
    const error = await provider.getPayment('abc-123').catch((caught: unknown) => caught);
    expect(ProviderUnavailableError.is(error)).toBe(true);
  });
});

describe('mapDepayError', () => {
  const redact = (text: string) => text.split(TEST_API_KEY).join('[REDACTED]');
  const response = (status: number, rawBody: string, headers: Record<string, string> = {}) => {
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    return { status, headers, rawBody, body, requestId: 'req-1' };
  };

  it('lets every 2xx through (201 and 200 on create are both success)', () => {
    expect(mapDepayError(response(200, '{}'), { account: 'wallet', redact })).toBeUndefined();
    expect(mapDepayError(response(201, '{}'), { account: 'wallet', redact })).toBeUndefined();
  });

  it('keeps the request id, Retry-After and a redacted excerpt, never the key', () => {
    const error = mapDepayError(
      response(
        429,
        JSON.stringify({ error: 'rate_limited', message: `too many requests for ${TEST_API_KEY}` }),
        {
          'retry-after': '7',
        },
      ),
      { account: 'wallet', redact },
    );
    expect(RateLimitError.is(error)).toBe(true);
    expect(error).toMatchObject({
      providerCode: 'rate_limited',
      requestId: 'req-1',
      httpStatus: 429,
      provider: 'wallet',
    });
    expect((error as RateLimitError).retryAfter).toBe(7);
    expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
    expect(error?.message).toContain('[REDACTED]');
  });

  it('describes an HTML error page without copying it into the message', () => {
    const error = mapDepayError(response(502, '<html><body>Bad Gateway</body></html>'), {
      account: 'wallet',
      redact,
    });
    expect(ProviderUnavailableError.is(error)).toBe(true);
    expect(error?.message).toBe('DePay answered HTTP 502 with an HTML page');
    expect(error?.providerCode).toBe('http_502');
    expect(error?.bodyExcerpt).toContain('Bad Gateway');
  });
});
