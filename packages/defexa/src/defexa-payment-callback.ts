import { decimal, isDecimalString, type Money, type Payment, WebhookVerificationError } from '@paymux/core';
import type { DefexaFeedRecord } from './defexa-api';
import type { DefexaPaymentKey } from './defexa-ids';
import type { DefexaOperationContext } from './defexa-operation-context';
import type { DefexaReadBack } from './defexa-payment-mapper';
import { paymentFromReadBack } from './defexa-payment-mapper';
import {
  type DefexaChargeMemo,
  type DefexaDepositMemo,
  type DefexaInvoiceOwner,
  type DefexaPaymentMemory,
  sameOwner,
} from './defexa-payment-memory';
import { addHold, readBackInvoice } from './defexa-payment-read-back';

/** The fields of a `pay` callback that name what it is about. */
export interface DefexaPaymentClaims {
  order_number?: string | undefined;
  token?: string | undefined;
  shop_order_id?: string | undefined;
  client_uid?: string | undefined;
  address?: string | undefined;
  amount?: string | undefined;
  ps_currency?: string | undefined;
  shop_currency?: string | undefined;
}

/** A confirmed payment callback: the payment as the read-back shows it, and its order number. */
export interface ConfirmedPaymentCallback {
  payment: Payment;
  orderNumber: string | undefined;
}

function refusal(context: DefexaOperationContext, message: string): WebhookVerificationError {
  return new WebhookVerificationError(`defexa callback refused: ${message}`, {
    provider: context.account,
    operation: 'parseWebhook',
  });
}

function looseText(record: DefexaFeedRecord | undefined, key: string): string | undefined {
  const value = record ? (record as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : undefined;
}

/** The pay-in address the read-back names, if any (the seed's records name none). */
function confirmedAddress(readBack: DefexaReadBack): string | undefined {
  const { engine, record, hold } = readBack;
  return (
    engine?.address ??
    record?.to_account ??
    record?.btc_address ??
    record?.extra_data.address ??
    looseText(record, 'address') ??
    hold?.details.address
  );
}

/** What an owned payment remembers, and the key and asked amount it is reported with. */
interface OwnedPayment {
  owner: DefexaInvoiceOwner;
  charge?: DefexaChargeMemo;
  deposit?: DefexaDepositMemo;
}

/**
 * Which payment of this account the callback claims, from its own fields, checked against what
 * the account remembers (never trusted alone: the read-back must agree afterwards).
 */
async function claimedPayment(
  claims: DefexaPaymentClaims,
  memory: DefexaPaymentMemory,
  refuse: (message: string) => WebhookVerificationError,
): Promise<OwnedPayment | undefined> {
  const byOrder = await memory.owner('order', claims.order_number);
  const byToken = await memory.owner('token', claims.token);
  if (byOrder && byToken && !sameOwner(byOrder, byToken)) {
    throw refuse('its order number and token belong to different payments');
  }
  const bound = byOrder ?? byToken;
  const shop = claims.shop_order_id;
  const uid = claims.client_uid;
  if (bound?.kind === 'charge') {
    if (uid !== undefined) throw refuse(`it claims customer ${uid} for the charge ${bound.shopOrderId}`);
    if (shop !== undefined && shop !== bound.shopOrderId) {
      throw refuse(`its invoice belongs to order ${bound.shopOrderId}, not to ${shop}`);
    }
    return { owner: bound, charge: await memory.charge(bound.shopOrderId) };
  }
  const address = bound?.kind === 'deposit' ? bound.address : claims.address;
  const deposit = address === undefined ? undefined : await memory.deposit(address);
  if (bound?.kind === 'deposit' || uid !== undefined || deposit !== undefined) {
    if (!deposit || address === undefined) {
      throw refuse('it names a deposit address this account did not issue');
    }
    if (claims.address !== undefined && claims.address !== address) {
      throw refuse(`its invoice was paid to ${address}, not to ${claims.address}`);
    }
    if (uid !== undefined && uid !== deposit.uid) {
      throw refuse(`the address belongs to another customer than ${uid}`);
    }
    return { owner: { kind: 'deposit', address }, deposit };
  }
  if (shop === undefined) return undefined;
  const charge = await memory.charge(shop);
  if (charge) return { owner: { kind: 'charge', shopOrderId: shop }, charge };
  // Without a record of the order, a shop order id equal to the order number names nothing more
  // than the invoice itself (invoices created outside paymux); any other cannot be confirmed.
  if (shop !== claims.order_number) throw refuse(`it names order ${shop}, which this account did not create`);
  return undefined;
}

function differs(claimed: string | undefined, actual: string | undefined): boolean {
  return claimed !== undefined && actual !== undefined && claimed !== actual;
}

function sameAmount(a: string, b: string): boolean {
  return isDecimalString(a) && isDecimalString(b) && decimal.equals(a, b);
}

/**
 * Confirms a `pay` callback. The payment that changes state is the one the read-back returns
 * (engine payment by token, DA record by order number); the order, customer, address, amount
 * and currency the callback names must all agree with it and with what this account remembers
 * of the payment it created, or the callback is refused (`WebhookVerificationError`). A first
 * confirmed callback binds Defexa's order number and token to the payment, for good.
 */
export async function confirmPaymentCallback(
  claims: DefexaPaymentClaims,
  context: DefexaOperationContext,
  memory: DefexaPaymentMemory,
): Promise<ConfirmedPaymentCallback> {
  const refuse = (message: string) => refusal(context, message);
  if (claims.order_number === undefined && claims.token === undefined) {
    throw refuse('no order_number or token to confirm the payment by');
  }
  const owned = await claimedPayment(claims, memory, refuse);
  // An owned charge is read back by what the account learnt from Defexa, not by the callback.
  const token = owned?.charge?.token ?? claims.token;
  const orderNumber = owned?.charge?.orderNumber ?? claims.order_number;
  if (differs(claims.token, token) || differs(claims.order_number, orderNumber)) {
    throw refuse('its order number or token is not the one of the order it names');
  }
  const call = { operation: 'parseWebhook' };
  // The AML hold is read only once the callback is confirmed.
  const readBack = await readBackInvoice(context, { token, orderNumber }, call, false);
  const { record, engine } = readBack;
  if (readBack.unknownToken) throw refuse(`defexa knows no payment with token ${token}`);
  if (!record && !engine) throw refuse(`payment ${orderNumber ?? token} does not exist at defexa`);
  const confirmedOrder = record?.order_number ?? engine?.order_number;
  const confirmedToken = engine?.token ?? record?.api_payment_token ?? (engine ? token : undefined);
  const currency = record?.currency ?? engine?.currency;
  const invoiceAmount = record?.amount ?? engine?.amount;
  const address = confirmedAddress(readBack);
  const claimedCurrency = claims.ps_currency ?? claims.shop_currency;
  if (
    differs(claims.order_number, confirmedOrder) ||
    differs(claims.token, confirmedToken) ||
    differs(engine?.order_number, record?.order_number)
  ) {
    throw refuse('its order number and token are not those of one defexa payment');
  }
  if (differs(engine?.currency?.toUpperCase(), record?.currency.toUpperCase())) {
    throw refuse('defexa names two currencies for the payment');
  }
  if (differs(claimedCurrency?.toUpperCase(), currency?.toUpperCase())) {
    throw refuse(`payment ${confirmedOrder ?? token} is in ${currency}, not in the currency claimed`);
  }
  if (
    claims.amount !== undefined &&
    invoiceAmount !== undefined &&
    !sameAmount(claims.amount, invoiceAmount)
  ) {
    throw refuse(`payment ${confirmedOrder ?? token} is for ${invoiceAmount}, not for the amount claimed`);
  }
  if (differs(claims.address, address)) throw refuse('its address is not the one defexa names');
  if (differs(claims.client_uid, engine?.client_uid ?? looseText(record, 'client_uid'))) {
    throw refuse('its customer is not the one defexa names');
  }
  if (differs(claims.shop_order_id, engine?.shop_order_id)) {
    throw refuse('its shop order id is not the one defexa names');
  }
  let key: DefexaPaymentKey;
  let asked: Money | undefined;
  if (owned?.charge && owned.owner.kind === 'charge') {
    const memo = owned.charge;
    if (
      currency !== memo.currency ||
      invoiceAmount === undefined ||
      !sameAmount(memo.amount, invoiceAmount)
    ) {
      throw refuse(
        `the invoice is not the ${memo.amount} ${memo.currency} charge of order ${owned.owner.shopOrderId}`,
      );
    }
    key = {
      kind: 'charge',
      reference: owned.owner.shopOrderId,
      currency: memo.currency,
      shopOrderId: owned.owner.shopOrderId,
    };
    asked = { amount: memo.amount, currency: memo.currency };
  } else if (owned?.deposit && owned.owner.kind === 'deposit') {
    const memo = owned.deposit;
    if (address !== owned.owner.address) {
      throw refuse(`defexa does not confirm that the payment reached ${owned.owner.address}`);
    }
    if (currency !== memo.currency) throw refuse(`the address takes ${memo.currency}, not ${currency}`);
    key = { kind: 'deposit', reference: memo.uid, currency: memo.currency, address: owned.owner.address };
    asked = { amount: memo.amount, currency: memo.amountCurrency ?? memo.currency };
  } else {
    const reference = confirmedOrder ?? orderNumber ?? (token as string);
    key = { kind: 'charge', reference, currency: currency ?? '', orderNumber: reference };
  }
  if (owned) {
    const boundOrder = await memory.bind('order', confirmedOrder, owned.owner);
    const boundToken = await memory.bind('token', confirmedToken, owned.owner);
    if (!boundOrder || !boundToken) throw refuse('its invoice already belongs to another payment');
    await remember(memory, owned, confirmedOrder, confirmedToken);
  }
  const confirmed = await addHold(context, readBack, call);
  return { payment: paymentFromReadBack(confirmed, key, asked, context), orderNumber: confirmedOrder };
}

/** Keeps Defexa's order number and token of a confirmed payment, to read it back by them later. */
async function remember(
  memory: DefexaPaymentMemory,
  owned: OwnedPayment,
  orderNumber: string | undefined,
  token: string | undefined,
): Promise<void> {
  const learnt = { ...(orderNumber ? { orderNumber } : {}), ...(token ? { token } : {}) };
  if (owned.owner.kind === 'charge' && owned.charge) {
    if (owned.charge.orderNumber === orderNumber && owned.charge.token === token) return;
    await memory.saveCharge(owned.owner.shopOrderId, { ...owned.charge, ...learnt });
  } else if (owned.owner.kind === 'deposit' && owned.deposit) {
    await memory.saveDeposit(owned.owner.address, { ...owned.deposit, ...learnt });
  }
}
