import { ControlError } from '../control/control-error';
import { compareDecimal, divideDecimal, multiplyDecimal } from '../core/decimal-amount';
import { exchangeRate } from '../core/market-rates';
import { fakeTransactionHash, randomUuid } from '../core/random-ids';
import type { SandboxClock } from '../core/sandbox-clock';
import { finraxAddressFamily } from './finrax-book';
import { FINRAX_PRECISION, FINRAX_WITHDRAWAL_LIMITS, type FinraxWithdrawal } from './finrax-model';
import { FinraxFailure } from './finrax-errors';

/** Told when Finrax would call the withdrawal or the withdrawal-approval callback. */
export interface FinraxWithdrawalListener {
  withdrawal(withdrawal: FinraxWithdrawal): void;
  approval(withdrawal: FinraxWithdrawal): void;
}

/** What a withdrawal request asks for (already validated for presence). */
export type WithdrawalRequest = Pick<
  FinraxWithdrawal,
  | 'businessId'
  | 'recipientAddress'
  | 'destinationTag'
  | 'network'
  | 'withdrawCurrency'
  | 'displayCurrency'
  | 'targetAmountPolicy'
  | 'targetAmount'
> & { clientWithdrawalId: string };

/** Finrax withdrawals: creation with optional approval, and their completion. */
export class FinraxWithdrawalDesk {
  readonly withdrawals: FinraxWithdrawal[] = [];

  constructor(
    private readonly clock: SandboxClock,
    private readonly approvalThresholdUsd: string,
    private readonly listener: FinraxWithdrawalListener,
  ) {}

  /** Creates a withdrawal; `needsApproval` tells the caller to answer 202. */
  create(request: WithdrawalRequest): { withdrawal: FinraxWithdrawal; needsApproval: boolean } {
    if (this.withdrawals.some((existing) => existing.clientWithdrawId === request.clientWithdrawalId)) {
      throw new FinraxFailure(409, 'Withdrawal with this clientWithdrawalId already exists');
    }
    const precision = FINRAX_PRECISION[request.withdrawCurrency] ?? 8;
    const limits = FINRAX_WITHDRAWAL_LIMITS[request.withdrawCurrency];
    if (!limits) throw new FinraxFailure(400, `Unsupported withdrawCurrency ${request.withdrawCurrency}`);
    let withdrawAmount = request.targetAmount;
    let displayAmount: string | null = null;
    if (request.targetAmountPolicy === 'FIAT') {
      const rate = exchangeRate(request.withdrawCurrency, request.displayCurrency ?? '', 8);
      if (rate === undefined) throw new FinraxFailure(400, 'Unsupported displayCurrency');
      withdrawAmount = divideDecimal(request.targetAmount, rate, precision);
      displayAmount = request.targetAmount;
    } else if (request.displayCurrency) {
      const rate = exchangeRate(request.withdrawCurrency, request.displayCurrency, 8);
      displayAmount = rate === undefined ? null : multiplyDecimal(request.targetAmount, rate, 2);
    }
    if (compareDecimal(withdrawAmount, limits.min) < 0 || compareDecimal(withdrawAmount, limits.max) > 0) {
      throw new FinraxFailure(
        400,
        `Withdrawal amount must be between ${limits.min} and ${limits.max} ${request.withdrawCurrency}`,
      );
    }
    const usdValue = multiplyDecimal(
      withdrawAmount,
      exchangeRate(request.withdrawCurrency, 'USD', 8) ?? '0',
      2,
    );
    const needsApproval = compareDecimal(usdValue, this.approvalThresholdUsd) >= 0;
    const now = this.clock.now();
    const withdrawal: FinraxWithdrawal = {
      withdrawId: randomUuid(),
      clientWithdrawId: request.clientWithdrawalId,
      clientLabel: `withdrawal-${request.clientWithdrawalId}`,
      businessId: request.businessId,
      recipientAddress: request.recipientAddress,
      destinationTag: request.destinationTag,
      network: request.network,
      withdrawCurrency: request.withdrawCurrency,
      displayCurrency: request.displayCurrency,
      targetAmountPolicy: request.targetAmountPolicy,
      targetAmount: request.targetAmount,
      withdrawAmount,
      displayAmount,
      fee: limits.fee,
      status: 'NEW',
      approval: needsApproval ? 'PENDING' : 'SKIPPED',
      transactionId: null,
      createdAt: now,
      updatedAt: now,
    };
    this.withdrawals.push(withdrawal);
    if (needsApproval) this.listener.approval(withdrawal);
    return { withdrawal, needsApproval };
  }

  /** A withdrawal by Finrax id or client id. */
  find(reference: string): FinraxWithdrawal | undefined {
    return this.withdrawals.find(
      (withdrawal) => withdrawal.withdrawId === reference || withdrawal.clientWithdrawId === reference,
    );
  }

  /** Approves (if needed) and completes a withdrawal on chain. */
  approve(withdrawal: FinraxWithdrawal): FinraxWithdrawal {
    this.ensureOpen(withdrawal);
    if (withdrawal.approval === 'PENDING') {
      withdrawal.approval = 'APPROVED';
      this.listener.approval(withdrawal);
    }
    withdrawal.status = 'COMPLETED';
    withdrawal.transactionId = fakeTransactionHash(finraxAddressFamily(withdrawal.network));
    withdrawal.updatedAt = this.clock.now();
    this.listener.withdrawal(withdrawal);
    return withdrawal;
  }

  /** Rejects (when awaiting approval) or fails/blocks a withdrawal. */
  decline(withdrawal: FinraxWithdrawal, outcome: 'FAILED' | 'BLOCKED'): FinraxWithdrawal {
    this.ensureOpen(withdrawal);
    withdrawal.updatedAt = this.clock.now();
    if (withdrawal.approval === 'PENDING') {
      withdrawal.approval = 'REJECTED';
      withdrawal.status = 'FAILED';
      this.listener.approval(withdrawal);
      return withdrawal;
    }
    withdrawal.status = outcome;
    this.listener.withdrawal(withdrawal);
    return withdrawal;
  }

  private ensureOpen(withdrawal: FinraxWithdrawal): void {
    if (withdrawal.status !== 'NEW' && withdrawal.status !== 'PENDING') {
      throw new ControlError(409, `Withdrawal ${withdrawal.withdrawId} is already ${withdrawal.status}`);
    }
  }
}
