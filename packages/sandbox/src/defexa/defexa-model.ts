import type { AddressFamily } from '../core/random-ids';

/** Currencies the DA module accepts (the seed's invoice currency list). */
export const DEFEXA_CURRENCIES = [
  'BTC',
  'ETH',
  'XRP',
  'BNB',
  'MATIC',
  'TRX',
  'BSC',
  'AVAX',
  'SOL',
  'EOS',
  'ALGO',
  'NEAR',
  'LUNA',
] as const;

/** A DA currency code. */
export type DefexaCurrency = (typeof DEFEXA_CURRENCIES)[number];

/** True for a currency code in {@link DEFEXA_CURRENCIES}. */
export function isDefexaCurrency(code: string): code is DefexaCurrency {
  return (DEFEXA_CURRENCIES as readonly string[]).includes(code);
}

/** How deposit addresses of each currency look. */
export const DEFEXA_ADDRESS_FAMILY: Record<DefexaCurrency, AddressFamily> = {
  BTC: 'bitcoin',
  ETH: 'evm',
  XRP: 'xrp',
  BNB: 'evm',
  MATIC: 'evm',
  TRX: 'tron',
  BSC: 'evm',
  AVAX: 'evm',
  SOL: 'solana',
  EOS: 'generic',
  ALGO: 'algorand',
  NEAR: 'generic',
  LUNA: 'generic',
};

/** The engine's payment states. `expired` is not final: a late payment is still processed. */
export type DefexaState = 'init' | 'pending' | 'approved' | 'declined' | 'expired';

/** A payout's state. */
export type DefexaPayoutState = 'pending' | 'approved' | 'declined';

/**
 * Numeric `status` of feed objects. The seed shows 0 on an unpaid invoice and 1 on a payout with a
 * transaction hash; the other codes are this sandbox's convention (see README).
 */
export const DEFEXA_STATUS_CODES: Record<DefexaState, number> = {
  init: 0,
  approved: 1,
  declined: 2,
  pending: 3,
  expired: 4,
};

/** A merchant wallet (one per currency). */
export interface DefexaWallet {
  id: number;
  currency: DefexaCurrency;
  address: string;
  name: string;
  balance: string;
  held: string;
  revenue: string;
  bankAccountId: number;
}

/** An invoice: a widget charge, a DA invoice, or one host-to-host deposit. */
export interface DefexaInvoice {
  id: number;
  token: string;
  orderNumber: string;
  origin: 'charge' | 'invoice' | 'h2h';
  type: 'SINGLE' | 'UNLIMITED';
  currency: DefexaCurrency;
  /** What is asked; null for UNLIMITED invoices. */
  amount: string | null;
  description: string | null;
  walletId: number;
  address: string;
  callbackUrl: string | null;
  redirectSuccessUrl: string | null;
  redirectFailUrl: string | null;
  logoUrl: string | null;
  shopOrderId: string | null;
  customerUid: string | null;
  state: DefexaState;
  received: string;
  payerAddress: string | null;
  txHash: string | null;
  confirmations: number;
  amlHold: boolean;
  createdAt: number;
  updatedAt: number;
  expiresAt: number | null;
}

/** A host-to-host customer with a static deposit address. */
export interface DefexaCustomer {
  uid: string;
  currency: DefexaCurrency;
  address: string;
  callbackUrl: string | null;
}

/** A single payout, or one line of a mass payout. */
export interface DefexaPayout {
  id: number;
  token: string;
  orderNumber: string;
  currency: DefexaCurrency;
  amount: string;
  fee: string;
  fromAddress: string;
  targetAddress: string;
  walletId: number;
  state: DefexaPayoutState;
  callbackUrl: string | null;
  massOrderNumber: string | null;
  massName: string | null;
  comment: string | null;
  txHash: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A payment held by AML scoring, waiting for a manual refund. */
export interface DefexaAmlCase {
  id: number;
  invoiceId: number;
  status: 'pending' | 'refunded';
  riskScore: number;
  refundAddress: string | null;
  createdAt: number;
}

/** Network fee per payout, by currency. */
export const DEFEXA_PAYOUT_FEES: Record<DefexaCurrency, string> = {
  BTC: '0.0001',
  ETH: '0.002',
  XRP: '0.1',
  BNB: '0.0005',
  MATIC: '0.01',
  TRX: '1',
  BSC: '0.0005',
  AVAX: '0.01',
  SOL: '0.001',
  EOS: '0.1',
  ALGO: '0.001',
  NEAR: '0.01',
  LUNA: '0.01',
};

/** Smallest payout amount accepted. */
export const DEFEXA_MIN_PAYOUT = '0.0001';

/** The seed's sandbox card numbers and what they do. */
export const DEFEXA_TEST_PANS: Record<string, { threeDs: boolean; approves: boolean; payout: boolean }> = {
  '4617611794313933': { threeDs: true, approves: true, payout: false },
  '4626233193837898': { threeDs: true, approves: false, payout: false },
  '4392963203551251': { threeDs: false, approves: true, payout: false },
  '4730198364688516': { threeDs: false, approves: false, payout: false },
  '4627342642639018': { threeDs: false, approves: true, payout: true },
  '4968357931420422': { threeDs: false, approves: false, payout: true },
};
