/** ForumPay's CheckPayment `state` values. */
export type ForumPayState = 'waiting' | 'processing' | 'underpayment' | 'blocked' | 'cancelled' | 'confirmed';

/** The display `status` string of each state. */
export const FORUMPAY_STATUS_TEXT: Record<ForumPayState, string> = {
  waiting: 'Waiting for transaction.',
  processing: 'Processing',
  underpayment: 'Underpayment',
  blocked: 'Blocked',
  cancelled: 'Cancelled',
  confirmed: 'Confirmed',
};

/** A cryptocurrency the emulator sells. */
export interface ForumPayCurrency {
  code: string;
  description: string;
  uriScheme: string;
  networkFee: string;
  minConfirmations: number;
  zeroConfirmations: boolean;
  feeUnit: string;
  waitTime: string;
}

/** What GetCurrencyList offers. */
export const FORUMPAY_CURRENCIES: readonly ForumPayCurrency[] = [
  {
    code: 'BTC',
    description: 'Bitcoin',
    uriScheme: 'bitcoin',
    networkFee: '0.00002875',
    minConfirmations: 1,
    zeroConfirmations: true,
    feeUnit: 'BTC/kB',
    waitTime: 'Less than 2 minutes',
  },
  {
    code: 'ETH',
    description: 'Ethereum',
    uriScheme: 'ethereum',
    networkFee: '0.00021463',
    minConfirmations: 3,
    zeroConfirmations: false,
    feeUnit: 'ETH/gas',
    waitTime: '1 minute',
  },
  {
    code: 'LTC',
    description: 'Litecoin',
    uriScheme: 'litecoin',
    networkFee: '0.0001',
    minConfirmations: 2,
    zeroConfirmations: true,
    feeUnit: 'LTC/kB',
    waitTime: '5 minutes',
  },
  {
    code: 'USDT',
    description: 'Tether (ERC20)',
    uriScheme: 'ethereum',
    networkFee: '1.5',
    minConfirmations: 3,
    zeroConfirmations: false,
    feeUnit: 'ETH/gas',
    waitTime: '1 minute',
  },
];

/** A currency by code. */
export function forumPayCurrency(code: string): ForumPayCurrency | undefined {
  return FORUMPAY_CURRENCIES.find((currency) => currency.code === code);
}

/** A quote from GetRate, which StartPayment may turn into a payment. */
export interface ForumPayQuote {
  paymentId: string;
  invoiceCurrency: string;
  invoiceAmount: string;
  currency: string;
  rate: string;
  amountExchange: string;
  networkFee: string;
  amount: string;
}

/** A started payment. */
export interface ForumPayPayment extends ForumPayQuote {
  posId: string;
  address: string;
  accessToken: string;
  referenceNo: string | null;
  webhookUrl: string | null;
  acceptZeroConfirmations: boolean;
  requireKyt: boolean;
  minConfirmations: number;
  state: ForumPayState;
  received: string;
  confirmations: number;
  accepted: string | null;
  refunded: string;
  refundStatus: 'Pending' | null;
  reason: string | null;
  insertedAt: number;
  confirmedAt: number | null;
  cancelledAt: number | null;
  onSuccessRedirectUrl: string | null;
  onFailureRedirectUrl: string | null;
}
