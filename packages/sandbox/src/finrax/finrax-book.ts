import { ControlError } from '../control/control-error';
import {
  addDecimal,
  compareDecimal,
  divideDecimal,
  fixDecimal,
  multiplyDecimal,
} from '../core/decimal-amount';
import { exchangeRate } from '../core/market-rates';
import { type AddressFamily, fakeAddress, fakeTransactionHash, randomUuid } from '../core/random-ids';
import type { SandboxClock } from '../core/sandbox-clock';
import {
  FINRAX_CONFIRMATIONS,
  FINRAX_PRECISION,
  FINRAX_TAG_NETWORKS,
  FINRAX_UTXO_NETWORKS,
  type FinraxDeposit,
  type FinraxPayment,
} from './finrax-model';

/** Told when Finrax would call the business's deposit callback. */
export type FinraxDepositListener = (
  payment: FinraxPayment,
  deposit: FinraxDeposit,
  status: 'UNCONFIRMED' | 'CONFIRMED',
) => void;

const NETWORK_FAMILY: Record<string, AddressFamily> = {
  BTC: 'bitcoin',
  LTC: 'litecoin',
  BCH: 'bitcoin-cash',
  ETH: 'evm',
  BSC: 'evm',
  TRX: 'tron',
  SOL: 'solana',
  XRP: 'xrp',
  XLM: 'stellar',
};

/** The address family of a Finrax network. */
export function finraxAddressFamily(network: string): AddressFamily {
  return NETWORK_FAMILY[network] ?? 'generic';
}

/** What a new payment asks for. */
export type NewFinraxPayment = Pick<
  FinraxPayment,
  'clientPaymentId' | 'businessId' | 'locale' | 'rateType' | 'type' | 'redirectUrl' | 'expirationMinutes'
> & {
  displayCurrency: string | null;
  displayAmount: string | null;
  depositCurrency: string | null;
  depositAmount: string | null;
  network: string | null;
};

/** Finrax payments and their state machine. */
export class FinraxBook {
  readonly payments: FinraxPayment[] = [];
  private readonly requestedDeposit = new Map<string, string>();

  constructor(
    private readonly clock: SandboxClock,
    private readonly onDeposit: FinraxDepositListener,
  ) {}

  /** Creates a payment in status NEW. */
  create(fields: NewFinraxPayment, paymentUrl: (paymentId: string) => string): FinraxPayment {
    const paymentId = randomUuid();
    const payment: FinraxPayment = {
      ...fields,
      paymentId,
      status: 'NEW',
      url: paymentUrl(paymentId),
      walletAddress: null,
      destinationTag: null,
      expectedDisplayAmount: fields.displayAmount === null ? null : fixDecimal(fields.displayAmount, 2),
      expectedDepositAmount: null,
      rate: null,
      initiatedAt: this.clock.now(),
      requestedAt: null,
      deposits: [],
    };
    if (fields.depositAmount !== null) this.requestedDeposit.set(paymentId, fields.depositAmount);
    this.payments.push(payment);
    return payment;
  }

  /** A payment by Finrax id. */
  find(paymentId: string): FinraxPayment | undefined {
    return this.payments.find((payment) => payment.paymentId === paymentId);
  }

  /** Whether the payment's deposit currency may still be chosen. */
  isOpenForSubmit(payment: FinraxPayment): boolean {
    return payment.status === 'NEW' || (payment.status === 'PENDING' && payment.deposits.length === 0);
  }

  /** The PATCH: picks deposit currency and network, prices the payment and assigns an address. */
  submit(
    payment: FinraxPayment,
    depositCurrency: string,
    network: string,
    display?: { currency: string; amount: string },
  ): void {
    if (display) {
      payment.displayCurrency = display.currency;
      payment.expectedDisplayAmount = fixDecimal(display.amount, 2);
    }
    const precision = FINRAX_PRECISION[depositCurrency] ?? 8;
    const quote = payment.displayCurrency ?? 'USD';
    payment.rate = exchangeRate(depositCurrency, quote, 8) ?? '1';
    const requested = this.requestedDeposit.get(payment.paymentId);
    if (requested !== undefined) {
      payment.expectedDepositAmount = fixDecimal(requested, precision);
      payment.expectedDisplayAmount = multiplyDecimal(requested, payment.rate, 2);
    } else {
      payment.expectedDepositAmount = divideDecimal(
        payment.expectedDisplayAmount ?? '0',
        payment.rate,
        precision,
      );
    }
    payment.depositCurrency = depositCurrency;
    payment.network = network;
    payment.walletAddress = fakeAddress(finraxAddressFamily(network));
    payment.destinationTag = FINRAX_TAG_NETWORKS.has(network)
      ? String(100_000 + Math.floor(Math.random() * 900_000))
      : null;
    payment.requestedAt = this.clock.now();
    payment.status = 'PENDING';
  }

  /** Confirmations a deposit on the payment's network needs. */
  requiredConfirmations(payment: FinraxPayment): number {
    return FINRAX_CONFIRMATIONS[payment.network ?? ''] ?? 1;
  }

  /** A transaction reaching the payment's address. */
  receive(
    payment: FinraxPayment,
    amount: string,
    confirmations: number,
    txid?: string,
    from?: string,
  ): FinraxPayment {
    if (payment.status === 'NEW' || !payment.network || !payment.depositCurrency) {
      throw new ControlError(409, 'No deposit currency chosen yet: submit the payment (PATCH) first');
    }
    if (payment.status === 'EXPIRED' || payment.status === 'BLOCKED') {
      throw new ControlError(409, `Payment ${payment.paymentId} is ${payment.status}`);
    }
    const family = finraxAddressFamily(payment.network);
    const deposit: FinraxDeposit = {
      id: randomUuid(),
      amount,
      currency: payment.depositCurrency,
      network: payment.network,
      receivedAt: this.clock.now(),
      displayAmount: payment.rate === null ? null : multiplyDecimal(amount, payment.rate, 2),
      fromAddress: from ?? fakeAddress(family),
      toAddress: payment.walletAddress ?? '',
      transactionId: txid ?? fakeTransactionHash(family),
      confirmations,
      confirmed: false,
    };
    payment.deposits.push(deposit);
    if (FINRAX_UTXO_NETWORKS.has(payment.network)) this.onDeposit(payment, deposit, 'UNCONFIRMED');
    this.settle(payment);
    return payment;
  }

  /** New blocks on the payment's unconfirmed deposits. */
  confirm(payment: FinraxPayment, confirmations: number | undefined): FinraxPayment {
    const open = payment.deposits.filter((deposit) => !deposit.confirmed);
    if (open.length === 0)
      throw new ControlError(409, `Payment ${payment.paymentId} has no unconfirmed deposit`);
    for (const deposit of open) {
      deposit.confirmations +=
        confirmations ?? Math.max(this.requiredConfirmations(payment) - deposit.confirmations, 1);
    }
    this.settle(payment);
    return payment;
  }

  /** Sum of confirmed deposits. */
  confirmedAmount(payment: FinraxPayment): string {
    return payment.deposits
      .filter((deposit) => deposit.confirmed)
      .reduce((sum, deposit) => addDecimal(sum, deposit.amount), '0');
  }

  /** Lets a payment expire. */
  expire(payment: FinraxPayment): FinraxPayment {
    if (payment.status !== 'NEW' && payment.status !== 'PENDING') {
      throw new ControlError(409, `Payment ${payment.paymentId} is ${payment.status}`);
    }
    payment.status = 'EXPIRED';
    return payment;
  }

  /** Blocks a payment (AML/KYT). */
  hold(payment: FinraxPayment): FinraxPayment {
    if (payment.status === 'DEPOSITED' || payment.status === 'OVERPAID' || payment.status === 'EXPIRED') {
      throw new ControlError(409, `Payment ${payment.paymentId} is ${payment.status}`);
    }
    payment.status = 'BLOCKED';
    return payment;
  }

  /** Expires payments whose expiration time the clock has passed. */
  expireDue(): void {
    const now = this.clock.now();
    for (const payment of this.payments) {
      const due = payment.initiatedAt + payment.expirationMinutes * 60_000;
      if (
        payment.expirationMinutes > 0 &&
        due <= now &&
        (payment.status === 'NEW' || payment.status === 'PENDING')
      ) {
        payment.status = 'EXPIRED';
      }
    }
  }

  private settle(payment: FinraxPayment): void {
    const required = this.requiredConfirmations(payment);
    const newlyConfirmed = payment.deposits.filter(
      (deposit) => !deposit.confirmed && deposit.confirmations >= required,
    );
    for (const deposit of newlyConfirmed) deposit.confirmed = true;
    if (payment.status !== 'BLOCKED') {
      const comparison = compareDecimal(this.confirmedAmount(payment), payment.expectedDepositAmount ?? '0');
      if (comparison > 0) payment.status = 'OVERPAID';
      else if (comparison === 0) payment.status = 'DEPOSITED';
      else payment.status = payment.deposits.some((deposit) => !deposit.confirmed) ? 'AWAITING' : 'PENDING';
    }
    // Callbacks go out after the status moved, so they carry the payment's new status.
    for (const deposit of newlyConfirmed) this.onDeposit(payment, deposit, 'CONFIRMED');
  }
}
