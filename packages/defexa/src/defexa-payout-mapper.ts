import { type Payout, redactDeep } from '@paymux/core';
import type { DefexaCreatePayoutResponse, DefexaFeedRecord } from './defexa-api';
import { type DefexaPayoutKey, encodeDefexaPayoutId } from './defexa-ids';
import { assetOfDefexaCurrency } from './defexa-networks';
import { type DefexaMappingContext, recordStatus, defexaTimeToIso } from './defexa-payment-mapper';
import { mapDefexaPayoutStatus } from './map-defexa-status';

/** A payout (or mass payout line) read back from its feed record. */
export function payoutFromRecord(
  record: DefexaFeedRecord,
  key: Partial<DefexaPayoutKey> & { targetAddress?: string },
  context: DefexaMappingContext,
): Payout {
  const reference = key.reference ?? record.order_number ?? record.id;
  const createdAt =
    defexaTimeToIso(record.created_at, record.date, record.feed_date) ?? context.now().toISOString();
  const fee = record.commission_amount ?? record.network_commission ?? record.network_fee;
  const token = record.api_payment_token ?? key.token;
  return {
    id: encodeDefexaPayoutId({
      reference,
      currency: record.currency,
      payoutId: record.id,
      token,
      batchOrderNumber: key.batchOrderNumber,
      line: key.line,
    }),
    provider: context.account,
    providerType: 'defexa',
    providerPayoutId: record.id,
    reference,
    status: mapDefexaPayoutStatus(recordStatus(record)),
    rawStatus: recordStatus(record),
    amount: { amount: record.amount, currency: record.currency },
    destination: {
      asset: assetOfDefexaCurrency(record.currency),
      address:
        record.extra_data.target_address ??
        key.targetAddress ??
        record.to_account ??
        record.btc_address ??
        'unknown',
    },
    ...(fee !== undefined
      ? { fee: { amount: fee, currency: record.commission_currency ?? record.currency } }
      : {}),
    ...(record.extra_data.tx_hash ? { txid: record.extra_data.tx_hash } : {}),
    createdAt,
    updatedAt: defexaTimeToIso(record.updated_at) ?? createdAt,
    raw: redactDeep(record, context.redact),
  };
}

/** The payout just created by `POST /api/v1/da/payouts`. */
export function payoutFromCreation(
  response: DefexaCreatePayoutResponse,
  request: { reference: string; amount: string; currency: string; targetAddress: string; memo?: string },
  context: DefexaMappingContext,
): Payout {
  const token = response.payout.token ?? response.token;
  const createdAt =
    defexaTimeToIso(response.payout.timestamp, response.timestamp) ?? context.now().toISOString();
  return {
    id: encodeDefexaPayoutId({
      reference: request.reference,
      currency: request.currency,
      payoutId: response.payout.core_id,
      token,
    }),
    provider: context.account,
    providerType: 'defexa',
    providerPayoutId: response.payout.core_id ?? token ?? request.reference,
    reference: request.reference,
    status: mapDefexaPayoutStatus(response.payout.status),
    rawStatus: response.payout.status,
    amount: { amount: request.amount, currency: request.currency },
    destination: {
      asset: assetOfDefexaCurrency(request.currency),
      address: request.targetAddress,
      ...(request.memo ? { memo: request.memo } : {}),
    },
    createdAt,
    updatedAt: createdAt,
    raw: redactDeep(response, context.redact),
  };
}
