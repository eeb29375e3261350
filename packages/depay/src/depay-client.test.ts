import { ProviderRejectedError, ProviderResponseError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDepay,
  fixtureJson,
  fixtureText,
  HOST,
  signedJsonHeaders,
  TEST_API_KEY,
} from './__fixtures__/depay-test-setup';
import type { DepayCreatePaymentRequest, DepayReleaseRequest } from './depay-api';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

/** Captures the exact request a nock interceptor received. */
function capture() {
  const seen: { body?: string; headers?: Record<string, string | string[]> } = {};
  return {
    seen,
    reply(status: number, body: string | object, headers: Record<string, string> = {}) {
      return function (this: nock.ReplyFnContext, _uri: string, requestBody: nock.Body) {
        seen.body = typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody);
        seen.headers = this.req.headers as Record<string, string | string[]>;
        return [status, body, { 'content-type': 'application/json', ...headers }] as const;
      };
    },
  };
}

describe('DePay low-level client with the seed examples', () => {
  it('POST /v2/payments sends the seed request verbatim and reads the seed response (201 = created)', async () => {
    const provider = createTestDepay();
    const request = fixtureJson<DepayCreatePaymentRequest>('create-payment-request.json');
    const probe = capture();
    nock(HOST)
      .post('/v2/payments')
      .reply(probe.reply(201, fixtureText('create-payment-response.json')));

    const result = await provider.api.createPayment(request);

    expect(probe.seen.body).toBe(JSON.stringify(request));
    expect(JSON.parse(probe.seen.body!)).toEqual(fixtureJson('create-payment-request.json'));
    expect(probe.seen.headers?.['x-api-key']).toBe(TEST_API_KEY);
    expect(probe.seen.headers?.['content-type']).toBe('application/json');
    expect(result.created).toBe(true);
    expect(result.httpStatus).toBe(201);
    expect(result.payment).toMatchObject({
      status: 'pending',
      uuid: '74417770-e6ac-4ae8-b027-0657600d7bad',
      nonce: 1,
      after_block: 13609144,
      amount: '822.5',
    });
  });

  it('treats 200 on create as "already tracked"', async () => {
    const provider = createTestDepay();
    nock(HOST).post('/v2/payments').reply(200, fixtureText('create-payment-response.json'));
    const result = await provider.api.createPayment(fixtureJson('create-payment-request.json'));
    expect(result.created).toBe(false);
  });

  it('GET /v2/payments/{uuid} reads the seed example', async () => {
    const provider = createTestDepay();
    const probe = capture();
    nock(HOST)
      .get('/v2/payments/45b55d24-60d0-45ba-9800-c61835494dc8-3')
      .reply(
        probe.reply(
          200,
          fixtureText('get-payment-response.json'),
          signedJsonHeaders(fixtureText('get-payment-response.json')),
        ),
      );
    const { payment } = await provider.api.getPayment('45b55d24-60d0-45ba-9800-c61835494dc8-3');
    expect(probe.seen.headers?.['x-api-key']).toBe(TEST_API_KEY);
    expect(probe.seen.body ?? '').toBe('');
    expect(payment).toMatchObject({ status: 'success', blockchain: 'bsc', amount: '1', payload: null });
  });

  it('POST /v2/payments/release sends the seed body and repeats until DePay answers 200', async () => {
    const provider = createTestDepay();
    const release = fixtureJson<DepayReleaseRequest>('release-request.json');
    const bodies: string[] = [];
    nock(HOST)
      .post('/v2/payments/release')
      .times(3)
      .reply((_uri, body) => {
        bodies.push(JSON.stringify(body));
        return bodies.length === 1 ? [503, ''] : bodies.length === 2 ? [202, ''] : [200, ''];
      });
    const result = await provider.api.releasePayment(release);
    expect(result.attempts).toBe(2);
    expect(bodies).toHaveLength(3);
    for (const body of bodies) expect(JSON.parse(body)).toEqual(fixtureJson('release-request.json'));
  });

  it('gives up on a release refused with a 4xx at once', async () => {
    const provider = createTestDepay();
    nock(HOST).post('/v2/payments/release').reply(400, { error: 'unknown payment' });
    await expect(provider.api.releasePayment(fixtureJson('release-request.json'))).rejects.toSatisfy(
      (error) => ProviderRejectedError.is(error) && error.providerCode === 'http_400',
    );
  });

  it('stops after releaseAttempts when DePay keeps answering anything but 200', async () => {
    const provider = createTestDepay({ releaseAttempts: 2 });
    nock(HOST).post('/v2/payments/release').times(2).reply(202, '');
    const error = await provider.api
      .releasePayment(fixtureJson('release-request.json'))
      .catch((caught: unknown) => caught);
    expect(ProviderRejectedError.is(error)).toBe(true);
    expect(error).toMatchObject({
      providerCode: 'http_202',
      httpStatus: 202,
      retryable: true,
      provider: 'wallet',
    });
    expect(nock.isDone()).toBe(true);
  });

  it('GET /v2/accounts/{blockchain}/{account}/assets reads the seed example', async () => {
    const provider = createTestDepay();
    nock(HOST)
      .get('/v2/accounts/bsc/0x1db3439a222c519ab44bb1144fc28167b4fa6ee6/assets')
      .reply(200, fixtureText('account-assets-response.json'), { 'content-type': 'application/json' });
    const { assets } = await provider.api.getAccountAssets(
      'bsc',
      '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
    );
    expect(assets.map((asset) => [asset.symbol, asset.balance, asset.decimals])).toEqual([
      ['ETH', '117419780000000000', 18],
      ['USDT', '810446200000000000', 18],
    ]);
  });

  it.each([
    ['application/json', fixtureText('token-price-response.txt'), '0.578212912312'],
    ['text/plain', fixtureText('token-price-response.txt'), '0.578212912312'],
    ['application/json', '0.000000001234567890123456789', '0.000000001234567890123456789'],
    ['application/json', '1e-7', '0.0000001'],
  ])('GET /v2/prices reads a bare-number body (%s %s) exactly', async (contentType, body, expected) => {
    const provider = createTestDepay();
    nock(HOST)
      .get('/v2/prices/ethereum/0xa0bEd124a09ac2Bd941b10349d8d224fe3c955eb')
      .reply(200, body, { 'content-type': contentType });
    await expect(
      provider.api.getTokenPrice('ethereum', '0xa0bEd124a09ac2Bd941b10349d8d224fe3c955eb'),
    ).resolves.toBe(expected);
  });

  it('refuses a price that is not a number with a ProviderResponseError and an excerpt', async () => {
    const provider = createTestDepay();
    nock(HOST)
      .get('/v2/prices/ethereum/0xabc')
      .reply(200, '<html>oops</html>', { 'content-type': 'text/html' });
    await expect(provider.api.getTokenPrice('ethereum', '0xabc')).rejects.toSatisfy(
      (error) => ProviderResponseError.is(error) && (error.bodyExcerpt ?? '').includes('oops'),
    );
  });

  it('GET /v2/tokens/decimals reads a bare integer', async () => {
    const provider = createTestDepay();
    nock(HOST).get('/v2/tokens/decimals/bsc/0x55d398326f99059ff775485246999027b3197955').reply(200, '18');
    await expect(
      provider.api.getTokenDecimals('bsc', '0x55d398326f99059ff775485246999027b3197955'),
    ).resolves.toBe(18);
  });
});
