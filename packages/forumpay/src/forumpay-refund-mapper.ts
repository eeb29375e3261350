import {
  type DecimalString,
  decimal,
  decodeCompositeId,
  encodeCompositeId,
  type Refund,
  type RefundStatus,
  ValidationError,
} from '@paymux/core';
import type { ForumpayMapperContext } from './forumpay-payment-mapper';
import { encodeForumpayPaymentId, type ForumpayPaymentLookup } from './forumpay-payment-id';
import type { RememberedForumpayPayment } from './forumpay-payment-memory';
import { FORUMPAY_TYPE } from './forumpay-settings';

/** Prefix of the unified ids of ForumPay refunds. */
export const FORUMPAY_REFUND_ID_PREFIX = 'fpr';

/** What a ForumPay refund id carries: the payment's lookup, and the refund's target and amount when known. */
export interface ForumpayRefundLookup extends ForumpayPaymentLookup {
  addressOut?: string | undefined;
  amount?: string | undefined;
}

/** The refund fields of a CheckPayment answer or a GetTransactions entry. */
export interface ForumpayRefundFields {
  refund?: DecimalString | undefined;
  refund_status?: string | undefined;
}

/**
 * Encodes a refund id: `fpr_` + base64url of the payment lookup, the target address and amount.
 *
 * @example
 * encodeForumpayRefundId({ paymentId, currency: 'BTC', address, addressOut: 'bc1q…', amount: '0.01' })
 */
export function encodeForumpayRefundId(lookup: ForumpayRefundLookup): string {
  const parts: Record<string, string> = { p: lookup.paymentId, c: lookup.currency, a: lookup.address };
  if (lookup.addressOut !== undefined) parts.o = lookup.addressOut;
  if (lookup.amount !== undefined) parts.m = lookup.amount;
  return encodeCompositeId(FORUMPAY_REFUND_ID_PREFIX, parts);
}

/** Decodes a refund id made by this adapter; a `ValidationError` naming `field` for anything else. */
export function decodeForumpayRefundId(id: string, provider?: string, field = 'id'): ForumpayRefundLookup {
  const invalid = () =>
    new ValidationError(`"${id}" is not a ForumPay refund id made by paymux`, { provider, field });
  let parts: Record<string, string>;
  try {
    parts = decodeCompositeId(FORUMPAY_REFUND_ID_PREFIX, id, provider);
  } catch {
    throw invalid();
  }
  const { p, c, a, o, m } = parts;
  if (!p || !c || !a) throw invalid();
  return { paymentId: p, currency: c, address: a, addressOut: o || undefined, amount: m || undefined };
}

/**
 * ForumPay's `refund_status` → unified refund status. ForumPay documents no values (the seed shows
 * `null`); a refund amount without a status is pending, and a status this table does not know is
 * `unknown`.
 *
 * @example
 * mapForumpayRefundStatus('Pending') // 'pending'
 */
export function mapForumpayRefundStatus(rawStatus: string | undefined): RefundStatus {
  const text = (rawStatus ?? '').trim().toLowerCase();
  if (text === '' || /pending|process|request|waiting|open/.test(text)) return 'pending';
  if (/complete|confirm|success|refunded|sent|done|paid/.test(text)) return 'succeeded';
  if (/fail|reject|cancel|declin|error/.test(text)) return 'failed';
  return 'unknown';
}

/**
 * Whether a raw body has refund fields at all. The seed's CheckPayment has none (its
 * GetTransactions entries do), so their absence means "look elsewhere", not "no refund".
 */
export function carriesForumpayRefundFields(raw: unknown): boolean {
  return (
    typeof raw === 'object' &&
    raw !== null &&
    (Object.hasOwn(raw, 'refund') || Object.hasOwn(raw, 'refund_status'))
  );
}

/** Whether the fields say a refund exists. */
export function hasForumpayRefund(fields: ForumpayRefundFields): boolean {
  return (
    (fields.refund !== undefined && decimal.isPositive(fields.refund)) ||
    (fields.refund_status !== undefined && fields.refund_status.trim() !== '')
  );
}

/**
 * Builds the unified refund of a payment from the refund fields ForumPay reports. The id is the
 * one `createRefund` returned when this account requested the refund (from its memory), so both
 * name the same refund.
 */
export function refundFromForumpay(
  fields: ForumpayRefundFields,
  lookup: ForumpayRefundLookup,
  raw: unknown,
  context: ForumpayMapperContext & { remembered?: RememberedForumpayPayment | undefined },
): Refund {
  const refunds = context.remembered?.refunds ?? [];
  const requested =
    refunds.find((refund) => lookup.amount !== undefined && refund.amount === lookup.amount) ??
    refunds.find((refund) => fields.refund !== undefined && decimal.equals(refund.amount, fields.refund)) ??
    refunds.at(-1);
  const amount = lookup.amount ?? requested?.amount ?? fields.refund ?? '0';
  const addressOut = lookup.addressOut ?? requested?.addressOut;
  const rawStatus = fields.refund_status?.trim() || (hasForumpayRefund(fields) ? 'pending' : 'requested');
  const now = context.now().toISOString();
  return {
    id: requested?.id ?? encodeForumpayRefundId({ ...lookup, addressOut, amount: decimal.normalize(amount) }),
    provider: context.account,
    providerType: FORUMPAY_TYPE,
    providerRefundId: lookup.paymentId,
    paymentId: encodeForumpayPaymentId(lookup),
    reference: context.remembered?.reference,
    status: mapForumpayRefundStatus(fields.refund_status),
    rawStatus,
    amount: { amount: decimal.normalize(amount), currency: lookup.currency },
    destination:
      addressOut === undefined
        ? undefined
        : { address: addressOut, asset: context.currencies.assetOf(lookup.currency) },
    createdAt: now,
    updatedAt: now,
    raw,
  };
}
