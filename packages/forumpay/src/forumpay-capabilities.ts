import type { ProviderCapabilities } from '@paymux/core';

/**
 * What a ForumPay account supports. ForumPay publishes no rate limits, so none are declared; a
 * client-given limiter is still used.
 *
 * @example
 * forumpayCapabilities.operations.createRefund?.idempotent // false
 */
export const forumpayCapabilities: ProviderCapabilities = {
  operations: {
    createPayment: {
      idempotent: false,
      note: 'GetRate, then StartPayment (POST form by default); StartPayment is never sent twice',
    },
    getPayment: { note: 'CheckPayment; the payment id carries currency and address' },
    listPayments: { note: 'GetTransactions with offset/limit; filters by reference (reference_no)' },
    cancelPayment: { idempotent: true, note: 'CancelPayment; cancelling twice leaves it cancelled' },
    acceptUnderpayment: { idempotent: false, note: "AcceptPayment with CheckPayment's received amount" },
    getQuote: { note: 'GetRate' },
    listCurrencies: { note: 'GetCurrencyList' },
    createRefund: {
      idempotent: false,
      note: 'RefundPayment of the open refund amount; needs destination.address',
    },
    getRefund: { note: "CheckPayment's refund fields (GetTransactions' when CheckPayment has none)" },
    parseWebhook: {
      note: 'unsigned: confirmed by CheckPayment within one 1.6 s budget; refunds are refund.* events',
    },
  },
  flows: ['deposit_address'],
  assets: 'any',
  webhooks: {
    verification: ['refetch'],
    retries: 'not documented by ForumPay',
    responseDeadlineMs: 2_000,
  },
};
