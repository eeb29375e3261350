import { optionalWireDecimal, providerDecimalSchema } from '@paymux/core';
import { z } from 'zod';

// Wire schemas of the "Open API" v2. Responses are parsed leniently: unknown fields pass through,
// numbers may arrive as JSON numbers or strings ("min_confirmations": 1 and "1" both occur), and
// fields that ForumPay leaves empty arrive as null or "" (`"payment": null`, `"refund": ""`).

/** An amount that may be missing, null or "": parsed to an exact decimal string or `undefined`. */
const optionalDecimal = optionalWireDecimal;

/** A text that may be missing or null. */
const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((value) => value ?? undefined);

/** A count sent as a number or a numeric string; anything else is read as unknown. */
const optionalCount = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value) => {
    if (value === null || value === undefined || value === '') return undefined;
    const count = typeof value === 'number' ? value : Number(value.trim());
    return Number.isInteger(count) && count >= 0 ? count : undefined;
  });

/** A flag sent as a boolean, `1`/`0`, or `"1"`/`"0"`/`"true"`/`"false"`. */
const optionalFlag = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .optional()
  .transform((value) => {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0;
    if (typeof value === 'string') {
      const text = value.trim().toLowerCase();
      if (text === '1' || text === 'true') return true;
      if (text === '0' || text === 'false' || text === '') return false;
    }
    return undefined;
  });

/** The error body: any body carrying `err` is an error, whatever the HTTP status. */
export const forumpayErrorBodySchema = z.looseObject({
  err: z.unknown(),
  err_code: z.union([z.string(), z.number(), z.null()]).optional(),
  additional: z.unknown().optional(),
});
export type ForumpayErrorBody = z.output<typeof forumpayErrorBodySchema>;

/**
 * GetRate: the rate and the crypto amount for an invoice, with a fresh `payment_id`.
 *
 * @example
 * getRateResponseSchema.parse(body).amount // "0.00701726", exact
 */
export const getRateResponseSchema = z.looseObject({
  payment_id: z.string().min(1),
  invoice_currency: optionalText,
  invoice_amount: optionalDecimal,
  currency: z.string().min(1),
  rate: optionalDecimal,
  amount_exchange: optionalDecimal,
  network_processing_fee: optionalDecimal,
  amount: providerDecimalSchema,
  fast_transaction_fee: optionalDecimal,
  fast_transaction_fee_currency: optionalText,
  wait_time: optionalText,
  sid: optionalText,
});
export type GetRateResponse = z.output<typeof getRateResponseSchema>;

/** StartPayment: the address to pay, QR data and the hosted page. */
export const startPaymentResponseSchema = getRateResponseSchema.extend({
  address: z.string().min(1),
  qr: optionalText,
  qr_alt: optionalText,
  qr_img: optionalText,
  qr_alt_img: optionalText,
  access_token: optionalText,
  access_url: optionalText,
  stats_token: optionalText,
  min_confirmations: optionalCount,
  cancelled: optionalFlag,
  notices: z.array(z.unknown()).nullable().optional(),
});
export type StartPaymentResponse = z.output<typeof startPaymentResponseSchema>;

/** The rest of an underpaid payment: where and how much to send. */
export const underpaymentSchema = z.looseObject({
  address: optionalText,
  missing_amount: optionalDecimal,
  qr: optionalText,
  qr_alt: optionalText,
  qr_img: optionalText,
  qr_alt_img: optionalText,
});

/**
 * CheckPayment: the state of one payment.
 *
 * @example
 * const { state, payment, confirmations } = checkPaymentResponseSchema.parse(body);
 */
export const checkPaymentResponseSchema = z
  .looseObject({
    reference_no: optionalText,
    inserted: optionalText,
    invoice_amount: optionalDecimal,
    invoice_currency: z.string().min(1),
    currency: z.string().min(1),
    amount: optionalDecimal,
    payment: optionalDecimal,
    confirmations: optionalCount,
    min_confirmations: optionalCount,
    confirmed: optionalFlag,
    confirmed_time: optionalText,
    reason: optionalText,
    state: optionalText,
    status: optionalText,
    unconfirmed_amount: optionalDecimal,
    unconfirmed_invoice_amount: optionalDecimal,
    underpayment: underpaymentSchema.nullable().optional(),
    cancelled: optionalFlag,
    cancelled_time: optionalText,
    access_token: optionalText,
    access_url: optionalText,
    refund_amount_opened: optionalDecimal,
    // Not in the seed's CheckPayment example, but GetTransactions carries them and RefundPayment
    // refers to CheckPayment's `refund_amount_opened`: read when present.
    refund: optionalDecimal,
    refund_status: optionalText,
  })
  .refine((body) => body.state !== undefined || body.status !== undefined, {
    message: 'has neither state nor status',
    path: ['state'],
  });
export type CheckPaymentResponse = z.output<typeof checkPaymentResponseSchema>;

/** CancelPayment. */
export const cancelPaymentResponseSchema = z.looseObject({
  cancelled: optionalFlag.refine((value) => value !== undefined, { message: 'is missing' }),
  status: optionalText,
});
export type CancelPaymentResponse = z.output<typeof cancelPaymentResponseSchema>;

/** AcceptPayment. */
export const acceptPaymentResponseSchema = z.looseObject({
  success: optionalFlag.refine((value) => value !== undefined, { message: 'is missing' }),
});
export type AcceptPaymentResponse = z.output<typeof acceptPaymentResponseSchema>;

/** RefundPayment: only says how long the refund will take. */
export const refundPaymentResponseSchema = z.looseObject({ wait_time: optionalText });
export type RefundPaymentResponse = z.output<typeof refundPaymentResponseSchema>;

/** One entry of GetCurrencyList. */
export const currencyListEntrySchema = z.looseObject({
  currency: z.string().min(1),
  description: optionalText,
  status: optionalText,
  zero_confirmations_enabled: optionalFlag,
  currency_fiat: optionalText,
  rate: optionalDecimal,
  sell_status: optionalText,
  sell_rate: optionalDecimal,
  sell_min_invoice_amount: optionalDecimal,
  sell_max_invoice_amount: optionalDecimal,
  sell_network_processing_fee: optionalDecimal,
  buy_status: optionalText,
  buy_rate: optionalDecimal,
});
export type CurrencyListEntry = z.output<typeof currencyListEntrySchema>;
export const getCurrencyListResponseSchema = z.array(currencyListEntrySchema);

/** One entry of GetTransactions (ForumPay calls them invoices). */
export const transactionSchema = z.looseObject({
  payment_id: z.string().min(1),
  pos_id: optionalText,
  reference_no: optionalText,
  state: optionalText,
  status: optionalText,
  invoice_currency: z.string().min(1),
  invoice_amount: optionalDecimal,
  currency: z.string().min(1),
  amount: optionalDecimal,
  address: z.string().min(1),
  type: optionalText,
  payment: optionalDecimal,
  refund: optionalDecimal,
  refund_amount_opened: optionalDecimal,
  refund_status: optionalText,
  inserted: optionalText,
  // A timestamp here (not the boolean of CheckPayment).
  confirmed: z.union([z.string(), z.boolean(), z.null()]).optional(),
  cancelled: z.union([z.string(), z.boolean(), z.null()]).optional(),
  access_token: optionalText,
});
export type Transaction = z.output<typeof transactionSchema>;

/**
 * GetTransactions: a bare array in the seed, `{ "invoices": [...] }` from the real service.
 * Both are accepted and read as the array.
 */
export const getTransactionsResponseSchema = z
  .union([z.array(transactionSchema), z.looseObject({ invoices: z.array(transactionSchema) })])
  .transform((body) => (Array.isArray(body) ? body : body.invoices));
export type GetTransactionsResponse = z.output<typeof getTransactionsResponseSchema>;

/** A request parameter value: booleans are sent as `true`/`false`, like the seed's examples. */
export type ForumpayParam = string | boolean | undefined;

/** Parameters every call may carry; the client adds them from the settings. */
export interface CommonParams {
  locale?: string;
  user?: string;
}

/**
 * GetRate's parameters (`pos_id` is added by the client).
 *
 * @example
 * const params: GetRateParams = { invoice_currency: 'EUR', invoice_amount: '48.25', currency: 'BTC' };
 */
export interface GetRateParams extends CommonParams {
  invoice_currency: string;
  invoice_amount: string;
  currency: string;
  accept_zero_confirmations?: ForumpayParam;
  require_kyt_for_confirmation?: ForumpayParam;
  wallet_app_id?: string;
  sid?: string;
}

/**
 * StartPayment's parameters: GetRate's, the `payment_id` it returned, and the extras.
 *
 * @example
 * await provider.api.startPayment({ ...rateParams, payment_id: rate.data.payment_id, reference_no: 'order-1' });
 */
export interface StartPaymentParams extends GetRateParams {
  payment_id: string;
  reference_no?: string;
  payer_ip_address?: string;
  payer_user_agent?: string;
  payer_email?: string;
  payer_id?: string;
  auto_accept_underpayment?: ForumpayParam;
  auto_accept_underpayment_min?: string;
  auto_accept_overpayment?: ForumpayParam;
  auto_accept_overpayment_max?: string;
  auto_accept_late_payment?: ForumpayParam;
  webhook_url?: string;
  on_success_redirect_url?: string;
  on_failure_redirect_url?: string;
}

/**
 * What identifies one payment at ForumPay.
 *
 * @example
 * await provider.api.checkPayment({ payment_id: '123e4567-…', currency: 'BTC', address: '38wGZ…' });
 */
export interface PaymentLookupParams extends CommonParams {
  payment_id: string;
  currency: string;
  address: string;
}

export interface CancelPaymentParams extends PaymentLookupParams {
  reason?: string;
  comment?: string;
}

export interface AcceptPaymentParams extends PaymentLookupParams {
  /** Must match CheckPayment's `payment`. */
  accepted_amount: string;
  accepted_invoice_amount?: string;
}

export interface RefundPaymentParams extends CommonParams {
  payment_id: string;
  currency: string;
  /** Where the refund goes. */
  address_out: string;
  /** Must match `refund_amount_opened`. */
  refund_amount: string;
}

export interface GetCurrencyListParams extends CommonParams {
  /** The fiat currency rates and limits are given in (ForumPay's own client always sends it). */
  invoice_currency?: string;
}

export interface GetTransactionsParams extends CommonParams {
  offset?: number;
  limit?: number;
  /** Filter by the merchant reference (ForumPay's own client sends it; the seed does not list it). */
  reference_no?: string;
}
