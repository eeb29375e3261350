import { isPositiveDecimal } from '../core/decimal-amount';
import { isKnownFiat } from '../core/market-rates';
import type { HttpRouter } from '../http/http-router';
import { jsonResponse } from '../http/http-responses';
import type { SandboxRequest, SandboxResponse } from '../http/http-types';
import type { ForumPayBook } from './forumpay-book';
import {
  FORUMPAY_CURRENCIES,
  type ForumPayCurrency,
  type ForumPayPayment,
  forumPayCurrency,
} from './forumpay-model';
import { flagParam, ForumPayFailure, forumPayParams, requireParam } from './forumpay-request';
import { checkView, rateView, startView, transactionView } from './forumpay-views';

type ParamsHandler = (params: URLSearchParams, request: SandboxRequest) => SandboxResponse;

function currencyParam(params: URLSearchParams): ForumPayCurrency {
  const currency = forumPayCurrency(requireParam(params, 'currency').toUpperCase());
  if (!currency) throw new ForumPayFailure(400, 'invalid_currency', 'Currency not supported');
  return currency;
}

function invoiceParams(params: URLSearchParams): { invoiceCurrency: string; invoiceAmount: string } {
  const invoiceCurrency = requireParam(params, 'invoice_currency').toUpperCase();
  if (!isKnownFiat(invoiceCurrency))
    throw new ForumPayFailure(400, 'invalid_invoice_currency', 'Invalid invoice_currency');
  const invoiceAmount = requireParam(params, 'invoice_amount');
  if (!isPositiveDecimal(invoiceAmount)) {
    throw new ForumPayFailure(400, 'invalid_invoice_amount', 'invoice_amount must be a positive number');
  }
  return { invoiceCurrency, invoiceAmount };
}

/** The endpoints of the Open API v2 (`GetRate/`, `StartPayment/`, …), each on GET and POST. */
export function registerForumPayRoutes(router: HttpRouter, book: ForumPayBook): void {
  const endpoint = (name: string, handler: ParamsHandler) => {
    router.on('*', `/pay/v2/${name}`, (request) => {
      if (request.method !== 'GET' && request.method !== 'POST') {
        throw new ForumPayFailure(405, 'method_not_allowed', 'Use GET or POST');
      }
      return handler(forumPayParams(request), request);
    });
  };
  // The seed lists `currency` and `address` among CheckPayment's, CancelPayment's and
  // AcceptPayment's parameters without calling them optional: both are required there (RefundPayment
  // lists no `address`). Unknown payments are reported first, as HTTP 200 with `err`.
  const paymentOf = (params: URLSearchParams, needsAddress = true): ForumPayPayment => {
    const posId = requireParam(params, 'pos_id');
    const paymentId = requireParam(params, 'payment_id');
    const payment = book.find(paymentId);
    if (!payment || payment.posId !== posId)
      throw new ForumPayFailure(200, 'payment_not_found', 'Payment not found');
    const currency = requireParam(params, 'currency');
    if (currency.toUpperCase() !== payment.currency) {
      throw new ForumPayFailure(200, 'currency_mismatch', 'Currency does not match the payment');
    }
    const address = needsAddress ? requireParam(params, 'address') : params.get('address');
    if (address && address !== payment.address) {
      throw new ForumPayFailure(200, 'address_mismatch', 'Address does not match the payment');
    }
    return payment;
  };

  endpoint('GetRate', (params) => {
    requireParam(params, 'pos_id');
    const { invoiceCurrency, invoiceAmount } = invoiceParams(params);
    const currency = currencyParam(params);
    const quote = book.quote(currency, invoiceCurrency, invoiceAmount);
    book.quotes.set(quote.paymentId, quote);
    return jsonResponse(200, rateView(quote, currency));
  });

  endpoint('StartPayment', (params, request) => {
    const posId = requireParam(params, 'pos_id');
    const { invoiceCurrency, invoiceAmount } = invoiceParams(params);
    const currency = currencyParam(params);
    const paymentId = params.get('payment_id')?.trim() || undefined;
    const existing = paymentId ? book.find(paymentId) : undefined;
    if (existing) {
      if (existing.posId !== posId)
        throw new ForumPayFailure(200, 'payment_id_taken', 'payment_id already used');
      return jsonResponse(200, startView(request.origin, existing, currency));
    }
    const quoted = paymentId ? book.quotes.get(paymentId) : undefined;
    const quote =
      quoted && quoted.currency === currency.code && quoted.invoiceCurrency === invoiceCurrency
        ? { ...quoted, ...book.quote(currency, invoiceCurrency, invoiceAmount, paymentId), rate: quoted.rate }
        : book.quote(currency, invoiceCurrency, invoiceAmount, paymentId);
    const payment = book.start(quote, currency, {
      posId,
      referenceNo: params.get('reference_no') || null,
      webhookUrl: params.get('webhook_url') || null,
      acceptZeroConfirmations: flagParam(params, 'accept_zero_confirmations'),
      requireKyt: flagParam(params, 'require_kyt_for_confirmation'),
      onSuccessRedirectUrl: params.get('on_success_redirect_url') || null,
      onFailureRedirectUrl: params.get('on_failure_redirect_url') || null,
    });
    return jsonResponse(200, startView(request.origin, payment, currency));
  });

  endpoint('CheckPayment', (params, request) => {
    const payment = paymentOf(params);
    return jsonResponse(200, checkView(request.origin, payment, forumPayCurrency(payment.currency)!));
  });

  endpoint('CancelPayment', (params) => {
    const payment = paymentOf(params);
    book.cancel(payment, params.get('reason') || 'other');
    return jsonResponse(200, { cancelled: true, status: 'Cancelled' });
  });

  endpoint('AcceptPayment', (params) => {
    const payment = paymentOf(params);
    const accepted = requireParam(params, 'accepted_amount');
    if (!isPositiveDecimal(accepted))
      throw new ForumPayFailure(400, 'invalid_accepted_amount', 'Invalid accepted_amount');
    book.accept(payment, accepted);
    return jsonResponse(200, { success: true });
  });

  endpoint('RefundPayment', (params) => {
    const payment = paymentOf(params, false);
    requireParam(params, 'address_out');
    const amount = requireParam(params, 'refund_amount');
    if (!isPositiveDecimal(amount))
      throw new ForumPayFailure(400, 'invalid_refund_amount', 'Invalid refund_amount');
    book.refund(payment, amount);
    return jsonResponse(200, { wait_time: '120 minutes' });
  });

  endpoint('GetCurrencyList', (params) => {
    // The seed: "Each API call requires pos_id" (GetTransactions aside: its own example has none).
    requireParam(params, 'pos_id');
    const fiat = (params.get('invoice_currency') || 'EUR').toUpperCase();
    if (!isKnownFiat(fiat))
      throw new ForumPayFailure(400, 'invalid_invoice_currency', 'Invalid invoice_currency');
    return jsonResponse(
      200,
      FORUMPAY_CURRENCIES.map((currency) => {
        const rate = book.quote(currency, fiat, '1').rate;
        return {
          currency: currency.code,
          description: currency.description,
          status: 'OK',
          zero_confirmations_enabled: currency.zeroConfirmations ? '1' : '0',
          currency_fiat: fiat,
          icon_url: `https://static.sandbox.invalid/coins/${currency.code.toLowerCase()}.png`,
          rate,
          sell_status: 'OK',
          sell_rate: rate,
          buy_status: 'OK',
          buy_rate: rate,
          sell_min_invoice_amount: '0.12',
          sell_max_invoice_amount: '10000.00',
          sell_network_processing_fee: currency.networkFee,
          buy_min_invoice_amount: '1.00',
          buy_max_invoice_amount: '1000.00',
          buy_network_processing_fee: currency.networkFee,
        };
      }),
    );
  });

  endpoint('GetTransactions', (params) => {
    const offset = Number.parseInt(params.get('offset') ?? '0', 10);
    const limit = Number.parseInt(params.get('limit') ?? '20', 10);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw new ForumPayFailure(400, 'invalid_parameter', 'offset and limit must be non-negative integers');
    }
    const posId = params.get('pos_id');
    const invoices = [...book.payments]
      .reverse()
      .filter((payment) => !posId || payment.posId === posId)
      .slice(offset, offset + limit)
      .map(transactionView);
    return jsonResponse(200, { invoices });
  });
}
