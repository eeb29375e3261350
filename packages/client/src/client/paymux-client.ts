import {
  type AcceptUnderpaymentInput,
  type AddressValidation,
  acceptUnderpaymentInputSchema,
  type Balance,
  type CancelPaymentInput,
  type CreatePaymentInput,
  type CreatePayoutBatchInput,
  type CreatePayoutInput,
  type CreateRefundInput,
  type CurrencyInfo,
  cancelPaymentInputSchema,
  createPaymentInputSchema,
  createPayoutBatchInputSchema,
  createPayoutInputSchema,
  createRefundInputSchema,
  type EstimatePayoutFeeInput,
  estimatePayoutFeeInputSchema,
  finalPaymentStatuses,
  finalPayoutStatuses,
  type GetQuoteInput,
  getQuoteInputSchema,
  type ListInput,
  listInputSchema,
  type Page,
  type Payment,
  type PaymentProvider,
  type Payout,
  type PayoutBatch,
  type PayoutFeeEstimate,
  type ProviderPlugin,
  type Quote,
  type Refund,
  type ValidateAddressInput,
  validateAddressInputSchema,
} from '@paymux/core';
import { z } from 'zod';
import type { AccountConfig } from '../config/config-schema';
import type {
  ProviderOptionsByOperation,
  UntypedProviderOptionsByOperation,
  WithProviderOptions,
} from '../config/typed-provider-options';
import type { PaymuxEventListeners, PaymuxEventName } from '../events/event-map';
import type { PaymuxEvents } from '../events/paymux-events';
import type { ProviderRegistry } from '../registry/provider-registry';
import type { Store } from '@paymux/core';
import type { AutoTrack } from '../tracker/auto-track';
import type { PaymuxTracker } from '../tracker/tracker-types';
import type { PaymuxWebhooks } from './paymux-webhooks';
import {
  checkPayInLabel,
  paymentDemands,
  payoutBatchDemands,
  payoutDemands,
  refundDemands,
} from './input-checks';
import type { OperationRunner, PaymuxCallOptions } from './operation-runner';
import { reconcilePayment, reconcilePayout, reconcileCancel } from './reconcile';

const idSchema = z.object({ id: z.string().min(1) });
const releasePaymentInputSchema = z.object({ paymentId: z.string().min(1) });

/** Everything a `Paymux` client is built from (see `createPaymux`). */
export interface PaymuxParts {
  registry: ProviderRegistry;
  runner: OperationRunner;
  events: PaymuxEvents;
  webhooks: PaymuxWebhooks;
  store: Store;
  tracker: PaymuxTracker;
  /** Tracks what `createPayment`/`createPayout` return until it is final (`tracker.autoTrack`). */
  autoTrack?: AutoTrack;
  /** Stops the tracker and closes the store the client opened (see `Paymux.close`). */
  close?: () => Promise<void>;
}

/**
 * One API over every configured provider account. Create it with `createPaymux(config)`.
 * Every operation validates its input before routing or any I/O, routes to an account (or uses
 * `options.account`), and announces new object states as typed events.
 *
 * @example
 * const payment = await paymux.createPayment({ reference: 'order-1', amount: { amount: '25.00', currency: 'EUR' } });
 * paymux.on('payment.succeeded', (event) => ship(event.data.reference));
 *
 * `Options` types each operation's `providerOptions` by the plugins given to `createPaymux`.
 */
export class Paymux<Options extends ProviderOptionsByOperation = UntypedProviderOptionsByOperation> {
  /** Webhook intake: `paymux.webhooks.handle(account, { rawBody, headers })`. */
  readonly webhooks: PaymuxWebhooks;
  /** The store holding events seen, object states, idempotency records and quotas. */
  readonly store: Store;
  /**
   * Polls open payments and payouts until they are final, inside each account's rate limits
   * (see `PaymuxTracker`). With `tracker: { autoTrack: true }` everything created through this
   * client is tracked.
   */
  readonly tracker: PaymuxTracker;
  readonly #autoTrack: AutoTrack;
  readonly #registry: ProviderRegistry;
  readonly #run: OperationRunner;
  readonly #events: PaymuxEvents;
  readonly #close: () => Promise<void>;

  /** @internal Use `createPaymux(config)`. */
  constructor(parts: PaymuxParts) {
    this.webhooks = parts.webhooks;
    this.store = parts.store;
    this.tracker = parts.tracker;
    this.#autoTrack = parts.autoTrack ?? (() => {});
    this.#registry = parts.registry;
    this.#run = parts.runner;
    this.#events = parts.events;
    this.#close = parts.close ?? (() => this.tracker.stop());
  }

  /**
   * Stops the tracker, lets crash recovery finish, and closes the store the client opened from
   * config (`'sqlite:…'`, `'postgres://…'`, the default file). A `Store` object passed in config
   * is left open for its owner. The client is unusable afterwards.
   *
   * @example
   * process.once('SIGTERM', () => void paymux.close());
   */
  close(): Promise<void> {
    return this.#close();
  }

  /** Creates a payment on the routed account. Repeating it with the same key and input returns the first result. */
  async createPayment(
    input: WithProviderOptions<CreatePaymentInput, Options['createPayment']>,
    options?: PaymuxCallOptions,
  ): Promise<Payment> {
    const parsed = this.#run.parse(createPaymentInputSchema, input, 'createPayment');
    const payment = await this.#run.mutate<Payment>({
      operation: 'createPayment',
      options,
      input: parsed,
      idempotencyKey: parsed.idempotencyKey,
      reference: parsed.reference,
      flow: parsed.flow,
      demands: paymentDemands(parsed),
      facts: {
        payWith: parsed.payWith?.symbol,
        network: parsed.payWith?.network,
        currency: parsed.amount.currency,
        amount: parsed.amount.amount,
        flow: parsed.flow,
      },
      invoke: (provider, callOptions) => provider.createPayment(parsed, callOptions),
      created: (payment) => [{ kind: 'payment', providerId: payment.providerPaymentId }],
      observe: (payment) => [{ object: 'payment', data: payment }],
      reconcile: reconcilePayment,
    });
    checkPayInLabel(payment, parsed.payWith);
    this.#autoTrack({
      final: finalPaymentStatuses.has(payment.status),
      kind: 'payment',
      id: payment.id,
      account: payment.provider,
      expiresAt: payment.expiresAt,
    });
    return payment;
  }

  /** Reads a payment again; pass the account that created it. */
  async getPayment(id: string, options?: PaymuxCallOptions): Promise<Payment> {
    const parsed = this.#run.parse(idSchema, { id }, 'getPayment');
    return this.#run.read<Payment>({
      operation: 'getPayment',
      options,
      invoke: (provider, callOptions) => provider.getPayment(parsed.id, callOptions),
      observe: (payment) => [{ object: 'payment', data: payment }],
    });
  }

  /** Lists payments of an account, e.g. by reference: `listPayments({ reference: 'order-1' }, { account: 'main' })`. */
  async listPayments(
    input: WithProviderOptions<ListInput, Options['listPayments']> = {},
    options?: PaymuxCallOptions,
  ): Promise<Page<Payment>> {
    const parsed = this.#run.parse(listInputSchema, input, 'listPayments');
    return this.#run.read({
      operation: 'listPayments',
      options,
      invoke: (provider, callOptions) => provider.listPayments(parsed, callOptions),
    });
  }

  /** Cancels an open payment. Idempotent per payment: a repeat returns the first result. */
  async cancelPayment(
    input: WithProviderOptions<CancelPaymentInput, Options['cancelPayment']>,
    options?: PaymuxCallOptions,
  ): Promise<Payment> {
    const parsed = this.#run.parse(cancelPaymentInputSchema, input, 'cancelPayment');
    return this.#run.mutate<Payment>({
      operation: 'cancelPayment',
      options,
      input: parsed,
      subjectId: parsed.paymentId,
      naturallyRepeatable: true,
      invoke: (provider, callOptions) => provider.cancelPayment(parsed, callOptions),
      observe: (payment) => [{ object: 'payment', data: payment }],
      reconcile: reconcileCancel(parsed.paymentId),
    });
  }

  /** Accepts what arrived for an underpaid payment, completing it. */
  async acceptUnderpayment(
    input: WithProviderOptions<AcceptUnderpaymentInput, Options['acceptUnderpayment']>,
    options?: PaymuxCallOptions,
  ): Promise<Payment> {
    const parsed = this.#run.parse(acceptUnderpaymentInputSchema, input, 'acceptUnderpayment');
    return this.#run.mutate<Payment>({
      operation: 'acceptUnderpayment',
      options,
      input: parsed,
      subjectId: parsed.paymentId,
      naturallyRepeatable: true,
      invoke: (provider, callOptions) => provider.acceptUnderpayment(parsed, callOptions),
      observe: (payment) => [{ object: 'payment', data: payment }],
    });
  }

  /**
   * Releases the customer of a succeeded payment once your own processing is done (DePay: after
   * a callback answered 202 with `callbackAnswer: 'hold'`). Idempotent: a repeat, or a payment
   * already released, changes nothing. Pass the account that created the payment.
   *
   * @example
   * await paymux.releasePayment(payment.id, { account: 'wallet' });
   */
  async releasePayment(paymentId: string, options?: PaymuxCallOptions): Promise<Payment> {
    const parsed = this.#run.parse(releasePaymentInputSchema, { paymentId }, 'releasePayment');
    return this.#run.mutate<Payment>({
      operation: 'releasePayment',
      options,
      input: parsed,
      subjectId: parsed.paymentId,
      naturallyRepeatable: true,
      invoke: (provider, callOptions) => provider.releasePayment(parsed.paymentId, callOptions),
      observe: (payment) => [{ object: 'payment', data: payment }],
    });
  }

  /** Quotes what `amount` costs in `payWith`, e.g. `{ amount: { amount: '10', currency: 'EUR' }, payWith: { symbol: 'BTC' } }`. */
  async getQuote(
    input: WithProviderOptions<GetQuoteInput, Options['getQuote']>,
    options?: PaymuxCallOptions,
  ): Promise<Quote> {
    const parsed = this.#run.parse(getQuoteInputSchema, input, 'getQuote');
    return this.#run.read({
      operation: 'getQuote',
      options,
      facts: {
        payWith: parsed.payWith.symbol,
        network: parsed.payWith.network,
        currency: parsed.amount.currency,
        amount: parsed.amount.amount,
      },
      invoke: (provider, callOptions) => provider.getQuote(parsed, callOptions),
    });
  }

  /** The currencies an account accepts, with their networks and limits. */
  async listCurrencies(options?: PaymuxCallOptions): Promise<CurrencyInfo[]> {
    return this.#run.read({
      operation: 'listCurrencies',
      options,
      invoke: (provider, callOptions) => provider.listCurrencies(callOptions),
    });
  }

  /** Refunds (part of) a payment. Without a reference, an identical repeat is recognised by its input. */
  async createRefund(
    input: WithProviderOptions<CreateRefundInput, Options['createRefund']>,
    options?: PaymuxCallOptions,
  ): Promise<Refund> {
    const parsed = this.#run.parse(createRefundInputSchema, input, 'createRefund');
    return this.#run.mutate<Refund>({
      operation: 'createRefund',
      options,
      input: parsed,
      idempotencyKey: parsed.idempotencyKey,
      reference: parsed.reference,
      demands: refundDemands(parsed),
      invoke: (provider, callOptions) => provider.createRefund(parsed, callOptions),
      observe: (refund) => [{ object: 'refund', data: refund }],
    });
  }

  /** Reads a refund again; pass the account that created it. */
  async getRefund(id: string, options?: PaymuxCallOptions): Promise<Refund> {
    const parsed = this.#run.parse(idSchema, { id }, 'getRefund');
    return this.#run.read<Refund>({
      operation: 'getRefund',
      options,
      invoke: (provider, callOptions) => provider.getRefund(parsed.id, callOptions),
      observe: (refund) => [{ object: 'refund', data: refund }],
    });
  }

  /** Sends a payout. Never sent twice blind: an ambiguous earlier attempt is looked up first. */
  async createPayout(
    input: WithProviderOptions<CreatePayoutInput, Options['createPayout']>,
    options?: PaymuxCallOptions,
  ): Promise<Payout> {
    const parsed = this.#run.parse(createPayoutInputSchema, input, 'createPayout');
    const payout = await this.#run.mutate<Payout>({
      operation: 'createPayout',
      options,
      input: parsed,
      idempotencyKey: parsed.idempotencyKey,
      reference: parsed.reference,
      demands: payoutDemands(parsed),
      facts: {
        payWith: parsed.destination.asset.symbol,
        network: parsed.destination.asset.network,
        currency: parsed.amount.currency,
        amount: parsed.amount.amount,
      },
      invoke: (provider, callOptions) => provider.createPayout(parsed, callOptions),
      created: (payout) => [{ kind: 'payout', providerId: payout.providerPayoutId }],
      observe: (payout) => [{ object: 'payout', data: payout }],
      reconcile: reconcilePayout,
    });
    this.#autoTrack({
      final: finalPayoutStatuses.has(payout.status),
      kind: 'payout',
      id: payout.id,
      account: payout.provider,
    });
    return payout;
  }

  /** Sends several payouts as one request (mass payout), at most once per key. */
  async createPayoutBatch(
    input: WithProviderOptions<CreatePayoutBatchInput, Options['createPayoutBatch']>,
    options?: PaymuxCallOptions,
  ): Promise<PayoutBatch> {
    const parsed = this.#run.parse(createPayoutBatchInputSchema, input, 'createPayoutBatch');
    const assets = new Set(parsed.payouts.map((payout) => JSON.stringify(payout.destination.asset)));
    const first = parsed.payouts[0]!;
    return this.#run.mutate<PayoutBatch>({
      operation: 'createPayoutBatch',
      options,
      input: parsed,
      idempotencyKey: parsed.idempotencyKey,
      reference: parsed.reference,
      demands: payoutBatchDemands(parsed),
      // A batch routes by its asset only when all its payouts share one.
      facts:
        assets.size === 1
          ? { payWith: first.destination.asset.symbol, network: first.destination.asset.network }
          : {},
      invoke: (provider, callOptions) => provider.createPayoutBatch(parsed, callOptions),
      created: (batch) =>
        batch.payouts.map((payout) => ({ kind: 'payout', providerId: payout.providerPayoutId })),
      observe: (batch) => [{ object: 'payout_batch', data: batch }],
    });
  }

  /** Reads a payout again; pass the account that created it. */
  async getPayout(id: string, options?: PaymuxCallOptions): Promise<Payout> {
    const parsed = this.#run.parse(idSchema, { id }, 'getPayout');
    return this.#run.read<Payout>({
      operation: 'getPayout',
      options,
      invoke: (provider, callOptions) => provider.getPayout(parsed.id, callOptions),
      observe: (payout) => [{ object: 'payout', data: payout }],
    });
  }

  /** Reads a payout batch again, with its payouts. */
  async getPayoutBatch(id: string, options?: PaymuxCallOptions): Promise<PayoutBatch> {
    const parsed = this.#run.parse(idSchema, { id }, 'getPayoutBatch');
    return this.#run.read<PayoutBatch>({
      operation: 'getPayoutBatch',
      options,
      invoke: (provider, callOptions) => provider.getPayoutBatch(parsed.id, callOptions),
      observe: (batch) => [{ object: 'payout_batch', data: batch }],
    });
  }

  /** Lists payouts of an account, e.g. by reference. */
  async listPayouts(
    input: WithProviderOptions<ListInput, Options['listPayouts']> = {},
    options?: PaymuxCallOptions,
  ): Promise<Page<Payout>> {
    const parsed = this.#run.parse(listInputSchema, input, 'listPayouts');
    return this.#run.read({
      operation: 'listPayouts',
      options,
      invoke: (provider, callOptions) => provider.listPayouts(parsed, callOptions),
    });
  }

  /** Estimates the fee of a payout before sending it. */
  async estimatePayoutFee(
    input: WithProviderOptions<EstimatePayoutFeeInput, Options['estimatePayoutFee']>,
    options?: PaymuxCallOptions,
  ): Promise<PayoutFeeEstimate> {
    const parsed = this.#run.parse(estimatePayoutFeeInputSchema, input, 'estimatePayoutFee');
    return this.#run.read({
      operation: 'estimatePayoutFee',
      options,
      facts: {
        payWith: parsed.destination.asset.symbol,
        network: parsed.destination.asset.network,
        currency: parsed.amount.currency,
        amount: parsed.amount.amount,
      },
      invoke: (provider, callOptions) => provider.estimatePayoutFee(parsed, callOptions),
    });
  }

  /** Balances of an account's wallets. */
  async getBalances(options?: PaymuxCallOptions): Promise<Balance[]> {
    return this.#run.read({
      operation: 'getBalances',
      options,
      invoke: (provider, callOptions) => provider.getBalances(callOptions),
    });
  }

  /** Checks that an address is valid for an asset, e.g. before a payout. */
  async validateAddress(
    input: ValidateAddressInput,
    options?: PaymuxCallOptions,
  ): Promise<AddressValidation> {
    const parsed = this.#run.parse(validateAddressInputSchema, input, 'validateAddress');
    return this.#run.read({
      operation: 'validateAddress',
      options,
      facts: { payWith: parsed.asset.symbol, network: parsed.asset.network },
      invoke: (provider, callOptions) => provider.validateAddress(parsed, callOptions),
    });
  }

  /**
   * The `PaymentProvider` of one account, for what the unified model does not cover.
   *
   * @example
   * const finrax = paymux.account<FinraxApi>('main');
   * await finrax.api.getInvoice({ id });
   */
  account<Api = unknown>(name: string): PaymentProvider<Api> {
    return this.#registry.provider<Api>(name);
  }

  /** Account names with their provider types. */
  accounts(): { name: string; type: string }[] {
    return this.#registry.accountNames().map((name) => ({ name, type: this.#registry.accountType(name) }));
  }

  /** Adds a provider type at run time (a third-party adapter's exported plugin object). */
  registerProvider(plugin: ProviderPlugin): this {
    this.#registry.registerPlugin(plugin);
    return this;
  }

  /**
   * Adds an account at run time; its settings are checked by its plugin's schema.
   *
   * @example
   * paymux.registerProvider(acmePlugin).addAccount('acme', { type: 'acme', apiKey: process.env.ACME_KEY });
   */
  addAccount(name: string, config: AccountConfig): PaymentProvider {
    return this.#registry.addAccount(name, config);
  }

  /** Listens to one event type (typed), or to `'*'`/`'event'` for all, or `'error'` for listener failures. */
  on<N extends PaymuxEventName>(name: N, listener: PaymuxEventListeners[N]): this {
    this.#events.on(name, listener);
    return this;
  }

  /** Like `on`, for the next event only. */
  once<N extends PaymuxEventName>(name: N, listener: PaymuxEventListeners[N]): this {
    this.#events.once(name, listener);
    return this;
  }

  /** Removes a listener added with `on` or `once`. */
  off<N extends PaymuxEventName>(name: N, listener: PaymuxEventListeners[N]): this {
    this.#events.off(name, listener);
    return this;
  }
}
