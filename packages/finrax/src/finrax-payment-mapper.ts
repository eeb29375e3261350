import {
  type AmountDelta,
  amountDelta,
  decimal,
  type Money,
  needsRedaction,
  type Payment,
  type PaymentFlow,
  type Redactor,
  redactDeep,
  type Refund,
  type Transfer,
} from '@paymux/core';
import { type FinraxDeposit, type FinraxPayment, finraxPaymentSchema } from './finrax-api';
import { FINRAX_UNKNOWN_NETWORK, finraxNetworkSlug } from './finrax-networks';
import { finraxRefundId } from './finrax-ids';
import { finraxTimeToIso, finraxTimeToMs, isoOfMs, latestIso } from './finrax-time';
import { mapFinraxPaymentStatus, mapFinraxRefundStatus } from './map-finrax-status';

/** What turning a Finrax object into a unified one needs. */
export interface FinraxMappingContext {
  /** Account name (`provider` of every object). */
  account: string;
  redact: Redactor;
  now: () => Date;
}

/** Extra facts known at creation that the payment object does not carry. */
export interface FinraxPaymentHints {
  flow?: PaymentFlow;
  checkoutUrl?: string;
  /** The amount asked, when the payment object does not state it yet. */
  amount?: Money;
}

const isPositive = (value: string | null | undefined): value is string =>
  typeof value === 'string' && decimal.isPositive(value);

function askedAmount(payment: FinraxPayment, hints: FinraxPaymentHints): Money {
  if (payment.displayCurrency && isPositive(payment.expectedDisplayAmount)) {
    return { amount: payment.expectedDisplayAmount, currency: payment.displayCurrency };
  }
  if (payment.depositCurrency && isPositive(payment.expectedDepositAmount)) {
    return { amount: payment.expectedDepositAmount, currency: payment.depositCurrency };
  }
  if (hints.amount) return hints.amount;
  // Neither currency stated: the provider data does not say, and no currency is made up.
  return { amount: '0', currency: payment.displayCurrency ?? payment.depositCurrency ?? 'UNKNOWN' };
}

/**
 * Compares what arrived with what was asked: in the deposit currency once Finrax has fixed the
 * expected deposit, else in the display currency. With `overpaymentPolicy: EXCESS_REFUND`
 * Finrax sends the excess back by itself, so an overpayment counts as `exact` (the merchant must
 * not refund it a second time); `OVERPAID` under the default `PROCESS` policy is always `over`.
 */
function paymentAmountDelta(payment: FinraxPayment): AmountDelta {
  const crypto = isPositive(payment.expectedDepositAmount);
  const expected = crypto ? payment.expectedDepositAmount : payment.expectedDisplayAmount;
  const received = crypto ? payment.actualDepositAmount : payment.actualDisplayAmount;
  let delta = amountDelta(expected ?? undefined, received ?? undefined);
  if (payment.status === 'OVERPAID' && delta !== 'none') delta = 'over';
  if (delta === 'over' && payment.overpaymentPolicy === 'EXCESS_REFUND') delta = 'exact';
  return delta;
}

function depositTransfer(deposit: FinraxDeposit): Transfer {
  return {
    txid: deposit.transactionId ?? undefined,
    amount: { amount: deposit.depositAmount, currency: deposit.depositCurrency },
    from: deposit.fromAddress ?? undefined,
    to: deposit.toAddress ?? undefined,
    seenAt: finraxTimeToIso(deposit.depositReceivedAt),
  };
}

/** The flow of a payment read back: an address to pay exists once a deposit currency is chosen. */
function inferFlow(payment: FinraxPayment): PaymentFlow {
  return payment.walletAddress ? 'deposit_address' : 'hosted';
}

/**
 * Builds the unified `Payment` from a Finrax payment object. `id` is Finrax's `paymentId`,
 * which alone fetches the payment again.
 *
 * @example
 * const payment = toUnifiedPayment(data, { account: 'main', redact, now: () => new Date() });
 */
export function toUnifiedPayment(
  payment: FinraxPayment,
  context: FinraxMappingContext,
  hints: FinraxPaymentHints = {},
): Payment {
  const deposits = payment.deposits ?? [];
  // Each timestamp formatted once: a read maps the payment on every call.
  const requestedMs = finraxTimeToMs(payment.paymentRequestedAt);
  const initiatedMs = finraxTimeToMs(payment.paymentInitiatedAt);
  const requestedAt = requestedMs === undefined ? undefined : isoOfMs(requestedMs);
  const createdAt =
    initiatedMs !== undefined ? isoOfMs(initiatedMs) : (requestedAt ?? context.now().toISOString());
  const transfers = deposits.map(depositTransfer);
  const updatedAt = latestIso(createdAt, requestedAt, ...transfers.map((item) => item.seenAt)) ?? createdAt;
  const depositCurrency = payment.depositCurrency ?? undefined;
  const network = depositCurrency
    ? (finraxNetworkSlug(payment.expectedNetwork, depositCurrency) ?? FINRAX_UNKNOWN_NETWORK)
    : undefined;
  const expectedDeposit: Money | undefined =
    depositCurrency && isPositive(payment.expectedDepositAmount)
      ? { amount: payment.expectedDepositAmount, currency: depositCurrency }
      : undefined;
  const expirationStartMs = requestedMs ?? initiatedMs ?? Date.parse(createdAt);
  const expiresAt =
    payment.expirationMinutes && payment.expirationMinutes > 0
      ? isoOfMs(expirationStartMs + payment.expirationMinutes * 60_000)
      : undefined;
  const amount = askedAmount(payment, hints);
  const rate =
    expectedDeposit && payment.displayCurrency && isPositive(payment.expectedDisplayAmount)
      ? decimal.divide(payment.expectedDisplayAmount, expectedDeposit.amount, 8)
      : undefined;
  const received: Money | undefined =
    depositCurrency && isPositive(payment.actualDepositAmount)
      ? { amount: payment.actualDepositAmount, currency: depositCurrency }
      : undefined;
  const delta = paymentAmountDelta(payment);
  const missing =
    delta === 'under' && expectedDeposit && received
      ? { amount: decimal.subtract(expectedDeposit.amount, received.amount), currency: depositCurrency! }
      : undefined;
  const status = mapFinraxPaymentStatus(payment.status);
  return {
    id: payment.paymentId,
    provider: context.account,
    providerType: 'finrax',
    providerPaymentId: payment.paymentId,
    reference: payment.clientPaymentId,
    flow: hints.flow ?? inferFlow(payment),
    status,
    rawStatus: payment.status,
    failureReason: payment.status === 'BLOCKED' ? 'blocked by Finrax compliance checks' : undefined,
    amount,
    quote: expectedDeposit ? { rate, amount: expectedDeposit, expiresAt } : undefined,
    payIn:
      payment.walletAddress && depositCurrency && network
        ? {
            asset: { symbol: depositCurrency, network },
            address: payment.walletAddress,
            memo: payment.destinationTag ?? undefined,
            amount: expectedDeposit,
          }
        : undefined,
    checkoutUrl: hints.checkoutUrl ?? payment.url ?? undefined,
    received,
    amountDelta: delta,
    missing,
    transfers,
    expiresAt,
    createdAt,
    updatedAt,
    // The parsed answer is this call's own object: copied only if it holds something to redact.
    raw: needsRedaction(payment, context.redact) ? redactDeep(payment, context.redact) : payment,
  };
}

/**
 * The refunds Finrax made of a payment's deposits (the excess of an overpayment, follow-up
 * deposits to a one-time payment), as unified `Refund`s.
 *
 * @example
 * const refunds = toUnifiedRefunds(data, context);
 */
export function toUnifiedRefunds(payment: FinraxPayment, context: FinraxMappingContext): Refund[] {
  const refunds: Refund[] = [];
  for (const deposit of payment.deposits ?? []) {
    const refund = deposit.refund;
    if (!refund) continue;
    const seenAt = finraxTimeToIso(deposit.depositReceivedAt) ?? context.now().toISOString();
    refunds.push({
      id: finraxRefundId(payment.paymentId, deposit.id),
      provider: context.account,
      providerType: 'finrax',
      providerRefundId: deposit.id,
      paymentId: payment.paymentId,
      reference: payment.clientPaymentId,
      status: mapFinraxRefundStatus(refund.status),
      rawStatus: refund.status,
      amount: { amount: refund.amount ?? deposit.depositAmount, currency: deposit.depositCurrency },
      destination: deposit.fromAddress ? { address: deposit.fromAddress } : undefined,
      txid: refund.transactionId ?? undefined,
      createdAt: seenAt,
      updatedAt: seenAt,
      raw: redactDeep({ paymentId: payment.paymentId, deposit }, context.redact),
    });
  }
  return refunds;
}

/**
 * The refunds of a unified Finrax payment, read from its `raw` payload (no request is made).
 *
 * @example
 * const payment = await finrax.getPayment(id);
 * for (const refund of listFinraxRefunds(payment)) console.log(refund.status, refund.amount);
 */
export function listFinraxRefunds(payment: Payment): Refund[] {
  const parsed = finraxPaymentSchema.safeParse(payment.raw);
  if (!parsed.success) return [];
  return toUnifiedRefunds(parsed.data, {
    account: payment.provider,
    redact: (text) => text,
    now: () => new Date(payment.updatedAt),
  });
}
