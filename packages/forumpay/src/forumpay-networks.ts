import { type Asset, type NetworkId, ValidationError } from '@paymux/core';

/**
 * ForumPay names what a customer pays with by a currency code only. For a chain's native coin the
 * code says the network; for a token (USDT, USDC) it does not, so tokens are known only through
 * the account's `currencyNetworks` setting.
 *
 * @example
 * forumpayNativeCurrencyNetworks.BTC // 'bitcoin'
 */
export const forumpayNativeCurrencyNetworks: Readonly<Record<string, NetworkId>> = {
  BTC: 'bitcoin',
  ETH: 'ethereum',
  LTC: 'litecoin',
  BCH: 'bitcoin-cash',
  DOGE: 'dogecoin',
  XRP: 'xrp',
  XLM: 'stellar',
  ALGO: 'algorand',
  TRX: 'tron',
  SOL: 'solana',
  ADA: 'cardano',
  DASH: 'dash',
  ZEC: 'zcash',
  XMR: 'monero',
  TON: 'ton',
  AVAX: 'avalanche',
  NEAR: 'near',
  EOS: 'eos',
};

/** The network slug of a currency whose chain the adapter does not know. */
export const UNKNOWN_NETWORK = 'unknown';

/** Translates between ForumPay currency codes and unified assets for one account. */
export interface ForumpayCurrencyMap {
  /** The network of a ForumPay currency code, or `undefined` when unknown. */
  networkOf(code: string): NetworkId | undefined;
  /** The unified asset of a ForumPay currency code (network `unknown` when not known). */
  assetOf(code: string): Asset;
  /**
   * The ForumPay currency code for what the customer pays with. An explicit `code` wins; a
   * network that does not match the code's known network, or a network given for a code whose
   * network is unknown, is a `ValidationError`: paying on the wrong chain loses funds.
   */
  toCode(payWith: { symbol: string; network?: string | undefined }, code?: string, field?: string): string;
}

/**
 * Builds the currency map of one account from the built-in native coins and its own additions.
 *
 * @example
 * const currencies = createForumpayCurrencyMap({ USDT: 'ethereum' });
 * currencies.toCode({ symbol: 'USDT', network: 'ethereum' }) // "USDT"
 * currencies.assetOf('BTC') // { symbol: 'BTC', network: 'bitcoin' }
 */
export function createForumpayCurrencyMap(
  extra: Readonly<Record<string, NetworkId>> = {},
  provider = 'forumpay',
): ForumpayCurrencyMap {
  const table = new Map<string, NetworkId>();
  for (const [code, network] of Object.entries({ ...forumpayNativeCurrencyNetworks, ...extra })) {
    table.set(code.toUpperCase(), network);
  }
  const networkOf = (code: string) => table.get(code.toUpperCase());
  return {
    networkOf,
    assetOf(code) {
      return { symbol: code, network: networkOf(code) ?? UNKNOWN_NETWORK };
    },
    toCode(payWith, code, field = 'payWith') {
      const chosen = code ?? payWith.symbol.toUpperCase();
      if (payWith.network === undefined) return chosen;
      const known = networkOf(chosen);
      if (known === undefined) {
        throw new ValidationError(
          `${provider} cannot tell which network currency "${chosen}" uses; declare it in the currencyNetworks setting or omit payWith.network`,
          { provider, field: `${field}.network` },
        );
      }
      if (known !== payWith.network) {
        throw new ValidationError(
          `${provider} currency "${chosen}" is on network "${known}", not "${payWith.network}"`,
          { provider, field: `${field}.network` },
        );
      }
      return chosen;
    },
  };
}
