import {
  operationCall,
  type CallOptions,
  type CreateRefundInput,
  decimal,
  encodeCompositeId,
  NotFoundError,
  type Refund,
  redactDeep,
  ValidationError,
} from '@paymux/core';
import { decodeDefexaPaymentId } from './defexa-ids';
import { assetOfDefexaCurrency } from './defexa-networks';
import type { DefexaOperationContext } from './defexa-operation-context';
import { readAmlHolds } from './defexa-payment-read-back';
import { invoiceOfPayment } from './defexa-payment-reads';
import { defexaRefundOptionsSchema, parseDefexaOptions } from './defexa-provider-options';

/**
 * `createRefund`: an AML refund. Only a payment held by AML scoring (`on_hold`) can be refunded,
 * whole, to the address given (`POST /api/v1/da/aml_refunds`).
 */
export async function createDefexaRefund(
  context: DefexaOperationContext,
  input: CreateRefundInput,
  options: CallOptions = {},
): Promise<Refund> {
  const where = { provider: context.account, operation: 'createRefund' };
  const extra = parseDefexaOptions(defexaRefundOptionsSchema, input, where);
  const key = decodeDefexaPaymentId(input.paymentId, context.account);
  const address = input.destination?.address;
  if (!address) {
    throw new ValidationError('defexa sends an AML refund to an address: give destination.address', {
      ...where,
      field: 'destination.address',
    });
  }
  const call = operationCall('createRefund', options, { reference: input.reference ?? key.reference });
  const holds = await readAmlHolds(context, call);
  const invoice = await invoiceOfPayment(context, key);
  const orderNumber = invoice.orderNumber ?? key.reference;
  const hold = holds.find((item) =>
    extra.paymentToken
      ? item.token === extra.paymentToken
      : (invoice.orderNumber !== undefined && item.order_number === invoice.orderNumber) ||
        (invoice.token !== undefined && item.token === invoice.token),
  );
  if (hold?.status !== 'pending') {
    throw new NotFoundError(
      `defexa holds no pending AML payment for ${key.reference}: only those can be refunded`,
      {
        ...where,
        reference: key.reference,
      },
    );
  }
  if (
    input.amount &&
    !(decimal.equals(input.amount.amount, hold.amount) && input.amount.currency === hold.currency)
  ) {
    throw new ValidationError(`defexa refunds the whole held amount (${hold.amount} ${hold.currency})`, {
      ...where,
      field: 'amount',
    });
  }
  const answer = await context.api.createAmlRefund({ token: hold.token, to_address: address }, call);
  const now = context.now().toISOString();
  return {
    id: encodeCompositeId('dfxrf', { p: hold.id, o: hold.order_number ?? orderNumber }),
    provider: context.account,
    providerType: 'defexa',
    providerRefundId: hold.id,
    paymentId: input.paymentId,
    ...(input.reference ? { reference: input.reference } : {}),
    status: 'pending',
    // The answer carries no refund state: `requested` is this adapter's name for "accepted".
    rawStatus: 'requested',
    amount: { amount: hold.amount, currency: hold.currency },
    destination: { address, asset: assetOfDefexaCurrency(hold.currency) },
    createdAt: now,
    updatedAt: now,
    raw: redactDeep(answer, context.redact),
  };
}
