import { decodeCompositeId, encodeCompositeId, ValidationError } from '@paymux/core';

/** Prefix of the unified ids of ForumPay payments. */
export const FORUMPAY_PAYMENT_ID_PREFIX = 'fp';

/** What CheckPayment needs to find a payment: its id, crypto currency and address. */
export interface ForumpayPaymentLookup {
  /** ForumPay's `payment_id`. */
  paymentId: string;
  /** The crypto currency code (`BTC`). */
  currency: string;
  /** The address the payment was started on. */
  address: string;
}

/**
 * Encodes the CheckPayment lookup data into one opaque unified payment id, so `getPayment(id)`
 * works alone: `fp_` + base64url of `{"p":payment_id,"c":currency,"a":address}`.
 *
 * @example
 * encodeForumpayPaymentId({ paymentId: '123e4567-…', currency: 'BTC', address: '38wGZ…' }) // "fp_eyJwIjoi…"
 */
export function encodeForumpayPaymentId(lookup: ForumpayPaymentLookup): string {
  return encodeCompositeId(FORUMPAY_PAYMENT_ID_PREFIX, {
    p: lookup.paymentId,
    c: lookup.currency,
    a: lookup.address,
  });
}

/**
 * Decodes a unified ForumPay payment id; a `ValidationError` naming `field` for anything else.
 *
 * @example
 * decodeForumpayPaymentId(payment.id).paymentId // ForumPay's payment_id
 */
export function decodeForumpayPaymentId(id: string, provider?: string, field = 'id'): ForumpayPaymentLookup {
  let parts: Record<string, string>;
  try {
    parts = decodeCompositeId(FORUMPAY_PAYMENT_ID_PREFIX, id, provider);
  } catch {
    throw new ValidationError(`"${id}" is not a ForumPay payment id made by paymux`, { provider, field });
  }
  const { p, c, a } = parts;
  if (!p || !c || !a) {
    throw new ValidationError(`"${id}" is not a ForumPay payment id made by paymux`, { provider, field });
  }
  return { paymentId: p, currency: c, address: a };
}
