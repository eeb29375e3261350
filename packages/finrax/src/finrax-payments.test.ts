import {
  AmbiguousOutcomeError,
  DuplicateReferenceError,
  NotFoundError,
  paymentSchema,
  ValidationError,
} from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  captureRequests,
  fixtureText,
  paymentObject,
  TEST_API_KEY,
  TEST_BASE_URL,
  TEST_BUSINESS_ID,
  testProvider,
} from './__fixtures__/finrax-test-support';
import { finraxRefundId } from './finrax-ids';
import { listFinraxRefunds } from './finrax-payment-mapper';

const PAYMENT_ID = '2fcd3399-49d4-45e0-b995-7c489f43fe08';
const LIST_PATH = `/api/v1/businesses/${TEST_BUSINESS_ID}/payments`;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => {
  nock.cleanAll();
});

function createdResponse(overrides: Record<string, unknown> = {}) {
  return {
    paymentInfo: paymentObject({
      status: 'NEW',
      walletAddress: null,
      depositCurrency: null,
      expectedNetwork: null,
      expectedDepositAmount: null,
      paymentRequestedAt: null,
      ...overrides,
    }),
    paymentUrl: `https://pay.finrax.unit.test/deposit/${PAYMENT_ID}`,
  };
}

describe('createPayment', () => {
  it('creates a hosted payment priced in fiat, with the exact body Finrax expects', async () => {
    const scope = nock(TEST_BASE_URL).post('/api/v1/payments').reply(201, createdResponse());
    const requests = captureRequests(scope);
    const payment = await testProvider().createPayment({
      reference: 'test-payment-23-12-18-1',
      amount: { amount: '50.00', currency: 'EUR' },
      returnUrl: 'https://my-business.com/account?id=3423',
      expiresInMinutes: 10080,
      providerOptions: { finrax: { rateType: 'FLOATING', type: 'ONE_TIME' } },
    });
    expect(JSON.parse(requests[0]!.body)).toEqual({
      clientPaymentId: 'test-payment-23-12-18-1',
      businessId: TEST_BUSINESS_ID,
      locale: 'en-US',
      type: 'ONE_TIME',
      displayCurrency: 'EUR',
      displayAmount: '50.00',
      rateType: 'FLOATING',
      expirationMinutes: 10080,
      redirectUrl: 'https://my-business.com/account?id=3423',
    });
    expect(paymentSchema.parse(payment)).toEqual(payment);
    expect(payment).toMatchObject({
      id: PAYMENT_ID,
      provider: 'main',
      providerType: 'finrax',
      providerPaymentId: PAYMENT_ID,
      reference: 'test-payment-23-12-18-1',
      flow: 'hosted',
      status: 'requires_payment',
      rawStatus: 'NEW',
      // Finrax's "50.00" in canonical decimal form.
      amount: { amount: '50', currency: 'EUR' },
      checkoutUrl: `https://pay.finrax.unit.test/deposit/${PAYMENT_ID}`,
      amountDelta: 'none',
      transfers: [],
      createdAt: '2023-12-18T13:41:39.000Z',
    });
  });

  it('creates a deposit-address payment: POST, then the seed PATCH choosing currency and network', async () => {
    const scope = nock(TEST_BASE_URL)
      .post('/api/v1/payments')
      .reply(201, createdResponse())
      .patch(`/api/v1/payments/${PAYMENT_ID}`)
      .reply(200, fixtureText('finrax-submit-payment-response.json'), { 'content-type': 'application/json' });
    const requests = captureRequests(scope);
    const payment = await testProvider().createPayment({
      reference: 'test-payment-23-12-18-1',
      amount: { amount: '50', currency: 'EUR' },
      flow: 'deposit_address',
      payWith: { symbol: 'USDT', network: 'ethereum' },
    });
    expect(requests.map((request) => request.method)).toEqual(['POST', 'PATCH']);
    expect(JSON.parse(requests[0]!.body)).toMatchObject({
      depositCurrency: 'USDT',
      network: 'ETH',
      displayAmount: '50',
    });
    expect(requests[1]!.body).toBe('{"depositCurrency":"USDT","network":"ETH"}');
    expect(payment).toMatchObject({
      flow: 'deposit_address',
      status: 'requires_payment',
      rawStatus: 'PENDING',
      payIn: {
        asset: { symbol: 'USDT', network: 'ethereum' },
        address: '0x356c19d41921eb88C03308F31700C3F08cbD36D4',
        amount: { amount: '54.759355', currency: 'USDT' },
      },
      quote: { amount: { amount: '54.759355', currency: 'USDT' }, rate: '0.91308599' },
      amount: { amount: '50', currency: 'EUR' },
      expiresAt: '2023-12-25T14:27:26.000Z',
    });
  });

  it('prices a payment in crypto with depositAmount', async () => {
    const scope = nock(TEST_BASE_URL).post('/api/v1/payments').reply(201, createdResponse());
    const requests = captureRequests(scope);
    await testProvider().createPayment({
      reference: 'crypto-1',
      amount: { amount: '0.000000000000000001', currency: 'ETH' },
      payWith: { symbol: 'ETH', network: 'bsc' },
    });
    expect(JSON.parse(requests[0]!.body)).toMatchObject({
      depositCurrency: 'ETH',
      depositAmount: '0.000000000000000001',
      network: 'BSC',
    });
    expect(JSON.parse(requests[0]!.body)).not.toHaveProperty('displayAmount');
  });

  it.each([
    [{ amount: { amount: '10', currency: 'XYZ' } }, 'amount.currency'],
    [{ amount: { amount: 10, currency: 'EUR' } }, 'amount.amount'],
    [{ amount: { amount: '10', currency: 'EUR' }, flow: 'tracking' }, 'flow'],
    [{ amount: { amount: '10', currency: 'EUR' }, flow: 'deposit_address' }, 'payWith'],
    [{ amount: { amount: '10', currency: 'EUR' }, payWith: { symbol: 'DOGE' } }, 'payWith.symbol'],
    [
      { amount: { amount: '10', currency: 'EUR' }, payWith: { symbol: 'BTC', network: 'ethereum' } },
      'payWith.network',
    ],
    [
      { amount: { amount: '10', currency: 'EUR' }, providerOptions: { finrax: { rateType: 'SOMETIMES' } } },
      'providerOptions.finrax.rateType',
    ],
    [
      { amount: { amount: '10', currency: 'EUR' }, providerOptions: { finrax: { colour: 'red' } } },
      'providerOptions.finrax.colour',
    ],
    [{ amount: { amount: '10', currency: 'EUR' }, surprise: true }, 'surprise'],
  ])('refuses %j before any request (field %s)', async (extra, field) => {
    const error = await testProvider()
      .createPayment({ reference: 'bad-1', ...extra } as never)
      .catch((caught: unknown) => caught);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).field).toBe(field);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reconciles an ambiguous create through the list by client payment id', async () => {
    const scope = nock(TEST_BASE_URL)
      .post('/api/v1/payments')
      .reply(500, { requestId: 'r-500', message: 'Internal error' })
      .get(LIST_PATH)
      .query({ clientPaymentId: 'order-77' })
      .reply(200, {
        payments: [paymentObject({ clientPaymentId: 'order-77', status: 'NEW', walletAddress: null })],
      });
    const requests = captureRequests(scope);
    const payment = await testProvider().createPayment({
      reference: 'order-77',
      amount: { amount: '50', currency: 'EUR' },
    });
    expect(payment.reference).toBe('order-77');
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });

  it('throws AmbiguousOutcomeError when the list does not settle it, without a second POST', async () => {
    const scope = nock(TEST_BASE_URL)
      .post('/api/v1/payments')
      .reply(502, 'Bad gateway')
      .get(LIST_PATH)
      .query(true)
      .reply(200, { payments: [] });
    const requests = captureRequests(scope);
    const error = await testProvider()
      .createPayment({ reference: 'order-78', amount: { amount: '50', currency: 'EUR' } })
      .catch((caught: unknown) => caught);
    expect(AmbiguousOutcomeError.is(error)).toBe(true);
    expect((error as AmbiguousOutcomeError).reference).toBe('order-78');
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('reports a duplicate client payment id (409) as DuplicateReferenceError', async () => {
    nock(TEST_BASE_URL)
      .post('/api/v1/payments')
      .reply(409, { requestId: 'r-409', message: 'Payment already exists' });
    const error = await testProvider()
      .createPayment({ reference: 'dup-1', amount: { amount: '50', currency: 'EUR' } })
      .catch((caught: unknown) => caught);
    expect(DuplicateReferenceError.is(error)).toBe(true);
    expect((error as DuplicateReferenceError).providerCode).toBe('409');
  });
});

describe('getPayment', () => {
  const deposit = {
    id: '38d5decb-48aa-3d61-80f2-a0e57907845d',
    depositAmount: '60',
    depositCurrency: 'USDT',
    depositReceivedAt: 1702910000,
    displayAmount: '54.78',
    displayCurrency: 'EUR',
    fromAddress: '0x1111111111111111111111111111111111111111',
    toAddress: '0x356c19d41921eb88C03308F31700C3F08cbD36D4',
    transactionId: '0xabc',
    onChainFee: '0.1',
    refund: {
      type: 'PARTIAL',
      status: 'CONFIRMED',
      reason: 'OVERPAYMENT',
      amount: '5.240645',
      fee: '1',
      transactionId: '0xdef',
    },
  };

  it.each([
    ['NEW', '0', 'requires_payment', 'none'],
    ['PENDING', '20', 'requires_payment', 'under'],
    ['AWAITING', '54.759355', 'processing', 'exact'],
    ['DEPOSITED', '54.759355', 'succeeded', 'exact'],
    ['OVERPAID', '60', 'succeeded', 'over'],
    ['EXPIRED', '0', 'expired', 'none'],
    ['BLOCKED', '54.759355', 'on_hold', 'exact'],
    ['SOMETHING_NEW', '0', 'unknown', 'none'],
  ])('maps %s (received %s) to %s with amountDelta %s', async (status, actual, unified, delta) => {
    nock(TEST_BASE_URL)
      .get(`/api/v1/payments/${PAYMENT_ID}`)
      .reply(200, paymentObject({ status, actualDepositAmount: actual }));
    const payment = await testProvider().getPayment(PAYMENT_ID);
    expect(payment.status).toBe(unified);
    expect(payment.rawStatus).toBe(status);
    expect(payment.amountDelta).toBe(delta);
    if (delta === 'under') expect(payment.missing).toEqual({ amount: '34.759355', currency: 'USDT' });
  });

  it('counts an overpayment as exact when Finrax refunds the excess itself (EXCESS_REFUND)', async () => {
    nock(TEST_BASE_URL)
      .get(`/api/v1/payments/${PAYMENT_ID}`)
      .reply(
        200,
        paymentObject({
          status: 'OVERPAID',
          actualDepositAmount: '60',
          overpaymentPolicy: 'EXCESS_REFUND',
          deposits: [deposit],
        }),
      );
    const payment = await testProvider().getPayment(PAYMENT_ID);
    expect(payment).toMatchObject({
      status: 'succeeded',
      amountDelta: 'exact',
      received: { amount: '60', currency: 'USDT' },
    });
  });

  it('turns deposits into transfers and their refunds into refunds', async () => {
    nock(TEST_BASE_URL)
      .get(`/api/v1/payments/${PAYMENT_ID}`)
      .times(2)
      .reply(200, paymentObject({ status: 'OVERPAID', actualDepositAmount: '60', deposits: [deposit] }));
    const provider = testProvider();
    const payment = await provider.getPayment(PAYMENT_ID);
    expect(payment.transfers).toEqual([
      {
        txid: '0xabc',
        amount: { amount: '60', currency: 'USDT' },
        from: '0x1111111111111111111111111111111111111111',
        to: '0x356c19d41921eb88C03308F31700C3F08cbD36D4',
        seenAt: '2023-12-18T14:33:20.000Z',
      },
    ]);
    expect(payment.updatedAt).toBe('2023-12-18T14:33:20.000Z');
    expect(listFinraxRefunds(payment).map((item) => item.id)).toEqual([
      finraxRefundId(PAYMENT_ID, deposit.id),
    ]);
    const refund = await provider.getRefund(finraxRefundId(PAYMENT_ID, deposit.id));
    expect(refund).toMatchObject({
      paymentId: PAYMENT_ID,
      providerRefundId: deposit.id,
      status: 'succeeded',
      rawStatus: 'CONFIRMED',
      amount: { amount: '5.240645', currency: 'USDT' },
      destination: { address: '0x1111111111111111111111111111111111111111' },
      txid: '0xdef',
    });
  });

  it('keeps the answer as raw, redacted only where it echoes a secret', async () => {
    nock(TEST_BASE_URL)
      .get(`/api/v1/payments/${PAYMENT_ID}`)
      .times(2)
      .reply(200, paymentObject({ deposits: [deposit] }))
      .get(`/api/v1/payments/${PAYMENT_ID}`)
      .reply(
        200,
        paymentObject({ note: `signed by ${TEST_API_KEY}`, deposits: [{ ...deposit, signature: 'abc' }] }),
      );
    const provider = testProvider();
    const clean = await provider.getPayment(PAYMENT_ID);
    expect(clean.raw).toMatchObject({
      paymentId: PAYMENT_ID,
      deposits: [{ id: deposit.id, transactionId: '0xabc' }],
    });
    expect(JSON.stringify(clean.raw)).not.toContain('[REDACTED]');
    // Each read maps its own answer: two reads share no raw object.
    expect((await provider.getPayment(PAYMENT_ID)).raw).not.toBe(clean.raw);
    const echoing = await provider.getPayment(PAYMENT_ID);
    expect(echoing.raw).toMatchObject({
      note: 'signed by [REDACTED]',
      deposits: [{ id: deposit.id, signature: '[REDACTED]' }],
    });
    expect(JSON.stringify(echoing)).not.toContain(TEST_API_KEY);
  });

  it('says so when a deposit has no refund', async () => {
    nock(TEST_BASE_URL).get(`/api/v1/payments/${PAYMENT_ID}`).reply(200, paymentObject());
    const error = await testProvider()
      .getRefund(finraxRefundId(PAYMENT_ID, 'nope'))
      .catch((caught: unknown) => caught);
    expect(NotFoundError.is(error)).toBe(true);
  });

  it('refuses an empty id and a foreign refund id before any request', async () => {
    const provider = testProvider();
    await expect(provider.getPayment('')).rejects.toSatisfy((error) => ValidationError.is(error));
    await expect(provider.getRefund('pay_123')).rejects.toSatisfy((error) => ValidationError.is(error));
  });
});

describe('listPayments', () => {
  // This test once paged with `limit`, `descending` and `before`, parameters NOTES does not give
  // (a Finrax that ignores them would hand back the same page for every cursor): the list is read
  // with `clientPaymentId` alone and paged over its one answer.
  it('lists by reference with clientPaymentId alone, and pages over the one answer', async () => {
    const scope = nock(TEST_BASE_URL)
      .get(LIST_PATH)
      .query({ clientPaymentId: 'test-payment-23-12-18-1' })
      .reply(200, { payments: [paymentObject()] })
      .get(LIST_PATH)
      .times(2)
      .reply(200, [
        paymentObject({ paymentId: 'p-1', clientPaymentId: 'o-1' }),
        paymentObject({ paymentId: 'p-2', clientPaymentId: 'o-2' }),
        paymentObject({ paymentId: 'p-3', clientPaymentId: 'o-3' }),
      ]);
    const provider = testProvider();
    const byReference = await provider.listPayments({ reference: 'test-payment-23-12-18-1', limit: 1 });
    expect(byReference).toEqual({ items: [expect.objectContaining({ id: PAYMENT_ID })] });
    const first = await provider.listPayments({ limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual(['p-1', 'p-2']);
    const next = await provider.listPayments({ limit: 2, cursor: first.nextCursor });
    expect(next).toEqual({ items: [expect.objectContaining({ id: 'p-3' })] });
    expect(scope.isDone()).toBe(true);
    await expect(provider.listPayments({ cursor: 'x1' })).rejects.toMatchObject({ field: 'cursor' });
  });
});

describe('getQuote', () => {
  it('turns a deposit rate into a quote', async () => {
    nock(TEST_BASE_URL)
      .get('/api/v1/exchange/rates/deposit')
      .query({ fromCurrency: 'USDT', toCurrency: 'EUR' })
      .reply(200, [{ fromCurrency: 'USDT', toCurrency: 'EUR', rate: 0.9 }]);
    const quote = await testProvider().getQuote({
      amount: { amount: '45', currency: 'EUR' },
      payWith: { symbol: 'USDT', network: 'tron' },
    });
    expect(quote).toMatchObject({
      provider: 'main',
      from: { amount: '45', currency: 'EUR' },
      to: { amount: '50', currency: 'USDT' },
      rate: '0.9',
    });
  });

  it('reads the map form of rates too', async () => {
    nock(TEST_BASE_URL)
      .get('/api/v1/exchange/rates/deposit')
      .query(true)
      .reply(200, { BTC: { EUR: '40000' } });
    const quote = await testProvider().getQuote({
      amount: { amount: '100', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
    });
    expect(quote.to).toEqual({ amount: '0.0025', currency: 'BTC' });
  });
});
