import {
  amountDelta,
  type Money,
  type Payment,
  type PaymentFlow,
  type Redactor,
  redactDeep,
  type Transfer,
} from '@paymux/core';
import type { DefexaAmlPayment, DefexaFeedRecord } from './defexa-api';
import { type DefexaPaymentKey, encodeDefexaPaymentId } from './defexa-ids';
import { assetOfDefexaCurrency } from './defexa-networks';
import { parseDefexaTimestamp } from './defexa-session';
import { mapDefexaPaymentStatus } from './map-defexa-status';

/** What every mapper needs besides the Defexa payload. */
export interface DefexaMappingContext {
  account: string;
  redact: Redactor;
  now: () => Date;
}

/**
 * The raw status of a feed record: its state name when it carries one (`approved`), else its
 * numeric `status` as text (`"1"`).
 */
export function recordStatus(record: Pick<DefexaFeedRecord, 'state' | 'status'>): string {
  return record.state ?? record.status;
}

/** An ISO timestamp from Defexa's formats, or `undefined`. */
export function toIsoTimestamp(...candidates: (string | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    const ms = parseDefexaTimestamp(candidate);
    if (ms !== undefined) return new Date(ms).toISOString();
  }
  return undefined;
}

const flowByKind = {
  charge: 'hosted',
  deposit: 'deposit_address',
  invoice: 'hosted',
} as const satisfies Record<DefexaPaymentKey['kind'], PaymentFlow>;

/**
 * A payment read back from its invoice record, and from its AML hold when it has one. `key`
 * holds what paymux knew before (reference, asked amount, deposit address).
 */
export function paymentFromInvoice(
  invoice: DefexaFeedRecord,
  key: DefexaPaymentKey,
  context: DefexaMappingContext,
  amlHold?: DefexaAmlPayment,
): Payment {
  const rawStatus = amlHold ? 'aml_pending' : recordStatus(invoice);
  const status = mapDefexaPaymentStatus(rawStatus);
  const currency = invoice.currency;
  const asked: Money =
    key.amount !== undefined
      ? { amount: key.amount, currency: key.amountCurrency ?? key.currency }
      : { amount: invoice.amount, currency };
  const receivedAmount =
    amlHold?.amount ?? (status === 'succeeded' ? (invoice.target_amount ?? invoice.amount) : undefined);
  const received: Money | undefined =
    receivedAmount === undefined
      ? undefined
      : { amount: receivedAmount, currency: invoice.target_currency ?? currency };
  const txid = amlHold?.details.tx_hash ?? invoice.extra_data.tx_hash;
  const transfers: Transfer[] =
    txid !== undefined && received !== undefined
      ? [
          {
            txid,
            amount: received,
            from: amlHold?.details.address_from ?? invoice.extra_data.address_from,
            to: amlHold?.details.address ?? key.address,
          },
        ]
      : [];
  const createdAt =
    toIsoTimestamp(invoice.created_at, invoice.feed_date, invoice.date) ?? context.now().toISOString();
  const fullKey: DefexaPaymentKey = {
    ...key,
    orderNumber: invoice.order_number ?? key.orderNumber,
    invoiceId: invoice.id,
  };
  return {
    id: encodeDefexaPaymentId(fullKey),
    provider: context.account,
    providerType: 'defexa',
    providerPaymentId: invoice.id,
    reference: key.reference,
    flow: flowByKind[key.kind],
    status,
    rawStatus,
    amount: asked,
    ...(key.address ? { payIn: { asset: assetOfDefexaCurrency(currency), address: key.address } } : {}),
    ...(received ? { received } : {}),
    amountDelta: amountDelta(
      asked.currency === received?.currency ? asked.amount : undefined,
      received?.amount,
    ),
    transfers,
    createdAt,
    updatedAt: toIsoTimestamp(invoice.updated_at) ?? createdAt,
    raw: redactDeep(amlHold ? { invoice, amlHold } : invoice, context.redact),
  };
}

/** A payment that has no Defexa record yet (a charge just created, an address with no deposit). */
export function paymentWithoutRecord(
  key: DefexaPaymentKey & { amount: string },
  details: { providerPaymentId: string; checkoutUrl?: string; createdAt?: string; raw: unknown },
  context: DefexaMappingContext,
): Payment {
  const createdAt = details.createdAt ?? context.now().toISOString();
  return {
    id: encodeDefexaPaymentId(key),
    provider: context.account,
    providerType: 'defexa',
    providerPaymentId: details.providerPaymentId,
    reference: key.reference,
    flow: flowByKind[key.kind],
    status: 'requires_payment',
    rawStatus: 'init',
    amount: { amount: key.amount, currency: key.amountCurrency ?? key.currency },
    ...(key.address ? { payIn: { asset: assetOfDefexaCurrency(key.currency), address: key.address } } : {}),
    ...(details.checkoutUrl ? { checkoutUrl: details.checkoutUrl } : {}),
    amountDelta: 'none',
    transfers: [],
    createdAt,
    updatedAt: createdAt,
    raw: redactDeep(details.raw, context.redact),
  };
}
