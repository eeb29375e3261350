import {
  type Balance,
  type CallOptions,
  ConfigurationError,
  decimal,
  getQuoteInputSchema,
  parseInput,
  ProviderResponseError,
  type Quote,
  type Redactor,
  ValidationError,
} from '@paymux/core';
import { z } from 'zod';
import type { DepayClient } from './depay-client';
import { depayNetworks, findTokenByAddress, findTokenBySymbol } from './depay-networks';
import { sanitizeDepayRaw } from './depay-payment-mapper';
import type { DepayWallet } from './depay-settings';

/**
 * `providerOptions.depay` of `getQuote`: the token address, when the symbol alone is not known.
 *
 * @example
 * providerOptions: { depay: { token: '0xa0bed124a09ac2bd941b10349d8d224fe3c955eb' } }
 */
export const depayQuoteOptionsSchema = z.strictObject({
  token: z.string().min(1).max(128).optional(),
});

const depayGetQuoteInputSchema = getQuoteInputSchema.extend({
  providerOptions: z.looseObject({ depay: depayQuoteOptionsSchema.optional() }).optional(),
});

/** The currency DePay prices tokens in. */
export const DEPAY_PRICE_CURRENCY = 'USD';

interface MarketContext {
  account: string;
  api: DepayClient;
  redact: Redactor;
}

/**
 * `getQuote` over `GET /prices/{blockchain}/{token}`: how much of a token pays a USD amount. The
 * token amount is rounded up to the token's decimals, so that the merchant never receives less
 * than asked.
 */
export async function getDepayQuote(
  rawInput: unknown,
  context: MarketContext,
  options: CallOptions = {},
): Promise<Quote> {
  const operation = { provider: context.account, operation: 'getQuote' };
  const input = parseInput(depayGetQuoteInputSchema, rawInput, operation);
  if (input.amount.currency.toUpperCase() !== DEPAY_PRICE_CURRENCY) {
    throw new ValidationError('getQuote: amount.currency must be USD: DePay prices tokens in USD only', {
      ...operation,
      field: 'amount.currency',
    });
  }
  if (!input.payWith.network) {
    throw new ValidationError('getQuote: payWith.network is required', {
      ...operation,
      field: 'payWith.network',
    });
  }
  const network = input.payWith.network;
  const blockchain = depayNetworks.toProvider(network, 'payWith.network');
  const symbol = input.payWith.symbol.toUpperCase();
  const token =
    input.providerOptions?.depay?.token ??
    input.payWith.contract ??
    findTokenBySymbol(network, symbol)?.address;
  if (!token) {
    throw new ValidationError(
      `getQuote: payWith.contract is required: no known ${symbol} token on ${network}`,
      {
        ...operation,
        field: 'payWith.contract',
      },
    );
  }
  const call = options;
  const price = await context.api.getTokenPrice(blockchain, token, call);
  if (!decimal.isPositive(price)) {
    throw new ProviderResponseError(`DePay priced ${symbol} on ${network} at ${price}`, {
      ...operation,
      bodyExcerpt: price,
    });
  }
  const decimals =
    findTokenByAddress(network, token)?.decimals ??
    (await context.api.getTokenDecimals(blockchain, token, call));
  return {
    provider: context.account,
    from: { amount: input.amount.amount, currency: DEPAY_PRICE_CURRENCY },
    to: { amount: decimal.divide(input.amount.amount, price, decimals, 'up'), currency: symbol },
    rate: price,
    raw: { blockchain, token, price },
  };
}

/**
 * `getBalances` over `GET /accounts/{blockchain}/{account}/assets` for every wallet in the
 * settings. Balances arrive in the smallest unit and are converted exactly.
 */
export async function getDepayBalances(
  wallets: readonly DepayWallet[] | undefined,
  context: MarketContext,
  options: CallOptions = {},
): Promise<Balance[]> {
  if (!wallets || wallets.length === 0) {
    throw new ConfigurationError('DePay getBalances needs `wallets` in the account settings', {
      provider: context.account,
      operation: 'getBalances',
    });
  }
  const balances: Balance[] = [];
  for (const wallet of wallets) {
    const blockchain = depayNetworks.toProvider(wallet.network, 'wallets.network');
    const { assets, body } = await context.api.getAccountAssets(blockchain, wallet.address, options);
    const items = Array.isArray(body) ? body : [];
    assets.forEach((asset, index) => {
      balances.push({
        provider: context.account,
        asset: { symbol: asset.symbol, network: wallet.network, contract: asset.address },
        currency: asset.symbol,
        available: decimal.fromMinorUnits(asset.balance, asset.decimals),
        address: wallet.address,
        raw: sanitizeDepayRaw(items[index], context.redact),
      });
    });
  }
  return balances;
}
