import { isPositiveDecimal } from '../core/decimal-amount';
import { readText } from '../core/json-fields';
import { exchangeRate, isKnownCrypto } from '../core/market-rates';
import type { HttpRouter } from '../http/http-router';
import { jsonResponse } from '../http/http-responses';
import { FinraxFailure } from './finrax-errors';
import {
  FINRAX_DEPOSIT_CURRENCIES,
  FINRAX_DISPLAY_CURRENCIES,
  FINRAX_NETWORKS,
  FINRAX_PRECISION,
  FINRAX_WITHDRAWAL_LIMITS,
  validateFinraxAddress,
} from './finrax-model';
import { finraxNetworkFor } from './finrax-payment-routes';
import { finraxBody, optionalAmount, optionalEnum, requiredText } from './finrax-request';
import { withdrawalView } from './finrax-views';
import type { FinraxWithdrawalDesk } from './finrax-withdrawal-desk';

/** Withdrawals, their metadata, address validation and deposit rates. */
export function registerFinraxWithdrawalRoutes(
  router: HttpRouter,
  desk: FinraxWithdrawalDesk,
  businessId: string,
): void {
  router.on('POST', '/api/v1/withdrawals', (request) => {
    const body = finraxBody(request);
    if (requiredText(body, 'businessId') !== businessId)
      throw new FinraxFailure(403, 'Access to this business is denied');
    const clientWithdrawalId = readText(body, 'clientWithdrawalId') ?? requiredText(body, 'clientWithdrawId');
    const recipientAddress = requiredText(body, 'recipientAddress');
    const withdrawCurrency = optionalEnum(body, 'withdrawCurrency', FINRAX_DEPOSIT_CURRENCIES);
    if (withdrawCurrency === undefined) throw new FinraxFailure(400, 'withdrawCurrency must not be null');
    const network = finraxNetworkFor(withdrawCurrency, requiredText(body, 'network'));
    const targetAmountPolicy = optionalEnum(body, 'targetAmountPolicy', ['FIAT', 'CRYPTO'] as const);
    if (targetAmountPolicy === undefined) throw new FinraxFailure(400, 'targetAmountPolicy must not be null');
    // NOTES lists displayCurrency among the fields of every withdrawal (only destinationTag is
    // optional), whatever the targetAmountPolicy.
    const displayCurrency = optionalEnum(body, 'displayCurrency', FINRAX_DISPLAY_CURRENCIES);
    if (displayCurrency === undefined) throw new FinraxFailure(400, 'displayCurrency must not be null');
    const targetAmount = optionalAmount(body, 'targetAmount');
    if (targetAmount === undefined || !isPositiveDecimal(targetAmount)) {
      throw new FinraxFailure(400, 'targetAmount must be greater than 0');
    }
    if (!validateFinraxAddress(withdrawCurrency, network, recipientAddress).valid) {
      throw new FinraxFailure(400, `Invalid recipientAddress for ${withdrawCurrency} on ${network}`);
    }
    const { withdrawal, needsApproval } = desk.create({
      businessId,
      clientWithdrawalId,
      recipientAddress,
      destinationTag: readText(body, 'destinationTag') ?? null,
      network,
      withdrawCurrency,
      displayCurrency,
      targetAmountPolicy,
      targetAmount,
    });
    if (needsApproval) {
      return jsonResponse(202, { clientLabel: withdrawal.clientLabel, withdrawalId: withdrawal.withdrawId });
    }
    return jsonResponse(201, withdrawalView(withdrawal));
  });

  router.on('GET', '/api/v1/withdrawals', (request) => {
    const requested = request.query.get('businessId');
    if (!requested) throw new FinraxFailure(400, 'businessId is required');
    if (requested !== businessId) throw new FinraxFailure(403, 'Access to this business is denied');
    // The list of client ids is `clientWithdrawId[]` (NOTES); a bare `clientWithdrawId` is not a
    // parameter of this endpoint and is refused rather than silently ignored.
    if (request.query.has('clientWithdrawId')) {
      throw new FinraxFailure(400, 'Unknown parameter clientWithdrawId: use clientWithdrawId[]');
    }
    const ids = request.query.getAll('clientWithdrawId[]');
    const withdrawals = desk.withdrawals
      .filter((withdrawal) => ids.length === 0 || ids.includes(withdrawal.clientWithdrawId))
      .map(withdrawalView);
    return jsonResponse(200, withdrawals);
  });

  router.on('GET', '/api/v1/withdrawals/metadata', () =>
    jsonResponse(
      200,
      Object.entries(FINRAX_NETWORKS).flatMap(([currency, networks]) =>
        networks.map((network) => {
          const limits = FINRAX_WITHDRAWAL_LIMITS[currency] ?? { fee: '0', min: '0', max: '0' };
          return { currency, network, ...limits, precision: FINRAX_PRECISION[currency] ?? 8 };
        }),
      ),
    ),
  );

  const validateAddress = (params: Record<string, string>) => {
    const currency = (params.currency ?? '').toUpperCase();
    const network = (params.network ?? '').toUpperCase();
    return jsonResponse(200, validateFinraxAddress(currency, network, params.address ?? ''));
  };
  // The one path NOTES gives, without the `/api` of the other endpoints.
  router.on('GET', '/v1/currency/:currency/network/:network/address/:address/valid', (request) =>
    validateAddress(request.params),
  );

  router.on('GET', '/api/v1/exchange/rates/deposit', (request) => {
    const fromCurrency = (request.query.get('fromCurrency') ?? '').toUpperCase();
    const toCurrency = (request.query.get('toCurrency') ?? '').toUpperCase();
    if (!fromCurrency || !toCurrency)
      throw new FinraxFailure(400, 'fromCurrency and toCurrency are required');
    const scale = isKnownCrypto(toCurrency) ? (FINRAX_PRECISION[toCurrency] ?? 8) : 8;
    const rate = exchangeRate(fromCurrency, toCurrency, scale);
    if (rate === undefined) throw new FinraxFailure(400, `No rate for ${fromCurrency}/${toCurrency}`);
    return jsonResponse(200, { fromCurrency, toCurrency, rate });
  });
}
