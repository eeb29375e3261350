import {
  accountStateOf,
  createMemoryStore,
  ProviderRejectedError,
  ProviderResponseError,
  ValidationError,
} from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDepay,
  fixtureJson,
  HOST,
  signedJsonHeaders,
  TEST_API_KEY,
  TEST_PUBLIC_KEY_PEM,
  TEST_UUID_SECRET,
} from './__fixtures__/depay-test-setup';
import { createDepay } from './depay-provider';

const UUID = '45b55d24-60d0-45ba-9800-c61835494dc8-3';
const PATH = `/v2/payments/${UUID}`;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

function tracking(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...fixtureJson('get-payment-response.json'), ...overrides });
}

/** Answers a signed GET for the tracking. */
function shows(body: string) {
  return nock(HOST).get(PATH).reply(200, body, signedJsonHeaders(body));
}

/** Records every release request DePay receives and answers them in turn. */
function releases(...statuses: number[]) {
  const bodies: unknown[] = [];
  let scope = nock(HOST);
  for (const status of statuses) {
    scope = scope.post('/v2/payments/release').reply(status, (_uri, body) => {
      bodies.push(body);
      return status === 200 ? tracking({ release: '2022-01-25T14:01:06.000Z' }) : '{"error":"busy"}';
    });
  }
  return { bodies, scope };
}

const seedRelease = {
  blockchain: 'bsc',
  transaction: '0x2c8db4f5a4b0cd18f0e5e9e060060753a1928e6b39cac3e24a686bba2700863d',
  sender: '0xe5f9c386c96912210d03a66b72a908b9b3706511',
  nonce: 15,
  uuid: UUID,
};

describe('releasePayment', () => {
  it("reads the tracking, releases it with DePay's own five fields until 200, and returns it re-read", async () => {
    const provider = createTestDepay();
    shows(tracking());
    const sent = releases(202, 200);
    shows(tracking({ release: '2022-01-25T14:01:06.000Z' }));
    const payment = await provider.releasePayment(UUID);
    expect(sent.bodies).toEqual([seedRelease, seedRelease]);
    expect(payment).toMatchObject({ id: UUID, status: 'succeeded' });
    expect(payment.raw).toMatchObject({ release: '2022-01-25T14:01:06.000Z' });
    expect(nock.isDone()).toBe(true);
  });

  it('sends the later form as DePay gave it: the secret_id as uuid, the nonce as a string', async () => {
    const provider = createTestDepay();
    const { uuid: _uuid, ...rest } = fixtureJson('get-payment-response.json');
    const later = JSON.stringify({ ...rest, secret_id: UUID, nonce: '15', after_block: '14466705' });
    shows(later);
    const sent = releases(200);
    shows(later);
    await provider.releasePayment(UUID);
    expect(sent.bodies).toEqual([{ ...seedRelease, nonce: '15' }]);
  });

  it('is done once per tracking: a repeat, even from a new instance on the same store, sends no release', async () => {
    const state = accountStateOf(createMemoryStore(), 'wallet');
    const settings = {
      apiKey: TEST_API_KEY,
      uuidSecret: TEST_UUID_SECRET,
      publicKey: TEST_PUBLIC_KEY_PEM,
      baseUrl: `${HOST}/v2`,
    };
    const first = createDepay(settings, { account: 'wallet', state });
    shows(tracking());
    const sent = releases(200);
    shows(tracking({ release: '2022-01-25T14:01:06.000Z' }));
    await first.releasePayment(UUID);

    const restarted = createDepay(settings, { account: 'wallet', state });
    shows(tracking({ release: '2022-01-25T14:01:06.000Z' }));
    await expect(restarted.releasePayment(UUID)).resolves.toMatchObject({ id: UUID });
    expect(sent.bodies).toHaveLength(1);
    expect(nock.isDone()).toBe(true);
  });

  it.each([
    ['pending', true],
    ['failed', false],
  ] as const)('refuses a %s tracking without sending a release', async (status, retryable) => {
    const provider = createTestDepay();
    shows(tracking({ status, confirmed_at: null }));
    const error = await provider.releasePayment(UUID).catch((caught: unknown) => caught);
    expect(ProviderRejectedError.is(error)).toBe(true);
    expect(error).toMatchObject({ providerCode: 'tracking_not_succeeded', retryable });
  });

  it('sends no release on the strength of an unsigned read', async () => {
    const provider = createTestDepay();
    nock(HOST).get(PATH).reply(200, tracking(), { 'content-type': 'application/json' });
    const error = await provider.releasePayment(UUID).catch((caught: unknown) => caught);
    expect(ProviderResponseError.is(error)).toBe(true);
  });

  it('refuses a malformed id before any request', async () => {
    const provider = createTestDepay();
    const error = await provider.releasePayment('../payments').catch((caught: unknown) => caught);
    expect(ValidationError.is(error)).toBe(true);
  });

  it('gives up after releaseAttempts with the last failure, keeping nothing recorded', async () => {
    const provider = createTestDepay({ releaseAttempts: 2 });
    shows(tracking());
    releases(202, 202);
    const error = await provider.releasePayment(UUID).catch((caught: unknown) => caught);
    expect(ProviderRejectedError.is(error)).toBe(true);
    expect(error).toMatchObject({ providerCode: 'http_202', retryable: true });
    // Not recorded as released: the next call tries again.
    shows(tracking());
    const sent = releases(200);
    shows(tracking({ release: '2022-01-25T14:01:06.000Z' }));
    await provider.releasePayment(UUID);
    expect(sent.bodies).toHaveLength(1);
  });
});
