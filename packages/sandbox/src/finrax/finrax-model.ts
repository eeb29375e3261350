/** Finrax payment statuses. */
export type FinraxPaymentStatus =
  | 'NEW'
  | 'PENDING'
  | 'AWAITING'
  | 'DEPOSITED'
  | 'EXPIRED'
  | 'BLOCKED'
  | 'OVERPAID';

/** Finrax withdrawal statuses. */
export type FinraxWithdrawalStatus = 'NEW' | 'PENDING' | 'COMPLETED' | 'FAILED' | 'BLOCKED';

/** Approval states of a withdrawal (sent in the approval callback). */
export type FinraxApprovalStatus = 'APPROVED' | 'PENDING' | 'REJECTED' | 'SKIPPED';

/** Deposit currencies of the seed. */
export const FINRAX_DEPOSIT_CURRENCIES = [
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

/** Display currencies of the seed. */
export const FINRAX_DISPLAY_CURRENCIES =
  'AED ARS AUD BDT BGN BRL CAD CHF CLP CNY CZK DKK EUR GBP HKD HRK HUF IDR ILS INR ISK JPY KES KRW MXN MYR NGN NOK NZD PEN PHP PLN QAR RON RUB SEK SGD THB TRY USD VND ZAR'.split(
    ' ',
  );

/** Networks each deposit currency travels on; the first is the default. */
export const FINRAX_NETWORKS: Record<string, readonly string[]> = {
  BCH: ['BCH'],
  BNB: ['BSC'],
  BTC: ['BTC'],
  ETH: ['ETH'],
  LINK: ['ETH'],
  LTC: ['LTC'],
  SOL: ['SOL'],
  TRX: ['TRX'],
  USDC: ['ETH', 'BSC', 'SOL', 'TRX'],
  USDT: ['ETH', 'BSC', 'TRX', 'SOL'],
  XLM: ['XLM'],
  XRP: ['XRP'],
};

/** Decimals Finrax writes deposit amounts with. */
export const FINRAX_PRECISION: Record<string, number> = {
  BCH: 8,
  BNB: 8,
  BTC: 8,
  ETH: 8,
  LINK: 8,
  LTC: 8,
  SOL: 9,
  TRX: 6,
  USDC: 6,
  USDT: 6,
  XLM: 7,
  XRP: 6,
};

/** Confirmations after which a deposit counts, by network. */
export const FINRAX_CONFIRMATIONS: Record<string, number> = {
  BTC: 2,
  LTC: 6,
  BCH: 6,
  ETH: 12,
  BSC: 15,
  TRX: 19,
  SOL: 1,
  XRP: 1,
  XLM: 1,
};

/** UTXO networks: Finrax sends an UNCONFIRMED deposit callback before the CONFIRMED one. */
export const FINRAX_UTXO_NETWORKS = new Set(['BTC', 'LTC', 'BCH']);

/** Networks whose deposits share one address and are told apart by a destination tag. */
export const FINRAX_TAG_NETWORKS = new Set(['XRP', 'XLM']);

const ADDRESS_PATTERNS: Record<string, RegExp> = {
  BTC: /^(bc1[02-9ac-hj-np-z]{11,71}|tb1[02-9ac-hj-np-z]{11,71}|[13mn2][1-9A-HJ-NP-Za-km-z]{25,34})$/,
  LTC: /^(ltc1[02-9ac-hj-np-z]{11,71}|[LM3][1-9A-HJ-NP-Za-km-z]{26,33})$/,
  BCH: /^((bitcoincash:)?[qp][02-9ac-hj-np-z]{41}|[13][1-9A-HJ-NP-Za-km-z]{25,34})$/,
  ETH: /^0x[0-9a-fA-F]{40}$/,
  BSC: /^0x[0-9a-fA-F]{40}$/,
  TRX: /^T[1-9A-HJ-NP-Za-km-z]{33}$/,
  XRP: /^r[1-9A-HJ-NP-Za-km-z]{24,34}$/,
  XLM: /^G[A-Z2-7]{55}$/,
  SOL: /^[1-9A-HJ-NP-Za-km-z]{32,44}$/,
};

/** Whether Finrax supports `currency` on `network`, and whether `address` is valid there. */
export function validateFinraxAddress(
  currency: string,
  network: string,
  address: string,
): { valid: boolean; supported: boolean } {
  const supported = FINRAX_NETWORKS[currency]?.includes(network) ?? false;
  const pattern = ADDRESS_PATTERNS[network];
  return { supported, valid: supported && (pattern?.test(address) ?? false) };
}

/** Withdrawal limits per currency (all networks). */
export const FINRAX_WITHDRAWAL_LIMITS: Record<string, { fee: string; min: string; max: string }> = {
  BCH: { fee: '0.0005', min: '0.001', max: '100' },
  BNB: { fee: '0.0005', min: '0.01', max: '1000' },
  BTC: { fee: '0.0002', min: '0.0005', max: '10' },
  ETH: { fee: '0.002', min: '0.005', max: '200' },
  LINK: { fee: '0.5', min: '1', max: '50000' },
  LTC: { fee: '0.001', min: '0.01', max: '5000' },
  SOL: { fee: '0.01', min: '0.05', max: '10000' },
  TRX: { fee: '1', min: '10', max: '1000000' },
  USDC: { fee: '1', min: '5', max: '500000' },
  USDT: { fee: '1', min: '5', max: '500000' },
  XLM: { fee: '0.01', min: '1', max: '1000000' },
  XRP: { fee: '0.1', min: '1', max: '1000000' },
};

/** One deposit to a payment. */
export interface FinraxDeposit {
  id: string;
  amount: string;
  currency: string;
  network: string;
  receivedAt: number;
  displayAmount: string | null;
  fromAddress: string;
  toAddress: string;
  transactionId: string;
  confirmations: number;
  confirmed: boolean;
}

/** A payment (deposit request). */
export interface FinraxPayment {
  paymentId: string;
  clientPaymentId: string;
  businessId: string;
  locale: string;
  status: FinraxPaymentStatus;
  rateType: 'FIXED' | 'FLOATING';
  type: 'ONE_TIME' | 'REUSABLE';
  url: string;
  walletAddress: string | null;
  destinationTag: string | null;
  displayCurrency: string | null;
  expectedDisplayAmount: string | null;
  depositCurrency: string | null;
  network: string | null;
  expectedDepositAmount: string | null;
  /** Display-currency value of one deposit unit, fixed when the currency is chosen. */
  rate: string | null;
  redirectUrl: string | null;
  expirationMinutes: number;
  initiatedAt: number;
  requestedAt: number | null;
  deposits: FinraxDeposit[];
}

/** A withdrawal (payout). */
export interface FinraxWithdrawal {
  withdrawId: string;
  clientWithdrawId: string;
  clientLabel: string;
  businessId: string;
  recipientAddress: string;
  destinationTag: string | null;
  network: string;
  withdrawCurrency: string;
  displayCurrency: string | null;
  targetAmountPolicy: 'FIAT' | 'CRYPTO';
  targetAmount: string;
  withdrawAmount: string;
  displayAmount: string | null;
  fee: string;
  status: FinraxWithdrawalStatus;
  approval: FinraxApprovalStatus;
  transactionId: string | null;
  createdAt: number;
  updatedAt: number;
}
