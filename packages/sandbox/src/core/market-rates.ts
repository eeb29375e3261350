import { divideDecimal } from './decimal-amount';

/**
 * Fixed prices in USD that every emulator quotes from, so amounts in tests are reproducible.
 * Decimal strings, never floats.
 */
const USD_PRICES: Readonly<Record<string, string>> = {
  BTC: '64250.12',
  ETH: '3120.55',
  LTC: '82.41',
  BCH: '371.2',
  XRP: '0.5321',
  XLM: '0.1104',
  SOL: '142.37',
  TRX: '0.1187',
  BNB: '585.3',
  USDT: '1',
  USDC: '1',
  LINK: '14.62',
  ALGO: '0.1821',
  MATIC: '0.7113',
  AVAX: '35.8',
  EOS: '0.79',
  NEAR: '5.94',
  LUNA: '0.61',
  DAI: '1',
};

const FIAT_IN_USD: Readonly<Record<string, string>> = {
  USD: '1',
  EUR: '1.08',
  GBP: '1.27',
  CHF: '1.12',
  CAD: '0.73',
  AUD: '0.66',
  JPY: '0.0067',
  PLN: '0.25',
  SEK: '0.095',
  NOK: '0.094',
  DKK: '0.145',
  CZK: '0.043',
  AED: '0.2723',
  BRL: '0.18',
  INR: '0.012',
  TRY: '0.031',
  ZAR: '0.054',
  MXN: '0.058',
  SGD: '0.74',
  HKD: '0.128',
};

/** True when the sandbox knows a USD price for this currency code (crypto or fiat). */
export function isKnownCurrency(code: string): boolean {
  return code in USD_PRICES || code in FIAT_IN_USD;
}

/** True for a crypto symbol the sandbox quotes. */
export function isKnownCrypto(code: string): boolean {
  return code in USD_PRICES;
}

/** True for a fiat code the sandbox quotes. */
export function isKnownFiat(code: string): boolean {
  return code in FIAT_IN_USD;
}

function usdValue(code: string): string | undefined {
  return USD_PRICES[code] ?? FIAT_IN_USD[code];
}

/**
 * How many units of `quote` one unit of `base` is worth, with `scale` decimals; undefined when
 * either code is unknown.
 *
 * @example
 * exchangeRate('BTC', 'EUR', 4) // "59490.8519"
 */
export function exchangeRate(base: string, quote: string, scale: number): string | undefined {
  const baseUsd = usdValue(base);
  const quoteUsd = usdValue(quote);
  if (baseUsd === undefined || quoteUsd === undefined) return undefined;
  return divideDecimal(baseUsd, quoteUsd, scale);
}
