import type { Priority } from '../http/rate-limiter';
import type {
  Balance,
  CurrencyInfo,
  AddressValidation,
  Page,
  PayoutFeeEstimate,
  Quote,
} from '../model/market';
import type { Payment } from '../model/payment';
import type { Payout, PayoutBatch } from '../model/payout';
import type { Refund } from '../model/refund';
import type { ProviderCapabilities } from './provider-capabilities';
import type {
  AcceptUnderpaymentInput,
  CancelPaymentInput,
  CreatePaymentInput,
  CreatePayoutBatchInput,
  CreatePayoutInput,
  CreateRefundInput,
  EstimatePayoutFeeInput,
  GetQuoteInput,
  ListInput,
  ValidateAddressInput,
} from './provider-inputs';
import type { WebhookContext, WebhookParseResult, WebhookRequest } from './webhook-types';

/** Per-call options. */
export interface CallOptions {
  /**
   * Key that makes a mutating call safe to repeat. The client fills it from the input's
   * `idempotencyKey`, or derives it from the reference, and reuses it across retries.
   */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Overrides the account's default timeout. */
  timeoutMs?: number;
  /** `low` for background work (the tracker), so that direct calls go first through the rate limiter. */
  priority?: Priority;
}

/** The operations of a provider, each taking validated unified input. */
export interface ProviderOperations {
  createPayment(input: CreatePaymentInput, options?: CallOptions): Promise<Payment>;
  getPayment(id: string, options?: CallOptions): Promise<Payment>;
  listPayments(input?: ListInput, options?: CallOptions): Promise<Page<Payment>>;
  cancelPayment(input: CancelPaymentInput, options?: CallOptions): Promise<Payment>;
  acceptUnderpayment(input: AcceptUnderpaymentInput, options?: CallOptions): Promise<Payment>;
  /**
   * Tells the provider the merchant has finished its own processing of a succeeded payment, so
   * that the customer may move on (DePay: a callback answered 202 waits for this). Idempotent:
   * releasing a payment already released changes nothing.
   *
   * @example
   * const payment = await provider.releasePayment(paymentId);
   */
  releasePayment(paymentId: string, options?: CallOptions): Promise<Payment>;
  getQuote(input: GetQuoteInput, options?: CallOptions): Promise<Quote>;
  listCurrencies(options?: CallOptions): Promise<CurrencyInfo[]>;
  createRefund(input: CreateRefundInput, options?: CallOptions): Promise<Refund>;
  getRefund(id: string, options?: CallOptions): Promise<Refund>;
  createPayout(input: CreatePayoutInput, options?: CallOptions): Promise<Payout>;
  createPayoutBatch(input: CreatePayoutBatchInput, options?: CallOptions): Promise<PayoutBatch>;
  getPayout(id: string, options?: CallOptions): Promise<Payout>;
  getPayoutBatch(id: string, options?: CallOptions): Promise<PayoutBatch>;
  listPayouts(input?: ListInput, options?: CallOptions): Promise<Page<Payout>>;
  estimatePayoutFee(input: EstimatePayoutFeeInput, options?: CallOptions): Promise<PayoutFeeEstimate>;
  getBalances(options?: CallOptions): Promise<Balance[]>;
  validateAddress(input: ValidateAddressInput, options?: CallOptions): Promise<AddressValidation>;
  /**
   * Verifies a webhook (fail closed: throws `WebhookVerificationError`), and normalizes it.
   * Providers without signatures confirm by reading the object back through their API.
   */
  parseWebhook(request: WebhookRequest, context: WebhookContext): Promise<WebhookParseResult>;
}

/**
 * One configured provider account. Every operation is callable: one that `capabilities` does not
 * declare throws `UnsupportedOperationError` before any I/O.
 *
 * @example
 * const provider = createFinrax({ account: 'main', apiKey, apiSecret, businessId });
 * if (provider.capabilities.operations.createPayout) await provider.createPayout(input);
 */
export interface PaymentProvider<Api = unknown> extends ProviderOperations {
  /** Adapter type, e.g. `finrax`. */
  readonly type: string;
  /** Account name from config. */
  readonly account: string;
  readonly capabilities: ProviderCapabilities;
  /** The typed low-level client: one method per endpoint of the provider's API. */
  readonly api: Api;
}
