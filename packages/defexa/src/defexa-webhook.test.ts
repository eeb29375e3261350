import { ProviderUnavailableError, WebhookVerificationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeDefexaPaymentId } from './defexa-ids';
import { defexaScope, fixture, mockLogin, SEED_SESSION, testProvider } from '../test/defexa-test-support';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

const ORDER = 'limited_invoice_7e5fb42d19d3fd0c00';
const FAKE_SIGNATURE = 'fake-signature-for-tests-only';

/** The seed's notification fields, filled in for one paid invoice. */
function paymentCallback(overrides: Record<string, string> = {}) {
  const template = fixture<Record<string, unknown>>('callback-params.json');
  return {
    ...template,
    address: 'KE6QKDJRAIGXSREZ3HBLJE57XNJZJQQUJ',
    callback_type: 'pay',
    net_amount: '13.0',
    created: '2023-03-14 12:50:05 UTC',
    description: 'test 12',
    payment_id: '661',
    feed_id: '661',
    payway: 'in',
    processed: '2023-03-14 12:55:00 UTC',
    ps_currency: 'ALGO',
    ps_data: { ps_payer_account: 'PAYER', transaction_hash: 'HASH', client_hash: 'CLIENT' },
    amount: '13.0',
    shop_currency: 'ALGO',
    shop_id: '1',
    shop_order_id: 'order-77',
    status: 'approved',
    client: '',
    client_uid: '',
    order_number: ORDER,
    token: TOKEN,
    signature: FAKE_SIGNATURE,
    ...overrides,
  };
}

function paidInvoiceList() {
  const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
  return { ...list, invoices: [{ ...list.invoices[0], status: 1 }] };
}

const TOKEN = 'payment-token-1';

/** The engine's answer for the callback's token (`GET /api/v1/payments/{token}`). */
function enginePayment(status: string) {
  return {
    success: true,
    payment: { token: TOKEN, order_number: ORDER, status, amount: 13.0, currency: 'ALGO' },
  };
}

/** A provider that created the charge of order-77 (13 ALGO): callbacks name orders it knows. */
async function providerWithCharge(settings: Parameters<typeof testProvider>[0] = {}) {
  const provider = testProvider(settings);
  const { scope } = defexaScope();
  scope.post('/api/v1/charge').reply(200, fixture('charge-response.json'));
  const created = await provider.createPayment({
    reference: 'order-77',
    amount: { amount: '13', currency: 'ALGO' },
    webhookUrl: 'https://shop.example/hooks',
    returnUrl: 'https://shop.example/done',
  });
  nock.cleanAll();
  return { provider, created };
}

function mockPaymentReadBack(scope: nock.Scope, invoices: unknown = paidInvoiceList(), status = 'approved') {
  scope.get(`/api/v1/payments/${TOKEN}`).reply(200, enginePayment(status));
  mockLogin(scope);
  scope
    .get('/api/v1/da/invoices')
    .query({ session_token: SEED_SESSION, order_number: ORDER })
    .reply(200, invoices as nock.Body);
  scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
}

const webhookContext = { now: () => new Date('2023-03-14T13:00:00Z') };

describe('parseWebhook', () => {
  it('confirms a payment callback by reading the invoice back, and emits what the API says', async () => {
    const { provider, created } = await providerWithCharge();
    const { scope, seen } = defexaScope();
    mockPaymentReadBack(scope);
    const rawBody = JSON.stringify(paymentCallback());
    const { events, response } = await provider.parseWebhook({ rawBody, headers: {} }, webhookContext);
    expect(seen.map((request) => request.path)).toEqual([
      `/api/v1/payments/${TOKEN}`,
      '/api/v1/da/login',
      `/api/v1/da/invoices?session_token=${SEED_SESSION}&order_number=${ORDER}`,
      `/api/v1/da/aml_refunds?session_token=${SEED_SESSION}`,
    ]);
    expect(response.status).toBe(200);
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toMatchObject({
      object: 'payment',
      type: 'payment.succeeded',
      provider: 'unit',
      providerType: 'defexa',
      verifiedBy: 'refetch',
      occurredAt: '2023-03-14T12:55:00.000Z',
      data: { reference: 'order-77', status: 'succeeded', amount: { amount: '13', currency: 'ALGO' } },
    });
    // The id is the one createPayment gives: the shop order id, not Defexa's order number.
    expect(event.data.id).toBe(created.id);
    expect(decodeDefexaPaymentId(event.data.id as string)).toEqual({
      kind: 'charge',
      reference: 'order-77',
      currency: 'ALGO',
      shopOrderId: 'order-77',
    });
    expect(JSON.stringify(event)).not.toContain(FAKE_SIGNATURE);
  });

  it('gives the same event id to the same notification, and a new one to a new state', async () => {
    const { provider } = await providerWithCharge();
    const rawBody = JSON.stringify(paymentCallback());
    const first = defexaScope();
    mockPaymentReadBack(first.scope);
    const one = await provider.parseWebhook({ rawBody, headers: {} }, webhookContext);
    first.scope.get(`/api/v1/payments/${TOKEN}`).reply(200, enginePayment('approved'));
    first.scope.get('/api/v1/da/invoices').query(true).reply(200, paidInvoiceList());
    first.scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
    const two = await provider.parseWebhook({ rawBody: Buffer.from(rawBody), headers: {} }, webhookContext);
    expect(two.events[0]?.id).toBe(one.events[0]?.id);
    const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
    first.scope.get(`/api/v1/payments/${TOKEN}`).reply(200, enginePayment('init'));
    first.scope.get('/api/v1/da/invoices').query(true).reply(200, list);
    first.scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
    const pending = await provider.parseWebhook(
      { rawBody: JSON.stringify(paymentCallback({ status: 'pending' })), headers: {} },
      webhookContext,
    );
    expect(pending.events[0]?.id).not.toBe(one.events[0]?.id);
    // The callback said "pending"; the API says the invoice is unpaid (init, 0): the event follows the API.
    expect(pending.events[0]?.type).toBe('payment.created');
  });

  it('confirms a payout callback by its feed id', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/payouts/659').query(true).reply(200, fixture('payout-feed-response.json'));
    const rawBody = JSON.stringify(
      paymentCallback({
        callback_type: 'payout',
        feed_id: '659',
        order_number: '3000444a-e19f-4a76-b77a-16df4f4ad50b',
        ps_currency: 'XRP',
        shop_currency: 'XRP',
        amount: '6.0',
      }),
    );
    const { events } = await testProvider().parseWebhook({ rawBody, headers: {} }, webhookContext);
    expect(events[0]).toMatchObject({
      object: 'payout',
      type: 'payout.succeeded',
      data: { providerPayoutId: '659', status: 'succeeded', txid: '17CC45D3......E99F54CD8A04BC7C' },
    });
  });

  it.each([
    ['another amount', { amount: '600' }],
    ['another target address', { address: 'FORGED-TARGET' }],
  ])('refuses a payout callback claiming %s', async (_name, overrides) => {
    const { scope } = defexaScope();
    mockLogin(scope);
    const feed = fixture<{ feed: Record<string, unknown>[] }>('payout-feed-response.json');
    const record = { ...feed.feed[0], extra_data: { tx_hash: 'HASH', target_address: 'REAL-TARGET' } };
    scope
      .get('/api/v1/da/payouts/659')
      .query(true)
      .reply(200, { ...feed, feed: [record] });
    const rawBody = JSON.stringify(
      paymentCallback({
        callback_type: 'payout',
        feed_id: '659',
        order_number: '3000444a-e19f-4a76-b77a-16df4f4ad50b',
        ps_currency: 'XRP',
        shop_currency: 'XRP',
        amount: '6.0',
        address: 'REAL-TARGET',
        ...overrides,
      }),
    );
    await expect(testProvider().parseWebhook({ rawBody, headers: {} }, webhookContext)).rejects.toSatisfy(
      (error: unknown) => WebhookVerificationError.is(error),
    );
  });

  it.each([
    ['a body that is not JSON', 'status=approved'],
    ['an array', '[1]'],
    ['no callback_type', JSON.stringify({ ...paymentCallback(), callback_type: undefined })],
    [
      'no order number or token',
      JSON.stringify({ ...paymentCallback(), order_number: undefined, token: undefined }),
    ],
    ['an order this account did not create', JSON.stringify(paymentCallback({ shop_order_id: 'order-00' }))],
  ])('refuses %s without a request', async (_name, rawBody) => {
    const { seen } = defexaScope();
    await expect(testProvider().parseWebhook({ rawBody, headers: {} }, webhookContext)).rejects.toSatisfy(
      (error: unknown) => WebhookVerificationError.is(error),
    );
    expect(seen).toHaveLength(0);
  });

  it('refuses a callback naming an invoice Defexa does not have', async () => {
    const { provider } = await providerWithCharge();
    const { scope } = defexaScope();
    scope.get(`/api/v1/payments/${TOKEN}`).reply(403, {
      success: false,
      result: 1,
      status: 403,
      errors: [{ code: 'payment_not_found', kind: 'invalid_request_error' }],
    });
    await expect(
      provider.parseWebhook({ rawBody: JSON.stringify(paymentCallback()), headers: {} }, webhookContext),
    ).rejects.toSatisfy((error: unknown) => WebhookVerificationError.is(error));
  });

  it('refuses a callback whose currency disagrees with the invoice', async () => {
    const { provider } = await providerWithCharge();
    const { scope } = defexaScope();
    mockPaymentReadBack(scope);
    const rawBody = JSON.stringify(paymentCallback({ ps_currency: 'BTC', shop_currency: 'BTC' }));
    await expect(provider.parseWebhook({ rawBody, headers: {} }, webhookContext)).rejects.toSatisfy(
      (error: unknown) => WebhookVerificationError.is(error),
    );
  });

  it('lets a transient read-back failure through, so that Defexa retries the callback', async () => {
    const { provider } = await providerWithCharge();
    const { scope } = defexaScope();
    scope.get(`/api/v1/payments/${TOKEN}`).reply(503, 'busy');
    await expect(
      provider.parseWebhook({ rawBody: JSON.stringify(paymentCallback()), headers: {} }, webhookContext),
    ).rejects.toSatisfy((error: unknown) => ProviderUnavailableError.is(error));
  });

  it('runs a configured signature verifier first, and refuses what it rejects', async () => {
    const seenChecks: unknown[] = [];
    const { provider } = await providerWithCharge({
      verifyCallbackSignature: (check) => {
        seenChecks.push(check.signature);
        return check.signature === FAKE_SIGNATURE;
      },
    });
    expect(provider.capabilities.webhooks.verification).toEqual(['signature', 'refetch']);
    const { seen } = defexaScope();
    await expect(
      provider.parseWebhook(
        { rawBody: JSON.stringify(paymentCallback({ signature: 'forged' })), headers: {} },
        webhookContext,
      ),
    ).rejects.toSatisfy((error: unknown) => WebhookVerificationError.is(error));
    expect(seen).toHaveLength(0);
    const second = defexaScope();
    mockPaymentReadBack(second.scope);
    const { events } = await provider.parseWebhook(
      { rawBody: JSON.stringify(paymentCallback()), headers: {} },
      webhookContext,
    );
    expect(events).toHaveLength(1);
    expect(seenChecks).toEqual(['forged', FAKE_SIGNATURE]);
  });
});
