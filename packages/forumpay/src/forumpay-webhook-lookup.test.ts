import { createMemoryAccountState, WebhookVerificationError } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { FAKE_SECRET, FAKE_USER, SEED_BASE_URL, seedResponse } from './__fixtures__/forumpay-fixtures';
import { seedScope, useNock } from './__fixtures__/forumpay-test-provider';
import { encodeForumpayPaymentId } from './forumpay-payment-id';
import { createForumpay } from './forumpay-provider';

useNock();

const paymentId = '123e4567-e89b-12d3-a456-426614174000';
const address = '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69';
const now = () => new Date('2030-01-01T00:00:00.000Z');
const [seedTransaction] = seedResponse<Record<string, unknown>[]>('get-transactions');
const confirmed = { ...seedResponse('check-payment'), state: 'confirmed', payment: '0.00668125' };
const checkQuery = { pos_id: 'POS1', currency: 'BTC', payment_id: paymentId, address };
/** The seed's notification: no address. */
const seedNotification = {
  event: 'payment.confirmed',
  payment_id: paymentId,
  pos_id: 'POS1',
  status: 'confirmed',
  amount: '0.00701648',
  currency: 'BTC',
  timestamp: '2024-01-15T10:30:00Z',
};

function provider(state = createMemoryAccountState()) {
  return createForumpay(
    {
      user: FAKE_USER,
      secret: FAKE_SECRET,
      posId: 'POS1',
      baseUrl: SEED_BASE_URL,
      retry: { maxAttempts: 1 },
    },
    { account: 'pos', now, state },
  );
}

function otherTransactions(count: number, from: number) {
  return Array.from({ length: count }, (_, index) => ({
    ...seedTransaction,
    payment_id: `other-${from + index}`,
    address: `addr-${from + index}`,
  }));
}

function mockStart(reference: string) {
  seedScope().get('/v2/GetRate/').query(true).reply(200, seedResponse('get-rate'));
  seedScope()
    .post('/v2/StartPayment/')
    .reply(200, { ...seedResponse('start-payment'), reference_no: reference });
}

const refused = (error: unknown) =>
  WebhookVerificationError.is(error) && !(error as WebhookVerificationError).retryable;

describe('forumpay webhook: finding the notified payment', () => {
  it('finds a payment older than the newest 100 transactions by paging on', async () => {
    seedScope()
      .get('/v2/GetTransactions/')
      .query({ pos_id: 'POS1', offset: '0', limit: '100' })
      .reply(200, { invoices: otherTransactions(100, 0) });
    seedScope()
      .get('/v2/GetTransactions/')
      .query({ pos_id: 'POS1', offset: '100', limit: '100' })
      .reply(200, { invoices: [...otherTransactions(3, 100), seedTransaction] });
    seedScope().get('/v2/CheckPayment/').query(checkQuery).reply(200, confirmed);
    const { events } = await provider().parseWebhook(
      { rawBody: JSON.stringify(seedNotification), headers: {} },
      { now },
    );
    expect(events[0]).toMatchObject({
      type: 'payment.succeeded',
      data: { id: encodeForumpayPaymentId({ paymentId, currency: 'BTC', address }) },
    });
  });

  it('keeps paging past a short page (a server may cap the page size) until an empty one', async () => {
    seedScope()
      .get('/v2/GetTransactions/')
      .query({ pos_id: 'POS1', offset: '0', limit: '100' })
      .reply(200, otherTransactions(50, 0));
    seedScope()
      .get('/v2/GetTransactions/')
      .query({ pos_id: 'POS1', offset: '50', limit: '100' })
      .reply(200, []);
    await expect(
      provider().parseWebhook({ rawBody: JSON.stringify(seedNotification), headers: {} }, { now }),
    ).rejects.toSatisfy(refused);
  });

  it('uses the lookup createPayment stored in the account state, shared by another instance', async () => {
    const state = createMemoryAccountState();
    mockStart('12-23-456');
    await provider(state).createPayment({
      reference: '12-23-456',
      amount: { amount: '48.25', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
    });
    // Only CheckPayment: no search, though the notification names neither address nor currency.
    seedScope().get('/v2/CheckPayment/').query(checkQuery).reply(200, confirmed);
    const { events } = await provider().parseWebhook(
      { rawBody: JSON.stringify({ payment_id: paymentId }), headers: {} },
      { now, state },
    );
    expect(events[0]).toMatchObject({ type: 'payment.succeeded', data: { payIn: { address } } });
  });

  it('still returns the started payment when the account state cannot be written', async () => {
    const broken = {
      ...createMemoryAccountState(),
      set: async () => {
        throw new Error('store down');
      },
    };
    mockStart('12-23-456');
    const payment = await provider(broken).createPayment({
      reference: '12-23-456',
      amount: { amount: '48.25', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
    });
    expect(payment.payIn?.address).toBe(address);
  });

  it('remembers a payment it had to search for, so the next notification reads it directly', async () => {
    const state = createMemoryAccountState();
    seedScope().get('/v2/GetTransactions/').query(true).reply(200, [seedTransaction]);
    seedScope().get('/v2/CheckPayment/').query(checkQuery).times(2).reply(200, confirmed);
    const account = provider(state);
    const request = { rawBody: JSON.stringify(seedNotification), headers: {} };
    await account.parseWebhook(request, { now });
    const again = await account.parseWebhook(request, { now });
    expect(again.events).toHaveLength(1);
  });

  it.each([
    ['currency', { currency: 'ETH' }],
    ['pos_id', { pos_id: 'OTHER-POS' }],
    ['address', { address: 'bc1qsomeoneelse' }],
    ['reference_no', { reference_no: 'not-the-order' }],
  ])('refuses a notification whose %s disagrees with ForumPay', async (_field, change) => {
    const state = createMemoryAccountState();
    mockStart('12-23-456');
    await provider(state).createPayment({
      reference: '12-23-456',
      amount: { amount: '48.25', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
    });
    seedScope().get('/v2/CheckPayment/').query(checkQuery).reply(200, confirmed);
    await expect(
      provider(state).parseWebhook(
        { rawBody: JSON.stringify({ ...seedNotification, ...change }), headers: {} },
        { now },
      ),
    ).rejects.toSatisfy(refused);
  });

  it('refuses when CheckPayment reports another currency than the payment was found with', async () => {
    seedScope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, { ...confirmed, currency: 'LTC' });
    await expect(
      provider().parseWebhook(
        { rawBody: JSON.stringify({ payment_id: paymentId, currency: 'BTC', address }), headers: {} },
        { now },
      ),
    ).rejects.toSatisfy(refused);
  });
});
