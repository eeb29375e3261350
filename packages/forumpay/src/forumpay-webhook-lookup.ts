import { NetworkError, PaymuxError, WebhookVerificationError } from '@paymux/core';
import type { CheckPaymentResponse, Transaction } from './forumpay-api';
import type { ForumpayClient } from './forumpay-client';
import type { ForumpayDeadline } from './forumpay-deadline';
import type { ForumpayPaymentLookup } from './forumpay-payment-id';
import type { ForumpayPaymentMemory, RememberedForumpayPayment } from './forumpay-payment-memory';
import { findForumpayTransaction } from './forumpay-payment-search';

/** A notification's fields, as read from JSON or form data. */
export type ForumpayNotification = Record<string, unknown>;

/** A notification field as trimmed text, or `undefined` when absent or empty. */
export function notificationText(body: ForumpayNotification, key: string): string | undefined {
  const value = body[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** What resolving a notification needs. */
export interface ForumpayLookupContext {
  api: ForumpayClient;
  account: string;
  posId: string;
  memory: ForumpayPaymentMemory;
  deadline: ForumpayDeadline;
}

/** Where the lookup came from, and what was found on the way. */
export interface ResolvedForumpayLookup {
  lookup: ForumpayPaymentLookup;
  remembered?: RememberedForumpayPayment | undefined;
  transaction?: Transaction | undefined;
}

/** A refusal: the notification does not describe a payment of this account. Never retried. */
export function refuseNotification(message: string, account: string): WebhookVerificationError {
  return new WebhookVerificationError(message, { provider: account, operation: 'parseWebhook' });
}

/**
 * A verification that could not finish: retryable when the provider could not be reached or the
 * shared deadline ran out (the caller answers 503 and ForumPay delivers again).
 */
export function verificationFailure(
  message: string,
  context: Pick<ForumpayLookupContext, 'account' | 'deadline'>,
  cause: unknown,
): WebhookVerificationError {
  // Only a failure the spent budget caused counts as the deadline's: an answer ForumPay gave just
  // before it ran out (a "Payment not found") keeps its own meaning.
  const timedOut =
    cause === context.deadline.error ||
    (context.deadline.expired() && (NetworkError.is(cause) || !PaymuxError.is(cause)));
  const reason = timedOut ? context.deadline.error : cause;
  return new WebhookVerificationError(timedOut ? `${message}: ${context.deadline.error.message}` : message, {
    provider: context.account,
    operation: 'parseWebhook',
    retryable: timedOut || (PaymuxError.is(cause) && cause.retryable),
    providerCode: PaymuxError.is(cause) ? cause.providerCode : undefined,
    cause: reason,
  });
}

function sameText(left: string, right: string): boolean {
  return left.trim().toUpperCase() === right.trim().toUpperCase();
}

/**
 * Finds the currency and address CheckPayment needs for the notified `payment_id`: first in the
 * account's memory (every payment this adapter started), then from the notification when it names
 * both (CheckPayment then checks them), else among the account's transactions, page after page.
 * A lookup found by searching is remembered for the next notification.
 */
export async function resolveForumpayLookup(
  notification: ForumpayNotification,
  paymentId: string,
  context: ForumpayLookupContext,
): Promise<ResolvedForumpayLookup> {
  let remembered: RememberedForumpayPayment | undefined;
  try {
    remembered = await context.deadline.race(context.memory.recall(paymentId));
  } catch {
    // The store is unreachable or slow: the transaction search below still finds the payment
    // (and ends at once if the budget is already spent).
  }
  if (remembered !== undefined) return { lookup: remembered, remembered };
  const currency = notificationText(notification, 'currency');
  const address = notificationText(notification, 'address');
  if (currency !== undefined && address !== undefined) return { lookup: { paymentId, currency, address } };
  let transaction: Transaction | undefined;
  try {
    transaction = await findForumpayTransaction(context.api, paymentId, {
      referenceNo: notificationText(notification, 'reference_no'),
      callOptions: () => context.deadline.callOptions(),
    });
  } catch (error) {
    throw verificationFailure('Could not look the notified payment up at ForumPay', context, error);
  }
  if (transaction === undefined) {
    throw refuseNotification(`ForumPay knows no payment ${paymentId} for this account`, context.account);
  }
  const lookup = { paymentId, currency: transaction.currency, address: transaction.address };
  // Remembered for the next notification; a slow store does not hold this one's answer back.
  await context.deadline
    .race(context.memory.remember({ ...lookup, reference: transaction.reference_no }))
    .catch(() => undefined);
  return { lookup, transaction };
}

/**
 * Refuses a notification whose identifying fields disagree with what ForumPay (CheckPayment, the
 * transaction found, or the account's memory) says about the payment: another POS, another
 * currency, address or merchant reference. A field the notification leaves out is not compared.
 */
export function checkNotificationAgrees(
  notification: ForumpayNotification,
  resolved: ResolvedForumpayLookup,
  checked: CheckPaymentResponse,
  context: Pick<ForumpayLookupContext, 'account' | 'posId'>,
): void {
  const mismatch = (field: string) =>
    refuseNotification(
      `The notification's ${field} does not match ForumPay's record of the payment`,
      context.account,
    );
  if (!sameText(checked.currency, resolved.lookup.currency)) throw mismatch('currency');
  const currency = notificationText(notification, 'currency');
  if (currency !== undefined && !sameText(currency, checked.currency)) throw mismatch('currency');
  const address = notificationText(notification, 'address');
  if (address !== undefined && address !== resolved.lookup.address) throw mismatch('address');
  const posId = notificationText(notification, 'pos_id');
  if (posId !== undefined && posId !== context.posId) throw mismatch('pos_id');
  const reference = notificationText(notification, 'reference_no');
  const knownReference =
    checked.reference_no ?? resolved.remembered?.reference ?? resolved.transaction?.reference_no;
  if (reference !== undefined && knownReference !== undefined && reference !== knownReference) {
    throw mismatch('reference_no');
  }
}
