import { createMemoryAccountState, WebhookVerificationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fixtureText,
  paymentObject,
  signedCallback,
  TEST_BASE_URL,
  TEST_BUSINESS_ID,
  TEST_NOW,
  testProvider,
  testSettings,
} from './__fixtures__/finrax-test-support';
import { createFinrax } from './finrax-provider';

const DEPOSIT_PAYMENT_ID = '9a601c2b-6cbc-48f9-8831-9ea57ab375f9';
const rawBody = fixtureText('finrax-deposit-callback.json');
const minutes = (count: number) => count * 60_000;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => {
  nock.cleanAll();
});

function paymentReadBack(times: number) {
  nock(TEST_BASE_URL)
    .get(`/api/v1/payments/${DEPOSIT_PAYMENT_ID}`)
    .times(times)
    .reply(200, paymentObject({ paymentId: DEPOSIT_PAYMENT_ID, status: 'DEPOSITED' }));
}

// Finrax retries a callback every 2 minutes for 24 hours, and nothing public says a retry is
// signed again: it may carry the Timestamp of its first attempt. A validly signed retry is
// therefore never refused for its age inside that window; the event id, the same for every
// delivery, lets the client drop one already handled.
describe('Finrax callback retries that keep their first Timestamp', () => {
  it.each([
    ['2 minutes', minutes(2)],
    ['10 minutes', minutes(10)],
    ['6 hours', minutes(6 * 60)],
    ['23 h 58 min (the last retry)', minutes(24 * 60 - 2)],
  ])("accepts a retry signed %s ago, with the first delivery's event id", async (_label, age) => {
    paymentReadBack(2);
    const provider = testProvider();
    const firstAttempt = signedCallback(rawBody, TEST_NOW);
    const first = await provider.parseWebhook(firstAttempt, { now: () => TEST_NOW });
    const retry = await provider.parseWebhook(firstAttempt, {
      now: () => new Date(TEST_NOW.getTime() + age),
    });
    expect(retry.response.status).toBe(200);
    expect(retry.events.map((event) => event.id)).toEqual(first.events.map((event) => event.id));
    expect(retry.events[0]?.occurredAt).toBe(first.events[0]?.occurredAt);
  });

  it('still refuses an old Timestamp whose signature does not hold (re-dated or tampered)', async () => {
    const attempt = signedCallback(rawBody, TEST_NOW);
    const redated = {
      ...attempt,
      headers: { ...attempt.headers, timestamp: String(TEST_NOW.getTime() + minutes(10)) },
    };
    const error = await testProvider()
      .parseWebhook(redated, { now: () => new Date(TEST_NOW.getTime() + minutes(10)) })
      .catch((caught: unknown) => caught);
    expect(WebhookVerificationError.is(error)).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('keeps the window configurable (callbackMaxAgeSeconds)', async () => {
    const attempt = signedCallback(rawBody, TEST_NOW);
    const error = await testProvider({ callbackMaxAgeSeconds: 600 })
      .parseWebhook(attempt, { now: () => new Date(TEST_NOW.getTime() + minutes(11)) })
      .catch((caught: unknown) => caught);
    expect(WebhookVerificationError.is(error)).toBe(true);
  });
});

describe('Finrax approval callbacks read what the account remembers from its state', () => {
  it('describes a rejected withdrawal Finrax does not list from the state the webhook context lends', async () => {
    const state = createMemoryAccountState();
    nock(TEST_BASE_URL)
      .post('/api/v1/withdrawals')
      .reply(202, fixtureText('finrax-create-withdrawal-approval-response.json'), {
        'content-type': 'application/json',
      })
      .get('/api/v1/withdrawals')
      .query({ businessId: TEST_BUSINESS_ID, 'clientWithdrawId[]': 'withdrawal-id-test-1' })
      .reply(200, { withdrawals: [] });
    const created = await createFinrax(testSettings(), {
      account: 'main',
      now: () => TEST_NOW,
      state,
    }).createPayout({
      reference: 'withdrawal-id-test-1',
      amount: { amount: '200', currency: 'TRY' },
      destination: {
        asset: { symbol: 'XRP', network: 'xrp' },
        address: 'rLsVuk4hgmGUtjQKj1ybpg1etnFodZ4CJ',
        memo: '140',
      },
    });
    const body = JSON.stringify({
      withdrawalId: '6f2ff05e-1c06-392a-8346-bd07d8540828',
      clientWithdrawalId: 'withdrawal-id-test-1',
      status: 'REJECTED',
    });
    // A provider created without a state (another instance): the webhook context lends it.
    const { events } = await createFinrax(testSettings(), { account: 'main' }).parseWebhook(
      signedCallback(body),
      {
        now: () => TEST_NOW,
        state,
      },
    );
    expect(events[0]).toMatchObject({
      type: 'payout.cancelled',
      data: { id: created.id, status: 'cancelled', amount: { amount: '200', currency: 'TRY' } },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('answers an error (Finrax retries) for an approval it neither lists nor remembers', async () => {
    nock(TEST_BASE_URL).get('/api/v1/withdrawals').query(true).reply(200, { withdrawals: [] });
    const body = JSON.stringify({
      withdrawalId: 'w-x',
      clientWithdrawalId: 'unknown-ref',
      status: 'REJECTED',
    });
    await expect(
      testProvider().parseWebhook(signedCallback(body), {
        now: () => TEST_NOW,
        state: createMemoryAccountState(),
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
