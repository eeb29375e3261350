import {
  type CallOptions,
  type CreatePaymentInput,
  createPaymentInputSchema,
  type ListInput,
  listInputSchema,
  NotFoundError,
  type Page,
  type Payment,
  PermissionError,
  parseInput,
  ValidationError,
} from '@paymux/core';
import type { DefexaAmlPayment, DefexaFeedRecord } from './defexa-api';
import { type DefexaPaymentKey, decodeDefexaPaymentId, encodeDefexaPaymentId } from './defexa-ids';
import { defexaCurrencyOf } from './defexa-networks';
import type { DefexaOperationContext } from './defexa-operation-context';
import {
  askedAmountOf,
  paymentFromInvoice,
  paymentWithoutRecord,
  recordStatus,
  rememberAskedAmount,
} from './defexa-payment-mapper';
import { mapDefexaPaymentStatus } from './map-defexa-status';
import {
  defexaCreatePaymentOptionsSchema,
  defexaListPaymentsOptionsSchema,
  parseDefexaOptions,
} from './defexa-provider-options';

/** `createPayment`: a widget charge (`hosted`) or a customer's static address (`deposit_address`). */
export async function createDefexaPayment(
  context: DefexaOperationContext,
  rawInput: CreatePaymentInput,
  options: CallOptions = {},
): Promise<Payment> {
  const where = { provider: context.account, operation: 'createPayment' };
  const input = parseInput(createPaymentInputSchema, rawInput, where);
  const extra = parseDefexaOptions(defexaCreatePaymentOptionsSchema, input, where);
  const customerUid = extra.customerUid ?? input.customer?.id;
  const flow = input.flow ?? (customerUid !== undefined ? 'deposit_address' : 'hosted');
  const callbackUrl = input.webhookUrl ?? context.settings.callbackUrl;
  const call = { operation: 'createPayment', reference: input.reference, ...options };

  if (flow === 'deposit_address') {
    const currency = input.payWith
      ? defexaCurrencyOf(input.payWith, 'payWith', context.account)
      : defexaCurrencyOf({ symbol: input.amount.currency }, 'amount.currency', context.account);
    const uid = customerUid ?? input.reference;
    const answer = await context.api.createHostToHostPayment(
      { currency, ...(callbackUrl ? { callbackUrl } : {}), customer: { uid } },
      call,
    );
    const amountCurrency =
      input.amount.currency.toUpperCase() === currency ? undefined : input.amount.currency;
    const key = {
      kind: 'deposit',
      reference: input.reference,
      currency: answer.currency,
      address: answer.customer.address,
    } as const;
    rememberAskedAmount(context, encodeDefexaPaymentId(key), {
      amount: input.amount.amount,
      currency: amountCurrency ?? answer.currency,
    });
    return paymentWithoutRecord(
      { ...key, amount: input.amount.amount, amountCurrency },
      { raw: answer },
      context,
    );
  }
  if (flow !== 'hosted') {
    throw new ValidationError(`defexa does not offer the ${flow} flow (hosted, deposit_address)`, {
      ...where,
      field: 'flow',
    });
  }
  // A charge is priced in the crypto currency it collects.
  const currency = defexaCurrencyOf(
    { symbol: input.amount.currency, network: input.payWith?.network },
    'amount.currency',
    context.account,
  );
  if (input.payWith && defexaCurrencyOf(input.payWith, 'payWith', context.account) !== currency) {
    throw new ValidationError(
      'defexa charges are priced in the currency paid: payWith must match amount.currency',
      {
        ...where,
        field: 'payWith',
      },
    );
  }
  if (!callbackUrl) {
    throw new ValidationError('defexa charges need a callback URL: give webhookUrl or set callbackUrl', {
      ...where,
      field: 'webhookUrl',
    });
  }
  if (!input.returnUrl) {
    throw new ValidationError('defexa charges need a redirect URL: give returnUrl', {
      ...where,
      field: 'returnUrl',
    });
  }
  if (extra.autoexchange && !extra.exchangeCurrency) {
    throw new ValidationError('autoexchange needs exchangeCurrency', {
      ...where,
      field: 'providerOptions.defexa.exchangeCurrency',
    });
  }
  const logoUrl = extra.logoUrl ?? context.settings.logoUrl;
  const answer = await context.api.createCharge(
    {
      amount: input.amount.amount,
      currency,
      callback_url: callbackUrl,
      redirect_fail_url: input.cancelUrl ?? input.returnUrl,
      redirect_success_url: input.returnUrl,
      ...(logoUrl ? { logo_url: logoUrl } : {}),
      ...(extra.payFeeForClient !== undefined ? { pay_fee_for_client: extra.payFeeForClient } : {}),
      shop_order_id: input.reference,
      ...(extra.autoexchange !== undefined ? { autoexchange: extra.autoexchange } : {}),
      ...(extra.exchangeCurrency ? { exchange_currency: extra.exchangeCurrency } : {}),
    },
    call,
  );
  // Defexa keeps the shop_order_id sent as the invoice's order number; the answer may echo it.
  const orderNumber =
    answer.order_number ?? queryParameter(answer.redirect_url, 'order_number') ?? input.reference;
  return paymentWithoutRecord(
    { kind: 'charge', reference: input.reference, currency, amount: input.amount.amount, orderNumber },
    { checkoutUrl: answer.redirect_url, raw: answer },
    context,
  );
}

/** A query parameter of a URL, or `undefined` (also for a URL that does not parse). */
function queryParameter(url: string, name: string): string | undefined {
  try {
    return new URL(url).searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

export function looseText(record: DefexaFeedRecord, key: string): string | undefined {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The address a deposit record was paid to, where the record names it. */
function addressOf(record: DefexaFeedRecord): string | undefined {
  return record.to_account ?? record.btc_address ?? record.extra_data.address ?? looseText(record, 'address');
}

/** The host-to-host customer uid a record names, if any. */
function customerUidOf(record: DefexaFeedRecord): string | undefined {
  return looseText(record, 'client_uid') ?? looseText(record, 'customer_uid');
}

/**
 * The key of an invoice record met without an id (a list): a host-to-host deposit is keyed by
 * the address it was paid to, anything else by its order number, as `createPayment` keys them.
 */
export function keyOfInvoice(record: DefexaFeedRecord): DefexaPaymentKey {
  const address = addressOf(record);
  const hostToHost = record.type?.toLowerCase().includes('h2h') ?? false;
  if (hostToHost && address !== undefined) {
    return {
      kind: 'deposit',
      reference: customerUidOf(record) ?? address,
      currency: record.currency,
      address,
    };
  }
  const orderNumber = record.order_number ?? record.id;
  return { kind: 'charge', reference: orderNumber, currency: record.currency, orderNumber };
}

/** Whether an invoice record is a deposit to a host-to-host customer's address. */
function isDepositOf(record: DefexaFeedRecord, key: DefexaPaymentKey): boolean {
  const addresses = [
    record.btc_address,
    record.to_account,
    record.extra_data.address,
    looseText(record, 'address'),
  ];
  const uids = [looseText(record, 'client_uid'), looseText(record, 'customer_uid')];
  return (
    (key.address !== undefined && addresses.includes(key.address)) ||
    (key.customerUid !== undefined && uids.includes(key.customerUid))
  );
}

/** The AML holds, or none when the account has no access to the AML endpoint. */
export async function readAmlHolds(
  context: DefexaOperationContext,
  options: CallOptions & { operation: string },
): Promise<DefexaAmlPayment[]> {
  try {
    return (await context.api.listAmlRefunds(options)).payments;
  } catch (error) {
    if (PermissionError.is(error) || NotFoundError.is(error)) return [];
    throw error;
  }
}

/** The invoice record a payment key points at, or `undefined`. */
async function findInvoice(
  context: DefexaOperationContext,
  key: DefexaPaymentKey,
  call: CallOptions & { operation: string },
): Promise<DefexaFeedRecord | undefined> {
  if (key.invoiceId !== undefined) {
    return (await context.api.getInvoice(key.invoiceId, call)).feed[0];
  }
  if (key.orderNumber !== undefined || key.kind !== 'deposit') {
    // A charge is sent with shop_order_id = reference; until Defexa's own order number is known
    // (from a callback), the reference is the order number tried.
    const orderNumber = key.orderNumber ?? key.reference;
    const { invoices } = await context.api.listInvoices({ order_number: orderNumber }, call);
    return invoices.find((invoice) => invoice.order_number === orderNumber);
  }
  const { invoices } = await context.api.listInvoices({}, call);
  const deposits = invoices.filter((invoice) => isDepositOf(invoice, key));
  return deposits.sort((a, b) => Number(b.id) - Number(a.id))[0];
}

/** Reads a payment back by its id: the invoice record, and its AML hold when there is one. */
export async function getDefexaPayment(
  context: DefexaOperationContext,
  id: string,
  options: CallOptions = {},
): Promise<Payment> {
  if (typeof id !== 'string' || id === '') {
    throw new ValidationError('getPayment: id must be a payment id', {
      provider: context.account,
      field: 'id',
    });
  }
  const key = decodeDefexaPaymentId(id, context.account);
  const call = { operation: 'getPayment', signal: options.signal, timeoutMs: options.timeoutMs };
  const invoice = await findInvoice(context, key, call);
  if (!invoice) {
    if (key.kind === 'deposit' && key.address !== undefined) {
      // Defexa has no record of a static address until a deposit reaches it. The asked amount is
      // the one this process remembers (or a version 1 id carries); else the address is open: 0.
      const asked = askedAmountOf(key, encodeDefexaPaymentId(key), context);
      return paymentWithoutRecord(
        {
          ...key,
          amount: asked?.amount ?? '0',
          amountCurrency: asked && asked.currency !== key.currency ? asked.currency : undefined,
        },
        { raw: {} },
        context,
      );
    }
    throw new NotFoundError(`defexa has no invoice for payment ${key.reference}`, {
      provider: context.account,
      operation: 'getPayment',
      reference: key.reference,
    });
  }
  // A declined payment cannot be held; any other may be (funds seen, then scored by AML).
  const holds =
    mapDefexaPaymentStatus(recordStatus(invoice)) === 'failed' ? [] : await readAmlHolds(context, call);
  const hold = holds.find(
    (item) =>
      item.order_number !== undefined &&
      item.order_number === invoice.order_number &&
      item.status === 'pending',
  );
  // A new-form deposit id names only the address: the customer uid, where the record has it, is
  // the reference the webhook reports too.
  const reference =
    key.kind === 'deposit' && key.reference === key.address
      ? (customerUidOf(invoice) ?? key.reference)
      : key.reference;
  return paymentFromInvoice(invoice, { ...key, reference }, context, hold);
}

/** `listPayments`: the invoices, optionally by type and order number (the reference). */
export async function listDefexaPayments(
  context: DefexaOperationContext,
  rawInput: ListInput = {},
  options: CallOptions = {},
): Promise<Page<Payment>> {
  const where = { provider: context.account, operation: 'listPayments' };
  const input = parseInput(listInputSchema, rawInput, where);
  const extra = parseDefexaOptions(defexaListPaymentsOptionsSchema, input, where);
  if (input.cursor !== undefined) {
    throw new ValidationError('defexa lists have no pages: cursor is not supported', {
      ...where,
      field: 'cursor',
    });
  }
  const call = { operation: 'listPayments', signal: options.signal, timeoutMs: options.timeoutMs };
  const { invoices } = await context.api.listInvoices(
    {
      ...(extra.typeName ? { type_name: extra.typeName } : {}),
      ...(input.reference ? { order_number: input.reference } : {}),
    },
    call,
  );
  const holds = await readAmlHolds(context, call);
  const items = invoices.slice(0, input.limit ?? invoices.length).map((invoice) =>
    paymentFromInvoice(
      invoice,
      keyOfInvoice(invoice),
      context,
      holds.find(
        (hold) =>
          hold.order_number !== undefined &&
          hold.order_number === invoice.order_number &&
          hold.status === 'pending',
      ),
    ),
  );
  return { items };
}
