import { type KeyObject, sign } from 'node:crypto';
import { normalizeDecimal } from '../core/decimal-amount';
import { type JsonOut, rawNumber, writeJson } from '../core/json-value';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import type { RetryPolicy } from '../webhooks/webhook-types';
import type { FinraxDeposit, FinraxPayment, FinraxWithdrawal } from './finrax-model';

/** Finrax retries a callback every 2 minutes for 24 hours. */
export const FINRAX_RETRY_POLICY: RetryPolicy = {
  maxRetries: 720,
  delayMs: () => 120_000,
  accepts: (status) => status >= 200 && status < 300,
  timeoutMs: 10_000,
};

/**
 * Signs a callback: base64 RSA-SHA512 (PKCS#1 v1.5) over `rawBody + "." + timestamp`.
 *
 * @example
 * const signature = signFinraxCallback(body, String(Date.now()), privateKey);
 */
export function signFinraxCallback(rawBody: string, timestamp: string, privateKey: KeyObject): string {
  return sign('sha512', Buffer.from(`${rawBody}.${timestamp}`, 'utf8'), privateKey).toString('base64');
}

/** Callback URLs per business (configured in Finrax's dashboard in real life). */
export interface FinraxCallbackTargets {
  deposit?: string;
  withdrawal?: string;
  withdrawalApproval?: string;
}

const jsonAmount = (decimal: string | null) =>
  decimal === null ? null : rawNumber(normalizeDecimal(decimal));

/** Builds and sends Finrax's three callbacks; amounts are JSON numbers, as Finrax sends them. */
export class FinraxCallbackSender {
  constructor(
    private readonly webhooks: WebhookDispatcher,
    private readonly privateKey: KeyObject,
    private readonly targets: () => FinraxCallbackTargets,
  ) {}

  /** Deposit received (UNCONFIRMED for UTXO instant deposits) or confirmed. */
  deposit(payment: FinraxPayment, deposit: FinraxDeposit, status: 'UNCONFIRMED' | 'CONFIRMED'): void {
    this.send(`deposit.${status}`, this.targets().deposit, {
      type: 'DEPOSIT',
      status,
      paymentId: payment.paymentId,
      clientPaymentId: payment.clientPaymentId,
      businessId: payment.businessId,
      paymentStatus: payment.status,
      depositId: deposit.id,
      depositCurrency: deposit.currency,
      network: deposit.network,
      depositAmount: jsonAmount(deposit.amount),
      displayCurrency: payment.displayCurrency,
      displayAmount: jsonAmount(deposit.displayAmount),
      transactionId: deposit.transactionId,
      fromAddress: deposit.fromAddress,
      toAddress: deposit.toAddress,
      destinationTag: payment.destinationTag,
      confirmations: deposit.confirmations,
      receivedAt: deposit.receivedAt,
    });
  }

  /** Withdrawal finished: COMPLETED, FAILED or BLOCKED. */
  withdrawal(withdrawal: FinraxWithdrawal): void {
    this.send(`withdrawal.${withdrawal.status}`, this.targets().withdrawal, {
      type: 'WITHDRAWAL',
      status: withdrawal.status,
      withdrawalId: withdrawal.withdrawId,
      clientWithdrawalId: withdrawal.clientWithdrawId,
      businessId: withdrawal.businessId,
      withdrawCurrency: withdrawal.withdrawCurrency,
      network: withdrawal.network,
      amount: jsonAmount(withdrawal.withdrawAmount),
      fee: jsonAmount(withdrawal.fee),
      displayCurrency: withdrawal.displayCurrency,
      displayAmount: jsonAmount(withdrawal.displayAmount),
      recipientAddress: withdrawal.recipientAddress,
      destinationTag: withdrawal.destinationTag,
      transactionId: withdrawal.transactionId,
    });
  }

  /** Approval decided: APPROVED, PENDING, REJECTED (SKIPPED withdrawals send none). */
  approval(withdrawal: FinraxWithdrawal): void {
    this.send(`withdrawal_approval.${withdrawal.approval}`, this.targets().withdrawalApproval, {
      type: 'WITHDRAWAL_APPROVAL',
      status: withdrawal.approval,
      withdrawalId: withdrawal.withdrawId,
      clientWithdrawalId: withdrawal.clientWithdrawId,
      clientLabel: withdrawal.clientLabel,
      businessId: withdrawal.businessId,
    });
  }

  private signedHeaders(rawBody: string): Record<string, string> {
    const timestamp = String(Date.now());
    return {
      'content-type': 'application/json',
      Signature: signFinraxCallback(rawBody, timestamp, this.privateKey),
      Timestamp: timestamp,
    };
  }

  private send(event: string, url: string | undefined, body: JsonOut): void {
    if (!url) return;
    let signed: Record<string, string> | undefined;
    this.webhooks.send({
      provider: 'finrax',
      event,
      url,
      body: writeJson(body),
      // Signed once: every retry (every 2 minutes for 24 hours) carries the Timestamp and Signature
      // of the first attempt, so a receiver that refuses an old Timestamp refuses Finrax's retries.
      headers: (rawBody) => {
        signed ??= this.signedHeaders(rawBody);
        return { ...signed };
      },
      retry: FINRAX_RETRY_POLICY,
    });
  }
}
