import { paymentStatuses } from '@paymux/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  forumpayPaymentStates,
  forumpayRawStatus,
  forumpayStatusTable,
  mapForumpayStatus,
} from './map-forumpay-status';

describe('forumpay status map', () => {
  it('maps every documented state', () => {
    expect(
      Object.fromEntries(forumpayPaymentStates.map((state) => [state, mapForumpayStatus(state)])),
    ).toEqual({
      waiting: 'requires_payment',
      processing: 'processing',
      underpayment: 'requires_payment',
      blocked: 'on_hold',
      cancelled: 'cancelled',
      confirmed: 'succeeded',
    });
    expect(Object.keys(forumpayStatusTable).sort()).toEqual([...forumpayPaymentStates].sort());
  });

  it('maps anything else to unknown', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const status = mapForumpayStatus(raw);
        expect(paymentStatuses).toContain(status);
        if (!Object.hasOwn(forumpayStatusTable, raw)) expect(status).toBe('unknown');
      }),
    );
    expect(mapForumpayStatus(undefined)).toBe('unknown');
    expect(mapForumpayStatus('toString')).toBe('unknown');
  });

  it('reads the state, or a display status naming a state when there is no state', () => {
    expect(forumpayRawStatus('waiting', 'Waiting for transaction.')).toBe('waiting');
    expect(forumpayRawStatus(undefined, 'Confirmed')).toBe('confirmed');
    expect(forumpayRawStatus(undefined, 'Waiting for transaction.')).toBe('Waiting for transaction.');
    expect(forumpayRawStatus(undefined, undefined)).toBe('');
  });
});
