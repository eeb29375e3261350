import { decimal } from './decimal';
import { ValidationError } from './errors/error-classes';
import type { Money } from './money';

/**
 * Fraction digits a currency can carry. A merchant amount with more is refused rather than rounded
 * by a provider behind the merchant's back (`10.123456789 EUR` would come back as `10.12`).
 *
 * Fiat: the ISO 4217 minor units (SIX Group's "List One", https://www.six-group.com/en/products-services/financial-information/data-standards.html).
 * Crypto: the smallest unit of the chain's native coin, and for tokens the decimals of the
 * canonical contract, as each project documents them:
 * - BTC 8, LTC 8, BCH 8, DOGE 8, DASH 8, ZEC 8: satoshi-style units (Bitcoin Core `COIN = 100000000`, and its forks).
 * - ETH 18 (wei, ethereum.org "Ether denominations"); BNB 18, POL/MATIC 18, AVAX 18 (C-chain), ETC 18: EVM natives.
 * - TRX 6 (sun, developers.tron.network "TRX"), SOL 9 (lamports, solana.com docs), XRP 6 (drops, xrpl.org),
 *   XLM 7 (stroops, developers.stellar.org), ALGO 6 (microAlgos, developer.algorand.org), ADA 6 (lovelace),
 *   TON 9 (nanotons), DOT 10 (planck), NEAR 24 (yoctoNEAR), EOS 4 (eosio.token symbol `4,EOS`).
 * - USDT 6 and USDC 6: Tether's and Circle's contracts on Ethereum, Tron and Solana. Their BNB Chain
 *   copies are 18-decimal contracts, but providers price both stablecoins at 6 (Finrax's withdrawal
 *   metadata, ForumPay's currency list), so 6 is what an amount can safely carry. DAI 18, BUSD 18.
 * A currency missing here gets no decimal check beyond the provider's own.
 */
export const currencyDecimals: Readonly<Record<string, number>> = Object.freeze({
  // ISO 4217, the currencies merchants price in most.
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  RON: 2,
  BGN: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  TRY: 2,
  UAH: 2,
  RUB: 2,
  BRL: 2,
  MXN: 2,
  ARS: 2,
  INR: 2,
  CNY: 2,
  HKD: 2,
  SGD: 2,
  THB: 2,
  PHP: 2,
  IDR: 2,
  MYR: 2,
  ZAR: 2,
  NGN: 2,
  AED: 2,
  SAR: 2,
  ILS: 2,
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  PYG: 0,
  UGX: 0,
  XOF: 0,
  XAF: 0,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
  // Crypto natives.
  BTC: 8,
  LTC: 8,
  BCH: 8,
  DOGE: 8,
  DASH: 8,
  ZEC: 8,
  ETH: 18,
  ETC: 18,
  BNB: 18,
  POL: 18,
  MATIC: 18,
  AVAX: 18,
  TRX: 6,
  SOL: 9,
  XRP: 6,
  XLM: 7,
  ALGO: 6,
  ADA: 6,
  TON: 9,
  DOT: 10,
  NEAR: 24,
  EOS: 4,
  // Tokens.
  USDT: 6,
  USDC: 6,
  DAI: 18,
  BUSD: 18,
});

/**
 * The fraction digits `currency` can carry, or `undefined` for a currency paymux does not know.
 *
 * @example
 * decimalsOf('eur') // 2
 * decimalsOf('XYZ') // undefined
 */
export function decimalsOf(currency: string): number | undefined {
  const decimals = currencyDecimals[currency.toUpperCase()];
  return typeof decimals === 'number' ? decimals : undefined;
}

/**
 * Significant digits of a decimal string: leading and trailing zeros do not count (`"1200"` and
 * `"0.0012"` have 2), as for a provider that stores amounts as binary floats.
 */
export function significantDigits(amount: string): number {
  const digits = decimal
    .normalize(amount)
    .replace('-', '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.max(digits.length, 1);
}

/** What else limits an amount besides its currency. */
export interface AmountPrecisionLimits {
  /** The most significant digits the provider accepts (a provider storing amounts as doubles: 15). */
  maxSignificantDigits?: number;
  /** Fraction digits per currency where the provider allows fewer than the currency. */
  maxDecimals?: Readonly<Record<string, number>>;
}

/** Where the amount was given, for the error. */
export interface AmountPrecisionContext {
  /** Dotted path of the field, e.g. `amount`. */
  field: string;
  operation?: string;
  provider?: string;
}

/**
 * Refuses, with a `ValidationError` that names the field, an amount with more fraction digits than
 * its currency (or the provider) allows, or more significant digits than the provider accepts.
 * Trailing zeros are not precision: `"10.500" EUR` passes. Call it before any I/O.
 *
 * @example
 * assertAmountPrecision({ amount: '10.123456789', currency: 'EUR' }, { field: 'amount', operation: 'createPayment' });
 * // ValidationError: createPayment: amount "10.123456789" has 9 decimals; EUR allows at most 2
 */
export function assertAmountPrecision(
  money: Money,
  context: AmountPrecisionContext,
  limits: AmountPrecisionLimits = {},
): void {
  const currency = money.currency.toUpperCase();
  const scale = decimal.scale(money.amount);
  const own = decimalsOf(currency);
  const providers = limits.maxDecimals?.[currency] ?? limits.maxDecimals?.[money.currency];
  const allowed = own === undefined ? providers : providers === undefined ? own : Math.min(own, providers);
  const where = context.operation ? `${context.operation}: ` : '';
  const fail = (message: string) => {
    throw new ValidationError(`${where}${context.field} ${message}`, {
      provider: context.provider,
      operation: context.operation,
      field: context.field,
      issues: [{ path: context.field, message }],
    });
  };
  if (allowed !== undefined && scale > allowed) {
    const by =
      providers !== undefined && providers === allowed && providers !== own ? ' at this provider' : '';
    fail(
      `"${money.amount}" has ${scale} decimals; ${currency} allows at most ${allowed}${by} (paymux does not round amounts)`,
    );
  }
  const maxDigits = limits.maxSignificantDigits;
  if (maxDigits !== undefined && significantDigits(money.amount) > maxDigits) {
    fail(
      `"${money.amount}" has ${significantDigits(money.amount)} significant digits; the provider keeps at most ${maxDigits}`,
    );
  }
}
