import {
  operationCall,
  type CallOptions,
  decimal,
  type ListInput,
  type Money,
  NotFoundError,
  type Page,
  type Payment,
  ValidationError,
} from '@paymux/core';
import type { DefexaFeedRecord } from './defexa-api';
import { type DefexaPaymentKey, decodeDefexaPaymentId } from './defexa-ids';
import type { DefexaChargeMemo } from './defexa-payment-memory';
import type { DefexaOperationContext } from './defexa-operation-context';
import { paymentFromReadBack, paymentWithoutRecord } from './defexa-payment-mapper';
import {
  type DefexaInvoiceReadBack,
  holdOf,
  readAmlHolds,
  readBackInvoice,
  readBackOfRecord,
  readInvoiceRecord,
} from './defexa-payment-read-back';
import { defexaListPaymentsOptionsSchema, parseDefexaOptions } from './defexa-provider-options';

type Call = CallOptions & { operation: string };

function looseText(record: DefexaFeedRecord, key: string): string | undefined {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The addresses and customer uids a record names, where it names any (the seed's name none). */
function depositMarks(record: DefexaFeedRecord): { addresses: string[]; uids: string[] } {
  const addresses = [
    record.to_account,
    record.btc_address,
    record.extra_data.address,
    looseText(record, 'address'),
  ];
  const uids = [looseText(record, 'client_uid'), looseText(record, 'customer_uid')];
  return {
    addresses: addresses.filter((item): item is string => item !== undefined),
    uids: uids.filter((item): item is string => item !== undefined),
  };
}

/**
 * The key of a record met without an id (a list): the payment the account bound its order
 * number to, else a host-to-host deposit where the record says so, else its order number.
 */
async function keyOfRecord(
  context: DefexaOperationContext,
  record: DefexaFeedRecord,
): Promise<{ key: DefexaPaymentKey; asked?: Money }> {
  const owner = await context.memory.owner('order', record.order_number);
  if (owner?.kind === 'charge') {
    const memo = await context.memory.charge(owner.shopOrderId);
    if (memo) {
      return {
        key: {
          kind: 'charge',
          reference: owner.shopOrderId,
          currency: memo.currency,
          shopOrderId: owner.shopOrderId,
        },
        asked: { amount: memo.amount, currency: memo.currency },
      };
    }
  }
  const address = owner?.kind === 'deposit' ? owner.address : depositMarks(record).addresses[0];
  const deposit = address === undefined ? undefined : await context.memory.deposit(address);
  const hostToHost = record.type?.toLowerCase().includes('h2h') ?? false;
  if (address !== undefined && (deposit || hostToHost)) {
    return {
      key: {
        kind: 'deposit',
        reference: deposit?.uid ?? depositMarks(record).uids[0] ?? address,
        currency: record.currency,
        address,
      },
      ...(deposit
        ? { asked: { amount: deposit.amount, currency: deposit.amountCurrency ?? deposit.currency } }
        : {}),
    };
  }
  const orderNumber = record.order_number ?? record.id;
  return { key: { kind: 'charge', reference: orderNumber, currency: record.currency, orderNumber } };
}

/**
 * Binds an invoice a listing by reference found to the charge paymux created under that
 * reference, as a read by id does, so that the listed payment carries the merchant reference and
 * the id `createPayment` gave (crash recovery finds a payment this way). The invoice is claimed
 * when it has the order number Defexa named for the charge, or, when none was named, when it is
 * numbered like the shop order and is this charge (same amount and currency).
 */
async function claimForCharge(
  context: DefexaOperationContext,
  record: DefexaFeedRecord,
  charge: { shopOrderId: string; memo: DefexaChargeMemo; named: string | undefined },
): Promise<void> {
  const { shopOrderId, memo, named } = charge;
  const orderNumber = record.order_number;
  if (orderNumber === undefined || memo.orderNumber === orderNumber) return;
  const claimed =
    named !== undefined ? orderNumber === named : orderNumber === shopOrderId && isChargeOf(record, memo);
  if (!claimed) return;
  if (await context.memory.bind('order', orderNumber, { kind: 'charge', shopOrderId })) {
    await context.memory.saveCharge(shopOrderId, { ...memo, orderNumber });
  }
}

/** Whether a record is a charge of `asked` (same currency and amount). */
function isChargeOf(record: DefexaFeedRecord, asked: Money): boolean {
  return record.currency === asked.currency && decimal.equals(record.amount, asked.amount);
}

/** Reads a charge paymux created, by what the account learnt of it. */
async function readCharge(
  context: DefexaOperationContext,
  key: DefexaPaymentKey & { shopOrderId: string },
  call: Call,
): Promise<Payment> {
  const memo = await context.memory.charge(key.shopOrderId);
  const base = { kind: 'charge', reference: key.shopOrderId, shopOrderId: key.shopOrderId } as const;
  if (!memo) {
    throw new NotFoundError(`defexa: this account does not remember the charge of order ${key.shopOrderId}`, {
      provider: context.account,
      operation: call.operation,
      reference: key.shopOrderId,
    });
  }
  const asked = { amount: memo.amount, currency: memo.currency };
  let readBack: DefexaInvoiceReadBack | undefined;
  if (memo.token || memo.orderNumber) {
    readBack = await readBackInvoice(context, { token: memo.token, orderNumber: memo.orderNumber }, call);
  } else {
    // Nothing names the invoice yet: an invoice numbered like the shop order is taken only when it
    // is this charge (same amount and currency).
    const record = await readInvoiceRecord(context, key.shopOrderId, call);
    if (record && isChargeOf(record, asked)) readBack = await readBackOfRecord(context, record, call);
  }
  if (!readBack || (!readBack.record && !readBack.engine)) {
    return paymentWithoutRecord(
      { ...base, currency: memo.currency, amount: memo.amount },
      { raw: {} },
      context,
    );
  }
  const orderNumber = readBack.record?.order_number ?? readBack.engine?.order_number;
  if (orderNumber && !memo.orderNumber) {
    const owner = { kind: 'charge', shopOrderId: key.shopOrderId } as const;
    if (await context.memory.bind('order', orderNumber, owner)) {
      await context.memory.saveCharge(key.shopOrderId, { ...memo, orderNumber });
    }
  }
  return paymentFromReadBack(readBack, { ...base, currency: memo.currency }, asked, context);
}

/** Reads a static deposit address: its latest confirmed deposit, else an open address. */
async function readDeposit(
  context: DefexaOperationContext,
  key: DefexaPaymentKey & { address: string },
  call: Call,
): Promise<Payment> {
  const memo = await context.memory.deposit(key.address);
  // An id of before names the merchant reference; a canonical one only the address.
  const reference =
    key.reference !== key.address ? key.reference : (memo?.uid ?? key.customerUid ?? key.reference);
  const asked: Money | undefined = memo
    ? { amount: memo.amount, currency: memo.amountCurrency ?? memo.currency }
    : key.amount !== undefined
      ? { amount: key.amount, currency: key.amountCurrency ?? key.currency }
      : undefined;
  const depositKey = { ...key, reference };
  let readBack: DefexaInvoiceReadBack | undefined;
  if (memo?.token || memo?.orderNumber) {
    readBack = await readBackInvoice(context, { token: memo.token, orderNumber: memo.orderNumber }, call);
  } else {
    // No confirmed deposit yet: a record that names the address (the seed's do not) is used.
    const { invoices } = await context.api.listInvoices({}, call);
    const found = invoices
      .filter((record) => {
        const marks = depositMarks(record);
        return (
          marks.addresses.includes(key.address) ||
          (key.customerUid !== undefined && marks.uids.includes(key.customerUid))
        );
      })
      .sort((a, b) => Number(b.id) - Number(a.id))[0];
    if (found) readBack = await readBackOfRecord(context, found, call);
  }
  if (!readBack || (!readBack.record && !readBack.engine)) {
    return paymentWithoutRecord(
      {
        ...depositKey,
        amount: asked?.amount ?? '0',
        amountCurrency: asked && asked.currency !== key.currency ? asked.currency : undefined,
      },
      { raw: {} },
      context,
    );
  }
  return paymentFromReadBack(readBack, depositKey, asked, context);
}

/**
 * Defexa's order number and token of the invoice a payment id names, as far as this account
 * knows them (a deposit address: its latest confirmed deposit).
 */
export async function invoiceOfPayment(
  context: DefexaOperationContext,
  key: DefexaPaymentKey,
): Promise<{ orderNumber?: string; token?: string }> {
  const memo =
    key.shopOrderId !== undefined
      ? await context.memory.charge(key.shopOrderId)
      : key.kind === 'deposit' && key.address !== undefined
        ? await context.memory.deposit(key.address)
        : await context.memory.charge(key.reference);
  const orderNumber =
    memo?.orderNumber ?? (key.kind === 'deposit' ? key.orderNumber : (key.orderNumber ?? key.reference));
  return { ...(orderNumber ? { orderNumber } : {}), ...(memo?.token ? { token: memo.token } : {}) };
}

/** Reads a payment back by its id. */
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
  const call = operationCall('getPayment', options);
  if (key.shopOrderId !== undefined)
    return readCharge(context, { ...key, shopOrderId: key.shopOrderId }, call);
  if (key.kind === 'charge') {
    // An id of an order number bound to a charge, or of before (its reference was the shop order
    // id), is read as the charge: one payment keeps one id.
    const owner = await context.memory.owner('order', key.orderNumber ?? key.reference);
    for (const shopOrderId of [owner?.kind === 'charge' ? owner.shopOrderId : undefined, key.reference]) {
      if (shopOrderId !== undefined && (await context.memory.charge(shopOrderId))) {
        return readCharge(context, { ...key, shopOrderId }, call);
      }
    }
  }
  if (key.kind === 'deposit' && key.address !== undefined) {
    return readDeposit(context, { ...key, address: key.address }, call);
  }
  let readBack: DefexaInvoiceReadBack | undefined;
  if (key.invoiceId !== undefined) {
    const record = (await context.api.getInvoice(key.invoiceId, call)).feed[0];
    if (record) readBack = await readBackOfRecord(context, record, call);
  } else {
    readBack = await readBackInvoice(context, { orderNumber: key.orderNumber ?? key.reference }, call);
  }
  if (!readBack?.record && !readBack?.engine) {
    throw new NotFoundError(`defexa has no invoice for payment ${key.reference}`, {
      provider: context.account,
      operation: 'getPayment',
      reference: key.reference,
    });
  }
  const asked =
    key.amount !== undefined
      ? { amount: key.amount, currency: key.amountCurrency ?? key.currency }
      : undefined;
  return paymentFromReadBack(readBack, key, asked, context);
}

/** `listPayments`: the invoices, optionally by type and reference (a shop order id or order number). */
export async function listDefexaPayments(
  context: DefexaOperationContext,
  input: ListInput = {},
  options: CallOptions = {},
): Promise<Page<Payment>> {
  const where = { provider: context.account, operation: 'listPayments' };
  const extra = parseDefexaOptions(defexaListPaymentsOptionsSchema, input, where);
  if (input.cursor !== undefined) {
    throw new ValidationError('defexa lists have no pages: cursor is not supported', {
      ...where,
      field: 'cursor',
    });
  }
  const call = operationCall('listPayments', options);
  const memo = input.reference === undefined ? undefined : await context.memory.charge(input.reference);
  // The order number Defexa gave the charge paymux created under this reference, when it named one.
  const named =
    memo?.orderNumber ??
    (memo?.token
      ? (await readBackInvoice(context, { token: memo.token }, call)).engine?.order_number
      : undefined);
  const orderNumber = named ?? input.reference;
  const { invoices } = await context.api.listInvoices(
    {
      ...(extra.typeName ? { type_name: extra.typeName } : {}),
      ...(orderNumber ? { order_number: orderNumber } : {}),
    },
    call,
  );
  const holds = await readAmlHolds(context, call);
  const items: Payment[] = [];
  for (const record of invoices.slice(0, input.limit ?? invoices.length)) {
    if (memo && input.reference !== undefined) {
      await claimForCharge(context, record, { shopOrderId: input.reference, memo, named });
    }
    const { key, asked } = await keyOfRecord(context, record);
    const hold = holdOf(holds, record.order_number, undefined);
    items.push(paymentFromReadBack({ record, ...(hold ? { hold } : {}) }, key, asked, context));
  }
  return { items };
}
