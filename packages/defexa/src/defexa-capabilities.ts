import type { ProviderCapabilities } from '@paymux/core';
import { defexaCurrencies } from './defexa-networks';

/**
 * What the Defexa adapter supports. No rate limits are published for Defexa, so none are
 * declared (an account limiter given by the client is still used).
 */
export const defexaCapabilities = {
  operations: {
    createPayment: {
      idempotent: false,
      idempotencyKey: 'reference',
      note: 'hosted: widget charge known by shop_order_id = reference (Defexa numbers its own invoice), not deduplicated by Defexa; deposit_address: static address per customer uid, repeatable; no expiry or description',
    },
    getPayment: {
      note: 'read back by token (engine payment) and order number (DA invoice); received amount from Defexa; AML holds reported as on_hold',
    },
    listPayments: { note: 'DA invoices, by type and order number; no pagination' },
    createRefund: {
      idempotent: false,
      note: 'AML refund of a payment held by AML scoring (on_hold), whole amount, to the address given',
    },
    createPayout: {
      idempotent: true,
      idempotencyKey: 'reference',
      note: 'order_number = reference; Defexa refuses a repeat; an unclear outcome is settled by looking the order number up',
    },
    createPayoutBatch: { idempotent: false, note: 'mass payout, one currency' },
    getPayout: {},
    getPayoutBatch: { note: 'needs the order number Defexa returns for the mass payout' },
    listPayouts: { note: 'single (default) or mass; no pagination' },
    estimatePayoutFee: { note: 'the medium network fee' },
    getBalances: { note: 'one balance per wallet' },
    parseWebhook: {
      note: 'unsigned: confirmed by reading the object back; order, customer, address, amount and currency must agree with it',
    },
  },
  flows: ['hosted', 'deposit_address'],
  assets: Object.values(defexaCurrencies).map((asset) => ({ ...asset })),
  webhooks: {
    verification: ['refetch'],
    retries: 'hourly, at most 9 times, until the merchant answers HTTP 200',
  },
} as const satisfies ProviderCapabilities;
