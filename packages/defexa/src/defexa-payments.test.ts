import { decodeCompositeId, type Payment, ValidationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeDefexaPaymentId, encodeDefexaPaymentId, encodeLegacyDefexaPaymentId } from './defexa-ids';
import {
  defexaScope,
  fixture,
  hostToHostAnswer,
  mockLogin,
  SEED_SESSION,
  TEST_KEY,
  testProvider,
} from '../test/defexa-test-support';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

const chargeRequest = fixture<Record<string, string | number>>('charge-request.json');

describe('createPayment, hosted (POST /api/v1/charge)', () => {
  it('sends the seed charge with the reference as shop_order_id and returns the checkout URL', async () => {
    const { scope, seen } = defexaScope();
    scope.post('/api/v1/charge').reply(200, fixture('charge-response.json'));
    const provider = testProvider({ logoUrl: chargeRequest.logo_url as string });
    const payment = await provider.createPayment({
      reference: 'order-1',
      amount: { amount: '10', currency: 'ALGO' },
      webhookUrl: chargeRequest.callback_url as string,
      returnUrl: chargeRequest.redirect_success_url as string,
      cancelUrl: chargeRequest.redirect_fail_url as string,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.path).toBe('/api/v1/charge');
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(seen[0]?.body).toBe(JSON.stringify({ ...chargeRequest, shop_order_id: 'order-1' }));
    expect(payment).toMatchObject({
      provider: 'unit',
      providerType: 'defexa',
      reference: 'order-1',
      flow: 'hosted',
      status: 'requires_payment',
      rawStatus: 'init',
      amount: { amount: '10', currency: 'ALGO' },
      checkoutUrl: 'https://crypto.payments.defexa.io/charge_requests?...',
      amountDelta: 'none',
      transfers: [],
    });
    expect(decodeDefexaPaymentId(payment.id)).toMatchObject({
      kind: 'charge',
      reference: 'order-1',
      currency: 'ALGO',
    });
  });

  it.each([
    ['0.1', '0.1'],
    ['0.00000010', '0.0000001'],
    ['1.123456789012345678', '1.123456789012345678'],
  ])('writes the amount %s as the exact JSON number %s', async (amount, wire) => {
    const { scope, seen } = defexaScope();
    scope.post('/api/v1/charge').reply(200, fixture('charge-response.json'));
    await testProvider({ callbackUrl: 'https://shop.example/hook' }).createPayment({
      reference: 'order-2',
      amount: { amount, currency: 'ETH' },
      returnUrl: 'https://shop.example/done',
    });
    expect(seen[0]?.body.startsWith(`{"amount":${wire},"currency":"ETH"`)).toBe(true);
  });

  it.each([
    [{ returnUrl: undefined }, 'returnUrl'],
    [{ webhookUrl: undefined }, 'webhookUrl'],
    [{ amount: { amount: '10', currency: 'EUR' } }, 'amount.currency'],
    [{ amount: { amount: '-1', currency: 'ALGO' } }, 'amount.amount'],
    [{ amount: { amount: 10, currency: 'ALGO' } }, 'amount.amount'],
    [{ flow: 'tracking' }, 'flow'],
    [{ payWith: { symbol: 'BTC' } }, 'payWith'],
    [{ providerOptions: { defexa: { unknownOption: true } } }, 'providerOptions.defexa'],
    [{ providerOptions: { defexa: { autoexchange: true } } }, 'providerOptions.defexa.exchangeCurrency'],
    [{ surprise: 1 }, '(input)'],
    // Neither a charge nor a static address takes them: refused rather than silently dropped.
    [{ expiresInMinutes: 30 }, 'expiresInMinutes'],
    [{ description: 'Order 3' }, 'description'],
    [{ flow: 'deposit_address', customer: { id: 'c-1' }, expiresInMinutes: 30 }, 'expiresInMinutes'],
  ])('refuses %o before any request (field %s)', async (override, field) => {
    const { scope, seen } = defexaScope();
    scope.post('/api/v1/charge').reply(200, fixture('charge-response.json'));
    const input = {
      reference: 'order-3',
      amount: { amount: '10', currency: 'ALGO' },
      webhookUrl: 'https://shop.example/hook',
      returnUrl: 'https://shop.example/done',
      ...override,
    };
    const error = await testProvider()
      .createPayment(input as never)
      .catch((caught: unknown) => caught);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).field ?? '').toContain(field === '(input)' ? '' : field);
    expect(seen).toHaveLength(0);
  });
});

describe('createPayment, deposit_address (POST /api/v1/payments)', () => {
  it('sends the seed request and shows the static address', async () => {
    const { scope, seen } = defexaScope();
    scope.post('/api/v1/payments').reply(200, hostToHostAnswer(), { 'content-type': 'application/json' });
    const request = fixture<{ callbackUrl: string; customer: { uid: string } }>(
      'host-to-host-payment-request.json',
    );
    const payment = await testProvider().createPayment({
      reference: 'order-4',
      amount: { amount: '25', currency: 'ALGO' },
      payWith: { symbol: 'BTC', network: 'bitcoin' },
      flow: 'deposit_address',
      customer: { id: request.customer.uid },
      webhookUrl: request.callbackUrl,
    });
    expect(seen[0]?.path).toBe('/api/v1/payments');
    expect(seen[0]?.body).toBe(JSON.stringify(request));
    // The seed's answer is for ALGO whatever was asked: the adapter reports what Defexa gave.
    expect(payment).toMatchObject({
      flow: 'deposit_address',
      status: 'requires_payment',
      // The address is what every path (read-back, list, callback) knows of a static address.
      providerPaymentId: 'UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU',
      payIn: {
        asset: { symbol: 'ALGO', network: 'algorand' },
        address: 'UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU',
      },
    });
    // The asked amount stays out of the id: it is only what Defexa will never echo.
    expect(decodeDefexaPaymentId(payment.id)).toEqual({
      kind: 'deposit',
      reference: 'UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU',
      currency: 'ALGO',
      address: 'UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU',
    });
  });
});

function invoiceList(status: number | string, amount: number | string, extra: Record<string, unknown> = {}) {
  const list = fixture<{ invoices: Record<string, unknown>[] }>('invoices-list-response.json');
  return { ...list, invoices: [{ ...list.invoices[0], status, amount, ...extra }] };
}

describe('getPayment', () => {
  const chargeId = encodeDefexaPaymentId({
    kind: 'charge',
    reference: 'limited_invoice_7e5fb42d19d3fd0c00',
    currency: 'ALGO',
    amount: '13',
  });

  it('reads the invoice back by order number (the seed list), with an empty AML list', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/invoices').query(true).reply(200, fixture('invoices-list-response.json'));
    scope
      .get('/api/v1/da/aml_refunds')
      .query(true)
      .reply(200, { success: true, result: 0, status: 200, payments: [] });
    const payment = await testProvider().getPayment(chargeId);
    expect(seen[1]?.path).toBe(
      `/api/v1/da/invoices?session_token=${SEED_SESSION}&order_number=limited_invoice_7e5fb42d19d3fd0c00`,
    );
    expect(payment).toMatchObject({
      id: chargeId,
      providerPaymentId: 'limited_invoice_7e5fb42d19d3fd0c00',
      reference: 'limited_invoice_7e5fb42d19d3fd0c00',
      status: 'requires_payment',
      rawStatus: '0',
      amount: { amount: '13', currency: 'ALGO' },
      amountDelta: 'none',
    });
    // The id does not grow with what the read learnt (the invoice id stays in raw).
    expect(decodeDefexaPaymentId(payment.id).invoiceId).toBeUndefined();
  });

  it('reads an invoice by id with GET /api/v1/da/invoices/{id} (the seed feed), paid', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    const feed = fixture<{ feed: Record<string, unknown>[] }>('invoice-feed-response.json');
    scope
      .get('/api/v1/da/invoices/661')
      .query({ session_token: SEED_SESSION })
      .reply(200, { ...feed, feed: [{ ...feed.feed[0], status: 1 }] });
    scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
    const payment = await testProvider().getPayment(
      encodeLegacyDefexaPaymentId({ kind: 'invoice', reference: 'x', currency: 'ALGO', invoiceId: '661' }),
    );
    expect(payment).toMatchObject({
      status: 'succeeded',
      rawStatus: '1',
      received: { amount: '13', currency: 'ALGO' },
      amountDelta: 'exact',
      createdAt: '2023-03-14T12:50:05.966Z',
      updatedAt: '2023-03-14T12:50:05.977Z',
    });
  });

  it('reports a payment held by AML scoring as on_hold, with the transfer', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    const aml = fixture<{ payments: Record<string, unknown>[] }>('aml-refunds-response.json');
    const orderNumber = aml.payments[0]!.order_number as string;
    scope
      .get('/api/v1/da/invoices')
      .query(true)
      .reply(200, invoiceList(0, 10.0, { order_number: orderNumber }));
    scope.get('/api/v1/da/aml_refunds').query(true).reply(200, aml);
    const payment = await testProvider().getPayment(
      encodeDefexaPaymentId({ kind: 'charge', reference: 'r', currency: 'ALGO', orderNumber }),
    );
    expect(payment.status).toBe('on_hold');
    expect(payment.rawStatus).toBe('aml_pending');
    expect(payment.received).toEqual({ amount: '10', currency: 'ALGO' });
    expect(payment.transfers[0]).toMatchObject({
      txid: 'PLPYDH4JEMFZA',
      from: expect.stringMatching(/^GD64/),
    });
    // The AML record echoes a merchant_private_key field: it never reaches `raw`.
    expect(JSON.stringify(payment.raw)).not.toContain('88617d07b9acfda9501c');
  });

  it.each([
    [0.1, '0.1'],
    [1e-7, '0.0000001'],
    ['0.000000000000000001', '0.000000000000000001'],
  ])('keeps the amount %s exact (%s)', async (amount, expected) => {
    const { scope } = defexaScope();
    mockLogin(scope);
    // The amount goes on the wire as a bare JSON number, written from its text.
    const body = JSON.stringify(invoiceList(1, '__AMOUNT__', { target_amount: null })).replace(
      '"__AMOUNT__"',
      typeof amount === 'string' ? amount : String(amount),
    );
    scope.get('/api/v1/da/invoices').query(true).reply(200, body, { 'content-type': 'application/json' });
    scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
    const payment = await testProvider().getPayment(
      encodeDefexaPaymentId({
        kind: 'charge',
        reference: 'limited_invoice_7e5fb42d19d3fd0c00',
        currency: 'ALGO',
      }),
    );
    expect(payment.amount.amount).toBe(expected);
    expect(payment.received?.amount).toBe(expected);
  });

  it('a missing invoice is NotFoundError; an unknown status is kept as unknown', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/invoices').query(true).reply(200, { success: true, invoices: [] });
    await expect(testProvider().getPayment(chargeId)).rejects.toMatchObject({ code: 'not_found' });
    const second = defexaScope();
    mockLogin(second.scope);
    second.scope.get('/api/v1/da/invoices').query(true).reply(200, invoiceList(7, 13));
    second.scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
    const payment: Payment = await testProvider().getPayment(chargeId);
    expect(payment.status).toBe('unknown');
    expect(payment.rawStatus).toBe('7');
  });

  it('a deposit address with no deposit yet is still waiting for payment', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope
      .get('/api/v1/da/invoices')
      .query({ session_token: SEED_SESSION })
      .reply(200, fixture('invoices-list-response.json'));
    // A version 1 id still carries the asked amount.
    const id = encodeLegacyDefexaPaymentId({
      kind: 'deposit',
      reference: 'order-4',
      currency: 'ALGO',
      amount: '25',
      customerUid: 'uid-1',
      address: 'UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU',
    });
    const payment = await testProvider().getPayment(id);
    expect(payment).toMatchObject({
      id: encodeDefexaPaymentId({
        kind: 'deposit',
        reference: 'x',
        currency: 'ALGO',
        address: 'UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU',
      }),
      status: 'requires_payment',
      flow: 'deposit_address',
      amount: { amount: '25', currency: 'ALGO' },
      amountDelta: 'none',
    });
    expect(payment.payIn?.address).toBe('UM54Q23FAFZ4TL2SWHXW72AOGCPKTUKKM2IQN55N7YSQIVPJZAS2ZCFOQU');
  });

  it('refuses an id paymux did not make, before any request', async () => {
    const { seen } = defexaScope();
    await expect(testProvider().getPayment('not-an-id')).rejects.toMatchObject({
      code: 'validation_error',
      field: 'id',
    });
    expect(seen).toHaveLength(0);
    expect(decodeCompositeId('dfx', chargeId)).toMatchObject({ k: 'h' });
  });
});

describe('listPayments', () => {
  it('lists the invoices by order number and type', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/invoices').query(true).reply(200, fixture('invoices-list-response.json'));
    scope.get('/api/v1/da/aml_refunds').query(true).reply(200, { success: true, payments: [] });
    const page = await testProvider().listPayments({
      reference: 'limited_invoice_7e5fb42d19d3fd0c00',
      providerOptions: { defexa: { typeName: 'SINGLE' } },
    });
    expect(seen[1]?.path).toBe(
      `/api/v1/da/invoices?session_token=${SEED_SESSION}&type_name=SINGLE&order_number=limited_invoice_7e5fb42d19d3fd0c00`,
    );
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      reference: 'limited_invoice_7e5fb42d19d3fd0c00',
      status: 'requires_payment',
    });
    expect(page.nextCursor).toBeUndefined();
  });
});
