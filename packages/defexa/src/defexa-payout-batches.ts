import {
  operationCall,
  type CallOptions,
  type CreatePayoutBatchInput,
  decimal,
  NotFoundError,
  type Payout,
  type PayoutBatch,
  type PayoutStatus,
  redactDeep,
  ValidationError,
} from '@paymux/core';
import { decodeDefexaBatchId, encodeDefexaBatchId, encodeDefexaPayoutId } from './defexa-ids';
import { assetOfDefexaCurrency } from './defexa-networks';
import type { DefexaOperationContext } from './defexa-operation-context';
import { payoutFromRecord } from './defexa-payout-mapper';
import { payoutCurrency, resolveFromAddress } from './defexa-payouts';
import { defexaPayoutOptionsSchema, parseDefexaOptions } from './defexa-provider-options';

const finalStatuses: ReadonlySet<PayoutStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * The status of a mass payout from its lines: theirs when they agree, `processing` while any is
 * open, and `succeeded` once all are final with at least one paid (check each line for failures).
 */
export function batchStatus(lines: readonly Pick<Payout, 'status'>[]): PayoutStatus {
  const first = lines[0];
  if (!first) return 'pending';
  if (lines.every((line) => line.status === first.status)) return first.status;
  if (lines.some((line) => !finalStatuses.has(line.status))) return 'processing';
  return lines.some((line) => line.status === 'succeeded') ? 'succeeded' : 'failed';
}

/** `createPayoutBatch`: `POST /api/v1/da/mass_payouts`, one currency per batch. */
export async function createDefexaPayoutBatch(
  context: DefexaOperationContext,
  input: CreatePayoutBatchInput,
  options: CallOptions = {},
): Promise<PayoutBatch> {
  const where = { provider: context.account, operation: 'createPayoutBatch' };
  const extra = parseDefexaOptions(defexaPayoutOptionsSchema, input, where);
  const currencies = input.payouts.map((line, index) =>
    payoutCurrency(line.destination, line.amount.currency, where, `payouts.${index}`),
  );
  const currency = currencies[0]!;
  const other = currencies.findIndex((code) => code !== currency);
  if (other >= 0) {
    throw new ValidationError(`a defexa mass payout holds one currency (${currency})`, {
      ...where,
      field: `payouts.${other}.destination.asset`,
    });
  }
  const call = operationCall('createPayoutBatch', options, { reference: input.reference });
  const fromAddress = await resolveFromAddress(context, currency, extra.fromAddress, call);
  const callbackUrl = extra.callbackUrl ?? context.settings.callbackUrl;
  const answer = await context.api.createMassPayout(
    {
      name: input.reference,
      from_address: fromAddress,
      currency,
      ...(callbackUrl ? { callback_url: callbackUrl } : {}),
      payout_list: input.payouts.map((line) => ({
        Summ: line.amount.amount,
        Address: line.destination.address,
        Comment: line.reference,
      })),
    },
    call,
  );
  const orderNumber = answer.order_number;
  const now = context.now().toISOString();
  const batchId = encodeDefexaBatchId({ reference: input.reference, currency, orderNumber });
  const payouts: Payout[] = input.payouts.map((line, index) => ({
    id: encodeDefexaPayoutId({
      reference: line.reference,
      currency,
      ...(orderNumber ? { batchOrderNumber: orderNumber, line: String(index) } : {}),
    }),
    provider: context.account,
    providerType: 'defexa',
    providerPayoutId: `${orderNumber ?? input.reference}#${index}`,
    reference: line.reference,
    status: 'pending',
    rawStatus: 'pending',
    amount: { amount: line.amount.amount, currency },
    destination: { asset: assetOfDefexaCurrency(currency), address: line.destination.address },
    batchId,
    createdAt: now,
    updatedAt: now,
    ...(line.metadata ? { metadata: line.metadata } : {}),
    raw: {},
  }));
  return {
    id: batchId,
    provider: context.account,
    providerType: 'defexa',
    providerBatchId: orderNumber ?? input.reference,
    reference: input.reference,
    status: 'pending',
    rawStatus: 'pending',
    payouts,
    total: { amount: decimal.sum(input.payouts.map((line) => line.amount.amount)), currency },
    createdAt: now,
    updatedAt: now,
    raw: redactDeep(answer, context.redact),
  };
}

/** `getPayoutBatch`: the transactions of the mass payout, by its order number. */
export async function getDefexaPayoutBatch(
  context: DefexaOperationContext,
  id: string,
  options: CallOptions = {},
): Promise<PayoutBatch> {
  const key = decodeDefexaBatchId(id, context.account);
  if (key.orderNumber === undefined) {
    throw new NotFoundError(
      `defexa did not return an order number for mass payout ${key.reference}: it cannot be read back`,
      { provider: context.account, operation: 'getPayoutBatch', reference: key.reference },
    );
  }
  const { payouts: records } = await context.api.listMassPayoutTransactions(
    key.orderNumber,
    operationCall('getPayoutBatch', options),
  );
  const payouts = records.map((record, index) =>
    payoutFromRecord(
      record,
      {
        reference: record.description ?? record.order_number ?? `${key.orderNumber}#${index}`,
        batchOrderNumber: key.orderNumber,
        line: String(index),
      },
      context,
    ),
  );
  const status = batchStatus(payouts);
  const times = payouts.map((payout) => payout.createdAt).sort();
  const now = context.now().toISOString();
  return {
    id,
    provider: context.account,
    providerType: 'defexa',
    providerBatchId: key.orderNumber,
    reference: key.reference,
    status,
    rawStatus: [...new Set(payouts.map((payout) => payout.rawStatus))].join(',') || 'pending',
    payouts: payouts.map((payout) => ({ ...payout, batchId: id })),
    total: { amount: decimal.sum(payouts.map((payout) => payout.amount.amount)), currency: key.currency },
    createdAt: times[0] ?? now,
    updatedAt: [...payouts.map((payout) => payout.updatedAt)].sort().at(-1) ?? now,
    raw: redactDeep({ payouts: records }, context.redact),
  };
}
