import { AuthenticationError, paymentSchema, ProviderResponseError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import {
  FAKE_BASIC,
  FAKE_SECRET,
  fixtureJson,
  seedRequest,
  seedResponse,
} from './__fixtures__/forumpay-fixtures';
import {
  seedLookup,
  seedPaymentId,
  seedProvider as provider,
  seedScope as scope,
  useNock,
} from './__fixtures__/forumpay-test-provider';
import { encodeForumpayPaymentId } from './forumpay-payment-id';

useNock();

describe('forumpay getPayment (CheckPayment)', () => {
  it('decodes the id and sends the seed request', async () => {
    const expected = seedRequest('check-payment');
    scope().get(expected.path).query(expected.query).reply(200, seedResponse('check-payment'));
    const payment = await provider().getPayment(seedPaymentId);
    expect(paymentSchema.parse(payment)).toBeTruthy();
    expect(payment).toMatchObject({
      id: seedPaymentId,
      providerPaymentId: seedLookup.paymentId,
      reference: '12-23-456',
      status: 'requires_payment',
      rawStatus: 'waiting',
      amount: { amount: '48.25', currency: 'EUR' },
      payIn: { address: seedLookup.address, amount: { amount: '0.00668125', currency: 'BTC' } },
      amountDelta: 'none',
      confirmations: { current: 0, required: 0 },
    });
    expect(payment.received).toBeUndefined();
  });

  it("reads ForumPay's own CheckPayment response: strings for numbers, underpayment details", async () => {
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, fixtureJson('reference/checkPaymentResponse.json'));
    const payment = await provider().getPayment(seedPaymentId);
    expect(payment).toMatchObject({
      status: 'cancelled',
      rawStatus: 'cancelled',
      reference: '',
      amount: { amount: '222', currency: 'EUR' },
      received: { amount: '0.0004361', currency: 'BTC' },
      amountDelta: 'under',
      confirmations: { current: 0, required: 1 },
      createdAt: '2022-11-10T08:43:33.000Z',
      updatedAt: '2022-11-10T08:48:48.000Z',
    });
    expect(JSON.stringify(payment.raw)).not.toContain(
      'fz7RCsx3Vl5VwijzFfVy1TssSiD8V9f2c7CAjKEKPzO7YvjfTHXFI5TT5lg22tDa',
    );
  });

  it('reports an underpayment as requires_payment + under, with what is missing and where', async () => {
    const body = { ...fixtureJson<Record<string, unknown>>('reference/checkPaymentResponse.json') };
    Object.assign(body, {
      state: 'underpayment',
      status: 'Underpayment',
      payment: '0.00333323',
      cancelled: false,
    });
    scope().get('/v2/CheckPayment/').query(true).reply(200, body);
    const payment = await provider().getPayment(seedPaymentId);
    expect(payment).toMatchObject({
      status: 'requires_payment',
      amountDelta: 'under',
      received: { amount: '0.00333323', currency: 'BTC' },
      missing: { amount: '0.01333323', currency: 'BTC' },
      payIn: { address: 'btc-32d7e90b1ff241ab81a36e22696c0047', amount: { amount: '0.01333323' } },
    });
  });

  it('keeps amounts exact: JSON numbers 0.1, 1e-7 and 18 decimals', async () => {
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(
        200,
        '{"invoice_amount":0.1,"invoice_currency":"EUR","currency":"ETH","amount":1.123456789012345678,' +
          '"payment":1e-7,"confirmations":"3","min_confirmations":12,"state":"processing","status":"Processing"}',
        { 'content-type': 'application/json' },
      );
    const payment = await provider().getPayment(encodeForumpayPaymentId({ ...seedLookup, currency: 'ETH' }));
    expect(payment).toMatchObject({
      status: 'processing',
      amount: { amount: '0.1', currency: 'EUR' },
      quote: { amount: { amount: '1.123456789012345678', currency: 'ETH' } },
      received: { amount: '0.0000001', currency: 'ETH' },
      amountDelta: 'under',
      confirmations: { current: 3, required: 12 },
      payIn: { asset: { symbol: 'ETH', network: 'ethereum' } },
    });
  });

  it('reports an overpaid confirmed payment as succeeded + over', async () => {
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, {
        ...seedResponse('check-payment'),
        state: 'confirmed',
        confirmed: true,
        payment: '0.007',
      });
    await expect(provider().getPayment(seedPaymentId)).resolves.toMatchObject({
      status: 'succeeded',
      amountDelta: 'over',
    });
  });

  it('keeps an unknown state as unknown, never guessing', async () => {
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, { ...seedResponse('check-payment'), state: 'refunded' });
    await expect(provider().getPayment(seedPaymentId)).resolves.toMatchObject({
      status: 'unknown',
      rawStatus: 'refunded',
    });
  });

  it('refuses an id it did not make, before any request', async () => {
    await expect(provider().getPayment('123e4567-e89b-12d3-a456-426614174000')).rejects.toMatchObject({
      code: 'validation_error',
      field: 'id',
    });
  });

  it('reports an unexpected shape as ProviderResponseError with an excerpt', async () => {
    scope().get('/v2/CheckPayment/').query(true).reply(200, { hello: 'world' });
    const error = await provider()
      .getPayment(seedPaymentId)
      .catch((caught: unknown) => caught);
    expect(ProviderResponseError.is(error)).toBe(true);
    expect((error as ProviderResponseError).bodyExcerpt).toContain('hello');
  });

  it("maps the seed's error body with 401 to AuthenticationError, never showing the secret", async () => {
    scope().get('/v2/CheckPayment/').query(true).reply(401, seedResponse('error'));
    const error = await provider()
      .getPayment(seedPaymentId)
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.is(error)).toBe(true);
    expect(error).toMatchObject({ providerCode: '401', httpStatus: 401, provider: 'pos' });
    expect(JSON.stringify(error)).not.toContain(FAKE_SECRET);
    expect(JSON.stringify(error)).not.toContain(FAKE_BASIC.slice(6));
  });
});

describe('forumpay listPayments (GetTransactions)', () => {
  it('sends the seed request and reads the seed response (a bare array)', async () => {
    const expected = seedRequest('get-transactions');
    // The seed's example omits pos_id, but its text says every call requires it.
    scope()
      .get(expected.path)
      .query({ ...expected.query, pos_id: 'POS1' })
      .reply(200, seedResponse('get-transactions'));
    const page = await provider().listPayments({});
    expect(page.nextCursor).toBeUndefined();
    expect(page.items).toHaveLength(1);
    const [payment] = page.items;
    expect(paymentSchema.parse(payment)).toBeTruthy();
    expect(payment).toMatchObject({
      id: seedPaymentId,
      status: 'succeeded',
      rawStatus: 'confirmed',
      amount: { amount: '100', currency: 'EUR' },
      received: { amount: '0.01729569', currency: 'BTC' },
      amountDelta: 'exact',
      createdAt: '2020-03-27T11:00:00.000Z',
    });
    expect(JSON.stringify(payment?.raw)).not.toContain('XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX');
  });

  it("reads ForumPay's own { invoices } response, pages with a cursor and filters by reference", async () => {
    scope()
      .get('/v2/GetTransactions/')
      .query({ pos_id: 'POS1', offset: '4', limit: '2', reference_no: 'order-9' })
      .reply(200, fixtureJson('reference/getTransactionsResponse.json'));
    const page = await provider().listPayments({ limit: 2, cursor: '4', reference: 'order-9' });
    expect(page.nextCursor).toBe('6');
    expect(page.items.map((item) => [item.providerPaymentId, item.status, item.payIn?.address])).toEqual([
      ['8b6231f0-d9ff-4ee3-acd5-ccd6a25ead44', 'requires_payment', 'btc-793772d7f5a4463ea9737bb2d5c35204'],
      ['810a90b2-e780-4396-8bb7-36b01c492021', 'requires_payment', 'btc-10468a3d844846edb027b6f2c096c6e3'],
    ]);
  });

  it('drops entries naming another reference, should a copy of the API ignore reference_no', async () => {
    const [entry] = seedResponse<Record<string, unknown>[]>('get-transactions');
    scope()
      .get('/v2/GetTransactions/')
      .query({ pos_id: 'POS1', offset: '0', limit: '20', reference_no: 'order-1' })
      .reply(200, [
        { ...entry, reference_no: 'order-1' },
        { ...entry, reference_no: 'order-2' },
      ]);
    const page = await provider().listPayments({ reference: 'order-1' });
    expect(page.items.map((item) => item.reference)).toEqual(['order-1']);
  });

  it('refuses a cursor it did not make', async () => {
    await expect(provider().listPayments({ cursor: 'abc' })).rejects.toMatchObject({ field: 'cursor' });
  });
});
