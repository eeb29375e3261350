import type { ProviderCapabilities } from '@paymux/core';
import { depayKnownTokens } from './depay-networks';

/**
 * Milliseconds added to the one-second rate window. DePay counts arrivals while the limiter counts
 * departures; the first requests of a burst pay for TCP and TLS handshakes, so a later burst over
 * warm sockets lands closer to them than it left. 250 ms covers a TLS handshake.
 */
export const DEPAY_RATE_WINDOW_MARGIN_MS = 250;

/**
 * What the DePay adapter supports. DePay holds no funds: it tracks a transaction the customer's
 * wallet sends straight to the merchant, so there are no payouts, refunds or hosted pages.
 *
 * @example
 * if (depayCapabilities.operations.getQuote) console.log('DePay quotes USD prices');
 */
export const depayCapabilities = {
  operations: {
    createPayment: {
      idempotent: true,
      idempotencyKey: 'client-id',
      note: 'the tracking uuid is derived from the idempotency key; DePay answers 200 for a known uuid',
    },
    getPayment: {},
    releasePayment: {
      idempotent: true,
      note: 'after a callback answered 202 (callbackAnswer: hold): POST /payments/release until 200; done once per tracking',
    },
    getQuote: { note: 'USD prices only (GET /prices)' },
    getBalances: { note: 'assets of the wallets in the settings (GET /accounts/…/assets)' },
    parseWebhook: { note: 'RSA-PSS x-signature, then the uuid must be a tracking of this merchant' },
  },
  flows: ['tracking'],
  assets: depayKnownTokens.map((token) => ({ symbol: token.symbol, network: token.network })),
  webhooks: {
    verification: ['signature'],
    retries: 'up to 25 retries over about 21 days: (retry_count ** 4) + 15 + rand(30) * (retry_count + 1) s',
  },
  rateLimits: {
    requestsPerSecond: 10,
    inFlight: 10,
    requestsPerDay: 14_400,
    windowMarginMs: DEPAY_RATE_WINDOW_MARGIN_MS,
  },
} as const satisfies ProviderCapabilities;
