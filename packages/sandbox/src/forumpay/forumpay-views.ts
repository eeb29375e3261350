import { compareDecimal, fixDecimal, multiplyDecimal, subtractDecimal } from '../core/decimal-amount';
import type { JsonOut } from '../core/json-value';
import { formatPlainSeconds } from '../core/sandbox-clock';
import {
  FORUMPAY_STATUS_TEXT,
  type ForumPayCurrency,
  type ForumPayPayment,
  type ForumPayQuote,
} from './forumpay-model';

/** The hosted payment page of a payment. */
export function forumPayAccessUrl(origin: string, payment: ForumPayPayment): string {
  return `${origin}/forumpay/pgw/pay?payment_id=${payment.paymentId}&access_token=${payment.accessToken}`;
}

function qrFields(
  origin: string,
  payment: ForumPayPayment,
  scheme: string,
  amount: string,
): Record<string, string> {
  const qr = `${scheme}:${payment.address}?amount=${amount}`;
  return {
    qr,
    qr_alt: payment.address,
    qr_img: `${origin}/forumpay/api/qr/?d=${encodeURIComponent(qr)}`,
    qr_alt_img: `${origin}/forumpay/api/qr/?d=${encodeURIComponent(payment.address)}`,
  };
}

/** GetRate's answer (numbers as strings, as ForumPay sends them). */
export function rateView(quote: ForumPayQuote, currency: ForumPayCurrency): JsonOut {
  return {
    invoice_currency: quote.invoiceCurrency,
    invoice_amount: quote.invoiceAmount,
    currency: quote.currency,
    rate: quote.rate,
    amount_exchange: quote.amountExchange,
    network_processing_fee: quote.networkFee,
    amount: quote.amount,
    wait_time: currency.waitTime,
    sid: null,
    fast_transaction_fee: '0.00000009',
    fast_transaction_fee_currency: currency.feeUnit,
    payment_id: quote.paymentId,
  };
}

/** StartPayment's answer. */
export function startView(origin: string, payment: ForumPayPayment, currency: ForumPayCurrency): JsonOut {
  return {
    invoice_currency: payment.invoiceCurrency,
    invoice_amount: payment.invoiceAmount,
    currency: payment.currency,
    rate: payment.rate,
    amount_exchange: payment.amountExchange,
    network_processing_fee: payment.networkFee,
    amount: payment.amount,
    min_confirmations: payment.minConfirmations,
    wait_time: currency.waitTime,
    sid: null,
    fast_transaction_fee: '0.00000009',
    fast_transaction_fee_currency: currency.feeUnit,
    address: payment.address,
    ...qrFields(origin, payment, currency.uriScheme, payment.amount),
    access_token: payment.accessToken,
    access_url: forumPayAccessUrl(origin, payment),
    notices: [],
    payment_id: payment.paymentId,
  };
}

function invoiceValue(payment: ForumPayPayment, crypto: string): string {
  return multiplyDecimal(crypto, payment.rate, 2);
}

/** CheckPayment's answer. */
export function checkView(origin: string, payment: ForumPayPayment, currency: ForumPayCurrency): JsonOut {
  const unconfirmed =
    payment.state === 'processing' || payment.state === 'underpayment' ? payment.received : '0';
  const missing = subtractDecimal(payment.amount, payment.received);
  const underpayment =
    payment.state === 'underpayment' && compareDecimal(missing, '0') > 0
      ? {
          address: payment.address,
          missing_amount: fixDecimal(missing, 8),
          ...qrFields(origin, payment, currency.uriScheme, fixDecimal(missing, 8)),
        }
      : undefined;
  return {
    reference_no: payment.referenceNo,
    inserted: formatPlainSeconds(payment.insertedAt),
    invoice_amount: payment.invoiceAmount,
    type: 'Sell',
    invoice_currency: payment.invoiceCurrency,
    amount: payment.amount,
    min_confirmations: String(payment.minConfirmations),
    accept_zero_confirmations: payment.acceptZeroConfirmations ? '1' : '0',
    require_kyt_for_confirmation: payment.requireKyt ? '1' : '0',
    currency: payment.currency,
    confirmed: payment.state === 'confirmed',
    confirmed_time: payment.confirmedAt === null ? null : formatPlainSeconds(payment.confirmedAt),
    reason: payment.reason,
    payment: fixDecimal(payment.received, 8),
    sid: null,
    confirmations: String(payment.confirmations),
    access_token: payment.accessToken,
    access_url: forumPayAccessUrl(origin, payment),
    wait_time: currency.waitTime,
    status: FORUMPAY_STATUS_TEXT[payment.state],
    unconfirmed_amount: fixDecimal(unconfirmed, 8),
    unconfirmed_invoice_amount: invoiceValue(payment, unconfirmed),
    underpayment,
    cancelled: payment.state === 'cancelled',
    cancelled_time: payment.cancelledAt === null ? null : formatPlainSeconds(payment.cancelledAt),
    // RefundPayment's amount "must match the refund_amount_opened response received from the
    // CheckPayment call"; what was refunded and its status appear only in GetTransactions, as in the seed.
    refund_amount_opened:
      payment.state === 'confirmed' ? fixDecimal(subtractDecimal(payment.received, payment.refunded), 8) : '',
    state: payment.state,
  };
}

/** One entry of GetTransactions. */
export function transactionView(payment: ForumPayPayment): JsonOut {
  const status = FORUMPAY_STATUS_TEXT[payment.state];
  return {
    state: payment.state,
    status,
    status_loc: status,
    pos_id: payment.posId,
    invoice_currency: payment.invoiceCurrency,
    invoice_amount: payment.invoiceAmount,
    currency: payment.currency,
    amount: payment.amount,
    amount_exchange: payment.amountExchange,
    network_processing_fee: payment.networkFee,
    address: payment.address,
    type: 'Sell',
    type_loc: 'Sell',
    payment: compareDecimal(payment.received, '0') > 0 ? fixDecimal(payment.received, 8) : null,
    refund: compareDecimal(payment.refunded, '0') > 0 ? fixDecimal(payment.refunded, 8) : '',
    refund_amount_opened:
      payment.state === 'confirmed' ? fixDecimal(subtractDecimal(payment.received, payment.refunded), 8) : '',
    refund_status: payment.refundStatus,
    refund_status_loc: payment.refundStatus,
    invoice_date: null,
    inserted: formatPlainSeconds(payment.insertedAt),
    confirmed: payment.confirmedAt === null ? null : formatPlainSeconds(payment.confirmedAt),
    cancelled: payment.cancelledAt === null ? null : formatPlainSeconds(payment.cancelledAt),
    double_spending_alert: null,
    accept_zero_confirmations: payment.acceptZeroConfirmations,
    item_name: null,
    access_token: payment.accessToken,
    sid: null,
    payment_id: payment.paymentId,
    reference_no: payment.referenceNo,
  };
}
