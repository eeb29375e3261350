import { paymentStatuses } from '@paymux/core';
import { describe, expect, it } from 'vitest';
import { depayFailedReasons, depayPaymentStatuses } from './depay-api';
import { depayStatusTable, mapDepayStatus } from './map-depay-status';

describe('DePay status map', () => {
  it('covers every DePay status with a unified one', () => {
    expect(Object.keys(depayStatusTable).sort()).toEqual([...depayPaymentStatuses].sort());
    for (const status of Object.values(depayStatusTable)) expect(paymentStatuses).toContain(status);
  });

  it('maps pending, success and failed', () => {
    expect(mapDepayStatus('pending')).toBe('processing');
    expect(mapDepayStatus('success')).toBe('succeeded');
    expect(mapDepayStatus('failed', 'AMOUNT_MISMATCH')).toBe('failed');
  });

  it('maps a timed-out tracking to expired and every other failure to failed', () => {
    for (const reason of depayFailedReasons) {
      expect(mapDepayStatus('failed', reason)).toBe(reason === 'TRACKING_TIMED_OUT' ? 'expired' : 'failed');
    }
  });

  it('never guesses an unknown status', () => {
    expect(mapDepayStatus('settled')).toBe('unknown');
    expect(mapDepayStatus('toString')).toBe('unknown');
    expect(mapDepayStatus('PENDING')).toBe('unknown');
  });
});
