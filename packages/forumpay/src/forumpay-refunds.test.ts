import { createMemoryAccountState, refundSchema, webhookEventSchema } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { FAKE_SECRET, FAKE_USER, SEED_BASE_URL, seedResponse } from './__fixtures__/forumpay-fixtures';
import { seedPaymentId, seedScope, useNock } from './__fixtures__/forumpay-test-provider';
import { createForumpay } from './forumpay-provider';
import { encodeForumpayRefundId, mapForumpayRefundStatus } from './forumpay-refund-mapper';

useNock();

const paymentId = '123e4567-e89b-12d3-a456-426614174000';
const address = '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69';
const now = () => new Date('2030-01-01T00:00:00.000Z');
const checkQuery = { pos_id: 'POS1', currency: 'BTC', payment_id: paymentId, address };
const confirmed = {
  ...seedResponse('check-payment'),
  state: 'confirmed',
  payment: '0.00668125',
  refund_amount_opened: '0.00668125',
};
const refunded = {
  ...confirmed,
  refund: '0.00668125',
  refund_status: 'Pending',
  refund_amount_opened: '0.00000000',
};
const notification = (event: string) =>
  JSON.stringify({ event, payment_id: paymentId, currency: 'BTC', address, pos_id: 'POS1' });

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

describe('forumpay refunds', () => {
  it('announces a refund as its own refund event, not as a repeat of the confirmation', async () => {
    const state = createMemoryAccountState();
    const account = provider(state);
    seedScope().get('/v2/CheckPayment/').query(checkQuery).reply(200, confirmed);
    const confirmation = await account.parseWebhook(
      { rawBody: notification('payment.confirmed'), headers: {} },
      { now },
    );
    seedScope().get('/v2/CheckPayment/').query(checkQuery).reply(200, confirmed);
    seedScope().get('/v2/RefundPayment/').query(true).reply(200, seedResponse('refund-payment'));
    const requested = await account.createRefund({
      paymentId: seedPaymentId,
      destination: { address: 'bc1qrefundtarget' },
    });
    seedScope().get('/v2/CheckPayment/').query(checkQuery).reply(200, refunded);
    const refundNotice = await account.parseWebhook(
      { rawBody: notification('payment.refunded'), headers: {} },
      { now },
    );
    const [paymentEvent, refundEvent] = refundNotice.events;
    // The payment itself did not change: the same id as before, which the client deduplicates.
    expect(paymentEvent?.id).toBe(confirmation.events[0]?.id);
    expect(refundEvent).toMatchObject({
      object: 'refund',
      type: 'refund.created',
      verifiedBy: 'refetch',
      data: {
        id: requested.id,
        paymentId: seedPaymentId,
        status: 'pending',
        rawStatus: 'Pending',
        amount: { amount: '0.00668125', currency: 'BTC' },
        destination: { address: 'bc1qrefundtarget' },
      },
    });
    expect(refundEvent?.id).toBe(`forumpay:refund:${paymentId}:Pending:0.00668125`);
    expect(refundEvent?.id).not.toBe(paymentEvent?.id);
    expect(webhookEventSchema.parse(refundEvent)).toBeTruthy();
  });

  it("reads the refund from GetTransactions when CheckPayment carries no refund fields (the seed's)", async () => {
    seedScope().get('/v2/CheckPayment/').query(checkQuery).reply(200, confirmed);
    const [entry] = seedResponse<Record<string, unknown>[]>('get-transactions');
    seedScope()
      .get('/v2/GetTransactions/')
      .query(true)
      .reply(200, [{ ...entry, refund: '0.01729569', refund_status: 'Completed' }]);
    const confirmedWithoutRefundKeys = { ...confirmed } as Record<string, unknown>;
    expect(Object.hasOwn(confirmedWithoutRefundKeys, 'refund')).toBe(false);
    const { events } = await provider().parseWebhook(
      { rawBody: notification('payment.refunded'), headers: {} },
      { now },
    );
    expect(events.map((event) => event.type)).toEqual(['payment.succeeded', 'refund.succeeded']);
  });

  it('makes a refund observable with getRefund', async () => {
    const id = encodeForumpayRefundId({
      paymentId,
      currency: 'BTC',
      address,
      addressOut: 'bc1qrefundtarget',
      amount: '0.00668125',
    });
    seedScope()
      .get('/v2/CheckPayment/')
      .query(checkQuery)
      .reply(200, { ...refunded, refund_status: 'Completed' });
    const refund = await provider().getRefund(id);
    expect(refundSchema.parse(refund)).toBeTruthy();
    expect(refund).toMatchObject({
      id,
      status: 'succeeded',
      rawStatus: 'Completed',
      amount: { amount: '0.00668125', currency: 'BTC' },
      destination: { address: 'bc1qrefundtarget' },
    });
  });

  it('maps refund statuses, keeping unknown ones unknown', () => {
    expect(mapForumpayRefundStatus(undefined)).toBe('pending');
    expect(mapForumpayRefundStatus('Pending')).toBe('pending');
    expect(mapForumpayRefundStatus('Completed')).toBe('succeeded');
    expect(mapForumpayRefundStatus('Rejected')).toBe('failed');
    expect(mapForumpayRefundStatus('mystery')).toBe('unknown');
  });

  it('refuses a refund id it did not make, before any request', async () => {
    await expect(provider().getRefund('fp_nope')).rejects.toMatchObject({ code: 'validation_error' });
  });
});
