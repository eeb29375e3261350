import * as core from '@paymux/core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as client from './index';

// A merchant's app under pnpm's strict layout can import only @paymux/client: every error class and
// the model it handles must come from there, as the very same values as core's.
describe('@paymux/client re-exports what a merchant handles', () => {
  it('exports every core error class, the same class object', () => {
    const exported = client as unknown as Record<string, unknown>;
    for (const [name, errorClass] of Object.entries(core.errorClasses)) {
      expect(exported[name], name).toBe(errorClass);
    }
    expect(client.errorClasses).toBe(core.errorClasses);
  });

  it('recognises an error thrown by core with the re-exported classes', () => {
    const error = new core.TimeoutError('took too long', { provider: 'main' });
    expect(client.NetworkError.is(error)).toBe(true);
    expect(error).toBeInstanceOf(client.PaymuxError);
  });

  it('exports the status lists and decimal helpers', () => {
    expect(client.paymentStatuses).toBe(core.paymentStatuses);
    expect(client.payoutStatuses).toBe(core.payoutStatuses);
    expect(client.refundStatuses).toBe(core.refundStatuses);
    expect(client.finalPaymentStatuses.has('succeeded')).toBe(true);
    expect(client.decimal.add('0.10', '0.20')).toBe('0.3');
    expect(client.money('1.50', 'EUR')).toEqual({ amount: '1.50', currency: 'EUR' });
  });

  it('exports the model types as core defines them', () => {
    expectTypeOf<client.Payment>().toEqualTypeOf<core.Payment>();
    expectTypeOf<client.Payout>().toEqualTypeOf<core.Payout>();
    expectTypeOf<client.Refund>().toEqualTypeOf<core.Refund>();
    expectTypeOf<client.WebhookEvent>().toEqualTypeOf<core.WebhookEvent>();
    expectTypeOf<client.Money>().toEqualTypeOf<core.Money>();
    expectTypeOf<client.PaymentStatus>().toEqualTypeOf<core.PaymentStatus>();
    expectTypeOf<client.PayoutStatus>().toEqualTypeOf<core.PayoutStatus>();
    expectTypeOf<client.RefundStatus>().toEqualTypeOf<core.RefundStatus>();
    expectTypeOf<client.CreatePaymentInput>().toEqualTypeOf<core.CreatePaymentInput>();
    expectTypeOf<client.PaymuxErrorCode>().toEqualTypeOf<core.PaymuxErrorCode>();
  });
});
