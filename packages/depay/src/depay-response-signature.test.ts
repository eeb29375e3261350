import { generateKeyPairSync } from 'node:crypto';
import { type PaymuxError, ProviderResponseError, signRsaPss } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDepay,
  fixtureText,
  HOST,
  signedJsonHeaders,
  signLikeDepay,
} from './__fixtures__/depay-test-setup';

const UUID = '45b55d24-60d0-45ba-9800-c61835494dc8-3';
const PATH = `/v2/payments/${UUID}`;
const body = fixtureText('get-payment-response.json');
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

async function failure(read: () => Promise<unknown>): Promise<PaymuxError> {
  const error = await read().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ProviderResponseError.is(error)).toBe(true);
  return error as PaymuxError;
}

describe('signed GET /payments/{id} answers', () => {
  it('accepts the signature in base64url without padding and in standard base64 with it', async () => {
    const provider = createTestDepay();
    const urlSafe = signLikeDepay(body);
    const standard = Buffer.from(urlSafe, 'base64url').toString('base64');
    expect(standard.endsWith('=') || standard.includes('+') || standard.includes('/')).toBe(true);
    nock(HOST).get(PATH).reply(200, body, { 'content-type': 'application/json', 'x-signature': urlSafe });
    nock(HOST).get(PATH).reply(200, body, { 'content-type': 'application/json', 'x-signature': standard });
    await expect(provider.getPayment(UUID)).resolves.toMatchObject({ status: 'succeeded' });
    await expect(provider.getPayment(UUID)).resolves.toMatchObject({ status: 'succeeded' });
  });

  it('refuses an answer without x-signature, once (no retry), and returns nothing of it', async () => {
    const provider = createTestDepay();
    const scope = nock(HOST).get(PATH).reply(200, body, { 'content-type': 'application/json' });
    const error = await failure(() => provider.getPayment(UUID));
    expect(error).toMatchObject({
      providerCode: 'signature_missing',
      operation: 'getPayment',
      retryable: false,
    });
    expect(error.message).toMatch(/no x-signature/);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['signed by another key', () => signRsaPss(otherKey, body, 64)],
    [
      'signed over other bytes',
      () => signLikeDepay(body.replace('"status": "success"', '"status": "failed"')),
    ],
    ['not base64 at all', () => '%%% not a signature %%%'],
  ])('refuses an answer %s', async (_what, signature) => {
    const provider = createTestDepay();
    nock(HOST).get(PATH).reply(200, body, { 'content-type': 'application/json', 'x-signature': signature() });
    const error = await failure(() => provider.getPayment(UUID));
    expect(error).toMatchObject({ providerCode: 'signature_invalid', httpStatus: 200 });
  });

  it('checks the low-level client too (provider.api.getPayment)', async () => {
    const provider = createTestDepay();
    nock(HOST).get(PATH).reply(200, body, { 'content-type': 'application/json' });
    await failure(() => provider.api.getPayment(UUID));
    nock(HOST).get(PATH).reply(200, body, signedJsonHeaders(body));
    await expect(provider.api.getPayment(UUID)).resolves.toMatchObject({ payment: { status: 'success' } });
  });

  it('covers the exact bytes: a re-serialised body under the original signature is refused', async () => {
    const provider = createTestDepay();
    const compact = JSON.stringify(JSON.parse(body));
    nock(HOST)
      .get(PATH)
      .reply(200, compact, { 'content-type': 'application/json', 'x-signature': signLikeDepay(body) });
    await failure(() => provider.getPayment(UUID));
  });
});
