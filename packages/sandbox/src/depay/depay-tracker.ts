import { ControlError } from '../control/control-error';
import type { DepayFailedReason } from '../control/control-types';
import { compareDecimal } from '../core/decimal-amount';
import type { SandboxClock } from '../core/sandbox-clock';
import type { DepayApiForm, DepayPayment } from './depay-model';

const TRACKING_TIMEOUT_MS = 24 * 3_600_000;

/** DePay's payment trackings: pending until the expected transaction confirms, then success or failed. */
export class DepayTracker {
  readonly payments: DepayPayment[] = [];

  constructor(
    private readonly clock: SandboxClock,
    private readonly onFinished: (payment: DepayPayment) => void,
  ) {}

  /** The form the next tracking is shown in: seed and later forms alternate, the seed's first. */
  nextForm(): DepayApiForm {
    return this.payments.length % 2 === 0 ? 'seed' : 'later';
  }

  /** A tracking by uuid. */
  find(uuid: string): DepayPayment | undefined {
    return this.payments.find((payment) => payment.uuid === uuid);
  }

  /** The expected transaction appears on chain, paying `amount`. */
  observe(payment: DepayPayment, amount: string, confirmations: number): DepayPayment {
    this.ensurePending(payment);
    payment.paidAmount = amount;
    payment.seenConfirmations = confirmations;
    payment.updatedAt = this.clock.now();
    // DePay checks the amount of the tracked transfer: less than expected cannot succeed.
    if (compareDecimal(amount, payment.amount) < 0) this.fail(payment, 'AMOUNT_MISMATCH');
    else this.settle(payment);
    return payment;
  }

  /** New blocks on the tracked transaction. */
  confirm(payment: DepayPayment, confirmations: number | undefined): DepayPayment {
    this.ensurePending(payment);
    if (payment.paidAmount === null)
      throw new ControlError(409, `No transaction seen yet for ${payment.uuid}: pay first`);
    payment.seenConfirmations +=
      confirmations ?? Math.max(payment.confirmations - payment.seenConfirmations, 1);
    this.settle(payment);
    return payment;
  }

  /** Ends a tracking as failed. */
  fail(payment: DepayPayment, reason: DepayFailedReason): DepayPayment {
    this.ensurePending(payment);
    payment.status = 'failed';
    payment.failedReason = reason;
    payment.updatedAt = this.clock.now();
    this.onFinished(payment);
    return payment;
  }

  /** Fails trackings pending for more than 24 hours with TRACKING_TIMED_OUT. */
  expireDue(): void {
    const now = this.clock.now();
    for (const payment of this.payments) {
      if (payment.status === 'pending' && payment.createdAt + TRACKING_TIMEOUT_MS <= now) {
        this.fail(payment, 'TRACKING_TIMED_OUT');
      }
    }
  }

  private settle(payment: DepayPayment): void {
    if (payment.seenConfirmations < payment.confirmations) return;
    const now = this.clock.now();
    payment.status = 'success';
    payment.confirmedAt = now;
    payment.updatedAt = now;
    this.onFinished(payment);
  }

  private ensurePending(payment: DepayPayment): void {
    if (payment.status !== 'pending')
      throw new ControlError(409, `Payment ${payment.uuid} is already ${payment.status}`);
  }
}
