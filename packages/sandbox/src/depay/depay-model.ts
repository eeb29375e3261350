import type { JsonNumber, JsonValue } from '../core/json-value';
import type { DepayFailedReason } from '../control/control-types';

/**
 * Which API version's shape a tracking is shown in: the seed's (`uuid`, `nonce` and `after_block`
 * as JSON numbers) or the later one NOTES describes (`secret_id`, both as strings). The emulator
 * alternates them so that a client reading only one form fails.
 */
export type DepayApiForm = 'seed' | 'later';

/** A tracked payment. */
export interface DepayPayment {
  form: DepayApiForm;
  status: 'pending' | 'success' | 'failed';
  failedReason: DepayFailedReason | null;
  blockchain: string;
  transaction: string;
  sender: string;
  nonce: JsonNumber;
  receiver: string;
  token: string;
  confirmations: number;
  afterBlock: JsonNumber;
  amount: string;
  feeAmount: string | null;
  feeReceiver: string | null;
  payload: JsonValue;
  uuid: string;
  callback: string | null;
  forwardTo: string | null;
  release: string | null;
  /** Sandbox-side chain state: confirmations of the transaction seen so far, and what it paid. */
  seenConfirmations: number;
  paidAmount: string | null;
  confirmedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The native token's address on EVM chains. */
export const DEPAY_NATIVE_TOKEN = '0xeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';

/** A token the sandbox knows prices and decimals of. */
export interface DepayToken {
  name: string;
  symbol: string;
  address: string;
  decimals: number;
  /** USD price as decimal text (answered as a bare JSON number). */
  usdPrice: string;
  type: 'NATIVE' | '20' | 'SPL';
  balance: string;
}

const native = (name: string, symbol: string, usdPrice: string, decimals = 18): DepayToken => ({
  name,
  symbol,
  address: DEPAY_NATIVE_TOKEN,
  decimals,
  usdPrice,
  type: 'NATIVE',
  balance: '117419780000000000',
});

/** Tokens per blockchain. */
export const DEPAY_TOKENS: Record<string, readonly DepayToken[]> = {
  ethereum: [
    native('Ether', 'ETH', '3120.55'),
    {
      name: 'Tether USD',
      symbol: 'USDT',
      address: '0xdac17f958d2ee523a2206206994597c13d831ec7',
      decimals: 6,
      usdPrice: '1.0',
      type: '20',
      balance: '810446200',
    },
    {
      name: 'USD Coin',
      symbol: 'USDC',
      address: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
      decimals: 6,
      usdPrice: '1.0',
      type: '20',
      balance: '2500000000',
    },
    {
      name: 'DePay',
      symbol: 'DEPAY',
      address: '0xa0bed124a09ac2bd941b10349d8d224fe3c955eb',
      decimals: 18,
      usdPrice: '0.578212912312',
      type: '20',
      balance: '822500000000000000000',
    },
  ],
  bsc: [
    native('Binance Coin', 'BNB', '585.3'),
    {
      name: 'Tether USD',
      symbol: 'USDT',
      address: '0x55d398326f99059ff775485246999027b3197955',
      decimals: 18,
      usdPrice: '1.0',
      type: '20',
      balance: '810446200000000000',
    },
  ],
  polygon: [
    native('Polygon', 'MATIC', '0.7113'),
    {
      name: 'USD Coin',
      symbol: 'USDC',
      address: '0x2791bca1f2de4661ed88a30c99a7a9449aa84174',
      decimals: 6,
      usdPrice: '1.0',
      type: '20',
      balance: '2500000000',
    },
    {
      name: 'Wrapped Ether',
      symbol: 'WETH',
      address: '0x7ceb23fd6bc0add59e62ac25578270cff1b9f619',
      decimals: 18,
      usdPrice: '3120.55',
      type: '20',
      balance: '620550000000000',
    },
  ],
  solana: [
    {
      ...native('Solana', 'SOL', '142.37', 9),
      address: '11111111111111111111111111111111',
      balance: '2500000000',
    },
    {
      name: 'USD Coin',
      symbol: 'USDC',
      address: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
      decimals: 6,
      usdPrice: '1.0',
      type: 'SPL',
      balance: '2500000000',
    },
  ],
  avalanche: [native('Avalanche', 'AVAX', '35.8')],
  gnosis: [native('xDAI', 'XDAI', '1.0')],
  arbitrum: [native('Ether', 'ETH', '3120.55')],
  optimism: [native('Ether', 'ETH', '3120.55')],
  base: [native('Ether', 'ETH', '3120.55')],
};

/** A token by chain and address (case-insensitive, native alias included). */
export function depayToken(blockchain: string, address: string): DepayToken | undefined {
  const tokens = DEPAY_TOKENS[blockchain];
  const wanted = address.toLowerCase();
  return tokens?.find(
    (token) =>
      token.address.toLowerCase() === wanted ||
      (token.type === 'NATIVE' && (wanted === DEPAY_NATIVE_TOKEN || token.address.toLowerCase() === wanted)),
  );
}

/** Whether `account` looks like an address on `blockchain`. */
export function isDepayAccount(blockchain: string, account: string): boolean {
  if (blockchain === 'solana') return /^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(account);
  return /^0x[0-9a-fA-F]{40}$/.test(account);
}
