import {
  type CallOptions,
  type CurrencyInfo,
  decimal,
  type Money,
  type Page,
  type Payment,
  parseProviderOptions,
  ProviderRejectedError,
  type ProviderOperations,
  type Quote,
  ValidationError,
} from '@paymux/core';
import type { GetRateParams, PaymentLookupParams, StartPaymentParams } from './forumpay-api';
import type { ForumpayClient, ForumpayCallOptions } from './forumpay-client';
import { proportionalInvoiceAmount, rawText } from './forumpay-amounts';
import { forumpayOptionsSchemas } from './forumpay-options';
import type { z } from 'zod';
import { decodeForumpayPaymentId, type ForumpayPaymentLookup } from './forumpay-payment-id';
import type { ForumpayPaymentMemory } from './forumpay-payment-memory';
import {
  type ForumpayMapperContext,
  paymentFromCheckPayment,
  paymentFromStartPayment,
  paymentFromTransaction,
} from './forumpay-payment-mapper';

/** What the unified operations are built on. */
export interface ForumpayOperationsContext extends ForumpayMapperContext {
  api: ForumpayClient;
  /** Where each started payment's lookup and requested refunds are remembered. */
  memory: ForumpayPaymentMemory;
}

/** The operations built here (refunds live in forumpay-refunds.ts, parseWebhook in forumpay-webhook.ts). */
export type ForumpayPaymentOperations = Pick<
  ProviderOperations,
  | 'createPayment'
  | 'getPayment'
  | 'listPayments'
  | 'cancelPayment'
  | 'acceptUnderpayment'
  | 'getQuote'
  | 'listCurrencies'
>;

const DEFAULT_PAGE_SIZE = 20;

type ForumpayOperation = keyof typeof forumpayOptionsSchemas;
/** What `providerOptions.forumpay` of `Operation` parses to. */
type ForumpayOptionsOf<Operation extends ForumpayOperation> = z.output<
  (typeof forumpayOptionsSchemas)[Operation]
>;

/** The low-level call options: the caller's options whole (priority included), and the reference. */
export function callOptionsOf(options: CallOptions | undefined, reference?: string): ForumpayCallOptions {
  return { ...options, ...(reference !== undefined ? { reference } : {}) };
}

/** The wire parameters that name the payment of `lookup`. */
function lookupParams(lookup: ForumpayPaymentLookup): PaymentLookupParams {
  return { payment_id: lookup.paymentId, currency: lookup.currency, address: lookup.address };
}

/** CheckPayment of a payment paymux knows the lookup of. */
export function checkForumpayPayment(
  api: ForumpayClient,
  lookup: ForumpayPaymentLookup,
  options?: CallOptions,
) {
  return api.checkPayment(lookupParams(lookup), callOptionsOf(options));
}

/**
 * Builds the unified payment operations of one ForumPay account.
 *
 * @example
 * const operations = createForumpayOperations({ api, account, currencies, now: () => new Date() });
 */
export function createForumpayOperations(context: ForumpayOperationsContext): ForumpayPaymentOperations {
  const { api, account } = context;
  const where = (operation: string) => ({ provider: account, operation });

  const checkPayment = (lookup: ForumpayPaymentLookup, options?: CallOptions) =>
    checkForumpayPayment(api, lookup, options);

  async function readPayment(lookup: ForumpayPaymentLookup, options?: CallOptions): Promise<Payment> {
    const { data, raw } = await checkPayment(lookup, options);
    return paymentFromCheckPayment(data, raw, lookup, context);
  }

  /** `providerOptions.forumpay` of one operation, parsed strictly. */
  const optionsOf = <Operation extends ForumpayOperation>(
    operation: Operation,
    providerOptions: Record<string, Record<string, unknown>> | undefined,
  ): ForumpayOptionsOf<Operation> =>
    // TypeScript loses the schema's output type when a generic key picks the schema.
    parseProviderOptions(
      'forumpay',
      forumpayOptionsSchemas[operation],
      providerOptions,
      where(operation),
    ) as ForumpayOptionsOf<Operation>;

  const invalid = (operation: string, field: string, message: string) =>
    new ValidationError(message, { ...where(operation), field });

  /** GetRate's parameters (StartPayment's first ones) for `amount` paid in `payWith`. */
  const rateParamsOf = (
    amount: Money,
    payWith: { symbol: string; network?: string | undefined },
    extra: ForumpayOptionsOf<'getQuote'>,
  ): GetRateParams => ({
    invoice_currency: amount.currency,
    invoice_amount: amount.amount,
    currency: context.currencies.toCode(payWith, extra.currency),
    accept_zero_confirmations: extra.acceptZeroConfirmations,
    require_kyt_for_confirmation: extra.requireKytForConfirmation,
    wallet_app_id: extra.walletAppId,
    sid: extra.sid,
  });

  /** The providerOptions and the ForumPay lookup of an action on an existing payment. */
  const actionOn = <Operation extends 'cancelPayment' | 'acceptUnderpayment'>(
    operation: Operation,
    input: { paymentId: string; providerOptions?: Record<string, Record<string, unknown>> | undefined },
  ) => ({
    extra: optionsOf(operation, input.providerOptions),
    lookup: decodeForumpayPaymentId(input.paymentId, account, 'paymentId'),
  });

  return {
    async getQuote(input, options): Promise<Quote> {
      const extra = optionsOf('getQuote', input.providerOptions);
      const { data, raw } = await api.getRate(
        rateParamsOf(input.amount, input.payWith, extra),
        callOptionsOf(options),
      );
      return {
        provider: account,
        from: {
          amount: data.invoice_amount ?? input.amount.amount,
          currency: data.invoice_currency ?? input.amount.currency,
        },
        to: { amount: data.amount, currency: data.currency },
        rate: data.rate ?? decimal.divide(data.invoice_amount ?? input.amount.amount, data.amount),
        networkFee:
          data.network_processing_fee === undefined
            ? undefined
            : { amount: data.network_processing_fee, currency: data.currency },
        raw,
      };
    },

    async createPayment(input, options): Promise<Payment> {
      const extra = optionsOf('createPayment', input.providerOptions);
      if (input.flow !== undefined && input.flow !== 'deposit_address') {
        throw invalid(
          'createPayment',
          'flow',
          `forumpay supports the deposit_address flow only, not "${input.flow}"`,
        );
      }
      if (input.payWith === undefined) {
        throw invalid(
          'createPayment',
          'payWith',
          'createPayment: payWith is required: ForumPay quotes one crypto currency',
        );
      }
      if (input.expiresInMinutes !== undefined) {
        throw invalid(
          'createPayment',
          'expiresInMinutes',
          'createPayment: forumpay cannot set an expiry on a payment',
        );
      }
      const rateParams = rateParamsOf(input.amount, input.payWith, extra);
      const rate = await api.getRate(rateParams, callOptionsOf(options, input.reference));
      const startParams: StartPaymentParams = {
        ...rateParams,
        payment_id: rate.data.payment_id,
        reference_no: input.reference,
        payer_ip_address: extra.payerIpAddress ?? input.customer?.ip,
        payer_user_agent: extra.payerUserAgent ?? input.customer?.userAgent,
        payer_email: extra.payerEmail ?? input.customer?.email,
        payer_id: extra.payerId ?? input.customer?.id,
        auto_accept_underpayment: extra.autoAcceptUnderpayment,
        auto_accept_underpayment_min: extra.autoAcceptUnderpaymentMin,
        auto_accept_overpayment: extra.autoAcceptOverpayment,
        auto_accept_overpayment_max: extra.autoAcceptOverpaymentMax,
        auto_accept_late_payment: extra.autoAcceptLatePayment,
        webhook_url: extra.webhookUrl ?? input.webhookUrl,
        on_success_redirect_url: extra.onSuccessRedirectUrl ?? input.returnUrl,
        on_failure_redirect_url: extra.onFailureRedirectUrl ?? input.cancelUrl,
      };
      const started = await api.startPayment(startParams, callOptionsOf(options, input.reference));
      await context.memory.remember({
        paymentId: started.data.payment_id,
        currency: started.data.currency,
        address: started.data.address,
        reference: input.reference,
      });
      return paymentFromStartPayment(started.data, started.raw, input.reference, context);
    },

    async getPayment(id, options): Promise<Payment> {
      if (typeof id !== 'string' || id === '') {
        throw invalid('getPayment', 'id', 'getPayment: id is required');
      }
      return readPayment(decodeForumpayPaymentId(id, account), options);
    },

    async listPayments(input = {}, options): Promise<Page<Payment>> {
      optionsOf('listPayments', input.providerOptions);
      let offset = 0;
      if (input.cursor !== undefined) {
        if (!/^\d{1,9}$/.test(input.cursor)) {
          throw invalid(
            'listPayments',
            'cursor',
            'listPayments: cursor must be a cursor returned by listPayments',
          );
        }
        offset = Number(input.cursor);
      }
      const limit = input.limit ?? DEFAULT_PAGE_SIZE;
      const { data, raw } = await api.getTransactions(
        { offset, limit, reference_no: input.reference },
        callOptionsOf(options),
      );
      const rawItems: unknown[] = Array.isArray(raw)
        ? raw
        : ((raw as { invoices?: unknown[] } | null)?.invoices ?? []);
      // ForumPay filters by reference_no itself; an entry that names another reference is dropped
      // anyway, in case a white-label copy ignores the filter.
      const items = data
        .map((transaction, index) => ({ transaction, raw: rawItems[index] }))
        .filter(
          ({ transaction }) =>
            input.reference === undefined ||
            transaction.reference_no === undefined ||
            transaction.reference_no === input.reference,
        )
        .map(({ transaction, raw: itemRaw }) => paymentFromTransaction(transaction, itemRaw, context));
      return data.length >= limit ? { items, nextCursor: String(offset + limit) } : { items };
    },

    async cancelPayment(input, options): Promise<Payment> {
      const { extra, lookup } = actionOn('cancelPayment', input);
      const { data } = await api.cancelPayment(
        {
          ...lookupParams(lookup),
          reason: extra.reason ?? 'other',
          comment: extra.comment ?? input.reason,
        },
        callOptionsOf(options),
      );
      if (data.cancelled !== true) {
        throw new ProviderRejectedError('ForumPay did not cancel the payment', {
          ...where('cancelPayment'),
          providerCode: data.status,
        });
      }
      return readPayment(lookup, options);
    },

    async acceptUnderpayment(input, options): Promise<Payment> {
      const { extra, lookup } = actionOn('acceptUnderpayment', input);
      // AcceptPayment's amount must match CheckPayment's `payment`: read it first.
      const check = await checkPayment(lookup, options);
      const received = check.data.payment;
      if (received === undefined || !decimal.isPositive(received)) {
        throw new ProviderRejectedError('ForumPay has received nothing to accept for this payment', {
          ...where('acceptUnderpayment'),
          providerCode: check.data.state,
        });
      }
      const acceptedAmount = rawText(check.raw, 'payment') ?? received;
      const acceptedInvoiceAmount =
        extra.acceptedInvoiceAmount ??
        proportionalInvoiceAmount(check.data, received, rawText(check.raw, 'invoice_amount'));
      const { data } = await api.acceptPayment(
        {
          ...lookupParams(lookup),
          accepted_amount: acceptedAmount,
          accepted_invoice_amount: acceptedInvoiceAmount,
        },
        callOptionsOf(options),
      );
      if (data.success !== true) {
        throw new ProviderRejectedError(
          'ForumPay did not accept the underpayment',
          where('acceptUnderpayment'),
        );
      }
      return readPayment(lookup, options);
    },

    async listCurrencies(options): Promise<CurrencyInfo[]> {
      const { data, raw } = await api.getCurrencyList({}, callOptionsOf(options));
      const rawItems = Array.isArray(raw) ? raw : [];
      return data.map((entry, index) => {
        const network = context.currencies.networkOf(entry.currency);
        const status = entry.sell_status ?? entry.status;
        return {
          provider: account,
          symbol: entry.currency,
          name: entry.description,
          networks: network === undefined ? [] : [network],
          canPayIn: status === undefined || status.toUpperCase() === 'OK',
          canPayOut: false,
          raw: rawItems[index],
        };
      });
    },
  };
}
