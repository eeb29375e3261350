import {
  type AmountDelta,
  amountDelta,
  type DecimalString,
  decimal,
  type Money,
  type Payment,
} from '@paymux/core';
import type { CheckPaymentResponse, StartPaymentResponse, Transaction } from './forumpay-api';
import type { ForumpayCurrencyMap } from './forumpay-networks';
import { encodeForumpayPaymentId, type ForumpayPaymentLookup } from './forumpay-payment-id';
import { FORUMPAY_TYPE } from './forumpay-settings';
import { forumpayRawStatus, mapForumpayStatus } from './map-forumpay-status';

/** What turning a ForumPay payload into a unified `Payment` needs. */
export interface ForumpayMapperContext {
  account: string;
  currencies: ForumpayCurrencyMap;
  now(): Date;
}

const FORUMPAY_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * ForumPay writes times as `2022-11-10 08:43:33` without a zone; they are read as UTC. Returns
 * an ISO-8601 string, or `undefined` for anything unreadable.
 *
 * @example
 * forumpayTimeToIso('2022-11-10 08:43:33') // "2022-11-10T08:43:33.000Z"
 */
export function forumpayTimeToIso(text: string | boolean | null | undefined): string | undefined {
  if (typeof text !== 'string') return undefined;
  const match = FORUMPAY_TIME.exec(text.trim());
  if (!match) return undefined;
  const zone = match[4] ?? 'Z';
  const date = new Date(`${match[1]}T${match[2]}${match[3] ?? ''}${zone}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function latest(times: readonly (string | undefined)[]): string | undefined {
  const known = times.filter((time): time is string => time !== undefined).sort();
  return known[known.length - 1];
}

function positive(value: DecimalString | undefined): DecimalString | undefined {
  return value !== undefined && decimal.isPositive(value) ? value : undefined;
}

function moneyOf(amount: DecimalString | undefined, currency: string): Money | undefined {
  return amount === undefined ? undefined : { amount, currency };
}

/** The invoice amount, or the crypto amount when a response carries no invoice. */
function invoiceMoney(
  invoiceAmount: DecimalString | undefined,
  invoiceCurrency: string | undefined,
  cryptoAmount: DecimalString | undefined,
  cryptoCurrency: string,
): Money {
  if (invoiceAmount !== undefined && invoiceCurrency)
    return { amount: invoiceAmount, currency: invoiceCurrency };
  return { amount: cryptoAmount ?? '0', currency: cryptoCurrency };
}

/** An underpaid payment is `under` even when ForumPay reports nothing received yet. */
function deltaFor(rawStatus: string, expected?: DecimalString, received?: DecimalString): AmountDelta {
  if (rawStatus === 'underpayment') return 'under';
  return amountDelta(expected, received);
}

/**
 * Builds the unified payment just started by StartPayment. A StartPayment answer has no state: a
 * started payment waits for funds (`waiting`), unless the answer says it is already `cancelled`.
 */
export function paymentFromStartPayment(
  data: StartPaymentResponse,
  raw: unknown,
  reference: string,
  context: ForumpayMapperContext,
): Payment {
  const now = context.now().toISOString();
  const currency = data.currency;
  const rawStatus = data.cancelled === true ? 'cancelled' : 'waiting';
  const asset = context.currencies.assetOf(currency);
  return {
    id: encodeForumpayPaymentId({ paymentId: data.payment_id, currency, address: data.address }),
    provider: context.account,
    providerType: FORUMPAY_TYPE,
    providerPaymentId: data.payment_id,
    reference,
    flow: 'deposit_address',
    status: mapForumpayStatus(rawStatus),
    rawStatus,
    amount: invoiceMoney(data.invoice_amount, data.invoice_currency, data.amount, currency),
    quote: {
      rate: data.rate,
      amount: { amount: data.amount, currency },
      networkFee: moneyOf(data.network_processing_fee, currency),
    },
    payIn: {
      asset,
      address: data.address,
      amount: { amount: data.amount, currency },
      uri: data.qr,
      qr: data.qr_img ?? data.qr,
    },
    checkoutUrl: data.access_url,
    amountDelta: 'none',
    confirmations:
      data.min_confirmations === undefined ? undefined : { current: 0, required: data.min_confirmations },
    transfers: [],
    createdAt: now,
    updatedAt: now,
    raw,
  };
}

/**
 * Builds the unified payment from CheckPayment. What arrived is `payment` (or, before anything is
 * confirmed, `unconfirmed_amount`); an underpayment adds what is missing and where to send it.
 */
export function paymentFromCheckPayment(
  data: CheckPaymentResponse,
  raw: unknown,
  lookup: ForumpayPaymentLookup,
  context: ForumpayMapperContext,
): Payment {
  const currency = data.currency || lookup.currency;
  const rawStatus = forumpayRawStatus(data.state, data.status);
  const asset = context.currencies.assetOf(currency);
  const received = positive(data.payment) ?? positive(data.unconfirmed_amount);
  const underpaid = rawStatus === 'underpayment' ? data.underpayment : undefined;
  const missing = underpaid?.missing_amount;
  const createdAt = forumpayTimeToIso(data.inserted) ?? context.now().toISOString();
  const updatedAt =
    latest([createdAt, forumpayTimeToIso(data.confirmed_time), forumpayTimeToIso(data.cancelled_time)]) ??
    createdAt;
  const payIn = underpaid?.address
    ? {
        asset,
        address: underpaid.address,
        amount: moneyOf(missing, currency),
        uri: underpaid.qr,
        qr: underpaid.qr_img ?? underpaid.qr,
      }
    : { asset, address: lookup.address, amount: moneyOf(data.amount, currency) };
  return {
    id: encodeForumpayPaymentId({ ...lookup, currency }),
    provider: context.account,
    providerType: FORUMPAY_TYPE,
    providerPaymentId: lookup.paymentId,
    reference: data.reference_no ?? '',
    flow: 'deposit_address',
    status: mapForumpayStatus(rawStatus),
    rawStatus,
    failureReason: data.reason,
    amount: invoiceMoney(data.invoice_amount, data.invoice_currency, data.amount, currency),
    quote: data.amount === undefined ? undefined : { amount: { amount: data.amount, currency } },
    payIn,
    checkoutUrl: data.access_url,
    received: moneyOf(received, currency),
    amountDelta: deltaFor(rawStatus, data.amount, received),
    missing: moneyOf(missing, currency),
    confirmations:
      data.confirmations === undefined
        ? undefined
        : { current: data.confirmations, required: data.min_confirmations },
    transfers: [],
    createdAt,
    updatedAt,
    raw,
  };
}

/** Builds the unified payment from one GetTransactions entry. */
export function paymentFromTransaction(
  data: Transaction,
  raw: unknown,
  context: ForumpayMapperContext,
): Payment {
  const currency = data.currency;
  const rawStatus = forumpayRawStatus(data.state, data.status);
  const received = positive(data.payment);
  const createdAt = forumpayTimeToIso(data.inserted) ?? context.now().toISOString();
  const updatedAt =
    latest([createdAt, forumpayTimeToIso(data.confirmed), forumpayTimeToIso(data.cancelled)]) ?? createdAt;
  return {
    id: encodeForumpayPaymentId({ paymentId: data.payment_id, currency, address: data.address }),
    provider: context.account,
    providerType: FORUMPAY_TYPE,
    providerPaymentId: data.payment_id,
    reference: data.reference_no ?? '',
    flow: 'deposit_address',
    status: mapForumpayStatus(rawStatus),
    rawStatus,
    amount: invoiceMoney(data.invoice_amount, data.invoice_currency, data.amount, currency),
    quote: data.amount === undefined ? undefined : { amount: { amount: data.amount, currency } },
    payIn: {
      asset: context.currencies.assetOf(currency),
      address: data.address,
      amount: moneyOf(data.amount, currency),
    },
    received: moneyOf(received, currency),
    amountDelta: deltaFor(rawStatus, data.amount, received),
    transfers: [],
    createdAt,
    updatedAt,
    raw,
  };
}
