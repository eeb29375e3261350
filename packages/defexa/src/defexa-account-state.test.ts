import { type AccountState, accountStateOf, createMemoryStore, WebhookVerificationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDefexa, defexa } from './defexa-provider';
import { BASE_URL, fixture, mockLogin, SEED_SESSION_TIME, TEST_KEY } from '../test/defexa-test-support';

// What the adapter remembers (asked amounts, Defexa's token and order number of a charge) lives
// in the account state: a restarted process, or another instance on the same store, still
// reads payments back and confirms their callbacks.

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

const settings = {
  merchantPrivateKey: TEST_KEY,
  baseUrl: BASE_URL,
  callbackUrl: 'https://shop.example/hooks/defexa',
  retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
};
const ORDER = 'dfx-order-31';
const webhookContext = { now: () => new Date('2023-03-14T13:00:00Z') };

function instance(state?: AccountState) {
  return createDefexa(settings, {
    account: 'main',
    now: () => SEED_SESSION_TIME,
    ...(state ? { state } : {}),
  });
}

/** A charge of 7.5 ALGO for order-31, created by `provider` (Defexa answers with a token). */
async function createCharge(provider: ReturnType<typeof instance>) {
  nock(BASE_URL).post('/api/v1/charge').reply(200, {
    status: 'success',
    redirect_url: 'https://crypto.payments.defexa.io/charge_requests?token=tok-31',
  });
  const created = await provider.createPayment({
    reference: 'order-31',
    amount: { amount: '7.5', currency: 'ALGO' },
    returnUrl: 'https://shop.example/done',
  });
  nock.cleanAll();
  return created;
}

/** Defexa's view of the charge: paid 7.6 (an overpayment), by token and by order number. */
function mockPaidCharge() {
  const scope = nock(BASE_URL);
  mockLogin(scope, 5);
  scope
    .get('/api/v1/payments/tok-31')
    .times(5)
    .reply(200, {
      success: true,
      payment: {
        token: 'tok-31',
        order_number: ORDER,
        status: 'approved',
        amount: 7.5,
        net_amount: 7.6,
        currency: 'ALGO',
        tx_hash: 'TX-31',
      },
    });
  const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
  scope
    .get('/api/v1/da/invoices')
    .query((query) => query.order_number === ORDER)
    .times(5)
    .reply(200, {
      success: true,
      invoices: [{ ...list.invoices[0], order_number: ORDER, amount: 7.5, status: 1 }],
    });
  scope.get('/api/v1/da/aml_refunds').query(true).times(5).reply(200, { success: true, payments: [] });
}

const callback = JSON.stringify({
  callback_type: 'pay',
  amount: '7.5',
  net_amount: '7.6',
  ps_currency: 'ALGO',
  shop_currency: 'ALGO',
  shop_order_id: 'order-31',
  status: 'approved',
  order_number: ORDER,
  token: 'tok-31',
});

describe('the account state', () => {
  it('lets a second instance (a restarted process) read back and confirm a charge the first created', async () => {
    const state = accountStateOf(createMemoryStore(), 'main');
    const created = await createCharge(instance(state));
    const restarted = instance(state);
    mockPaidCharge();
    const read = await restarted.getPayment(created.id);
    expect(read).toMatchObject({
      id: created.id,
      reference: 'order-31',
      status: 'succeeded',
      amount: { amount: '7.5', currency: 'ALGO' },
      received: { amount: '7.6', currency: 'ALGO' },
      amountDelta: 'over',
      transfers: [{ txid: 'TX-31', amount: { amount: '7.6', currency: 'ALGO' } }],
    });
    const { events } = await restarted.parseWebhook({ rawBody: callback, headers: {} }, webhookContext);
    expect(events[0]?.data).toMatchObject({ id: created.id, reference: 'order-31', status: 'succeeded' });
  });

  it('lists a bound invoice under its charge, with the status of the seed (numeric, no state name)', async () => {
    const state = accountStateOf(createMemoryStore(), 'main');
    const created = await createCharge(instance(state));
    mockPaidCharge();
    await instance(state).parseWebhook({ rawBody: callback, headers: {} }, webhookContext);
    const { items } = await instance(state).listPayments({ reference: 'order-31' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: created.id,
      reference: 'order-31',
      rawStatus: '1',
      status: 'succeeded',
      amount: { amount: '7.5', currency: 'ALGO' },
    });
  });

  it('is what parseWebhook trusts: an instance that forgot the charge refuses its callback', async () => {
    await createCharge(instance());
    mockPaidCharge();
    await expect(
      instance().parseWebhook({ rawBody: callback, headers: {} }, webhookContext),
    ).rejects.toSatisfy((error: unknown) => WebhookVerificationError.is(error));
  });

  it('comes from the plugin context and from the webhook context', async () => {
    const state = accountStateOf(createMemoryStore(), 'main');
    const created = await createCharge(
      defexa.create(defexa.settingsSchema.parse(settings), { account: 'main', state }),
    );
    mockPaidCharge();
    const withoutState = instance();
    const { events } = await withoutState.parseWebhook(
      { rawBody: callback, headers: {} },
      { ...webhookContext, state },
    );
    expect(events[0]?.data).toMatchObject({ id: created.id, reference: 'order-31' });
  });

  it('keeps the asked amount of a deposit address, not process memory', async () => {
    const state = accountStateOf(createMemoryStore(), 'main');
    nock(BASE_URL)
      .post('/api/v1/payments')
      .reply(200, { currency: 'ETH', customer: { uid: 'cust-9', address: 'ADDR-9' } });
    const created = await instance(state).createPayment({
      reference: 'dep-9',
      amount: { amount: '0.25', currency: 'ETH' },
      flow: 'deposit_address',
      customer: { id: 'cust-9' },
    });
    const scope = nock(BASE_URL);
    mockLogin(scope);
    scope.get('/api/v1/da/invoices').query(true).reply(200, { success: true, invoices: [] });
    expect(await instance(state).getPayment(created.id)).toMatchObject({
      id: created.id,
      status: 'requires_payment',
      amount: { amount: '0.25', currency: 'ETH' },
      payIn: { address: 'ADDR-9' },
    });
  });
});
