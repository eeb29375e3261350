import type { Payment, WebhookEvent } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeDefexaPaymentId, encodeLegacyDefexaPaymentId } from './defexa-ids';
import {
  defexaScope,
  fixture,
  hostToHostAnswer,
  mockLogin,
  SEED_SESSION,
  testProvider,
} from '../test/defexa-test-support';

// One payment, one id: createPayment, getPayment, listPayments and parseWebhook must agree, or
// the client's state guard (keyed by event.data.id) tracks one payment as several objects.

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

const ORDER = 'limited_invoice_7e5fb42d19d3fd0c00';
const ADDRESS = 'UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU';
const UID = '12345h45555jf5670w3erknjsdef';

/** The seed's invoice list with its one invoice changed by `extra`. */
function invoiceList(extra: Record<string, unknown>) {
  const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
  return { ...list, invoices: [{ ...list.invoices[0], ...extra }] };
}

/** A host-to-host deposit of 25 ALGO to the seed's static address, approved. */
const depositRecord = {
  id: 662,
  order_number: 'h2h_deposit_1',
  type: 'charge h2h',
  status: 1,
  amount: 25.0,
  target_amount: 25.0,
  to_account: ADDRESS,
};

/** The seed's notification, filled in for `invoice` (no token unless given: the fixture's is a placeholder). */
function callback(overrides: Record<string, string>): string {
  return JSON.stringify({
    ...fixture<Record<string, unknown>>('callback-params.json'),
    token: undefined,
    callback_type: 'pay',
    created: '2023-03-14 12:50:05 UTC',
    processed: '2023-03-14 12:55:00 UTC',
    ps_currency: 'ALGO',
    shop_currency: 'ALGO',
    ps_data: { ps_payer_account: 'PAYER', transaction_hash: 'HASH', client_hash: 'CLIENT' },
    status: 'approved',
    client: '',
    client_uid: '',
    signature: 'fake-signature-for-tests-only',
    ...overrides,
  });
}

/** Answers every read of this test with `invoices` (by any filter) and no AML hold. */
function mockReads(scope: nock.Scope, invoices: unknown): void {
  mockLogin(scope);
  scope
    .get('/api/v1/da/invoices')
    .query(true)
    .times(10)
    .reply(200, invoices as nock.Body);
  scope.get('/api/v1/da/aml_refunds').query(true).times(10).reply(200, { success: true, payments: [] });
}

async function webhookPayment(provider: ReturnType<typeof testProvider>, body: string): Promise<Payment> {
  const { events } = await provider.parseWebhook({ rawBody: body, headers: {} }, { now: () => new Date() });
  const event = events[0] as WebhookEvent & { object: 'payment' };
  expect(event.object).toBe('payment');
  return event.data;
}

describe('one Defexa payment has one id', () => {
  it('hosted: createPayment, getPayment, listPayments and the webhook give the same id', async () => {
    const provider = testProvider();
    const { scope } = defexaScope();
    scope.post('/api/v1/charge').reply(200, fixture('charge-response.json'));
    const created = await provider.createPayment({
      reference: ORDER,
      amount: { amount: '13', currency: 'ALGO' },
      webhookUrl: 'https://shop.example/hooks',
      returnUrl: 'https://shop.example/done',
    });
    mockReads(scope, invoiceList({ status: 1 }));
    const read = await provider.getPayment(created.id);
    const listed = (await provider.listPayments({ reference: ORDER })).items[0];
    const notified = await webhookPayment(
      provider,
      callback({
        order_number: ORDER,
        shop_order_id: ORDER,
        amount: '13.0',
        payment_id: '661',
        feed_id: '661',
      }),
    );
    expect(read.status).toBe('succeeded');
    expect([read.id, listed?.id, notified.id]).toEqual([created.id, created.id, created.id]);
    expect([read, listed, notified].map((payment) => payment?.providerPaymentId)).toEqual([
      created.providerPaymentId,
      created.providerPaymentId,
      created.providerPaymentId,
    ]);
    // Reading by the id read back changes nothing either.
    expect((await provider.getPayment(read.id)).id).toBe(created.id);
  });

  it('hosted: a charge keeps its shop order id as id; the checkout URL token and order number are read back', async () => {
    const provider = testProvider();
    const { scope } = defexaScope();
    scope.post('/api/v1/charge').reply(200, {
      status: 'success',
      redirect_url: `https://crypto.payments.defexa.io/charge_requests?token=t1&order_number=${ORDER}`,
    });
    const created = await provider.createPayment({
      reference: 'order-77',
      amount: { amount: '13', currency: 'ALGO' },
      webhookUrl: 'https://shop.example/hooks',
      returnUrl: 'https://shop.example/done',
    });
    // Defexa's order number need not be the shop order id (NOTES): the id is the shop order id.
    expect(created).toMatchObject({ reference: 'order-77', providerPaymentId: 'order-77' });
    mockReads(scope, invoiceList({ status: 1 }));
    scope
      .get('/api/v1/payments/t1')
      .times(2)
      .reply(200, {
        success: true,
        payment: {
          token: 't1',
          order_number: ORDER,
          status: 'approved',
          amount: 13,
          net_amount: 13,
          currency: 'ALGO',
        },
      });
    const notified = await webhookPayment(
      provider,
      callback({
        order_number: ORDER,
        shop_order_id: 'order-77',
        token: 't1',
        amount: '13.0',
        payment_id: '661',
        feed_id: '661',
      }),
    );
    expect(notified).toMatchObject({ id: created.id, reference: 'order-77', status: 'succeeded' });
    expect(await provider.getPayment(created.id)).toMatchObject({ id: created.id, status: 'succeeded' });
  });

  it.each([
    ['the checkout URL names only a token', '?token=t2', 'charge_order_2'],
    ['nothing names the invoice yet', '', 'order-78'],
  ])(
    'hosted: listPayments by reference, before any read, gives the created id and reference (%s)',
    async (_case, query, orderNumber) => {
      // Crash recovery finds a created payment by listing its reference and matching it.
      const provider = testProvider();
      const { scope } = defexaScope();
      scope.post('/api/v1/charge').reply(200, {
        status: 'success',
        redirect_url: `https://crypto.payments.defexa.io/charge_requests${query}`,
      });
      const created = await provider.createPayment({
        reference: 'order-78',
        amount: { amount: '13', currency: 'ALGO' },
        webhookUrl: 'https://shop.example/hooks',
        returnUrl: 'https://shop.example/done',
      });
      mockReads(scope, invoiceList({ status: 1, order_number: orderNumber }));
      scope
        .get('/api/v1/payments/t2')
        .times(2)
        .reply(200, {
          success: true,
          payment: { token: 't2', order_number: orderNumber, status: 'approved' },
        });
      const listed = (await provider.listPayments({ reference: 'order-78' })).items;
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({
        id: created.id,
        reference: 'order-78',
        providerPaymentId: created.providerPaymentId,
        status: 'succeeded',
      });
      expect((await provider.getPayment(created.id)).id).toBe(created.id);
    },
  );

  it('deposit_address: createPayment, getPayment, listPayments and the webhook give the same id', async () => {
    const provider = testProvider();
    const { scope } = defexaScope();
    scope.post('/api/v1/payments').reply(200, hostToHostAnswer(), { 'content-type': 'application/json' });
    const created = await provider.createPayment({
      reference: 'order-4',
      amount: { amount: '25', currency: 'ALGO' },
      flow: 'deposit_address',
      customer: { id: UID },
    });
    mockReads(scope, invoiceList(depositRecord));
    const read = await provider.getPayment(created.id);
    const listed = (await provider.listPayments()).items[0];
    const notified = await webhookPayment(
      provider,
      callback({
        order_number: 'h2h_deposit_1',
        shop_order_id: 'h2h_deposit_1',
        amount: '25.0',
        client_uid: UID,
        address: ADDRESS,
        payment_id: '662',
        feed_id: '662',
      }),
    );
    expect(read).toMatchObject({ status: 'succeeded', flow: 'deposit_address', amountDelta: 'exact' });
    expect([read.id, listed?.id, notified.id]).toEqual([created.id, created.id, created.id]);
    expect([read, listed, notified].map((payment) => payment?.providerPaymentId)).toEqual([
      ADDRESS,
      ADDRESS,
      ADDRESS,
    ]);
    // The asked amount is not in the id; this process still knows it.
    expect(decodeDefexaPaymentId(created.id).amount).toBeUndefined();
    expect(read.amount).toEqual({ amount: '25', currency: 'ALGO' });
  });

  it('getPayment still reads the ids issued before, and answers with the canonical id', async () => {
    const provider = testProvider();
    const { scope } = defexaScope();
    scope.post('/api/v1/charge').reply(200, fixture('charge-response.json'));
    const created = await provider.createPayment({
      reference: ORDER,
      amount: { amount: '13', currency: 'ALGO' },
      webhookUrl: 'https://shop.example/hooks',
      returnUrl: 'https://shop.example/done',
    });
    // The two forms the adapter issued: at createPayment, and grown by a read-back.
    const atCreate = encodeLegacyDefexaPaymentId({
      kind: 'charge',
      reference: ORDER,
      currency: 'ALGO',
      amount: '13',
    });
    const afterRead = encodeLegacyDefexaPaymentId({
      kind: 'charge',
      reference: ORDER,
      currency: 'ALGO',
      amount: '13',
      orderNumber: ORDER,
      invoiceId: '661',
    });
    mockReads(scope, invoiceList({ status: 1 }));
    const feed = fixture<{ feed: Record<string, unknown>[] }>('invoice-feed-response.json');
    scope
      .get('/api/v1/da/invoices/661')
      .query({ session_token: SEED_SESSION })
      .reply(200, { ...feed, feed: [{ ...feed.feed[0], status: 1, order_number: ORDER }] });
    const fromCreateForm = await provider.getPayment(atCreate);
    const fromReadForm = await provider.getPayment(afterRead);
    expect(fromCreateForm).toMatchObject({ id: created.id, status: 'succeeded', reference: ORDER });
    expect(fromReadForm).toMatchObject({ id: created.id, status: 'succeeded', reference: ORDER });
  });

  it('getPayment reads an old deposit id (with uid and asked amount) back to the canonical id', async () => {
    const provider = testProvider();
    const { scope } = defexaScope();
    mockReads(scope, invoiceList({ ...depositRecord, amount: 20.0, target_amount: 20.0 }));
    const old = encodeLegacyDefexaPaymentId({
      kind: 'deposit',
      reference: 'order-4',
      currency: 'ALGO',
      amount: '25',
      customerUid: UID,
      address: ADDRESS,
    });
    const payment = await provider.getPayment(old);
    expect(payment).toMatchObject({
      reference: 'order-4',
      amount: { amount: '25', currency: 'ALGO' },
      received: { amount: '20', currency: 'ALGO' },
      amountDelta: 'under',
    });
    expect(decodeDefexaPaymentId(payment.id)).toEqual({
      kind: 'deposit',
      reference: ADDRESS,
      currency: 'ALGO',
      address: ADDRESS,
    });
  });
});
