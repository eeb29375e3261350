import { type Asset, type NetworkId, ValidationError } from '@paymux/core';

/**
 * Defexa's currency codes (the seed's DA currency list) and the asset each one is. Defexa names
 * a currency and its chain with one code: `BSC` is BNB on BNB Smart Chain, `MATIC` the native
 * coin of Polygon.
 */
export const defexaCurrencies = {
  BTC: { symbol: 'BTC', network: 'bitcoin' },
  ETH: { symbol: 'ETH', network: 'ethereum' },
  XRP: { symbol: 'XRP', network: 'xrp' },
  // The seed lists BNB beside BSC: BNB is taken to be the coin on BNB Beacon Chain (inferred).
  BNB: { symbol: 'BNB', network: 'bnb-beacon-chain' },
  MATIC: { symbol: 'MATIC', network: 'polygon' },
  TRX: { symbol: 'TRX', network: 'tron' },
  BSC: { symbol: 'BNB', network: 'bsc' },
  AVAX: { symbol: 'AVAX', network: 'avalanche' },
  SOL: { symbol: 'SOL', network: 'solana' },
  EOS: { symbol: 'EOS', network: 'eos' },
  ALGO: { symbol: 'ALGO', network: 'algorand' },
  NEAR: { symbol: 'NEAR', network: 'near' },
  LUNA: { symbol: 'LUNA', network: 'terra' },
} as const satisfies Record<string, { symbol: string; network: NetworkId }>;

/** A currency code Defexa's DA module knows. */
export type DefexaCurrency = keyof typeof defexaCurrencies;

/** True for a code in {@link defexaCurrencies}. */
export function isDefexaCurrency(code: string): code is DefexaCurrency {
  return Object.hasOwn(defexaCurrencies, code);
}

/**
 * The asset of a Defexa currency code. A code this adapter does not know keeps its symbol and
 * gets its lower-cased code as network slug, so nothing Defexa sends is dropped.
 *
 * @example
 * assetOfDefexaCurrency('BSC') // { symbol: 'BNB', network: 'bsc' }
 */
export function assetOfDefexaCurrency(code: string): Asset {
  const upper = code.toUpperCase();
  if (isDefexaCurrency(upper)) return { ...defexaCurrencies[upper] };
  return { symbol: upper, network: upper.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'unknown' };
}

/**
 * The Defexa code of an asset. Without a network the symbol alone must name one code (or be a
 * code itself, such as `BSC`). Throws a `ValidationError` naming `field` for anything else.
 *
 * @example
 * defexaCurrencyOf({ symbol: 'BNB', network: 'bsc' }, 'payWith') // 'BSC'
 */
export function defexaCurrencyOf(
  asset: { symbol: string; network?: NetworkId | undefined },
  field: string,
  provider = 'defexa',
): DefexaCurrency {
  const symbol = asset.symbol.toUpperCase();
  const entries = Object.entries(defexaCurrencies) as [DefexaCurrency, Asset][];
  if (asset.network !== undefined) {
    const match = entries.find(([, known]) => known.symbol === symbol && known.network === asset.network);
    if (match) return match[0];
    throw new ValidationError(`defexa does not support ${symbol} on ${asset.network}`, { provider, field });
  }
  if (isDefexaCurrency(symbol)) return symbol;
  const bySymbol = entries.filter(([, known]) => known.symbol === symbol);
  if (bySymbol.length === 1 && bySymbol[0]) return bySymbol[0][0];
  throw new ValidationError(
    bySymbol.length > 1
      ? `${symbol} exists on several networks at defexa: give ${field}.network`
      : `defexa does not support ${symbol} (supported: ${Object.keys(defexaCurrencies).join(', ')})`,
    { provider, field },
  );
}
