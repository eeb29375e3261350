import { randomHex } from '../core/random-ids';
import { formatUtcSeconds } from '../core/sandbox-clock';
import { type JsonNumber, type JsonOut, rawNumber } from '../core/json-value';
import { fixDecimal, normalizeDecimal } from '../core/decimal-amount';
import {
  DEFEXA_STATUS_CODES,
  type DefexaInvoice,
  type DefexaPayout,
  type DefexaWallet,
} from './defexa-model';

/** The merchant as the engine names it in feed objects. */
export interface DefexaMerchant {
  userId: number;
  name: string;
  email: string;
}

/** A decimal as the engine's Ruby floats print it: `13.0`, `0.0008`. */
export function engineNumber(decimal: string): JsonNumber {
  const text = normalizeDecimal(decimal);
  return rawNumber(text.includes('.') ? text : `${text}.0`);
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function payoutStatusCode(payout: DefexaPayout): number {
  return DEFEXA_STATUS_CODES[payout.state];
}

/** A wallet as `GET /api/v1/da/wallets` lists it. */
export function walletView(wallet: DefexaWallet, available: string): JsonOut {
  return {
    wallet: {
      id: wallet.id,
      amount: fixDecimal(wallet.balance, 2),
      unformatted_amount: engineNumber(wallet.balance),
      available_for_payout: engineNumber(available),
      currency: wallet.currency,
      held: engineNumber(wallet.held),
      limit: 0,
      revenue: engineNumber(wallet.revenue),
      name: wallet.name,
      main: null,
      address: wallet.address,
      bank_account_id: wallet.bankAccountId,
    },
  };
}

/** An invoice as `GET /api/v1/da/invoices` lists it. */
export function invoiceListView(
  invoice: DefexaInvoice,
  merchant: DefexaMerchant,
  wallet: DefexaWallet,
): JsonOut {
  return {
    id: invoice.id,
    message: null,
    from: merchant.name,
    from_id: merchant.userId,
    from_phone: null,
    from_email: merchant.email,
    from_profile_wallet_type: 'personal',
    from_wallet_token: invoice.token,
    to: 'anonymous',
    to_id: invoice.id,
    to_phone: null,
    to_email: `${Math.floor(invoice.createdAt / 1000)}@anonymous.charge_request.com`,
    to_profile_wallet_type: 'pale',
    to_wallet_token: invoice.token,
    global: 2,
    date: formatUtcSeconds(invoice.createdAt),
    likes: null,
    paymentId: invoice.id,
    order_number: invoice.orderNumber,
    for: invoice.description,
    // The seed shows "charge new"; it names no other invoice type, so deposits say the same.
    type: 'charge new',
    amount: engineNumber(invoice.amount ?? invoice.received),
    currency: invoice.currency,
    viewed: 0,
    pic: '',
    pics: [],
    company_name: null,
    btc_address: null,
    target_amount: invoice.amount === null ? null : engineNumber(invoice.amount),
    target_currency: invoice.currency,
    source: null,
    status: DEFEXA_STATUS_CODES[invoice.state],
    description: invoice.description,
    extra_data: transferData(invoice),
    // The seed's invoice shows both as null: neither the token nor the pay-in address is given here.
    api_payment_token: null,
    to_account: null,
    from_account: wallet.address,
    from_wallet_name: wallet.name,
    bank_account: null,
    commission_amount: null,
    commission_currency: null,
    target_currency_rate: null,
    network_commission: null,
  };
}

function transferData(invoice: DefexaInvoice): JsonOut {
  if (invoice.txHash === null) return {};
  return {
    tx_hash: invoice.txHash,
    address_from: invoice.payerAddress,
    confirmations: invoice.confirmations,
  };
}

/** An invoice as `GET /api/v1/da/invoices/{id}` returns it (one `feed` element). */
export function invoiceFeedView(
  invoice: DefexaInvoice,
  merchant: DefexaMerchant,
  wallet: DefexaWallet,
): JsonOut {
  return {
    id: invoice.id,
    message: null,
    created_at: isoTime(invoice.createdAt),
    updated_at: isoTime(invoice.updatedAt),
    privacy: 2,
    likes: null,
    description: invoice.description,
    from_profile_id: merchant.userId,
    to_profile_id: invoice.id,
    fType: 3,
    feed_date: isoTime(invoice.createdAt),
    amount: engineNumber(invoice.amount ?? invoice.received),
    currency: invoice.currency,
    status: DEFEXA_STATUS_CODES[invoice.state],
    viewed: 0,
    rate_id: null,
    commission_value: null,
    commission_amount: null,
    commission_currency: null,
    trusted: false,
    charge_request_id: null,
    api_payment_token: null,
    order_number: invoice.orderNumber,
    extra_param: invoice.type === 'UNLIMITED' ? 'recurring_payment' : 'single_payment',
    refund_id: null,
    file_data: [],
    source: null,
    bank_account_id: null,
    extra_data: transferData(invoice),
    target_currency: invoice.currency,
    target_amount: invoice.amount === null ? null : engineNumber(invoice.amount),
    target_currency_rate: null,
    feed_reference_id: null,
    refunded_target_amount: engineNumber('0'),
    country_bank: null,
    country_ip: null,
    country_phone: null,
    commission_fee: null,
    commission_provider_value: null,
    commission_provider_fee: null,
    commission_provider_amount: null,
    payment_object: null,
    attachments: [],
    source_currency_rate: null,
    to_bank_account_id: null,
    from_bank_account_id: wallet.bankAccountId,
    network_fee: null,
  };
}

/** A payout as `GET /api/v1/da/payouts` and `/mass_payouts` list it. */
export function payoutListView(
  payout: DefexaPayout,
  merchant: DefexaMerchant,
  wallet: DefexaWallet,
): JsonOut {
  return {
    id: payout.id,
    message: payout.comment,
    from: merchant.name,
    from_id: merchant.userId,
    from_phone: null,
    from_email: merchant.email,
    from_profile_wallet_type: 'personal',
    from_wallet_token: payout.token,
    to: ' ',
    to_id: 4,
    to_phone: null,
    to_email: 'wallet@defexa.com',
    to_profile_wallet_type: 'biz',
    to_wallet_token: payout.token,
    global: 2,
    date: formatUtcSeconds(payout.createdAt),
    likes: null,
    paymentId: payout.id,
    order_number: payout.orderNumber,
    for: payout.massName,
    type: 'cashout',
    amount: engineNumber(payout.amount),
    currency: payout.currency,
    viewed: 0,
    pic: '',
    pics: [],
    company_name: null,
    btc_address: null,
    target_amount: null,
    target_currency: null,
    source: null,
    status: payoutStatusCode(payout),
    state: payout.state,
    description: payout.comment,
    extra_data: payoutExtraData(payout),
    api_payment_token: payout.token,
    to_account: null,
    from_account: payout.fromAddress,
    from_wallet_name: wallet.name,
    bank_account: null,
    commission_amount: engineNumber(payout.fee),
    commission_currency: payout.currency,
    target_currency_rate: null,
    network_commission: null,
    mass_payout_order_number: payout.massOrderNumber,
  };
}

function payoutExtraData(payout: DefexaPayout): JsonOut {
  return {
    tx_hash: payout.txHash,
    target_address: payout.targetAddress,
    explorer_url: payout.txHash === null ? null : `https://explorer.sandbox.invalid/tx/${payout.txHash}`,
  };
}

/** A payout as `GET /api/v1/da/payouts/{id}` returns it (one `feed` element). */
export function payoutFeedView(
  payout: DefexaPayout,
  merchant: DefexaMerchant,
  wallet: DefexaWallet,
): JsonOut {
  return {
    id: payout.id,
    message: payout.comment,
    created_at: isoTime(payout.createdAt),
    updated_at: isoTime(payout.updatedAt),
    privacy: 2,
    likes: null,
    description: payout.comment,
    from_profile_id: merchant.userId,
    to_profile_id: 4,
    fType: 6,
    feed_date: isoTime(payout.createdAt),
    amount: engineNumber(payout.amount),
    currency: payout.currency,
    status: payoutStatusCode(payout),
    state: payout.state,
    viewed: 0,
    rate_id: null,
    commission_value: engineNumber('0'),
    commission_amount: engineNumber(payout.fee),
    commission_currency: payout.currency,
    trusted: false,
    charge_request_id: null,
    api_payment_token: payout.token,
    order_number: payout.orderNumber,
    extra_param: `defexa|${merchant.userId}`,
    refund_id: null,
    file_data: [],
    source: null,
    bank_account_id: null,
    extra_data: {
      tx_hash: payout.txHash,
      url: payout.txHash === null ? null : `https://explorer.sandbox.invalid/tx/${payout.txHash}`,
      target_address: payout.targetAddress,
    },
    target_currency: null,
    target_amount: null,
    target_currency_rate: null,
    feed_reference_id: null,
    refunded_target_amount: engineNumber('0'),
    country_bank: null,
    country_ip: null,
    country_phone: null,
    commission_fee: engineNumber(payout.fee),
    commission_provider_value: engineNumber('0'),
    commission_provider_fee: engineNumber('0'),
    commission_provider_amount: engineNumber('0'),
    attachments: [],
    source_currency_rate: null,
    to_bank_account_id: null,
    from_bank_account_id: wallet.bankAccountId,
    network_fee: null,
  };
}

/** The notification body the engine POSTs for an invoice (callback_type `pay`). */
export function invoiceNotification(invoice: DefexaInvoice, merchant: DefexaMerchant): JsonOut {
  return {
    address: invoice.address,
    callback_type: 'pay',
    net_amount: normalizeDecimal(invoice.received),
    created: formatUtcSeconds(invoice.createdAt),
    description: invoice.description ?? '',
    payment_id: String(invoice.id),
    feed_id: String(invoice.id),
    payway: 'in',
    processed: formatUtcSeconds(invoice.updatedAt),
    ps_currency: invoice.currency,
    ps_data: {
      ps_payer_account: invoice.payerAddress ?? '',
      transaction_hash: invoice.txHash ?? '',
      client_hash: invoice.txHash ?? '',
    },
    amount: normalizeDecimal(invoice.amount ?? invoice.received),
    shop_currency: invoice.currency,
    shop_id: String(merchant.userId),
    // Empty when the merchant gave none (the seed calls it the "original payment id").
    shop_order_id: invoice.shopOrderId ?? '',
    status: invoice.state,
    client: '',
    client_uid: invoice.customerUid ?? '',
    order_number: invoice.orderNumber,
    token: invoice.token,
    // No public source documents the recipe, so the sandbox sends an opaque value.
    signature: randomHex(32),
  };
}

/** The notification body the engine POSTs for a payout (callback_type `payout`). */
export function payoutNotification(payout: DefexaPayout, merchant: DefexaMerchant): JsonOut {
  return {
    address: payout.targetAddress,
    callback_type: 'payout',
    net_amount: normalizeDecimal(payout.amount),
    created: formatUtcSeconds(payout.createdAt),
    description: payout.comment ?? '',
    payment_id: String(payout.id),
    feed_id: String(payout.id),
    payway: 'out',
    processed: formatUtcSeconds(payout.updatedAt),
    ps_currency: payout.currency,
    ps_data: {
      ps_payer_account: payout.fromAddress,
      transaction_hash: payout.txHash ?? '',
      client_hash: payout.txHash ?? '',
    },
    amount: normalizeDecimal(payout.amount),
    shop_currency: payout.currency,
    shop_id: String(merchant.userId),
    shop_order_id: payout.orderNumber,
    status: payout.state,
    client: '',
    client_uid: '',
    order_number: payout.orderNumber,
    token: payout.token,
    signature: randomHex(32),
  };
}
