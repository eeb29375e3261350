import { accountStateOf, createMemoryStore, type Payment, WebhookVerificationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDefexa, type DefexaProvider } from './defexa-provider';
import { BASE_URL, fixture, mockLogin, SEED_SESSION_TIME, TEST_KEY } from '../test/defexa-test-support';

// Defexa callbacks are unsigned: anyone can POST one. These tests forge callbacks that name a
// real, paid invoice but claim it for another order, customer, amount or currency.

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

const webhookContext = { now: () => new Date('2023-03-14T13:00:00Z') };

function unpaidRecord(orderNumber: string, amount: number, currency = 'ALGO') {
  const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
  return { ...list.invoices[0], id: orderNumber.length, order_number: orderNumber, amount, currency };
}

/** What Defexa says about the invoices of these tests, by token and by order number. */
const invoices = {
  'tok-paid': { order: 'dfx-order-paid', amount: 13, status: 'approved', net: 13, address: 'PAYIN-PAID' },
  'tok-open': { order: 'dfx-order-open', amount: 13, status: 'init', net: 0, address: 'PAYIN-OPEN' },
  'tok-dep-a': { order: 'dfx-deposit-a', amount: 0.5, status: 'approved', net: 0.5, address: 'ADDR-A' },
} as const;

function mockReadBacks(scope: nock.Scope) {
  mockLogin(scope, 20);
  for (const [token, invoice] of Object.entries(invoices)) {
    const currency = token.startsWith('tok-dep') ? 'ETH' : 'ALGO';
    scope
      .get(`/api/v1/payments/${token}`)
      .times(20)
      .reply(200, {
        success: true,
        payment: {
          token,
          order_number: invoice.order,
          status: invoice.status,
          amount: invoice.amount,
          net_amount: invoice.net,
          currency,
          address: invoice.address,
        },
      });
    scope
      .get('/api/v1/da/invoices')
      .query((query) => query.order_number === invoice.order)
      .times(20)
      .reply(200, {
        success: true,
        invoices: [{ ...unpaidRecord(invoice.order, invoice.amount, currency), status: invoice.net ? 1 : 0 }],
      });
  }
  scope.get('/api/v1/da/invoices').query(true).times(20).reply(200, { success: true, invoices: [] });
  scope.get('/api/v1/da/aml_refunds').query(true).times(20).reply(200, { success: true, payments: [] });
}

let provider: DefexaProvider;
let paid: Payment;
let deposit: Payment;

beforeEach(async () => {
  const state = accountStateOf(createMemoryStore(), 'unit');
  provider = createDefexa(
    {
      merchantPrivateKey: TEST_KEY,
      baseUrl: BASE_URL,
      callbackUrl: 'https://shop.example/hooks/defexa',
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    },
    { account: 'unit', now: () => SEED_SESSION_TIME, state },
  );
  const scope = nock(BASE_URL);
  for (const token of ['tok-paid', 'tok-open']) {
    scope.post('/api/v1/charge').reply(200, {
      status: 'success',
      redirect_url: `https://crypto.payments.defexa.io/charge_requests?token=${token}`,
    });
  }
  scope
    .post('/api/v1/payments')
    .reply(200, { currency: 'ETH', customer: { uid: 'cust-a', address: 'ADDR-A' } });
  scope
    .post('/api/v1/payments')
    .reply(200, { currency: 'ETH', customer: { uid: 'cust-b', address: 'ADDR-B' } });
  const hosted = { amount: { amount: '13', currency: 'ALGO' }, returnUrl: 'https://shop.example/done' };
  paid = await provider.createPayment({ reference: 'order-paid', ...hosted });
  await provider.createPayment({ reference: 'order-open', ...hosted });
  const depositInput = { amount: { amount: '0.5', currency: 'ETH' }, flow: 'deposit_address' } as const;
  deposit = await provider.createPayment({ reference: 'dep-a', customer: { id: 'cust-a' }, ...depositInput });
  await provider.createPayment({ reference: 'dep-b', customer: { id: 'cust-b' }, ...depositInput });
  nock.cleanAll();
  mockReadBacks(nock(BASE_URL));
});

function chargeCallback(overrides: Record<string, string | undefined> = {}) {
  return {
    callback_type: 'pay',
    address: 'PAYIN-PAID',
    net_amount: '13.0',
    amount: '13.0',
    ps_currency: 'ALGO',
    shop_currency: 'ALGO',
    shop_order_id: 'order-paid',
    status: 'approved',
    client_uid: '',
    order_number: 'dfx-order-paid',
    token: 'tok-paid',
    signature: 'opaque',
    ...overrides,
  };
}

function depositCallback(overrides: Record<string, string | undefined> = {}) {
  return chargeCallback({
    address: 'ADDR-A',
    net_amount: '0.5',
    amount: '0.5',
    ps_currency: 'ETH',
    shop_currency: 'ETH',
    shop_order_id: '',
    client_uid: 'cust-a',
    order_number: 'dfx-deposit-a',
    token: 'tok-dep-a',
    ...overrides,
  });
}

const parse = (body: unknown) =>
  provider.parseWebhook({ rawBody: JSON.stringify(body), headers: {} }, webhookContext);

async function expectRefused(body: unknown) {
  await expect(parse(body)).rejects.toSatisfy((error: unknown) => WebhookVerificationError.is(error));
}

describe('parseWebhook trusts the read-back, not the callback', () => {
  it('accepts a genuine charge callback, for the order that was charged', async () => {
    const { events } = await parse(chargeCallback());
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ id: paid.id, reference: 'order-paid', status: 'succeeded' });
  });

  it('accepts a genuine deposit callback, for the customer whose address was paid', async () => {
    const { events } = await parse(depositCallback());
    expect(events[0]?.data).toMatchObject({ id: deposit.id, reference: 'cust-a', status: 'succeeded' });
  });

  it.each([
    ['another order, with the paid invoice order number and token', { shop_order_id: 'order-open' }],
    [
      'another order, with the paid invoice order number and no token',
      { shop_order_id: 'order-open', token: undefined },
    ],
    ['an order this account never created', { shop_order_id: 'order-unknown' }],
    [
      'the open order, with the paid invoice token only',
      { shop_order_id: 'order-open', order_number: undefined },
    ],
    ['a different amount', { amount: '1300' }],
    ['a different currency', { ps_currency: 'BTC', shop_currency: 'BTC' }],
    ['a different pay-in address', { address: 'PAYIN-OPEN' }],
    ['an order number the token does not have', { order_number: 'dfx-order-open' }],
  ])('refuses a charge callback claiming %s', async (_name, overrides) => {
    await expectRefused(chargeCallback(overrides));
  });

  it.each([
    ['another customer address and uid', { address: 'ADDR-B', client_uid: 'cust-b' }],
    ['another customer uid', { client_uid: 'cust-b' }],
    ['another customer address', { address: 'ADDR-B' }],
    ['an address this account never created', { address: 'ADDR-X', client_uid: 'cust-x' }],
    ['a different amount', { amount: '5' }],
    ['a different currency', { ps_currency: 'BTC', shop_currency: 'BTC' }],
  ])('refuses a deposit callback claiming %s', async (_name, overrides) => {
    await expectRefused(depositCallback(overrides));
  });

  it('once an invoice is bound to its order, refuses it for another order', async () => {
    await parse(chargeCallback());
    await expectRefused(chargeCallback({ shop_order_id: 'order-open', token: undefined }));
  });
});
