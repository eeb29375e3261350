import type { ProviderCapabilities } from '@paymux/core';
import { finraxCryptoCurrencies, finraxCurrencyNetworks, finraxNetworks } from './finrax-networks';

const assets = finraxCryptoCurrencies.flatMap((symbol) =>
  finraxCurrencyNetworks[symbol].map((network) => ({
    symbol,
    network: finraxNetworks.fromProvider(network) ?? network.toLowerCase(),
  })),
);

/**
 * What the Finrax adapter supports. Finrax refuses a second payment or withdrawal with the same
 * client id (HTTP 409), so creates keyed by the merchant reference can never make a duplicate; an
 * ambiguous create is settled by looking the client id up. Finrax publishes no rate limits.
 *
 * @example
 * if (finraxCapabilities.operations.createPayout) await provider.createPayout(input);
 */
export const finraxCapabilities = {
  operations: {
    createPayment: {
      idempotent: true,
      idempotencyKey: 'reference',
      note: 'reference = clientPaymentId; a duplicate is refused (409) and an ambiguous create is looked up by it',
    },
    getPayment: {},
    listPayments: {
      note: 'by reference (clientPaymentId); paged over one answer (Finrax documents no paging)',
    },
    getQuote: { note: "Finrax's deposit rates" },
    getRefund: { note: "refunds Finrax made of a payment's deposits (overpayments, follow-up deposits)" },
    createPayout: {
      idempotent: true,
      idempotencyKey: 'reference',
      note: 'reference = clientWithdrawalId; HTTP 202 becomes requires_approval',
    },
    getPayout: {},
    listPayouts: { note: 'by reference (clientWithdrawId)' },
    estimatePayoutFee: { note: 'from the withdrawal metadata: fee, minimum and maximum per network' },
    validateAddress: {},
    parseWebhook: { note: 'RSA-SHA512 signature over rawBody + "." + Timestamp' },
  },
  flows: ['hosted', 'deposit_address'],
  assets,
  webhooks: {
    verification: ['signature'],
    retries: 'every 2 minutes for 24 hours until the merchant answers HTTP 200',
  },
} as const satisfies ProviderCapabilities;
