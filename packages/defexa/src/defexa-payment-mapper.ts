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
  /**
   * The amounts asked at `createPayment` of deposit addresses, by payment id. Defexa keeps no
   * asked amount for a static address and the id no longer carries it (it must not change), so
   * this process remembers it; without it the deposit's own amount is reported.
   */
  askedAmounts?: Map<string, Money>;
}

/** How many asked amounts a process remembers (the oldest are forgotten first). */
const askedAmountsLimit = 10_000;

/** Remembers the amount asked for a deposit-address payment. */
export function rememberAskedAmount(context: DefexaMappingContext, id: string, asked: Money): void {
  const memory = context.askedAmounts;
  if (!memory) return;
  memory.delete(id);
  memory.set(id, asked);
  while (memory.size > askedAmountsLimit) {
    const oldest = memory.keys().next().value;
    if (oldest === undefined) break;
    memory.delete(oldest);
  }
}

/** The asked amount a key carries (version 1 ids) or this process remembers, or `undefined`. */
export function askedAmountOf(
  key: DefexaPaymentKey,
  id: string,
  context: DefexaMappingContext,
): Money | undefined {
  if (key.amount !== undefined) {
    return { amount: key.amount, currency: key.amountCurrency ?? key.currency };
  }
  return context.askedAmounts?.get(id);
}

/** The canonical id and the provider payment id of a payment, both stable over its life. */
export function defexaPaymentIdentity(key: DefexaPaymentKey): { id: string; providerPaymentId: string } {
  return {
    id: encodeDefexaPaymentId(key),
    providerPaymentId:
      key.kind === 'deposit' ? (key.address ?? key.reference) : (key.orderNumber ?? key.reference),
  };
}

/**
 * The raw status of a feed record: its state name when it carries one (`approved`), else its
 * numeric `status` as text (`"1"`).
 */
export function recordStatus(record: Pick<DefexaFeedRecord, 'state' | 'status'>): string {
  return record.state ?? record.status;
}

/** An ISO timestamp from Defexa's formats, or `undefined`. */
export function defexaTimeToIso(...candidates: (string | undefined)[]): string | undefined {
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
  const fullKey: DefexaPaymentKey = {
    ...key,
    orderNumber: key.kind === 'deposit' ? key.orderNumber : (invoice.order_number ?? key.orderNumber),
  };
  const { id, providerPaymentId } = defexaPaymentIdentity(fullKey);
  const asked: Money = askedAmountOf(key, id, context) ?? { amount: invoice.amount, currency };
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
    defexaTimeToIso(invoice.created_at, invoice.feed_date, invoice.date) ?? context.now().toISOString();
  return {
    id,
    provider: context.account,
    providerType: 'defexa',
    providerPaymentId,
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
    updatedAt: defexaTimeToIso(invoice.updated_at) ?? createdAt,
    raw: redactDeep(amlHold ? { invoice, amlHold } : invoice, context.redact),
  };
}

/** A payment that has no Defexa record yet (a charge just created, an address with no deposit). */
export function paymentWithoutRecord(
  key: DefexaPaymentKey & { amount: string },
  details: { checkoutUrl?: string; createdAt?: string; raw: unknown },
  context: DefexaMappingContext,
): Payment {
  const createdAt = details.createdAt ?? context.now().toISOString();
  const { id, providerPaymentId } = defexaPaymentIdentity(key);
  return {
    id,
    provider: context.account,
    providerType: 'defexa',
    providerPaymentId,
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
