import { compareDecimal, isPositiveDecimal } from '../core/decimal-amount';
import { readInteger, readText } from '../core/json-fields';
import type { HttpRouter } from '../http/http-router';
import { jsonResponse } from '../http/http-responses';
import type { FinraxBook } from './finrax-book';
import { FinraxFailure } from './finrax-errors';
import { FINRAX_DEPOSIT_CURRENCIES, FINRAX_DISPLAY_CURRENCIES, FINRAX_NETWORKS } from './finrax-model';
import { finraxBody, optionalAmount, optionalEnum, requiredText } from './finrax-request';
import { paymentView } from './finrax-views';

function positive(amount: string | undefined, key: string): string | undefined {
  if (amount !== undefined && !isPositiveDecimal(amount))
    throw new FinraxFailure(400, `${key} must be greater than 0`);
  return amount;
}

/** Picks the network: the one given (checked against the currency) or the currency's default. */
export function finraxNetworkFor(currency: string, network: string | undefined): string {
  const networks = FINRAX_NETWORKS[currency] ?? [];
  if (network === undefined) return networks[0] ?? currency;
  if (!networks.includes(network))
    throw new FinraxFailure(400, `Network ${network} is not supported for ${currency}`);
  return network;
}

/** Payments: create, submit (PATCH), get, and list by client id. */
export function registerFinraxPaymentRoutes(router: HttpRouter, book: FinraxBook, businessId: string): void {
  router.on('POST', '/api/v1/payments', (request) => {
    const body = finraxBody(request);
    const clientPaymentId = requiredText(body, 'clientPaymentId');
    const requestedBusiness = requiredText(body, 'businessId');
    const locale = requiredText(body, 'locale');
    if (requestedBusiness !== businessId) throw new FinraxFailure(403, 'Access to this business is denied');
    const type = optionalEnum(body, 'type', ['ONE_TIME', 'REUSABLE'] as const) ?? 'ONE_TIME';
    const rateType = optionalEnum(body, 'rateType', ['FIXED', 'FLOATING'] as const) ?? 'FLOATING';
    const displayCurrency = optionalEnum(body, 'displayCurrency', FINRAX_DISPLAY_CURRENCIES) ?? null;
    const depositCurrency = optionalEnum(body, 'depositCurrency', FINRAX_DEPOSIT_CURRENCIES) ?? null;
    const displayAmount = positive(optionalAmount(body, 'displayAmount'), 'displayAmount') ?? null;
    const depositAmount = positive(optionalAmount(body, 'depositAmount'), 'depositAmount') ?? null;
    if ((displayAmount === null) === (depositAmount === null)) {
      throw new FinraxFailure(400, 'Exactly one of depositAmount and displayAmount must be provided');
    }
    if (displayAmount !== null && displayCurrency === null) {
      throw new FinraxFailure(400, 'displayCurrency is required with displayAmount');
    }
    if (depositAmount !== null && depositCurrency === null) {
      throw new FinraxFailure(400, 'depositCurrency is required with depositAmount');
    }
    const networkText = readText(body, 'network');
    const network = depositCurrency === null ? null : finraxNetworkFor(depositCurrency, networkText);
    const expirationMinutes =
      body.expirationMinutes === undefined ? 10_080 : readInteger(body, 'expirationMinutes');
    if (expirationMinutes === undefined) throw new FinraxFailure(400, 'expirationMinutes must be >= 0');
    if (book.payments.some((payment) => payment.clientPaymentId === clientPaymentId)) {
      throw new FinraxFailure(409, 'Payment with this clientPaymentId already exists');
    }
    const payment = book.create(
      {
        clientPaymentId,
        businessId,
        locale,
        type,
        rateType,
        redirectUrl: readText(body, 'redirectUrl') ?? null,
        expirationMinutes,
        displayCurrency,
        displayAmount,
        depositCurrency,
        depositAmount,
        network,
      },
      (paymentId) => `${request.origin}/finrax/deposit/${paymentId}?locale=${encodeURIComponent(locale)}`,
    );
    return jsonResponse(200, { paymentInfo: paymentView(payment, book), paymentUrl: payment.url });
  });

  router.on('PATCH', '/api/v1/payments/:paymentId', (request) => {
    const payment = book.find(request.params.paymentId ?? '');
    if (!payment || payment.businessId !== businessId) throw new FinraxFailure(404, 'Payment not found');
    const body = finraxBody(request);
    const depositCurrency = optionalEnum(body, 'depositCurrency', FINRAX_DEPOSIT_CURRENCIES);
    if (depositCurrency === undefined) throw new FinraxFailure(400, 'depositCurrency must not be null');
    const network = finraxNetworkFor(depositCurrency, readText(body, 'network'));
    const displayCurrency = optionalEnum(body, 'displayCurrency', FINRAX_DISPLAY_CURRENCIES);
    const displayAmount = positive(optionalAmount(body, 'displayAmount'), 'displayAmount');
    if (!book.isOpenForSubmit(payment)) {
      throw new FinraxFailure(400, `Payment in status ${payment.status} can no longer be submitted`);
    }
    let display: { currency: string; amount: string } | undefined;
    if (
      payment.expectedDisplayAmount === null &&
      payment.expectedDepositAmount === null &&
      displayAmount !== undefined
    ) {
      if (displayCurrency === undefined)
        throw new FinraxFailure(400, 'displayCurrency is required with displayAmount');
      display = { currency: displayCurrency, amount: displayAmount };
    }
    book.submit(payment, depositCurrency, network, display);
    if (payment.expectedDepositAmount !== null && compareDecimal(payment.expectedDepositAmount, '0') <= 0) {
      throw new FinraxFailure(400, 'The payment amount is too small');
    }
    return jsonResponse(200, { paymentInfo: paymentView(payment, book) });
  });

  router.on('GET', '/api/v1/payments/:paymentId', (request) => {
    const payment = book.find(request.params.paymentId ?? '');
    if (!payment || payment.businessId !== businessId) throw new FinraxFailure(404, 'Payment not found');
    return jsonResponse(200, paymentView(payment, book));
  });

  router.on('GET', '/api/v1/businesses/:businessId/payments', (request) => {
    if (request.params.businessId !== businessId)
      throw new FinraxFailure(403, 'Access to this business is denied');
    const clientPaymentId = request.query.get('clientPaymentId');
    const payments = book.payments
      .filter((payment) => !clientPaymentId || payment.clientPaymentId === clientPaymentId)
      .map((payment) => paymentView(payment, book));
    return jsonResponse(200, payments);
  });
}
