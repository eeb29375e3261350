import { defineNetworkNames, type NetworkId } from '@paymux/core';

/** DePay's blockchain names (they coincide with paymux's network slugs). */
export type DepayBlockchain =
  | 'ethereum'
  | 'bsc'
  | 'polygon'
  | 'solana'
  | 'avalanche'
  | 'gnosis'
  | 'arbitrum'
  | 'optimism'
  | 'base';

/**
 * The two-way map between DePay's blockchain names and paymux's network slugs.
 *
 * @example
 * depayNetworks.toProvider('bsc'); // "bsc"
 * depayNetworks.fromProvider('ethereum'); // "ethereum"
 */
export const depayNetworks = defineNetworkNames<DepayBlockchain>('depay', {
  ethereum: 'ethereum',
  bsc: 'bsc',
  polygon: 'polygon',
  solana: 'solana',
  avalanche: 'avalanche',
  gnosis: 'gnosis',
  arbitrum: 'arbitrum',
  optimism: 'optimism',
  base: 'base',
});

/** The address DePay uses for the native coin of an EVM chain (ETH on ethereum, BNB on bsc, …). */
export const DEPAY_NATIVE_TOKEN_ADDRESS = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
/** The native SOL "token" address on Solana (the system program). */
export const DEPAY_SOLANA_NATIVE_TOKEN_ADDRESS = '11111111111111111111111111111111';

/**
 * Confirmations DePay itself waits for on each chain; used when a payment does not ask for its own.
 *
 * @example
 * depayDefaultConfirmations.bsc // 3
 */
export const depayDefaultConfirmations = {
  ethereum: 12,
  bsc: 3,
  polygon: 16,
  solana: 16,
  avalanche: 2,
  gnosis: 60,
  arbitrum: 120,
  optimism: 100,
  base: 100,
} as const satisfies Record<DepayBlockchain, number>;

/** A token this adapter can name from a symbol alone. */
export interface DepayKnownToken {
  symbol: string;
  network: DepayBlockchain;
  /** The address sent to DePay (EVM token addresses in lowercase, as DePay stores them). */
  address: string;
  decimals: number;
}

function native(network: DepayBlockchain, symbol: string): DepayKnownToken {
  return network === 'solana'
    ? { symbol, network, address: DEPAY_SOLANA_NATIVE_TOKEN_ADDRESS, decimals: 9 }
    : { symbol, network, address: DEPAY_NATIVE_TOKEN_ADDRESS, decimals: 18 };
}

/**
 * Native coins and the main stablecoins per chain. Any other token is paid by giving its contract
 * address in `payWith.contract`.
 *
 * @example
 * depayKnownTokens.filter((token) => token.network === 'bsc').map((token) => token.symbol) // ['BNB', 'USDT', …]
 */
export const depayKnownTokens: readonly DepayKnownToken[] = [
  native('ethereum', 'ETH'),
  native('bsc', 'BNB'),
  native('polygon', 'POL'),
  native('solana', 'SOL'),
  native('avalanche', 'AVAX'),
  native('gnosis', 'XDAI'),
  native('arbitrum', 'ETH'),
  native('optimism', 'ETH'),
  native('base', 'ETH'),
  { symbol: 'USDT', network: 'ethereum', address: '0xdac17f958d2ee523a2206206994597c13d831ec7', decimals: 6 },
  { symbol: 'USDC', network: 'ethereum', address: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', decimals: 6 },
  { symbol: 'DAI', network: 'ethereum', address: '0x6b175474e89094c44da98b954eedeac495271d0f', decimals: 18 },
  { symbol: 'USDT', network: 'bsc', address: '0x55d398326f99059ff775485246999027b3197955', decimals: 18 },
  { symbol: 'USDC', network: 'bsc', address: '0x8ac76a51cc950d9822d68b83fe1ad97b32cd580d', decimals: 18 },
  { symbol: 'BUSD', network: 'bsc', address: '0xe9e7cea3dedca5984780bafc599bd69add087d56', decimals: 18 },
  { symbol: 'USDT', network: 'polygon', address: '0xc2132d05d31c914a87c6611c10748aeb04b58e8f', decimals: 6 },
  { symbol: 'USDC', network: 'polygon', address: '0x3c499c542cef5e3811e1192ce70d8cc03d5c3359', decimals: 6 },
  { symbol: 'WETH', network: 'polygon', address: '0x7ceb23fd6bc0add59e62ac25578270cff1b9f619', decimals: 18 },
  {
    symbol: 'USDT',
    network: 'avalanche',
    address: '0x9702230a8ea53601f5cd2dc00fdbc13d4df4a8c7',
    decimals: 6,
  },
  {
    symbol: 'USDC',
    network: 'avalanche',
    address: '0xb97ef9ef8734c71904d8002f8b6bc66dd9c48a6e',
    decimals: 6,
  },
  { symbol: 'USDT', network: 'arbitrum', address: '0xfd086bc7cd5c481dcc9c85ebe478a1c0b69fcbb9', decimals: 6 },
  { symbol: 'USDC', network: 'arbitrum', address: '0xaf88d065e77c8cc2239327c5edb3a432268e5831', decimals: 6 },
  { symbol: 'USDT', network: 'optimism', address: '0x94b008aa00579c1307b0ef2c499ad98a8ce58e58', decimals: 6 },
  { symbol: 'USDC', network: 'optimism', address: '0x0b2c639c533813f4aa9d7837caf62653d097ff85', decimals: 6 },
  { symbol: 'USDC', network: 'base', address: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913', decimals: 6 },
  { symbol: 'USDC', network: 'solana', address: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', decimals: 6 },
  { symbol: 'USDT', network: 'solana', address: 'Es9vMFrzaCERmJfrF4H2FYD4KTDVr3u6HQyJm5FGU1bW', decimals: 6 },
];

/** The known token for a symbol on a chain (symbols compared case-insensitively). */
export function findTokenBySymbol(network: NetworkId, symbol: string): DepayKnownToken | undefined {
  const wanted = symbol.toUpperCase();
  return depayKnownTokens.find((token) => token.network === network && token.symbol === wanted);
}

/**
 * The known token for an address on a chain. EVM addresses are compared case-insensitively
 * because DePay downcases them; the native address is shared by every EVM chain.
 */
export function findTokenByAddress(network: NetworkId, address: string): DepayKnownToken | undefined {
  const wanted = address.toLowerCase();
  return depayKnownTokens.find(
    (token) => token.network === network && token.address.toLowerCase() === wanted,
  );
}
