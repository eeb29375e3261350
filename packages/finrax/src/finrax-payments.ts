import {
  unclearWriteOutcome,
  type AccountState,
  type CallOptions,
  type CreatePaymentInput,
  decimal,
  type GetQuoteInput,
  type ListInput,
  type Page,
  type Payment,
  ProviderResponseError,
  parseInput,
  type Quote,
  redactDeep,
  ValidationError,
} from '@paymux/core';
import { z } from 'zod';
import type { FinraxCreatePaymentRequest, FinraxPayment } from './finrax-api';
import type { FinraxClient } from './finrax-client';
import { finraxPage, parseFinraxListCursor } from './finrax-list-page';
import {
  type FinraxNetwork,
  finraxCurrencyNetworks,
  finraxNetworks,
  isFinraxCryptoCurrency,
  isFinraxDisplayCurrency,
} from './finrax-networks';
import { type FinraxMappingContext, toUnifiedPayment } from './finrax-payment-mapper';
import {
  finraxNoOptionsSchema,
  finraxPaymentOptionsSchema,
  parseFinraxOptions,
} from './finrax-provider-options';
import type { FinraxSettings } from './finrax-settings';

/** What the payment operations share. */
export interface FinraxOperationContext {
  settings: FinraxSettings;
  api: FinraxClient;
  mapping: FinraxMappingContext;
  /** The account's durable key-value space: what the adapter must remember goes here. */
  state: AccountState;
}

/** A Finrax id as the merchant passes it. */
export const finraxIdSchema = z.string().min(1, 'must not be empty').max(256);

/** Checks a crypto symbol and network against Finrax's table; returns Finrax's names. */
export function finraxAsset(
  symbol: string,
  network: string | undefined,
  fields: { symbol: string; network: string },
  account: string,
): { currency: string; network: FinraxNetwork | undefined } {
  const currency = symbol.toUpperCase();
  if (!isFinraxCryptoCurrency(currency)) {
    throw new ValidationError(`Finrax does not handle the crypto currency "${symbol}"`, {
      provider: account,
      field: fields.symbol,
    });
  }
  if (network === undefined) return { currency, network: undefined };
  const name = finraxNetworks.toProvider(network, fields.network) as FinraxNetwork;
  if (!finraxCurrencyNetworks[currency].includes(name)) {
    throw new ValidationError(`Finrax does not move ${currency} on ${network}`, {
      provider: account,
      field: fields.network,
    });
  }
  return { currency, network: name };
}

/** The Finrax payment operations: create (both flows), read, list, quotes and refunds. */
export function createFinraxPaymentOperations({ settings, api, mapping }: FinraxOperationContext) {
  const account = mapping.account;
  const context = (operation: string) => ({ provider: account, operation });

  /** After an unclear create, the payment may exist: look its client id up before giving up. */
  async function reconcilePayment(reference: string, error: unknown): Promise<FinraxPayment> {
    const unclear = unclearWriteOutcome(error, reference);
    if (!unclear) throw error;
    let found: FinraxPayment | undefined;
    try {
      const { data } = await api.listPayments({ clientPaymentId: reference });
      found = data.payments.find((payment) => payment.clientPaymentId === reference);
    } catch {
      throw unclear;
    }
    if (!found) throw unclear;
    return found;
  }

  async function createPayment(raw: CreatePaymentInput, options?: CallOptions): Promise<Payment> {
    const input = raw;
    const finrax = parseFinraxOptions(
      finraxPaymentOptionsSchema,
      input.providerOptions,
      context('createPayment'),
    );
    const flow = input.flow ?? 'hosted';
    if (flow === 'tracking') {
      throw new ValidationError('Finrax supports the hosted and deposit_address flows, not tracking', {
        provider: account,
        field: 'flow',
      });
    }
    const currency = input.amount.currency.toUpperCase();
    const fiat = isFinraxDisplayCurrency(currency);
    if (!fiat && !isFinraxCryptoCurrency(currency)) {
      throw new ValidationError(`Finrax cannot price a payment in "${input.amount.currency}"`, {
        provider: account,
        field: 'amount.currency',
      });
    }
    const payWith = input.payWith
      ? finraxAsset(
          input.payWith.symbol,
          input.payWith.network,
          { symbol: 'payWith.symbol', network: 'payWith.network' },
          account,
        )
      : undefined;
    if (!fiat && payWith && payWith.currency !== currency) {
      throw new ValidationError('A crypto amount must be paid in its own currency', {
        provider: account,
        field: 'payWith.symbol',
      });
    }
    const depositCurrency = payWith?.currency ?? (fiat ? undefined : currency);
    if (flow === 'deposit_address' && depositCurrency === undefined) {
      throw new ValidationError('The deposit_address flow needs payWith.symbol (or a crypto amount)', {
        provider: account,
        field: 'payWith',
      });
    }
    const body: FinraxCreatePaymentRequest = {
      clientPaymentId: input.reference,
      businessId: settings.businessId,
      locale: finrax.locale ?? settings.locale,
      type: finrax.type,
      ...(fiat
        ? { displayCurrency: currency, displayAmount: input.amount.amount }
        : { depositCurrency: currency, depositAmount: input.amount.amount }),
      depositCurrency,
      network: payWith?.network,
      rateType: finrax.rateType,
      expirationMinutes: finrax.expirationMinutes ?? input.expiresInMinutes,
      redirectUrl: input.returnUrl,
    };
    const requestOptions = { ...options, reference: input.reference };
    let created: FinraxPayment;
    let checkoutUrl: string | undefined;
    try {
      const { data } = await api.createPayment(body, requestOptions);
      created = data.paymentInfo;
      checkoutUrl = data.paymentUrl ?? undefined;
    } catch (error) {
      created = await reconcilePayment(input.reference, error);
    }
    if (flow === 'deposit_address' && !created.walletAddress) {
      const { data } = await api.submitPayment(
        created.paymentId,
        { depositCurrency: depositCurrency!, network: payWith?.network },
        requestOptions,
      );
      created = data;
    }
    return toUnifiedPayment(created, mapping, { flow, checkoutUrl, amount: input.amount });
  }

  async function getPayment(id: string, options?: CallOptions): Promise<Payment> {
    const paymentId = parseInput(finraxIdSchema, id, context('getPayment'));
    const { data } = await api.getPayment(paymentId, options);
    return toUnifiedPayment(data, mapping);
  }

  async function listPayments(raw: ListInput = {}, options?: CallOptions): Promise<Page<Payment>> {
    const input = raw;
    parseFinraxOptions(finraxNoOptionsSchema, input.providerOptions, context('listPayments'));
    const offset = parseFinraxListCursor(input.cursor, 'listPayments', account);
    const { data } = await api.listPayments({ clientPaymentId: input.reference }, options);
    const payments = data.payments.map((payment) => toUnifiedPayment(payment, mapping));
    return finraxPage(payments, offset, input.limit);
  }

  async function getQuote(raw: GetQuoteInput, options?: CallOptions): Promise<Quote> {
    const input = raw;
    parseFinraxOptions(finraxNoOptionsSchema, input.providerOptions, context('getQuote'));
    const asset = finraxAsset(
      input.payWith.symbol,
      input.payWith.network,
      { symbol: 'payWith.symbol', network: 'payWith.network' },
      account,
    );
    const from = input.amount.currency.toUpperCase();
    if (from === asset.currency) {
      return { provider: account, from: input.amount, to: { ...input.amount }, rate: '1', raw: null };
    }
    if (!isFinraxDisplayCurrency(from) && !isFinraxCryptoCurrency(from)) {
      throw new ValidationError(`Finrax has no rate for "${input.amount.currency}"`, {
        provider: account,
        field: 'amount.currency',
      });
    }
    const { data, body } = await api.getDepositRates(
      { fromCurrency: asset.currency, toCurrency: from },
      options,
    );
    const direct = data.find((item) => item.fromCurrency === asset.currency && item.toCurrency === from);
    const inverse = data.find((item) => item.fromCurrency === from && item.toCurrency === asset.currency);
    // The price of one unit of the crypto asset in the amount's currency.
    const price =
      direct?.rate ??
      (inverse && !decimal.isZero(inverse.rate) ? decimal.divide('1', inverse.rate) : undefined);
    if (price === undefined || decimal.isZero(price)) {
      throw new ProviderResponseError(`Finrax sent no ${asset.currency}/${from} deposit rate`, {
        provider: account,
        operation: 'getQuote',
      });
    }
    return {
      provider: account,
      from: input.amount,
      to: { amount: decimal.divide(input.amount.amount, price, 8), currency: asset.currency },
      rate: price,
      raw: redactDeep(body, mapping.redact),
    };
  }

  return { createPayment, getPayment, listPayments, getQuote };
}
