import { paymentStatuses, payoutStatuses } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import {
  defexaPaymentStatuses,
  defexaPayoutStatuses,
  mapDefexaPaymentStatus,
  mapDefexaPayoutStatus,
} from './map-defexa-status';

describe('Defexa status maps', () => {
  it.each([
    ['init', 'requires_payment'],
    ['pending', 'processing'],
    ['approved', 'succeeded'],
    ['declined', 'failed'],
    ['expired', 'expired'],
    ['0', 'requires_payment'],
    ['1', 'succeeded'],
    ['aml_pending', 'on_hold'],
  ])('payment %s → %s', (raw, unified) => {
    expect(mapDefexaPaymentStatus(raw)).toBe(unified);
  });

  it.each([
    ['pending', 'pending'],
    ['approved', 'succeeded'],
    ['declined', 'failed'],
    ['1', 'succeeded'],
  ])('payout %s → %s', (raw, unified) => {
    expect(mapDefexaPayoutStatus(raw)).toBe(unified);
  });

  it('never guesses: anything else is unknown', () => {
    for (const raw of ['APPROVED', '2', 'processing', '', 'constructor', '__proto__', undefined]) {
      expect(mapDefexaPaymentStatus(raw)).toBe('unknown');
      expect(mapDefexaPayoutStatus(raw)).toBe('unknown');
    }
  });

  it('maps only to unified statuses', () => {
    for (const status of Object.values(defexaPaymentStatuses)) expect(paymentStatuses).toContain(status);
    for (const status of Object.values(defexaPayoutStatuses)) expect(payoutStatuses).toContain(status);
  });
});
