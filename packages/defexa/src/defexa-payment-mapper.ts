import {
  amountDelta,
  decimal,
  type Money,
  type Payment,
  type PaymentFlow,
  type Redactor,
  redactDeep,
  type Transfer,
} from '@paymux/core';
import type { DefexaAmlPayment, DefexaEnginePayment, DefexaFeedRecord } from './defexa-api';
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

/** What a read-back found about one invoice: its DA record, the engine's view, its AML hold. */
export interface DefexaReadBack {
  record?: DefexaFeedRecord;
  engine?: DefexaEnginePayment;
  hold?: DefexaAmlPayment;
}

/** The canonical id and the provider payment id of a payment, both stable over its life. */
export function defexaPaymentIdentity(key: DefexaPaymentKey): { id: string; providerPaymentId: string } {
  return {
    id: encodeDefexaPaymentId(key),
    providerPaymentId:
      key.kind === 'deposit'
        ? (key.address ?? key.reference)
        : (key.shopOrderId ?? key.orderNumber ?? key.reference),
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

/** The raw status of a read-back: an AML hold, the engine's state name, else the record's. */
export function readBackStatus(readBack: DefexaReadBack): string {
  if (readBack.hold) return 'aml_pending';
  return readBack.engine?.status ?? (readBack.record ? recordStatus(readBack.record) : 'unknown');
}

/**
 * What arrived, from the provider's data: the held amount, the engine's `net_amount`, a
 * record's received amount; only when none of them says, the invoice amount of a succeeded
 * payment (the seed's records carry nothing else).
 */
function receivedOf(readBack: DefexaReadBack, status: string): string | undefined {
  const { record, engine, hold } = readBack;
  const reported = hold?.amount ?? engine?.net_amount ?? record?.net_amount ?? record?.received_amount;
  if (reported !== undefined) return decimal.isZero(reported) ? undefined : reported;
  if (status !== 'succeeded') return undefined;
  return record?.target_amount ?? record?.amount ?? engine?.amount;
}

/**
 * A payment from what a read-back found. `key` holds what paymux knew before (reference,
 * deposit address, shop order id) and `asked` the amount asked at `createPayment`, when known.
 */
export function paymentFromReadBack(
  readBack: DefexaReadBack,
  key: DefexaPaymentKey,
  asked: Money | undefined,
  context: DefexaMappingContext,
): Payment {
  const { record, engine, hold } = readBack;
  const rawStatus = readBackStatus(readBack);
  const status = mapDefexaPaymentStatus(rawStatus);
  const currency = record?.currency ?? engine?.currency ?? key.currency;
  const fullKey: DefexaPaymentKey = {
    ...key,
    orderNumber:
      key.kind === 'deposit'
        ? key.orderNumber
        : (record?.order_number ?? engine?.order_number ?? key.orderNumber),
  };
  const { id, providerPaymentId } = defexaPaymentIdentity(fullKey);
  const invoiceAmount = record?.amount ?? engine?.amount ?? '0';
  const amount: Money = asked ?? { amount: invoiceAmount, currency };
  const receivedAmount = receivedOf(readBack, status);
  const received: Money | undefined =
    receivedAmount === undefined
      ? undefined
      : { amount: receivedAmount, currency: record?.target_currency ?? currency };
  const txid = hold?.details.tx_hash ?? engine?.tx_hash ?? record?.extra_data.tx_hash;
  const to = hold?.details.address ?? key.address ?? engine?.address;
  const transfers: Transfer[] =
    txid !== undefined && received !== undefined
      ? [
          {
            txid,
            amount: received,
            ...((hold?.details.address_from ?? record?.extra_data.address_from)
              ? { from: hold?.details.address_from ?? record?.extra_data.address_from }
              : {}),
            ...(to ? { to } : {}),
          },
        ]
      : [];
  const createdAt =
    defexaTimeToIso(record?.created_at, record?.feed_date, record?.date, engine?.created_at) ??
    context.now().toISOString();
  return {
    id,
    provider: context.account,
    providerType: 'defexa',
    providerPaymentId,
    reference: key.reference,
    flow: flowByKind[key.kind],
    status,
    rawStatus,
    amount,
    ...(key.address ? { payIn: { asset: assetOfDefexaCurrency(currency), address: key.address } } : {}),
    ...(received ? { received } : {}),
    amountDelta: amountDelta(
      amount.currency === received?.currency ? amount.amount : undefined,
      received?.amount,
    ),
    transfers,
    createdAt,
    updatedAt: defexaTimeToIso(record?.updated_at, engine?.updated_at) ?? createdAt,
    raw: redactDeep(
      engine || hold
        ? Object.fromEntries(
            Object.entries({ invoice: record, engine, amlHold: hold }).filter((entry) => entry[1]),
          )
        : record,
      context.redact,
    ),
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
