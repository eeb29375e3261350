import {
  type CallOptions,
  type CurrencyInfo,
  decimal,
  type Page,
  type Payment,
  parseProviderOptions,
  ProviderRejectedError,
  type ProviderOperations,
  type Quote,
  ValidationError,
} from '@paymux/core';
import type { StartPaymentParams } from './forumpay-api';
import type { ForumpayClient, ForumpayCallOptions } from './forumpay-client';
import { proportionalInvoiceAmount, rawText } from './forumpay-amounts';
import { forumpayOptionsSchemas } from './forumpay-options';
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

/** The low-level call options: the caller's options whole (priority included), and the reference. */
export function callOptionsOf(options: CallOptions | undefined, reference?: string): ForumpayCallOptions {
  return { ...options, ...(reference !== undefined ? { reference } : {}) };
}

/** CheckPayment of a payment paymux knows the lookup of. */
export function checkForumpayPayment(
  api: ForumpayClient,
  lookup: ForumpayPaymentLookup,
  options?: CallOptions,
) {
  return api.checkPayment(
    { payment_id: lookup.paymentId, currency: lookup.currency, address: lookup.address },
    callOptionsOf(options),
  );
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

  return {
    async getQuote(rawInput, options): Promise<Quote> {
      const input = rawInput;
      const extra = parseProviderOptions(
        'forumpay',
        forumpayOptionsSchemas.getQuote,
        input.providerOptions,
        where('getQuote'),
      );
      const currency = context.currencies.toCode(input.payWith, extra.currency);
      const { data, raw } = await api.getRate(
        {
          invoice_currency: input.amount.currency,
          invoice_amount: input.amount.amount,
          currency,
          accept_zero_confirmations: extra.acceptZeroConfirmations,
          require_kyt_for_confirmation: extra.requireKytForConfirmation,
          wallet_app_id: extra.walletAppId,
          sid: extra.sid,
        },
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

    async createPayment(rawInput, options): Promise<Payment> {
      const input = rawInput;
      const extra = parseProviderOptions(
        'forumpay',
        forumpayOptionsSchemas.createPayment,
        input.providerOptions,
        where('createPayment'),
      );
      if (input.flow !== undefined && input.flow !== 'deposit_address') {
        throw new ValidationError(`forumpay supports the deposit_address flow only, not "${input.flow}"`, {
          ...where('createPayment'),
          field: 'flow',
        });
      }
      if (input.payWith === undefined) {
        throw new ValidationError('createPayment: payWith is required: ForumPay quotes one crypto currency', {
          ...where('createPayment'),
          field: 'payWith',
        });
      }
      if (input.expiresInMinutes !== undefined) {
        throw new ValidationError('createPayment: forumpay cannot set an expiry on a payment', {
          ...where('createPayment'),
          field: 'expiresInMinutes',
        });
      }
      const currency = context.currencies.toCode(input.payWith, extra.currency);
      const rateParams = {
        invoice_currency: input.amount.currency,
        invoice_amount: input.amount.amount,
        currency,
        accept_zero_confirmations: extra.acceptZeroConfirmations,
        require_kyt_for_confirmation: extra.requireKytForConfirmation,
        wallet_app_id: extra.walletAppId,
        sid: extra.sid,
      };
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
        throw new ValidationError('getPayment: id is required', { ...where('getPayment'), field: 'id' });
      }
      return readPayment(decodeForumpayPaymentId(id, account), options);
    },

    async listPayments(rawInput = {}, options): Promise<Page<Payment>> {
      const input = rawInput;
      parseProviderOptions(
        'forumpay',
        forumpayOptionsSchemas.listPayments,
        input.providerOptions,
        where('listPayments'),
      );
      let offset = 0;
      if (input.cursor !== undefined) {
        if (!/^\d{1,9}$/.test(input.cursor)) {
          throw new ValidationError('listPayments: cursor must be a cursor returned by listPayments', {
            ...where('listPayments'),
            field: 'cursor',
          });
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

    async cancelPayment(rawInput, options): Promise<Payment> {
      const input = rawInput;
      const extra = parseProviderOptions(
        'forumpay',
        forumpayOptionsSchemas.cancelPayment,
        input.providerOptions,
        where('cancelPayment'),
      );
      const lookup = decodeForumpayPaymentId(input.paymentId, account, 'paymentId');
      const { data } = await api.cancelPayment(
        {
          payment_id: lookup.paymentId,
          currency: lookup.currency,
          address: lookup.address,
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

    async acceptUnderpayment(rawInput, options): Promise<Payment> {
      const input = rawInput;
      const extra = parseProviderOptions(
        'forumpay',
        forumpayOptionsSchemas.acceptUnderpayment,
        input.providerOptions,
        where('acceptUnderpayment'),
      );
      const lookup = decodeForumpayPaymentId(input.paymentId, account, 'paymentId');
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
          payment_id: lookup.paymentId,
          currency: lookup.currency,
          address: lookup.address,
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
