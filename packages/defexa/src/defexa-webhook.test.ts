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
    token: 'payment-token-1',
    signature: FAKE_SIGNATURE,
    ...overrides,
  };
}

function paidInvoiceList() {
  const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
  return { ...list, invoices: [{ ...list.invoices[0], status: 1 }] };
}

function mockPaymentReadBack(scope: nock.Scope, invoices: unknown = paidInvoiceList()) {
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
    const { scope, seen } = defexaScope();
    mockPaymentReadBack(scope);
    const rawBody = JSON.stringify(paymentCallback());
    const { events, response } = await testProvider().parseWebhook({ rawBody, headers: {} }, webhookContext);
    expect(seen[1]?.path).toBe(`/api/v1/da/invoices?session_token=${SEED_SESSION}&order_number=${ORDER}`);
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
    // The id is the one createPayment gives: the order number, not the invoice id.
    expect(decodeDefexaPaymentId(event.data.id as string)).toEqual({
      kind: 'charge',
      reference: ORDER,
      currency: 'ALGO',
      orderNumber: ORDER,
    });
    expect(JSON.stringify(event)).not.toContain(FAKE_SIGNATURE);
  });

  it('gives the same event id to the same notification, and a new one to a new state', async () => {
    const provider = testProvider();
    const rawBody = JSON.stringify(paymentCallback());
    const first = defexaScope();
    mockPaymentReadBack(first.scope);
    const one = await provider.parseWebhook({ rawBody, headers: {} }, webhookContext);
    first.scope.get('/api/v1/da/invoices').query(true).reply(200, paidInvoiceList());
    first.scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
    const two = await provider.parseWebhook({ rawBody: Buffer.from(rawBody), headers: {} }, webhookContext);
    expect(two.events[0]?.id).toBe(one.events[0]?.id);
    const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
    first.scope.get('/api/v1/da/invoices').query(true).reply(200, list);
    first.scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
    const pending = await provider.parseWebhook(
      { rawBody: JSON.stringify(paymentCallback({ status: 'pending' })), headers: {} },
      webhookContext,
    );
    expect(pending.events[0]?.id).not.toBe(one.events[0]?.id);
    // The callback said "pending"; the API says the invoice is unpaid (0): the event follows the API.
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
    ['a body that is not JSON', 'status=approved'],
    ['an array', '[1]'],
    ['no callback_type', JSON.stringify({ ...paymentCallback(), callback_type: undefined })],
    ['no order number', JSON.stringify({ ...paymentCallback(), order_number: undefined })],
  ])('refuses %s without a request', async (_name, rawBody) => {
    const { seen } = defexaScope();
    await expect(testProvider().parseWebhook({ rawBody, headers: {} }, webhookContext)).rejects.toSatisfy(
      (error: unknown) => WebhookVerificationError.is(error),
    );
    expect(seen).toHaveLength(0);
  });

  it('refuses a callback naming an invoice Defexa does not have', async () => {
    const { scope } = defexaScope();
    mockPaymentReadBack(scope, { success: true, invoices: [] });
    await expect(
      testProvider().parseWebhook(
        { rawBody: JSON.stringify(paymentCallback()), headers: {} },
        webhookContext,
      ),
    ).rejects.toSatisfy((error: unknown) => WebhookVerificationError.is(error));
  });

  it('refuses a callback whose currency disagrees with the invoice', async () => {
    const { scope } = defexaScope();
    mockPaymentReadBack(scope);
    const rawBody = JSON.stringify(paymentCallback({ ps_currency: 'BTC', shop_currency: 'BTC' }));
    await expect(testProvider().parseWebhook({ rawBody, headers: {} }, webhookContext)).rejects.toSatisfy(
      (error: unknown) => WebhookVerificationError.is(error),
    );
  });

  it('lets a transient read-back failure through, so that Defexa retries the callback', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/invoices').query(true).reply(503, 'busy');
    await expect(
      testProvider().parseWebhook(
        { rawBody: JSON.stringify(paymentCallback()), headers: {} },
        webhookContext,
      ),
    ).rejects.toSatisfy((error: unknown) => ProviderUnavailableError.is(error));
  });

  it('runs a configured signature verifier first, and refuses what it rejects', async () => {
    const seenChecks: unknown[] = [];
    const provider = testProvider({
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
