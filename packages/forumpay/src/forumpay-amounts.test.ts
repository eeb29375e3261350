import { describe, expect, it } from 'vitest';
import { proportionalInvoiceAmount, rawText, resolveRefundAmount } from './forumpay-amounts';

describe('forumpay amounts', () => {
  it('echoes the text ForumPay wrote', () => {
    expect(rawText({ payment: ' 0.01000000 ' }, 'payment')).toBe('0.01000000');
    expect(rawText({ payment: 0.01 }, 'payment')).toBeUndefined();
    expect(rawText(null, 'payment')).toBeUndefined();
  });

  it('refunds the open amount, or the merchant amount when it matches', () => {
    expect(resolveRefundAmount(undefined, '0.01', '0.01000000')).toBe('0.01000000');
    expect(resolveRefundAmount('0.010', '0.01', '0.01000000')).toBe('0.01000000');
    expect(resolveRefundAmount('0.02', '0.01', '0.01000000')).toBeNull();
    expect(resolveRefundAmount('0.02', undefined, undefined)).toBe('0.02');
    expect(resolveRefundAmount(undefined, undefined, undefined)).toBeUndefined();
  });

  it('values what arrived in the invoice currency, rounded down', () => {
    expect(proportionalInvoiceAmount({ amount: '0.04825', invoice_amount: '48.25' }, '0.01', '48.25')).toBe(
      '10.00',
    );
    expect(proportionalInvoiceAmount({ amount: '3', invoice_amount: '10' }, '1', '10')).toBe('3.33');
    expect(proportionalInvoiceAmount({ amount: '0', invoice_amount: '10' }, '1', '10')).toBeUndefined();
    expect(proportionalInvoiceAmount({ invoice_amount: '10' }, '1', '10')).toBeUndefined();
  });
});
