import {
  type AccountState,
  accountStateOf,
  createMemoryStore,
  type Store,
  type WebhookContext,
  WebhookVerificationError,
} from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureJson,
  fixtureText,
  HOST,
  signLikeDepay,
  TEST_API_KEY,
  TEST_PUBLIC_KEY_PEM,
  TEST_UUID_SECRET,
} from './__fixtures__/depay-test-setup';
import { createDepay } from './depay-provider';

const SEED_UUID = '74417770-e6ac-4ae8-b027-0657600d7bad';
const callbackBody = fixtureText('callback-success.json');
const callback = { rawBody: callbackBody, headers: { 'x-signature': signLikeDepay(callbackBody) } };
const settings = {
  apiKey: TEST_API_KEY,
  uuidSecret: TEST_UUID_SECRET,
  publicKey: TEST_PUBLIC_KEY_PEM,
  baseUrl: `${HOST}/v2`,
};

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

/** Creates the seed's tracking (uuid given) through `provider`. */
async function createSeedTracking(provider: ReturnType<typeof createDepay>) {
  nock(HOST)
    .post('/v2/payments')
    .reply(201, fixtureText('create-payment-response.json'), { 'content-type': 'application/json' });
  const request = fixtureJson<Record<string, unknown>>('create-payment-request.json');
  return provider.createPayment({
    reference: 'order-822',
    amount: { amount: '822.5', currency: 'XYZ' },
    payWith: { symbol: 'XYZ', network: 'ethereum', contract: request.token as string },
    providerOptions: {
      depay: {
        transaction: request.transaction as string,
        sender: request.sender as string,
        nonce: 1,
        afterBlock: 13609144,
        receiver: request.receiver as string,
        uuid: SEED_UUID,
      },
    },
  });
}

/** What the client lends parseWebhook: its store's record of created objects and the account state. */
function clientContext(store: Store, state: AccountState): WebhookContext {
  return {
    now: () => new Date(),
    isKnownObject: (kind, id) => store.isKnownObject('wallet', kind, id),
    state,
  };
}

describe("DePay's known trackings after a restart", () => {
  it('trusts a callback for a tracking an earlier instance created, from the shared account state alone', async () => {
    const state = accountStateOf(createMemoryStore(), 'wallet');
    const before = createDepay(settings, { account: 'wallet', state });
    await createSeedTracking(before);

    // A new process: a new provider, the same durable state, and a webhook context that has no
    // record of created objects (the adapter used without the client).
    const after = createDepay(settings, { account: 'wallet', state });
    const result = await after.parseWebhook(callback, { now: () => new Date() });
    expect(result.events[0]).toMatchObject({ id: `depay:${SEED_UUID}:success`, type: 'payment.succeeded' });
  });

  it("trusts it through the client's store (isKnownObject) when the adapter's own record is absent", async () => {
    const store = createMemoryStore();
    // The client remembered the tracking when it was created; the account state is empty.
    await store.rememberObject('wallet', 'payment', SEED_UUID);
    const restarted = createDepay(settings, { account: 'wallet', state: accountStateOf(store, 'wallet') });
    const result = await restarted.parseWebhook(
      callback,
      clientContext(store, accountStateOf(store, 'wallet')),
    );
    expect(result.events).toHaveLength(1);
  });

  it('still refuses a genuine callback for a tracking neither the store nor the state knows', async () => {
    const store = createMemoryStore();
    const creator = createDepay(settings, { account: 'other-merchant' });
    await createSeedTracking(creator);
    const restarted = createDepay(settings, { account: 'wallet', state: accountStateOf(store, 'wallet') });
    const error = await restarted
      .parseWebhook(callback, clientContext(store, accountStateOf(store, 'wallet')))
      .catch((caught: unknown) => caught);
    expect(WebhookVerificationError.is(error)).toBe(true);
  });

  it('keeps nothing in process memory: a new instance without the state does not know the tracking', async () => {
    const first = createDepay(settings, { account: 'wallet' });
    await createSeedTracking(first);
    expect((await first.parseWebhook(callback, { now: () => new Date() })).events).toHaveLength(1);
    const second = createDepay(settings, { account: 'wallet' });
    const error = await second
      .parseWebhook(callback, { now: () => new Date() })
      .catch((caught: unknown) => caught);
    expect(WebhookVerificationError.is(error)).toBe(true);
  });
});
