import { AmbiguousOutcomeError, ProviderRejectedError, refundSchema } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { fixtureJson, seedRequest, seedResponse } from './__fixtures__/forumpay-fixtures';
import {
  acceptLookup,
  seedPaymentId,
  seedProvider as provider,
  seedScope as scope,
  useNock,
} from './__fixtures__/forumpay-test-provider';
import { encodeForumpayPaymentId } from './forumpay-payment-id';

useNock();

describe('forumpay cancelPayment, acceptUnderpayment, createRefund', () => {
  it('cancels with the seed request, then reads the payment back', async () => {
    const cancel = seedRequest('cancel-payment');
    scope().get(cancel.path).query(cancel.query).reply(200, seedResponse('cancel-payment'));
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, { ...seedResponse('check-payment'), state: 'cancelled', status: 'Cancelled' });
    const payment = await provider().cancelPayment({
      paymentId: seedPaymentId,
      reason: 'test',
    });
    expect(payment.status).toBe('cancelled');
  });

  it("reads ForumPay's own CancelPayment response and refuses cancelled: false", async () => {
    scope()
      .get('/v2/CancelPayment/')
      .query(true)
      .reply(200, fixtureJson('reference/cancelPaymentResponse.json'));
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, fixtureJson('reference/checkPaymentResponse.json'));
    await expect(
      provider().cancelPayment({
        paymentId: seedPaymentId,
        providerOptions: { forumpay: { reason: 'customer', comment: 'changed mind' } },
      }),
    ).resolves.toMatchObject({ status: 'cancelled' });
    scope().get('/v2/CancelPayment/').query(true).reply(200, { cancelled: false });
    await expect(provider().cancelPayment({ paymentId: seedPaymentId })).rejects.toSatisfy((error: unknown) =>
      ProviderRejectedError.is(error),
    );
  });

  it("accepts an underpayment with CheckPayment's amount, as the seed request shows", async () => {
    const accept = seedRequest('accept-payment');
    const underpaid = {
      ...seedResponse('check-payment'),
      invoice_amount: '48.25',
      amount: '0.04825000',
      payment: '0.01000000',
      state: 'underpayment',
    };
    scope().get('/v2/CheckPayment/').query(true).reply(200, underpaid);
    scope().get(accept.path).query(accept.query).reply(200, seedResponse('accept-payment'));
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, { ...underpaid, state: 'confirmed', confirmed: true });
    const payment = await provider().acceptUnderpayment({
      paymentId: encodeForumpayPaymentId(acceptLookup),
      providerOptions: { forumpay: { acceptedInvoiceAmount: '10.0' } },
    });
    expect(payment).toMatchObject({ status: 'succeeded', amountDelta: 'under' });
  });

  it('computes accepted_invoice_amount in proportion when not given, and never retries AcceptPayment', async () => {
    const underpaid = {
      ...seedResponse('check-payment'),
      invoice_amount: '48.25',
      amount: '0.04825000',
      payment: '0.01000000',
      state: 'underpayment',
    };
    scope().get('/v2/CheckPayment/').query(true).reply(200, underpaid);
    scope()
      .get('/v2/AcceptPayment/')
      .query((query) => query.accepted_amount === '0.01000000' && query.accepted_invoice_amount === '10.00')
      .once()
      .reply(503, 'busy');
    await expect(
      provider().acceptUnderpayment({ paymentId: encodeForumpayPaymentId(acceptLookup) }),
    ).rejects.toMatchObject({ code: 'provider_unavailable' });
  });

  it('refuses to accept when nothing was received', async () => {
    scope().get('/v2/CheckPayment/').query(true).reply(200, seedResponse('check-payment'));
    await expect(provider().acceptUnderpayment({ paymentId: seedPaymentId })).rejects.toSatisfy(
      (error: unknown) => ProviderRejectedError.is(error),
    );
  });

  it('refunds the open refund amount with the seed request', async () => {
    const refund = seedRequest('refund-payment');
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, {
        ...seedResponse('check-payment'),
        state: 'confirmed',
        refund_amount_opened: '0.01000000',
      });
    scope().get(refund.path).query(refund.query).reply(200, seedResponse('refund-payment'));
    const result = await provider().createRefund({
      paymentId: encodeForumpayPaymentId(acceptLookup),
      reference: 'refund-1',
      destination: { address: '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69' },
    });
    expect(refundSchema.parse(result)).toBeTruthy();
    expect(result).toMatchObject({
      status: 'pending',
      amount: { amount: '0.01', currency: 'BTC' },
      providerRefundId: acceptLookup.paymentId,
      destination: { address: '38wGZr2xLgbHWsYrsNCER1C9mZkNHwyd69' },
      raw: { wait_time: '120 minutes' },
    });
  });

  it('refuses a refund amount that differs from the open amount, or no destination', async () => {
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, { ...seedResponse('check-payment'), refund_amount_opened: '0.01' });
    await expect(
      provider().createRefund({
        paymentId: seedPaymentId,
        amount: { amount: '0.02', currency: 'BTC' },
        destination: { address: 'x1' },
      }),
    ).rejects.toMatchObject({ code: 'validation_error', field: 'amount.amount' });
    await expect(provider().createRefund({ paymentId: seedPaymentId })).rejects.toMatchObject({
      field: 'destination.address',
    });
    await expect(
      provider().createRefund({
        paymentId: seedPaymentId,
        amount: { amount: '1', currency: 'EUR' },
        destination: { address: 'x1' },
      }),
    ).rejects.toMatchObject({ field: 'amount.currency' });
  });

  it('never sends RefundPayment twice: a timeout is an ambiguous outcome', async () => {
    scope()
      .get('/v2/CheckPayment/')
      .query(true)
      .reply(200, { ...seedResponse('check-payment'), refund_amount_opened: '0.01' });
    scope()
      .get('/v2/RefundPayment/')
      .query(true)
      .once()
      .delay(300)
      .reply(200, seedResponse('refund-payment'));
    const error = await provider({ timeoutMs: 50 })
      .createRefund({ paymentId: seedPaymentId, destination: { address: 'x1' } })
      .catch((caught: unknown) => caught);
    expect(AmbiguousOutcomeError.is(error)).toBe(true);
  });
});
