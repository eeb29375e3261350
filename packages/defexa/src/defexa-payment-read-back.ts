import { type CallOptions, NotFoundError, PermissionError, ProviderRejectedError } from '@paymux/core';
import type { DefexaAmlPayment, DefexaEnginePayment, DefexaFeedRecord } from './defexa-api';
import type { DefexaOperationContext } from './defexa-operation-context';
import { type DefexaReadBack, readBackStatus } from './defexa-payment-mapper';
import { mapDefexaPaymentStatus } from './map-defexa-status';

type Call = CallOptions & { operation: string };

/** The AML holds, or none when the account has no access to the AML endpoint. */
export async function readAmlHolds(context: DefexaOperationContext, call: Call): Promise<DefexaAmlPayment[]> {
  try {
    return (await context.api.listAmlRefunds(call)).payments;
  } catch (error) {
    if (PermissionError.is(error) || NotFoundError.is(error)) return [];
    throw error;
  }
}

/** The pending AML hold of an invoice, by order number or token. */
export function holdOf(
  holds: readonly DefexaAmlPayment[],
  orderNumber: string | undefined,
  token: string | undefined,
): DefexaAmlPayment | undefined {
  return holds.find(
    (hold) =>
      hold.status === 'pending' &&
      ((orderNumber !== undefined && hold.order_number === orderNumber) ||
        (token !== undefined && hold.token === token)),
  );
}

/**
 * The engine's view of a payment by token (`GET /api/v1/payments/{token}`): `null` when Defexa
 * does not know the token, `undefined` when the account cannot use the endpoint (it is outside
 * the seed), so that the DA record alone is used.
 */
export async function readEnginePayment(
  context: DefexaOperationContext,
  token: string,
  call: Call,
): Promise<DefexaEnginePayment | null | undefined> {
  try {
    return await context.api.getEnginePayment(token, call);
  } catch (error) {
    if (NotFoundError.is(error)) return null;
    if (PermissionError.is(error) || ProviderRejectedError.is(error)) return undefined;
    throw error;
  }
}

/** The DA invoice record with this order number, or `undefined`. */
export async function readInvoiceRecord(
  context: DefexaOperationContext,
  orderNumber: string,
  call: Call,
): Promise<DefexaFeedRecord | undefined> {
  const { invoices } = await context.api.listInvoices({ order_number: orderNumber }, call);
  return invoices.find((invoice) => invoice.order_number === orderNumber);
}

/** A read-back of a record already in hand: the record and its AML hold. */
export async function readBackOfRecord(
  context: DefexaOperationContext,
  record: DefexaFeedRecord,
  call: Call,
): Promise<DefexaInvoiceReadBack> {
  return addHold(context, { record, unknownToken: false }, call);
}

/** A read-back, and whether a token was given that Defexa does not know. */
export interface DefexaInvoiceReadBack extends DefexaReadBack {
  unknownToken: boolean;
}

/**
 * Reads one invoice back: the engine's payment by token (when known), the DA record by order
 * number (given, or the one the engine names), and its AML hold unless it was declined.
 */
export async function readBackInvoice(
  context: DefexaOperationContext,
  by: { token?: string | undefined; orderNumber?: string | undefined },
  call: Call,
  withHold = true,
): Promise<DefexaInvoiceReadBack> {
  const engine = by.token === undefined ? undefined : await readEnginePayment(context, by.token, call);
  if (engine === null) return { unknownToken: true };
  // The engine's order number, when it names one, is the one the token really has.
  const orderNumber = engine?.order_number ?? by.orderNumber;
  const record = orderNumber === undefined ? undefined : await readInvoiceRecord(context, orderNumber, call);
  const found: DefexaReadBack = {
    ...(record ? { record } : {}),
    ...(engine ? { engine } : {}),
  };
  const readBack = { ...found, unknownToken: false };
  return withHold ? addHold(context, readBack, call) : readBack;
}

/** Adds the AML hold of a read-back's invoice, unless it was declined (a declined payment is not held). */
export async function addHold(
  context: DefexaOperationContext,
  readBack: DefexaInvoiceReadBack,
  call: Call,
): Promise<DefexaInvoiceReadBack> {
  const { record, engine } = readBack;
  if ((!record && !engine) || mapDefexaPaymentStatus(readBackStatus(readBack)) === 'failed') return readBack;
  const orderNumber = record?.order_number ?? engine?.order_number;
  const hold = holdOf(
    await readAmlHolds(context, call),
    orderNumber,
    engine?.token ?? record?.api_payment_token,
  );
  return hold ? { ...readBack, hold } : readBack;
}
