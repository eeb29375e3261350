import { type DecimalString, decimal } from '@paymux/core';

/** The original text of an amount in a raw body, so an amount ForumPay compares is echoed as sent. */
export function rawText(raw: unknown, key: string): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const value = (raw as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The refund amount to send: the merchant's (which must equal the open amount when ForumPay
 * reports one), else the open amount as ForumPay wrote it. `undefined` when neither is known,
 * `null` when they differ.
 */
export function resolveRefundAmount(
  requested: DecimalString | undefined,
  opened: DecimalString | undefined,
  openedText: string | undefined,
): string | undefined | null {
  if (requested === undefined) return openedText ?? opened;
  if (opened !== undefined && !decimal.equals(requested, opened)) return null;
  return openedText ?? requested;
}

/** The fiat value of what arrived: the invoice amount in proportion, rounded down to its decimals. */
export function proportionalInvoiceAmount(
  check: { amount?: DecimalString | undefined; invoice_amount?: DecimalString | undefined },
  received: DecimalString,
  invoiceAmountText: string | undefined,
): string | undefined {
  if (check.amount === undefined || check.invoice_amount === undefined || decimal.isZero(check.amount)) {
    return undefined;
  }
  const scale = Math.max(2, invoiceAmountText?.split('.')[1]?.length ?? 0);
  const value = decimal.divide(decimal.multiply(check.invoice_amount, received), check.amount, scale + 6);
  return decimal.toFixed(value, scale, 'down');
}
