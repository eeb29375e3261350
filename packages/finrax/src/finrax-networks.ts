import { defineNetworkNames, type NetworkId } from '@paymux/core';

/** Finrax's network names (`network`, `expectedNetwork`) and their paymux slugs. */
export const finraxNetworks = defineNetworkNames('finrax', {
  BTC: 'bitcoin',
  BCH: 'bitcoin-cash',
  LTC: 'litecoin',
  XLM: 'stellar',
  XRP: 'xrp',
  ETH: 'ethereum',
  BSC: 'bsc',
  SOL: 'solana',
  TRX: 'tron',
});

/** The network names Finrax accepts. */
export type FinraxNetwork = 'BTC' | 'BCH' | 'LTC' | 'XLM' | 'XRP' | 'ETH' | 'BSC' | 'SOL' | 'TRX';

/** Crypto currencies Finrax takes as deposits and sends as withdrawals. */
export const finraxCryptoCurrencies = [
  'BCH',
  'BNB',
  'BTC',
  'ETH',
  'LINK',
  'LTC',
  'SOL',
  'TRX',
  'USDC',
  'USDT',
  'XLM',
  'XRP',
] as const;
export type FinraxCryptoCurrency = (typeof finraxCryptoCurrencies)[number];

/** Fiat currencies Finrax displays amounts in (`displayCurrency`). */
export const finraxDisplayCurrencies = [
  'AED',
  'ARS',
  'AUD',
  'BDT',
  'BGN',
  'BRL',
  'CAD',
  'CHF',
  'CLP',
  'CNY',
  'CZK',
  'DKK',
  'EUR',
  'GBP',
  'HKD',
  'HRK',
  'HUF',
  'IDR',
  'ILS',
  'INR',
  'ISK',
  'JPY',
  'KES',
  'KRW',
  'MXN',
  'MYR',
  'NGN',
  'NOK',
  'NZD',
  'PEN',
  'PHP',
  'PLN',
  'QAR',
  'RON',
  'RUB',
  'SEK',
  'SGD',
  'THB',
  'TRY',
  'USD',
  'VND',
  'ZAR',
] as const;

/** The networks each crypto currency can move on at Finrax (its withdrawal table). */
export const finraxCurrencyNetworks: Readonly<Record<FinraxCryptoCurrency, readonly FinraxNetwork[]>> = {
  BTC: ['BTC'],
  BCH: ['BCH'],
  LTC: ['LTC'],
  XLM: ['XLM'],
  XRP: ['XRP'],
  ETH: ['ETH', 'BSC'],
  LINK: ['ETH'],
  SOL: ['SOL'],
  TRX: ['TRX'],
  BNB: ['BSC'],
  USDC: ['ETH', 'BSC', 'SOL', 'TRX'],
  USDT: ['ETH', 'BSC', 'SOL', 'TRX'],
};

/** True for a crypto currency Finrax knows. */
export function isFinraxCryptoCurrency(symbol: string): symbol is FinraxCryptoCurrency {
  return (finraxCryptoCurrencies as readonly string[]).includes(symbol);
}

/** True for a fiat currency Finrax can display. */
export function isFinraxDisplayCurrency(symbol: string): boolean {
  return (finraxDisplayCurrencies as readonly string[]).includes(symbol);
}

/** The network slug of a Finrax object whose network the provider data does not say. */
export const FINRAX_UNKNOWN_NETWORK = 'unknown';

/**
 * The paymux slug of the network a Finrax object is on: its own `network` when given, else the
 * currency's network when the currency moves on one network only (BTC on BTC). A currency on
 * several networks (USDT) is never guessed: `undefined`, and the caller says `unknown`.
 */
export function finraxNetworkSlug(
  network: string | null | undefined,
  currency: string,
): NetworkId | undefined {
  if (network) return finraxNetworks.fromProvider(network);
  const networks = isFinraxCryptoCurrency(currency) ? finraxCurrencyNetworks[currency] : undefined;
  const only = networks?.length === 1 ? networks[0] : undefined;
  return only === undefined ? undefined : finraxNetworks.fromProvider(only);
}
