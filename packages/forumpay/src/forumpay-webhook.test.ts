import { webhookEventSchema, WebhookVerificationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FAKE_BASIC,
  FAKE_SECRET,
  FAKE_USER,
  fixtureJson,
  fixtureText,
  SEED_BASE_URL,
  SEED_ORIGIN,
  seedResponse,
} from './__fixtures__/forumpay-fixtures';
import { encodeForumpayPaymentId } from './forumpay-payment-id';
import { createForumpay } from './forumpay-provider';

const paymentId = '123e4567-e89b-12d3-a456-426614174000';
const address = '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69';
const webhookContext = { now: () => new Date('2030-01-01T00:00:00.000Z') };

function provider() {
  return createForumpay(
    {
      user: FAKE_USER,
      secret: FAKE_SECRET,
      posId: 'POS1',
      baseUrl: SEED_BASE_URL,
      retry: { maxAttempts: 1 },
    },
    { account: 'pos' },
  );
}

function scope() {
  return nock(SEED_ORIGIN, { reqheaders: { authorization: FAKE_BASIC } });
}

const confirmed = {
  ...seedResponse('check-payment'),
  amount: '0.00701648',
  payment: '0.00701648',
  confirmed: true,
  state: 'confirmed',
  status: 'Confirmed',
  confirmations: 1,
  min_confirmations: 1,
};

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

describe('forumpay parseWebhook', () => {
  it("verifies the seed's notification by CheckPayment, finding the address among recent transactions", async () => {
    scope()
      .get('/v2/GetTransactions/')
      .query({ pos_id: 'POS1', offset: '0', limit: '100' })
      .reply(200, seedResponse('get-transactions'));
    scope()
      .get('/v2/CheckPayment/')
      .query({ pos_id: 'POS1', currency: 'BTC', payment_id: paymentId, address })
      .reply(200, confirmed);
    const result = await provider().parseWebhook(
      { rawBody: fixtureText('seed/webhook-payload.json'), headers: { 'content-type': 'application/json' } },
      webhookContext,
    );
    expect(result.response.status).toBe(200);
    expect(result.events).toHaveLength(1);
    const [event] = result.events;
    expect(webhookEventSchema.parse(event)).toBeTruthy();
    expect(event).toMatchObject({
      id: `forumpay:${paymentId}:confirmed:0.00701648`,
      object: 'payment',
      type: 'payment.succeeded',
      provider: 'pos',
      providerType: 'forumpay',
      verifiedBy: 'refetch',
      occurredAt: '2030-01-01T00:00:00.000Z',
      data: { id: encodeForumpayPaymentId({ paymentId, currency: 'BTC', address }), status: 'succeeded' },
      raw: { event: 'payment.confirmed', payment_id: paymentId },
    });
  });

  it('derives the event from CheckPayment, not from what the body claims', async () => {
    scope().get('/v2/CheckPayment/').query(true).reply(200, seedResponse('check-payment'));
    const body = JSON.stringify({
      event: 'payment.confirmed',
      payment_id: paymentId,
      currency: 'BTC',
      address,
      status: 'confirmed',
    });
    const { events } = await provider().parseWebhook({ rawBody: body, headers: {} }, webhookContext);
    expect(events[0]).toMatchObject({ type: 'payment.created', data: { status: 'requires_payment' } });
  });

  it('reads form-encoded notifications and looks the address up by reference_no', async () => {
    scope()
      .get('/v2/GetTransactions/')
      .query({ pos_id: 'POS1', reference_no: 'order-7', offset: '0', limit: '100' })
      .reply(200, fixtureJson('reference/getTransactionsResponse.json'));
    scope()
      .get('/v2/CheckPayment/')
      .query({
        pos_id: 'POS1',
        currency: 'BTC',
        payment_id: '810a90b2-e780-4396-8bb7-36b01c492021',
        address: 'btc-10468a3d844846edb027b6f2c096c6e3',
      })
      .reply(200, {
        ...fixtureJson<Record<string, unknown>>('reference/checkPaymentResponse.json'),
        state: 'underpayment',
        cancelled: false,
        payment: '0.001',
      });
    const body = 'payment_id=810a90b2-e780-4396-8bb7-36b01c492021&reference_no=order-7&pos_id=POS1';
    const { events } = await provider().parseWebhook(
      {
        rawBody: new TextEncoder().encode(body),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      },
      webhookContext,
    );
    expect(events[0]).toMatchObject({ type: 'payment.underpaid', data: { amountDelta: 'under' } });
    // The payer's access token stays only inside checkoutUrl (the page it opens), never in raw.
    expect(JSON.stringify(events[0]?.data.raw)).not.toContain(
      'fz7RCsx3Vl5VwijzFfVy1TssSiD8V9f2c7CAjKEKPzO7YvjfTHXFI5TT5lg22tDa',
    );
  });

  it('gives the same id to the same notification delivered twice', async () => {
    scope().get('/v2/CheckPayment/').times(2).query(true).reply(200, confirmed);
    const request = {
      rawBody: JSON.stringify({ payment_id: paymentId, currency: 'BTC', address }),
      headers: {},
    };
    const first = await provider().parseWebhook(request, webhookContext);
    const second = await provider().parseWebhook(request, {
      now: () => new Date('2030-01-01T00:05:00.000Z'),
    });
    expect(first.events[0]?.id).toBe(second.events[0]?.id);
  });

  it('answers the dashboard test ping without events', async () => {
    const result = await provider().parseWebhook(
      { rawBody: '{"webhook_test":"1"}', headers: {} },
      webhookContext,
    );
    expect(result).toEqual({ events: [], response: { status: 200, body: 'OK' } });
  });

  it.each([
    ['not JSON', 'hello'],
    ['no payment id', '{"event":"payment.confirmed"}'],
    ['an array', '[1,2]'],
  ])('refuses %s', async (_name, rawBody) => {
    await expect(provider().parseWebhook({ rawBody, headers: {} }, webhookContext)).rejects.toSatisfy(
      (error: unknown) => WebhookVerificationError.is(error),
    );
  });

  it('refuses a forged payment id that ForumPay does not know', async () => {
    scope().get('/v2/CheckPayment/').query(true).reply(200, { err: 'Payment not found' });
    const error = await provider()
      .parseWebhook(
        { rawBody: JSON.stringify({ payment_id: 'forged', currency: 'BTC', address: 'x' }), headers: {} },
        webhookContext,
      )
      .catch((caught: unknown) => caught);
    expect(WebhookVerificationError.is(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain(FAKE_SECRET);
  });

  it('refuses a payment id absent from recent transactions', async () => {
    scope().get('/v2/GetTransactions/').query(true).reply(200, { invoices: [] });
    await expect(
      provider().parseWebhook(
        { rawBody: JSON.stringify({ payment_id: 'forged', currency: 'BTC' }), headers: {} },
        webhookContext,
      ),
    ).rejects.toSatisfy((error: unknown) => WebhookVerificationError.is(error));
  });

  it('fails closed, retryable, when ForumPay cannot be reached', async () => {
    scope().get('/v2/CheckPayment/').query(true).reply(503, 'down');
    const error = await provider()
      .parseWebhook(
        { rawBody: JSON.stringify({ payment_id: paymentId, currency: 'BTC', address }), headers: {} },
        webhookContext,
      )
      .catch((caught: unknown) => caught);
    expect(WebhookVerificationError.is(error)).toBe(true);
    expect((error as WebhookVerificationError).retryable).toBe(true);
  });
});
