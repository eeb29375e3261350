import { ControlError } from '../control/control-error';
import {
  addDecimal,
  compareDecimal,
  divideDecimal,
  fixDecimal,
  subtractDecimal,
} from '../core/decimal-amount';
import { exchangeRate } from '../core/market-rates';
import { fakeAddress, randomToken, randomUuid } from '../core/random-ids';
import type { SandboxClock } from '../core/sandbox-clock';
import type { ForumPayCurrency, ForumPayPayment, ForumPayQuote, ForumPayState } from './forumpay-model';
import { ForumPayFailure } from './forumpay-request';

/** The events ForumPay's webhooks announce. */
export type ForumPayEvent =
  | 'payment.confirmed'
  | 'payment.cancelled'
  | 'payment.underpaid'
  | 'payment.refunded';

/** Fields of a new payment that the caller decides. */
export type NewForumPayPayment = Pick<
  ForumPayPayment,
  | 'posId'
  | 'referenceNo'
  | 'webhookUrl'
  | 'acceptZeroConfirmations'
  | 'requireKyt'
  | 'onSuccessRedirectUrl'
  | 'onFailureRedirectUrl'
>;

/** ForumPay's quotes and payments with their state machine. */
export class ForumPayBook {
  readonly quotes = new Map<string, ForumPayQuote>();
  readonly payments: ForumPayPayment[] = [];

  constructor(
    private readonly clock: SandboxClock,
    private readonly emit: (payment: ForumPayPayment, event: ForumPayEvent) => void,
  ) {}

  /** Prices an invoice in a cryptocurrency (GetRate). */
  quote(
    currency: ForumPayCurrency,
    invoiceCurrency: string,
    invoiceAmount: string,
    paymentId?: string,
  ): ForumPayQuote {
    const rate = exchangeRate(currency.code, invoiceCurrency, 4);
    if (rate === undefined)
      throw new ForumPayFailure(400, 'invalid_invoice_currency', 'Unsupported invoice_currency');
    const amountExchange = divideDecimal(invoiceAmount, rate, 8);
    return {
      paymentId: paymentId ?? randomUuid(),
      invoiceCurrency,
      invoiceAmount: fixDecimal(invoiceAmount, 2),
      currency: currency.code,
      rate,
      amountExchange,
      networkFee: fixDecimal(currency.networkFee, 8),
      amount: fixDecimal(addDecimal(amountExchange, currency.networkFee), 8),
    };
  }

  /** Starts a payment from a quote. */
  start(quote: ForumPayQuote, currency: ForumPayCurrency, fields: NewForumPayPayment): ForumPayPayment {
    const payment: ForumPayPayment = {
      ...quote,
      ...fields,
      acceptZeroConfirmations: fields.acceptZeroConfirmations && currency.zeroConfirmations,
      address: fakeAddress(
        currency.code === 'BTC' ? 'bitcoin' : currency.code === 'LTC' ? 'litecoin' : 'evm',
      ),
      accessToken: randomToken(48),
      minConfirmations: currency.minConfirmations,
      state: 'waiting',
      received: '0',
      confirmations: 0,
      accepted: null,
      refunded: '0',
      refundStatus: null,
      reason: null,
      insertedAt: this.clock.now(),
      confirmedAt: null,
      cancelledAt: null,
    };
    this.payments.push(payment);
    return payment;
  }

  /** A payment by id. */
  find(paymentId: string): ForumPayPayment | undefined {
    return this.payments.find((payment) => payment.paymentId === paymentId);
  }

  /** A transaction to the payment's address. */
  receive(payment: ForumPayPayment, amount: string, confirmations: number): ForumPayPayment {
    if (payment.state === 'cancelled' || payment.state === 'confirmed' || payment.state === 'blocked') {
      throw new ControlError(409, `Payment ${payment.paymentId} is ${payment.state}`);
    }
    payment.received = addDecimal(payment.received, amount);
    payment.confirmations = confirmations;
    this.evaluate(payment);
    return payment;
  }

  /** New blocks on the payment's transaction. */
  confirm(payment: ForumPayPayment, confirmations: number): ForumPayPayment {
    if (payment.state !== 'processing' && payment.state !== 'underpayment') {
      throw new ControlError(409, `Payment ${payment.paymentId} is ${payment.state}, nothing to confirm`);
    }
    payment.confirmations += confirmations;
    this.evaluate(payment);
    return payment;
  }

  /** Confirmations still missing. */
  missingConfirmations(payment: ForumPayPayment): number {
    return Math.max(payment.minConfirmations - payment.confirmations, 0);
  }

  /** AcceptPayment: the merchant accepts an underpayment as it is. */
  accept(payment: ForumPayPayment, acceptedAmount: string): void {
    if (payment.state !== 'underpayment') {
      throw new ForumPayFailure(200, 'payment_not_underpaid', 'Payment is not in underpayment state');
    }
    if (compareDecimal(acceptedAmount, payment.received) !== 0) {
      throw new ForumPayFailure(
        200,
        'accepted_amount_mismatch',
        'accepted_amount does not match the payment received',
      );
    }
    payment.accepted = payment.received;
    this.evaluate(payment);
  }

  /** CancelPayment: only while no transaction has been sent. */
  cancel(payment: ForumPayPayment, reason: string): void {
    if (payment.state !== 'waiting') {
      throw new ForumPayFailure(
        200,
        'payment_not_cancellable',
        'The payment can not be cancelled: a transaction was sent',
      );
    }
    this.toCancelled(payment, reason);
  }

  /** Lets a payment lapse: ForumPay cancels payments that were not completed in time. */
  expire(payment: ForumPayPayment): ForumPayPayment {
    if (payment.state !== 'waiting' && payment.state !== 'underpayment') {
      throw new ControlError(409, `Payment ${payment.paymentId} is ${payment.state}`);
    }
    this.toCancelled(payment, 'expired');
    return payment;
  }

  /** KYT hold. */
  hold(payment: ForumPayPayment): ForumPayPayment {
    if (payment.state === 'confirmed' || payment.state === 'cancelled') {
      throw new ControlError(409, `Payment ${payment.paymentId} is ${payment.state}`);
    }
    payment.state = 'blocked';
    payment.reason = 'KYT check failed';
    return payment;
  }

  /** RefundPayment. */
  refund(payment: ForumPayPayment, amount: string): void {
    if (payment.state !== 'confirmed')
      throw new ForumPayFailure(200, 'payment_not_refundable', 'Payment is not confirmed');
    const open = subtractDecimal(payment.received, payment.refunded);
    if (compareDecimal(amount, '0') <= 0 || compareDecimal(amount, open) > 0) {
      throw new ForumPayFailure(
        200,
        'invalid_refund_amount',
        'refund_amount must match refund_amount_opened',
      );
    }
    payment.refunded = addDecimal(payment.refunded, amount);
    payment.refundStatus = 'Pending';
    this.emit(payment, 'payment.refunded');
  }

  private evaluate(payment: ForumPayPayment): void {
    const previous: ForumPayState = payment.state;
    const enough = compareDecimal(payment.received, payment.amount) >= 0 || payment.accepted !== null;
    if (!enough) {
      payment.state = 'underpayment';
      if (previous !== 'underpayment') this.emit(payment, 'payment.underpaid');
      return;
    }
    // Zero-confirmation acceptance applies only where the currency allows it (see `start`).
    if (payment.confirmations >= payment.minConfirmations || payment.acceptZeroConfirmations) {
      payment.state = 'confirmed';
      payment.confirmedAt = this.clock.now();
      this.emit(payment, 'payment.confirmed');
    } else payment.state = 'processing';
  }

  private toCancelled(payment: ForumPayPayment, reason: string): void {
    payment.state = 'cancelled';
    payment.reason = reason;
    payment.cancelledAt = this.clock.now();
    this.emit(payment, 'payment.cancelled');
  }
}
