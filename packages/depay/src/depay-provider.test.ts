import {
  ConfigurationError,
  DuplicateReferenceError,
  type PaymuxError,
  paymentSchema,
  ProviderResponseError,
  UnsupportedOperationError,
  ValidationError,
} from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDepay,
  fixtureJson,
  fixtureText,
  HOST,
  signedJsonHeaders,
  TEST_API_KEY,
} from './__fixtures__/depay-test-setup';
import { depayFailedReasons } from './depay-api';
import { createDepay, depayCapabilities, plugin } from './depay-provider';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

const seedRequest = fixtureJson('create-payment-request.json');

/** The unified input that describes the seed's example tracking. */
function seedInput(overrides: Record<string, unknown> = {}) {
  return {
    reference: 'order-822',
    amount: { amount: '822.5', currency: 'XYZ' },
    payWith: { symbol: 'XYZ', network: 'ethereum', contract: '0xa0bed124a09ac2bd941b10349d8d224fe3c955eb' },
    webhookUrl: 'https://webhook.site/4d4cd30f-d393-40f0-b909-85578a722ad7',
    returnUrl: 'https://example.com/continue/after/74417770-e6ac-4ae8-b027-0657600d7bad',
    providerOptions: {
      depay: {
        transaction: '0xd4a9424440f6010af1bec311dda4e23d4f0016f4cc215da84a41650150ecb8b7',
        sender: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
        nonce: 1,
        afterBlock: 13609144,
        confirmations: 13,
        receiver: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
        uuid: '74417770-e6ac-4ae8-b027-0657600d7bad',
        payload: { somekey: 'somevalue' },
      },
    },
    ...overrides,
  };
}

const paymuxPayload = { reference: 'order-822', amount: '822.5', currency: 'XYZ', symbol: 'XYZ' };

function trackingBody(overrides: Record<string, unknown>): string {
  return JSON.stringify({ ...fixtureJson('get-payment-response.json'), ...overrides });
}

describe('createPayment', () => {
  it('sends the seed request (plus paymux payload) and maps the seed response', async () => {
    const provider = createTestDepay();
    let sent: unknown;
    let apiKey: unknown;
    nock(HOST)
      .post('/v2/payments')
      .reply(function (_uri, body) {
        sent = body;
        apiKey = this.req.headers['x-api-key'];
        return [201, fixtureText('create-payment-response.json'), { 'content-type': 'application/json' }];
      });
    const payment = await provider.createPayment(seedInput());

    expect(apiKey).toBe(TEST_API_KEY);
    expect(sent).toEqual({ ...seedRequest, payload: { somekey: 'somevalue', paymux: paymuxPayload } });
    expect(paymentSchema.parse(payment)).toBeTruthy();
    expect(payment).toMatchObject({
      id: '74417770-e6ac-4ae8-b027-0657600d7bad',
      providerPaymentId: '74417770-e6ac-4ae8-b027-0657600d7bad',
      provider: 'wallet',
      providerType: 'depay',
      reference: 'order-822',
      flow: 'tracking',
      status: 'processing',
      rawStatus: 'pending',
      amount: { amount: '822.5', currency: 'XYZ' },
      payIn: {
        asset: { symbol: 'XYZ', network: 'ethereum', contract: '0xa0bed124a09ac2bd941b10349d8d224fe3c955eb' },
        address: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
        amount: { amount: '822.5', currency: 'XYZ' },
      },
      amountDelta: 'none',
      createdAt: '2021-11-25T11:17:13.833Z',
      expiresAt: '2021-11-26T11:17:13.833Z',
    });
    expect(payment.transfers).toEqual([
      {
        txid: '0xd4a9424440f6010af1bec311dda4e23d4f0016f4cc215da84a41650150ecb8b7',
        amount: { amount: '822.5', currency: 'XYZ' },
        from: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
        to: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
      },
    ]);
    expect(payment.raw).toMatchObject({ token: '0xa0bed124a09ac2bd941b10349d8d224fe3c955eb', nonce: 1 });
  });

  it('fills token, receiver, confirmations and uuid from the asset, wallets and idempotency key', async () => {
    const provider = createTestDepay();
    const bodies: Record<string, unknown>[] = [];
    nock(HOST)
      .post('/v2/payments')
      .times(3)
      .reply((_uri, body) => {
        bodies.push(body as Record<string, unknown>);
        return [201, JSON.stringify({ ...fixtureJson('create-payment-response.json'), ...(body as object) })];
      });
    const input = {
      reference: 'order-7',
      amount: { amount: '10.5', currency: 'usdt' },
      payWith: { symbol: 'USDT', network: 'bsc' },
      metadata: { cart: '42' },
      providerOptions: { depay: { transaction: '0xaaa', sender: '0xbbb', nonce: '7', afterBlock: '100' } },
    };
    const first = await provider.createPayment(input);
    await provider.createPayment(input);
    await provider.createPayment({
      ...input,
      providerOptions: { depay: { ...input.providerOptions.depay, transaction: '0xccc' } },
    });

    expect(bodies[0]).toMatchObject({
      blockchain: 'bsc',
      token: '0x55d398326f99059ff775485246999027b3197955',
      receiver: '0xe5f9c386c96912210d03a66b72a908b9b3706511',
      amount: '10.5',
      confirmations: 3,
      nonce: '7',
      after_block: '100',
      payload: {
        paymux: {
          reference: 'order-7',
          amount: '10.5',
          currency: 'usdt',
          symbol: 'USDT',
          metadata: { cart: '42' },
        },
      },
    });
    expect(bodies[0]).not.toHaveProperty('callback');
    expect(bodies[0]?.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bodies[1]?.uuid).toBe(bodies[0]?.uuid);
    expect(bodies[2]?.uuid).not.toBe(bodies[0]?.uuid);
    expect(first.metadata).toEqual({ cart: '42' });
    expect(first.payIn?.asset.symbol).toBe('USDT');
  });

  it('is retried after a 5xx with the same body (DePay deduplicates by uuid)', async () => {
    const provider = createTestDepay();
    const bodies: string[] = [];
    nock(HOST)
      .post('/v2/payments')
      .times(2)
      .reply((_uri, body) => {
        bodies.push(JSON.stringify(body));
        return bodies.length === 1
          ? [502, 'bad gateway']
          : [200, fixtureText('create-payment-response.json')];
      });
    const payment = await provider.createPayment(seedInput());
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(payment.status).toBe('processing');
  });

  it('refuses a 200 that returns another transaction under the same uuid', async () => {
    const provider = createTestDepay();
    nock(HOST)
      .post('/v2/payments')
      .reply(200, JSON.stringify({ ...fixtureJson('create-payment-response.json'), transaction: '0xother' }));
    await expect(provider.createPayment(seedInput())).rejects.toSatisfy((error) =>
      DuplicateReferenceError.is(error),
    );
  });

  const invalidCases: [string, Record<string, unknown>, string][] = [
    ['no providerOptions', { providerOptions: undefined }, 'providerOptions'],
    [
      'no transaction',
      { providerOptions: { depay: { sender: '0x1', nonce: 1, afterBlock: 1 } } },
      'providerOptions.depay.transaction',
    ],
    [
      'an unknown depay option',
      { providerOptions: { depay: { ...seedInput().providerOptions.depay, tx: 'x' } } },
      'providerOptions.depay.tx',
    ],
    ['an unknown top-level key', { amout: '1' }, 'amout'],
    ['a float amount', { amount: { amount: 822.5, currency: 'XYZ' } }, 'amount.amount'],
    ['no payWith', { payWith: undefined }, 'payWith'],
    ['no network', { payWith: { symbol: 'USDT' } }, 'payWith.network'],
    ['an unsupported network', { payWith: { symbol: 'TRX', network: 'tron' } }, 'payWith.network'],
    ['an unknown token without contract', { payWith: { symbol: 'ABC', network: 'bsc' } }, 'payWith.contract'],
    ['the hosted flow', { flow: 'hosted' }, 'flow'],
    [
      'a fiat amount without tokenAmount',
      { amount: { amount: '10', currency: 'EUR' } },
      'providerOptions.depay.tokenAmount',
    ],
    [
      'a fee amount without its receiver',
      { providerOptions: { depay: { ...seedInput().providerOptions.depay, feeAmount: '1.022' } } },
      'providerOptions.depay.feeReceiver',
    ],
  ];
  it.each(invalidCases)(
    'refuses %s with a ValidationError naming the field, before any request',
    async (_, change, field) => {
      const provider = createTestDepay({ wallets: [] });
      const error = await provider
        .createPayment(seedInput(change) as never)
        .catch((caught: unknown) => caught);
      expect(ValidationError.is(error)).toBe(true);
      expect((error as ValidationError).field).toBe(field);
      expect(nock.pendingMocks()).toEqual([]);
    },
  );

  it('needs a receiver when no wallet is configured for the chain', async () => {
    const provider = createTestDepay({ wallets: [] });
    const input = seedInput();
    const { receiver: _, ...withoutReceiver } = input.providerOptions.depay;
    const error = await provider
      .createPayment({ ...input, providerOptions: { depay: withoutReceiver } })
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).field).toBe('providerOptions.depay.receiver');
  });

  it('sends fee_amount and fee_receiver, and a fiat price with its token amount', async () => {
    const provider = createTestDepay();
    let sent: Record<string, unknown> = {};
    nock(HOST)
      .post('/v2/payments')
      .reply((_uri, body) => {
        sent = body as Record<string, unknown>;
        return [201, JSON.stringify({ ...fixtureJson('create-payment-response.json'), ...sent })];
      });
    const payment = await provider.createPayment(
      seedInput({
        amount: { amount: '9.99', currency: 'EUR' },
        providerOptions: {
          depay: {
            ...seedInput().providerOptions.depay,
            tokenAmount: '0.000000000000000001',
            feeAmount: '1.0220',
            feeReceiver: '0x4e260bB2b25EC6F3A59B478fCDe5eD5B8D783B02',
          },
        },
      }),
    );
    expect(sent).toMatchObject({
      amount: '0.000000000000000001',
      fee_amount: '1.0220',
      fee_receiver: '0x4e260bB2b25EC6F3A59B478fCDe5eD5B8D783B02',
    });
    expect(payment.amount).toEqual({ amount: '9.99', currency: 'EUR' });
    expect(payment.quote).toEqual({ amount: { amount: '0.000000000000000001', currency: 'XYZ' } });
  });
});

describe('getPayment', () => {
  it('maps the seed example (success)', async () => {
    const provider = createTestDepay();
    nock(HOST)
      .get('/v2/payments/45b55d24-60d0-45ba-9800-c61835494dc8-3')
      .reply(
        200,
        fixtureText('get-payment-response.json'),
        signedJsonHeaders(fixtureText('get-payment-response.json')),
      );
    const payment = await provider.getPayment('45b55d24-60d0-45ba-9800-c61835494dc8-3');
    expect(paymentSchema.parse(payment)).toBeTruthy();
    expect(payment).toMatchObject({
      id: '45b55d24-60d0-45ba-9800-c61835494dc8-3',
      reference: '45b55d24-60d0-45ba-9800-c61835494dc8-3',
      status: 'succeeded',
      rawStatus: 'success',
      amount: { amount: '1', currency: 'USDT' },
      received: { amount: '1', currency: 'USDT' },
      amountDelta: 'exact',
      confirmations: { current: 2, required: 2 },
      payIn: { asset: { symbol: 'USDT', network: 'bsc' } },
      updatedAt: '2022-01-25T14:01:04.775Z',
    });
    expect(payment.transfers[0]).toMatchObject({
      txid: '0x2c8db4f5a4b0cd18f0e5e9e060060753a1928e6b39cac3e24a686bba2700863d',
      confirmations: 2,
      seenAt: '2022-01-25T14:01:04.774Z',
    });
    expect(payment.expiresAt).toBeUndefined();
  });

  it.each(depayFailedReasons)('keeps failed_reason %s as failureReason', async (reason) => {
    const provider = createTestDepay();
    const body = trackingBody({
      uuid: 'abc-123',
      status: 'failed',
      failed_reason: reason,
      confirmed_at: null,
    });
    nock(HOST).get('/v2/payments/abc-123').reply(200, body, signedJsonHeaders(body));
    const payment = await provider.getPayment('abc-123');
    expect(payment.status).toBe(reason === 'TRACKING_TIMED_OUT' ? 'expired' : 'failed');
    expect(payment.failureReason).toBe(reason);
    expect(payment.transfers).toEqual([]);
    expect(payment.amountDelta).toBe('none');
  });

  it('reads the later API form: secret_id and string nonce/after_block', async () => {
    const provider = createTestDepay();
    const { uuid: _, ...withoutUuid } = fixtureJson('get-payment-response.json');
    const body = JSON.stringify({
      ...withoutUuid,
      secret_id: 'secret-1234567890',
      nonce: '15',
      after_block: '14466705',
      confirmations: '2',
    });
    nock(HOST).get('/v2/payments/secret-1234567890').reply(200, body, signedJsonHeaders(body));
    const payment = await provider.getPayment('secret-1234567890');
    expect(payment.id).toBe('secret-1234567890');
    expect(payment.confirmations).toEqual({ current: 2, required: 2 });
    expect(payment.raw).toMatchObject({ nonce: '15', after_block: '14466705' });
  });

  it('maps an unknown status to unknown, never guessing', async () => {
    const provider = createTestDepay();
    const body = trackingBody({ uuid: 'abc-123', status: 'refunded' });
    nock(HOST).get('/v2/payments/abc-123').reply(200, body, signedJsonHeaders(body));
    const payment = await provider.getPayment('abc-123');
    expect(payment.status).toBe('unknown');
    expect(payment.rawStatus).toBe('refunded');
  });

  it.each([
    ['0.1', '0.1'],
    ['1e-7', '0.0000001'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['123456789.123456789012345678', '123456789.123456789012345678'],
  ])('keeps the JSON number amount %s exact', async (jsonNumber, expected) => {
    const provider = createTestDepay();
    const body = trackingBody({ uuid: 'abc-123' }).replace('"amount":"1.00"', `"amount":${jsonNumber}`);
    expect(body).toContain(`"amount":${jsonNumber}`);
    nock(HOST).get('/v2/payments/abc-123').reply(200, body, signedJsonHeaders(body));
    const payment = await provider.getPayment('abc-123');
    expect(payment.amount.amount).toBe(expected);
    expect(payment.received?.amount).toBe(expected);
  });

  it('refuses a malformed id before any request', async () => {
    const provider = createTestDepay();
    const error = await provider.getPayment('../accounts').catch((caught: unknown) => caught);
    expect(ValidationError.is(error)).toBe(true);
  });

  it('turns an unexpected shape into a ProviderResponseError with an excerpt', async () => {
    const provider = createTestDepay();
    nock(HOST).get('/v2/payments/abc-123').reply(200, { status: 'success', oops: true });
    const error = await provider.getPayment('abc-123').catch((caught: unknown) => caught);
    expect(ProviderResponseError.is(error)).toBe(true);
    expect((error as PaymuxError).bodyExcerpt).toContain('oops');
  });
});

describe('provider shape', () => {
  it('throws UnsupportedOperationError for what DePay cannot do, before any I/O', async () => {
    const provider = createTestDepay();
    await expect(provider.createRefund({ paymentId: 'x' })).rejects.toSatisfy((error) =>
      UnsupportedOperationError.is(error),
    );
  });

  it('declares its limits and exposes a plugin', () => {
    expect(depayCapabilities.rateLimits).toEqual({
      requestsPerSecond: 10,
      inFlight: 10,
      requestsPerDay: 14_400,
      windowMarginMs: 250,
    });
    expect(plugin.type).toBe('depay');
    expect(plugin.secretFields).toContain('apiKey');
    const settings = plugin.settingsSchema.parse({ apiKey: TEST_API_KEY });
    expect(settings.environment).toBe('production');
    expect(plugin.create(settings, { account: 'shop' }).account).toBe('shop');
    expect(createDepay({ apiKey: TEST_API_KEY }).account).toBe('depay');
  });

  it('refuses bad settings with a ConfigurationError that shows no secret', () => {
    let error: unknown;
    try {
      createDepay({ apiKey: TEST_API_KEY, publicKey: 'not a key' });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigurationError.is(error)).toBe(true);
    expect(() => createDepay({ apiKey: TEST_API_KEY, extra: 1 } as never)).toThrow(/extra|Unrecognized/);
  });
});
