import type { AmountPrecisionLimits } from '../currency-precision';
import type { PaymentFlow } from '../model/payment';
import type { VerificationMethod } from '../model/webhook-event';
import type { NetworkId } from '../networks';

/** Every operation a provider may offer. */
export const operationNames = [
  'createPayment',
  'getPayment',
  'listPayments',
  'cancelPayment',
  'acceptUnderpayment',
  'releasePayment',
  'getQuote',
  'listCurrencies',
  'createRefund',
  'getRefund',
  'createPayout',
  'createPayoutBatch',
  'getPayout',
  'getPayoutBatch',
  'listPayouts',
  'estimatePayoutFee',
  'getBalances',
  'validateAddress',
  'parseWebhook',
] as const;
export type OperationName = (typeof operationNames)[number];

/** Operations that every provider must offer. */
export const requiredOperations = [
  'createPayment',
  'getPayment',
  'parseWebhook',
] as const satisfies readonly OperationName[];

/** Operations that change state at the provider (they carry an idempotency key). */
export const mutatingOperations: ReadonlySet<OperationName> = new Set([
  'createPayment',
  'cancelPayment',
  'acceptUnderpayment',
  'createRefund',
  'createPayout',
  'createPayoutBatch',
]);

/** What one operation guarantees. */
export interface OperationCapability {
  /**
   * True when repeating the request with the same key cannot create a second object at the
   * provider, so the HTTP layer may retry it after an ambiguous failure.
   */
  idempotent?: boolean;
  /** What makes a repeat harmless: the merchant reference, an idempotency header, a client-made id. */
  idempotencyKey?: 'reference' | 'idempotency-key' | 'client-id';
  /** A short note for the capability matrix. */
  note?: string;
}

/** Rate limits of one provider account. */
export interface RateLimits {
  /** Requests started in any sliding one-second window. */
  requestsPerSecond?: number;
  /** Requests in flight at once. */
  inFlight?: number;
  /** Requests per UTC day. */
  requestsPerDay?: number;
  /**
   * Extra milliseconds on the one-second window to absorb network jitter between our clock and
   * the provider's counter (default 100).
   */
  windowMarginMs?: number;
}

/**
 * The declarative map of what a provider supports (ccxt's `has`, typed). The docs' capability
 * matrix is generated from it, and the conformance suite checks it against behaviour.
 */
export interface ProviderCapabilities {
  operations: Partial<Record<OperationName, OperationCapability>>;
  flows: readonly PaymentFlow[];
  /** Assets the provider accepts for pay-in, or `'any'` when it takes whatever it lists at run time. */
  assets: readonly { symbol: string; network: NetworkId }[] | 'any';
  webhooks: {
    /** How a notification is proven authentic. */
    verification: readonly VerificationMethod[];
    /** How the provider retries a notification the merchant did not acknowledge. */
    retries?: string;
    /** How fast the provider wants an answer, in milliseconds. */
    responseDeadlineMs?: number;
  };
  rateLimits?: RateLimits;
  /**
   * Limits on amounts beyond their currency's own decimals (see `currencyDecimals`): the client
   * refuses an amount past them before any I/O instead of letting the provider round it.
   */
  amounts?: AmountPrecisionLimits;
}

/** True when the capability map declares `operation`. */
export function supportsOperation(capabilities: ProviderCapabilities, operation: OperationName): boolean {
  return capabilities.operations[operation] !== undefined;
}
