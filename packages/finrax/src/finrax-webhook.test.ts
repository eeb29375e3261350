import { WebhookVerificationError, webhookEventSchema } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CALLBACK_PUBLIC_KEY,
  FOREIGN_PRIVATE_KEY,
  fixtureText,
  paymentObject,
  signCallback,
  signedCallback,
  TEST_BASE_URL,
  TEST_BUSINESS_ID,
  TEST_NOW,
  testProvider,
} from './__fixtures__/finrax-test-support';

const DEPOSIT_PAYMENT_ID = '9a601c2b-6cbc-48f9-8831-9ea57ab375f9';
const context = { now: () => TEST_NOW };

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => {
  nock.cleanAll();
});

function listedWithdrawal(clientWithdrawId: string, withdrawId: string, status = 'PENDING') {
  return {
    withdrawals: [
      {
        withdrawId,
        clientWithdrawId,
        recipientAddress: 'rLsVuk4hgmGUtjQKj1ybpg1etnFodZ4CJ?dt=140',
        network: 'XRP',
        status,
        displayCurrency: 'TRY',
        withdrawCurrency: 'XRP',
        estimatedDisplayAmount: '200.00',
        estimatedWithdrawAmount: '119.63196400',
        createdAt: 1702999367,
      },
    ],
  };
}

describe('Finrax callbacks', () => {
  it('verifies a deposit callback, reads the payment back and keeps JSON-number amounts exact', async () => {
    nock(TEST_BASE_URL)
      .get(`/api/v1/payments/${DEPOSIT_PAYMENT_ID}`)
      .reply(
        200,
        paymentObject({
          paymentId: DEPOSIT_PAYMENT_ID,
          clientPaymentId: 'user_deposit_example_1',
          status: 'DEPOSITED',
          depositCurrency: 'LTC',
          expectedNetwork: 'LTC',
          expectedDepositAmount: '0.12547023',
          actualDepositAmount: '0.12547023',
        }),
      );
    const rawBody = fixtureText('finrax-deposit-callback.json');
    const result = await testProvider().parseWebhook(signedCallback(rawBody), context);
    expect(result.response.status).toBe(200);
    const [event] = result.events;
    expect(webhookEventSchema.parse(event)).toBeTruthy();
    expect(event).toMatchObject({
      id: 'finrax:deposit:67a8e476-fa11-354e-b958-801f3c37d011:CONFIRMED',
      object: 'payment',
      type: 'payment.succeeded',
      provider: 'main',
      verifiedBy: 'signature',
      occurredAt: '2021-01-25T12:50:24.000Z',
      data: { id: DEPOSIT_PAYMENT_ID, status: 'succeeded', amountDelta: 'exact' },
      raw: { actualDepositAmount: '0.12547023', onChainFee: '0.00000426', actualDisplayAmount: '15' },
    });
  });

  it('gives the same event id to a retried callback (deduplication)', async () => {
    nock(TEST_BASE_URL)
      .get(`/api/v1/payments/${DEPOSIT_PAYMENT_ID}`)
      .times(2)
      .reply(200, paymentObject({ paymentId: DEPOSIT_PAYMENT_ID, status: 'DEPOSITED' }));
    const rawBody = fixtureText('finrax-deposit-callback.json');
    const provider = testProvider();
    const first = await provider.parseWebhook(signedCallback(rawBody), context);
    const retried = await provider.parseWebhook(
      signedCallback(rawBody, new Date(TEST_NOW.getTime() + 120_000)),
      {
        now: () => new Date(TEST_NOW.getTime() + 120_000),
      },
    );
    expect(retried.events[0]?.id).toBe(first.events[0]?.id);
  });

  it('normalizes a completed withdrawal callback, whose status wins over the list', async () => {
    nock(TEST_BASE_URL)
      .get('/api/v1/withdrawals')
      .query({ businessId: TEST_BUSINESS_ID, 'clientWithdrawId[]': 'Example-Withdrawal' })
      .reply(200, listedWithdrawal('Example-Withdrawal', '9b479a98-99ed-4bf9-87e0-4a05dbb012b6'));
    const rawBody = fixtureText('finrax-withdrawal-completed-callback.json');
    const { events } = await testProvider().parseWebhook(signedCallback(rawBody), context);
    expect(events[0]).toMatchObject({
      id: 'finrax:withdrawal:9b479a98-99ed-4bf9-87e0-4a05dbb012b6:COMPLETED',
      object: 'payout',
      type: 'payout.succeeded',
      data: {
        status: 'succeeded',
        amount: { amount: '119.664678', currency: 'XRP' },
        fee: { amount: '0.25', currency: 'XRP' },
        destination: { address: 'rLsVuk4hgmGUtjQKj1ybpg1etnFodZ4CJ', memo: '140', asset: { network: 'xrp' } },
        txid: '1AABB14A963442246EC6252B6FDCC72223544B9BBB9E28C431DF2F1C B3545DB5',
      },
    });
  });

  it('normalizes a failed withdrawal callback with its reason', async () => {
    nock(TEST_BASE_URL)
      .get('/api/v1/withdrawals')
      .query(true)
      .reply(200, listedWithdrawal('Example-Withdrawal', '9b479a98-99ed-4bf9-87e0-4a05dbb012b6'));
    const { events } = await testProvider().parseWebhook(
      signedCallback(fixtureText('finrax-withdrawal-failed-callback.json')),
      context,
    );
    expect(events[0]).toMatchObject({
      type: 'payout.failed',
      data: { status: 'failed', rawStatus: 'FAILED', failureReason: 'Unprocessable transaction' },
    });
  });

  it('normalizes a rejected approval as a cancelled payout', async () => {
    nock(TEST_BASE_URL)
      .get('/api/v1/withdrawals')
      .query(true)
      .reply(200, listedWithdrawal('crypto-withdrawal-1', '557d2a15-0eb2-47c6-8fec-7fa7d0e833f7'));
    const { events } = await testProvider().parseWebhook(
      signedCallback(fixtureText('finrax-withdrawal-approval-callback.json')),
      context,
    );
    expect(events[0]).toMatchObject({
      id: 'finrax:withdrawal-approval:557d2a15-0eb2-47c6-8fec-7fa7d0e833f7:REJECTED',
      type: 'payout.cancelled',
      data: { status: 'cancelled', rawStatus: 'REJECTED' },
    });
  });

  const rawBody = fixtureText('finrax-deposit-callback.json');
  const timestamp = String(TEST_NOW.getTime());
  const cases: [
    string,
    { rawBody: string; headers: Record<string, string> },
    Parameters<typeof testProvider>[0]?,
  ][] = [
    [
      'a tampered body',
      { rawBody: rawBody.replace('0.12547023', '9.12547023'), headers: signedCallback(rawBody).headers },
    ],
    [
      'a foreign key',
      { rawBody, headers: { signature: signCallback(rawBody, timestamp, FOREIGN_PRIVATE_KEY), timestamp } },
    ],
    ['no signature', { rawBody, headers: { timestamp } }],
    ['no timestamp', { rawBody, headers: { signature: signCallback(rawBody, timestamp) } }],
    [
      'a changed timestamp',
      {
        rawBody,
        headers: { signature: signCallback(rawBody, timestamp), timestamp: String(TEST_NOW.getTime() + 1) },
      },
    ],
    // Once "an hour old", refused by a 300 s window: a guess that refused Finrax's own retries,
    // which may keep their first Timestamp for 24 hours (see finrax-webhook-retries.test.ts).
    [
      'a timestamp older than Finrax retries a callback (24 h and the tolerance)',
      signedCallback(rawBody, new Date(TEST_NOW.getTime() - (24 * 3600 + 301) * 1000)),
    ],
    [
      'a timestamp ahead of the clock by more than the tolerance',
      signedCallback(rawBody, new Date(TEST_NOW.getTime() + 301_000)),
    ],
    [
      'a signature over the body alone',
      { rawBody, headers: { signature: signCallback(rawBody, '').slice(0), timestamp } },
    ],
    ['garbage in the signature', { rawBody, headers: { signature: '!!!not base64!!!', timestamp } }],
    ['no public key configured', signedCallback(rawBody), { callbackPublicKey: undefined }],
    ['an unknown signed payload', signedCallback('{"hello":"world"}')],
  ];

  it.each(cases)('refuses %s', async (_, request, settings) => {
    const error = await testProvider(settings)
      .parseWebhook(request, context)
      .catch((caught: unknown) => caught);
    expect(WebhookVerificationError.is(error)).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('accepts the public key with escaped newlines, as environment variables carry it', async () => {
    nock(TEST_BASE_URL)
      .get(`/api/v1/payments/${DEPOSIT_PAYMENT_ID}`)
      .reply(200, paymentObject({ paymentId: DEPOSIT_PAYMENT_ID }));
    const provider = testProvider({ callbackPublicKey: CALLBACK_PUBLIC_KEY.replace(/\n/g, '\\n') });
    const { events } = await provider.parseWebhook(signedCallback(rawBody), context);
    expect(events).toHaveLength(1);
  });
});
