import { decimalStringSchema } from '@paymux/core';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });
const currencyCode = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/, 'must be a ForumPay currency code such as "BTC"');

/** Rate options shared by getQuote and createPayment (sent to GetRate and StartPayment). */
const rateOptionsShape = {
  /** The exact ForumPay currency code, when it differs from `payWith.symbol`. */
  currency: currencyCode.optional(),
  /** `accept_zero_confirmations`: confirm small payments without waiting for a block. */
  acceptZeroConfirmations: z.boolean().optional(),
  /** `require_kyt_for_confirmation`: confirm only after the KYT check succeeded. */
  requireKytForConfirmation: z.boolean().optional(),
  /** `wallet_app_id`. */
  walletAppId: z.string().min(1).max(128).optional(),
  /** `sid`. */
  sid: z.string().min(1).max(256).optional(),
};

/**
 * `providerOptions.forumpay` of `createPayment`: StartPayment's extra parameters. Where a unified
 * field says the same (`webhookUrl`, `returnUrl`, `cancelUrl`, `customer`), this wins.
 *
 * @example
 * provider.createPayment({ ...input, providerOptions: { forumpay: { autoAcceptUnderpayment: true, autoAcceptUnderpaymentMin: '5' } } });
 */
export const forumpayCreatePaymentOptionsSchema = z.strictObject({
  ...rateOptionsShape,
  /** `webhook_url`: where ForumPay notifies this payment's changes. */
  webhookUrl: url.optional(),
  /** `auto_accept_underpayment`. */
  autoAcceptUnderpayment: z.boolean().optional(),
  /** `auto_accept_underpayment_min`. */
  autoAcceptUnderpaymentMin: decimalStringSchema.optional(),
  /** `auto_accept_overpayment`. */
  autoAcceptOverpayment: z.boolean().optional(),
  /** `auto_accept_overpayment_max`. */
  autoAcceptOverpaymentMax: decimalStringSchema.optional(),
  /** `auto_accept_late_payment`. */
  autoAcceptLatePayment: z.boolean().optional(),
  /** `payer_email`. */
  payerEmail: z.email().optional(),
  /** `payer_id`. */
  payerId: z.string().min(1).max(128).optional(),
  /** `payer_ip_address`. */
  payerIpAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
  /** `payer_user_agent`. */
  payerUserAgent: z.string().min(1).max(1000).optional(),
  /** `on_success_redirect_url`. */
  onSuccessRedirectUrl: url.optional(),
  /** `on_failure_redirect_url`. */
  onFailureRedirectUrl: url.optional(),
});
export type ForumpayCreatePaymentOptions = z.infer<typeof forumpayCreatePaymentOptionsSchema>;

/**
 * `providerOptions.forumpay` of `getQuote`.
 *
 * @example
 * provider.getQuote({ amount, payWith: { symbol: 'USDT' }, providerOptions: { forumpay: { currency: 'USDT' } } });
 */
export const forumpayQuoteOptionsSchema = z.strictObject(rateOptionsShape);

/**
 * `providerOptions.forumpay` of `cancelPayment`.
 *
 * @example
 * provider.cancelPayment({ paymentId, providerOptions: { forumpay: { reason: 'other', comment: 'out of stock' } } });
 */
export const forumpayCancelOptionsSchema = z.strictObject({
  /** CancelPayment's `reason` code. Default `other`. */
  reason: z.string().min(1).max(64).optional(),
  /** CancelPayment's `comment`; the unified `reason` text when absent. */
  comment: z.string().max(500).optional(),
});

/**
 * `providerOptions.forumpay` of `acceptUnderpayment`.
 *
 * @example
 * provider.acceptUnderpayment({ paymentId, providerOptions: { forumpay: { acceptedInvoiceAmount: '10.00' } } });
 */
export const forumpayAcceptOptionsSchema = z.strictObject({
  /**
   * `accepted_invoice_amount`: the fiat value being accepted. When absent it is the invoice
   * amount in proportion to the crypto received, rounded down to the invoice's decimals.
   */
  acceptedInvoiceAmount: decimalStringSchema.optional(),
});

const noOptions = z.strictObject({});

/**
 * The strict schema of `providerOptions.forumpay` of each operation (the unified input is
 * validated by core's `defineProvider`).
 */
export const forumpayOptionsSchemas = {
  createPayment: forumpayCreatePaymentOptionsSchema,
  getQuote: forumpayQuoteOptionsSchema,
  cancelPayment: forumpayCancelOptionsSchema,
  acceptUnderpayment: forumpayAcceptOptionsSchema,
  createRefund: noOptions,
  listPayments: noOptions,
} as const;
