import {
  AmbiguousOutcomeError,
  paymentSchema,
  ProviderRejectedError,
  quoteSchema,
  ValidationError,
} from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { fixtureJson, seedRequest, seedResponse } from './__fixtures__/forumpay-fixtures';
import {
  seedLookup,
  seedProvider as provider,
  seedScope as scope,
  useNock,
} from './__fixtures__/forumpay-test-provider';
import { decodeForumpayPaymentId } from './forumpay-payment-id';

useNock();

describe('forumpay getQuote (GetRate)', () => {
  it('sends the seed request and reads the seed response', async () => {
    const expected = seedRequest('get-rate');
    scope().get(expected.path).query(expected.query).reply(200, seedResponse('get-rate'));
    const quote = await provider().getQuote({
      amount: { amount: '48.25', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
      providerOptions: { forumpay: { acceptZeroConfirmations: true } },
    });
    expect(quoteSchema.parse(quote)).toBeTruthy();
    expect(quote).toMatchObject({
      provider: 'pos',
      from: { amount: '48.25', currency: 'EUR' },
      to: { amount: '0.00701726', currency: 'BTC' },
      rate: '6467.18',
      networkFee: { amount: '0.00000152', currency: 'BTC' },
    });
  });

  it('refuses a network the currency is not on, before any request', async () => {
    await expect(
      provider().getQuote({
        amount: { amount: '1', currency: 'EUR' },
        payWith: { symbol: 'BTC', network: 'ethereum' },
      }),
    ).rejects.toMatchObject({ code: 'validation_error', field: 'payWith.network' });
    await expect(
      provider().getQuote({
        amount: { amount: '1', currency: 'EUR' },
        payWith: { symbol: 'USDT', network: 'tron' },
      }),
    ).rejects.toMatchObject({ code: 'validation_error', field: 'payWith.network' });
  });

  it('knows token networks from the currencyNetworks setting', async () => {
    scope()
      .get('/v2/GetRate/')
      .query({ pos_id: 'POS1', invoice_currency: 'EUR', invoice_amount: '10', currency: 'USDT' })
      .reply(200, { ...seedResponse('get-rate'), currency: 'USDT' });
    const quote = await provider({ currencyNetworks: { USDT: 'tron' } }).getQuote({
      amount: { amount: '10', currency: 'EUR' },
      payWith: { symbol: 'usdt', network: 'tron' },
    });
    expect(quote.to.currency).toBe('USDT');
  });
});

describe('forumpay createPayment (GetRate + StartPayment)', () => {
  const seedInput = {
    reference: '12-23-456',
    amount: { amount: '48.25', currency: 'EUR' },
    payWith: { symbol: 'BTC' },
    customer: {
      ip: '1.1.1.1',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36',
    },
    providerOptions: { forumpay: { acceptZeroConfirmations: true } },
  };

  it('sends StartPayment as GET exactly as the seed shows, when configured so', async () => {
    const rate = seedRequest('get-rate');
    const start = seedRequest('start-payment');
    scope().get(rate.path).query(rate.query).reply(200, seedResponse('get-rate'));
    scope().get(start.path).query(start.query).reply(200, seedResponse('start-payment'));
    const payment = await provider({ startPaymentMethod: 'GET' }).createPayment(seedInput);
    expect(paymentSchema.parse(payment)).toBeTruthy();
    expect(payment).toMatchObject({
      provider: 'pos',
      providerType: 'forumpay',
      providerPaymentId: '123e4567-e89b-12d3-a456-426614174000',
      reference: '12-23-456',
      flow: 'deposit_address',
      status: 'requires_payment',
      rawStatus: 'waiting',
      amount: { amount: '48.25', currency: 'EUR' },
      quote: { rate: '6467.35', amount: { amount: '0.00701648', currency: 'BTC' } },
      payIn: {
        asset: { symbol: 'BTC', network: 'bitcoin' },
        address: '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69',
        amount: { amount: '0.00701648', currency: 'BTC' },
        uri: 'bitcoin:38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69?amount=0.00843504',
        qr: 'https://api.demoURL.com/api/qr/?d=bitcoin%3A38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69%3Famount%3D0.00701648',
      },
      amountDelta: 'none',
      transfers: [],
    });
    expect(decodeForumpayPaymentId(payment.id)).toEqual(seedLookup);
  });

  it('sends StartPayment as a POST form by default, with the exact body', async () => {
    const rate = seedRequest('get-rate');
    scope().get(rate.path).query(rate.query).reply(200, seedResponse('get-rate'));
    let sentBody: unknown;
    let contentType: unknown;
    scope()
      .post('/v2/StartPayment/')
      .reply(function reply(_uri, body) {
        sentBody = body;
        contentType = this.req.headers['content-type'];
        return [200, seedResponse('start-payment')];
      });
    await provider().createPayment({
      ...seedInput,
      webhookUrl: 'https://shop.example/hooks/forumpay',
      providerOptions: {
        forumpay: {
          acceptZeroConfirmations: true,
          autoAcceptUnderpayment: true,
          autoAcceptUnderpaymentMin: '5',
        },
      },
    });
    expect(contentType).toBe('application/x-www-form-urlencoded');
    expect(sentBody).toBe(
      'pos_id=POS1&invoice_currency=EUR&invoice_amount=48.25&currency=BTC&accept_zero_confirmations=true' +
        '&payment_id=123e4567-e89b-12d3-a456-426614174000&reference_no=12-23-456&payer_ip_address=1.1.1.1' +
        '&payer_user_agent=Mozilla%2F5.0+%28Windows+NT+10.0%3B+Win64%3B+x64%29+AppleWebKit%2F537.36' +
        '&auto_accept_underpayment=true&auto_accept_underpayment_min=5' +
        '&webhook_url=https%3A%2F%2Fshop.example%2Fhooks%2Fforumpay',
    );
  });

  it('adds locale and user to every call when configured', async () => {
    scope()
      .get('/v2/GetRate/')
      .query((query) => query.locale === 'en-GB' && query.user === 'cashier-1' && query.pos_id === 'WEB1')
      .reply(200, fixtureJson('reference/getRateResponse.json'));
    scope()
      .post('/v2/StartPayment/', (body) => body.locale === 'en-GB' && body.user === 'cashier-1')
      .reply(200, fixtureJson('reference/startPaymentResponse.json'));
    const payment = await provider({
      posId: 'WEB1',
      locale: 'en-GB',
      paymentUser: 'cashier-1',
    }).createPayment({
      reference: 'order-1',
      amount: { amount: '222.00', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
    });
    // ForumPay's own test response is of a payment that was cancelled: that is what it says.
    expect(payment).toMatchObject({
      status: 'cancelled',
      rawStatus: 'cancelled',
      amount: { amount: '222', currency: 'EUR' },
      confirmations: { current: 0, required: 1 },
    });
    expect(payment.checkoutUrl).toContain('https://example-pgw.forumpay.com/pay?merchant_id=');
    const raw = JSON.stringify(payment.raw);
    expect(raw).not.toContain('fz7RCsx3Vl5VwijzFfVy1TssSiD8V9f2c7CAjKEKPzO7YvjfTHXFI5TT5lg22tDa');
    expect(raw).not.toContain('eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9');
  });

  it('validates input before any request, naming the field', async () => {
    const forumpayProvider = provider();
    const cases: [unknown, string][] = [
      [{ ...seedInput, amount: { amount: 48.25, currency: 'EUR' } }, 'amount.amount'],
      [{ ...seedInput, payWith: undefined }, 'payWith'],
      [{ ...seedInput, flow: 'hosted' }, 'flow'],
      [{ ...seedInput, expiresInMinutes: 30 }, 'expiresInMinutes'],
      [{ ...seedInput, colour: 'red' }, 'colour'],
      [
        { ...seedInput, providerOptions: { forumpay: { webhookUrl: 'not a url' } } },
        'providerOptions.forumpay.webhookUrl',
      ],
      [
        { ...seedInput, providerOptions: { forumpay: { autoAcceptLate: true } } },
        'providerOptions.forumpay.autoAcceptLate',
      ],
    ];
    for (const [input, field] of cases) {
      const error = await forumpayProvider.createPayment(input as never).catch((caught: unknown) => caught);
      expect(ValidationError.is(error), JSON.stringify(input)).toBe(true);
      expect((error as ValidationError).field).toBe(field);
    }
  });

  it('lets other providers options pass untouched', async () => {
    const rate = seedRequest('get-rate');
    scope().get(rate.path).query(rate.query).reply(200, seedResponse('get-rate'));
    scope().post('/v2/StartPayment/').reply(200, seedResponse('start-payment'));
    await expect(
      provider().createPayment({
        ...seedInput,
        providerOptions: { ...seedInput.providerOptions, finrax: { x: 1 } },
      }),
    ).resolves.toMatchObject({ status: 'requires_payment' });
  });

  it('never sends StartPayment twice: a 502 after sending is an ambiguous outcome', async () => {
    const rate = seedRequest('get-rate');
    scope().get(rate.path).query(rate.query).reply(200, seedResponse('get-rate'));
    scope().post('/v2/StartPayment/').once().reply(502, 'Bad gateway');
    const error = await provider()
      .createPayment(seedInput)
      .catch((caught: unknown) => caught);
    expect(AmbiguousOutcomeError.is(error)).toBe(true);
    expect((error as AmbiguousOutcomeError).reference).toBe('12-23-456');
  });

  it('never sends StartPayment as GET twice either', async () => {
    const rate = seedRequest('get-rate');
    scope().get(rate.path).query(rate.query).reply(200, seedResponse('get-rate'));
    scope().get('/v2/StartPayment/').query(true).once().reply(500, { err: 'Internal error' });
    const error = await provider({ startPaymentMethod: 'GET' })
      .createPayment(seedInput)
      .catch((caught: unknown) => caught);
    expect(AmbiguousOutcomeError.is(error)).toBe(true);
  });

  it('maps an err body sent with HTTP 200 to a typed error', async () => {
    scope()
      .get('/v2/GetRate/')
      .query(true)
      .reply(200, { err: 'Invalid currency', err_code: 'INVALID_CURRENCY' });
    const error = await provider()
      .createPayment(seedInput)
      .catch((caught: unknown) => caught);
    expect(ProviderRejectedError.is(error)).toBe(true);
    expect(error).toMatchObject({ providerCode: 'INVALID_CURRENCY', httpStatus: 200 });
  });
});
