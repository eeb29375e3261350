import { fixDecimal, multiplyDecimal } from '../core/decimal-amount';
import type { JsonOut } from '../core/json-value';
import type { FinraxBook } from './finrax-book';
import { FINRAX_PRECISION, type FinraxPayment, type FinraxWithdrawal } from './finrax-model';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The payment object (`DetailedPaymentResponse`); amounts are decimal strings. */
export function paymentView(payment: FinraxPayment, book: FinraxBook): JsonOut {
  const precision = FINRAX_PRECISION[payment.depositCurrency ?? ''] ?? 8;
  const actualDeposit = book.confirmedAmount(payment);
  const actualDisplay = payment.rate === null ? '0.00' : multiplyDecimal(actualDeposit, payment.rate, 2);
  const zeroDeposit = payment.depositCurrency ? fixDecimal('0', precision) : undefined;
  return {
    paymentId: payment.paymentId,
    clientPaymentId: payment.clientPaymentId,
    businessId: payment.businessId,
    locale: payment.locale,
    status: payment.status,
    rateType: payment.rateType,
    type: payment.type,
    url: payment.url,
    overpaymentPolicy: 'PROCESS',
    refundFollowUpDepositsForOneTimePayments: false,
    processorType: 'BLOCKCHAIN',
    walletAddress: payment.walletAddress ?? undefined,
    destinationTag: payment.destinationTag ?? undefined,
    displayCurrency: payment.displayCurrency ?? undefined,
    expectedDisplayAmount: payment.expectedDisplayAmount ?? undefined,
    expectedDisplayDistributedUserServiceFee: payment.expectedDisplayAmount === null ? undefined : '0.00',
    actualDisplayAmount: actualDisplay,
    actualDisplayDistributedUserServiceFee: '0.00',
    depositCurrency: payment.depositCurrency ?? undefined,
    expectedNetwork: payment.network ?? undefined,
    expectedDepositAmount: payment.expectedDepositAmount ?? undefined,
    expectedDepositDistributedUserServiceFee: zeroDeposit,
    actualDepositAmount: payment.depositCurrency ? fixDecimal(actualDeposit, precision) : '0',
    actualDepositDistributedUserServiceFee: zeroDeposit ?? '0',
    expectedUniformAmount: payment.expectedDisplayAmount ?? undefined,
    actualUniformAmount: actualDisplay,
    userServiceFeeDistributionPercentage: '0.00',
    redirectUrl: payment.redirectUrl ?? undefined,
    expirationMinutes: payment.expirationMinutes,
    paymentRequestedAt: payment.requestedAt === null ? undefined : seconds(payment.requestedAt),
    paymentInitiatedAt: seconds(payment.initiatedAt),
    deposits: payment.deposits.map((deposit) => ({
      id: deposit.id,
      status: deposit.confirmed ? 'CONFIRMED' : 'UNCONFIRMED',
      confirmations: deposit.confirmations,
      depositAmount: fixDecimal(deposit.amount, precision),
      depositCurrency: deposit.currency,
      network: deposit.network,
      depositReceivedAt: seconds(deposit.receivedAt),
      displayAmount: deposit.displayAmount,
      displayCurrency: payment.displayCurrency,
      fromAddress: deposit.fromAddress,
      toAddress: deposit.toAddress,
      transactionId: deposit.transactionId,
      onChainFee: '0',
      refund: null,
    })),
  };
}

/** A withdrawal as `POST` (201) and `GET /api/v1/withdrawals` return it. */
export function withdrawalView(withdrawal: FinraxWithdrawal): JsonOut {
  return {
    withdrawId: withdrawal.withdrawId,
    clientWithdrawId: withdrawal.clientWithdrawId,
    businessId: withdrawal.businessId,
    status: withdrawal.status,
    approvalStatus: withdrawal.approval,
    recipientAddress: withdrawal.recipientAddress,
    destinationTag: withdrawal.destinationTag,
    network: withdrawal.network,
    withdrawCurrency: withdrawal.withdrawCurrency,
    displayCurrency: withdrawal.displayCurrency,
    targetAmountPolicy: withdrawal.targetAmountPolicy,
    targetAmount: withdrawal.targetAmount,
    withdrawAmount: withdrawal.withdrawAmount,
    displayAmount: withdrawal.displayAmount,
    fee: withdrawal.fee,
    transactionId: withdrawal.transactionId,
    createdAt: withdrawal.createdAt,
    updatedAt: withdrawal.updatedAt,
  };
}
