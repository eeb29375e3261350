import { found } from '../control/control-error';
import type { ControlSnapshot, ControlTarget } from '../control/control-types';
import { ControlError } from '../control/control-error';
import { amountToPay, confirmationsOf } from '../control/pay-amount';
import type { EmulatorContext, ProviderEmulator } from '../control/provider-emulator';
import { subtractDecimal } from '../core/decimal-amount';
import { writeJson } from '../core/json-value';
import { HttpRouter } from '../http/http-router';
import type { Mount } from '../http/http-types';
import type { RetryPolicy } from '../webhooks/webhook-types';
import { ForumPayBook, type ForumPayEvent } from './forumpay-book';
import type { ForumPayPayment } from './forumpay-model';
import { registerForumPayPaymentPage } from './forumpay-payment-page';
import { checkForumPayAuth, ForumPayFailure, forumPayError } from './forumpay-request';
import { registerForumPayRoutes } from './forumpay-routes';

/** Credentials of the ForumPay emulator. */
export interface ForumPayEmulatorOptions {
  apiUser: string;
  apiSecret: string;
}

const MINUTE_MS = 60_000;
const RETRY_DELAYS_MS = [1, 5, 15, 60, 240].map((minutes) => minutes * MINUTE_MS);

/**
 * ForumPay documents no retry schedule; the sandbox retries 5 times (1, 5, 15, 60, 240 minutes).
 * Handlers must answer within 2 s, so a slower answer counts as a failure.
 */
export const FORUMPAY_RETRY_POLICY: RetryPolicy = {
  maxRetries: RETRY_DELAYS_MS.length,
  delayMs: (retry) => RETRY_DELAYS_MS[retry - 1] ?? MINUTE_MS,
  accepts: (status) => status >= 200 && status < 300,
  timeoutMs: 2_000,
};

/**
 * The unsigned webhook body: the seed's fields, plus `reference_no` (NOTES: ForumPay's plugin reads
 * `payment_id` / `reference_no` from the body). Like the seed's example it carries no `address`,
 * which CheckPayment needs: a receiver must know it or find it.
 */
export function forumPayWebhookBody(payment: ForumPayPayment, event: ForumPayEvent, nowMs: number): string {
  return writeJson({
    event,
    payment_id: payment.paymentId,
    pos_id: payment.posId,
    status: payment.state,
    amount: payment.amount,
    currency: payment.currency,
    timestamp: `${new Date(nowMs).toISOString().slice(0, 19)}Z`,
    reference_no: payment.referenceNo,
  });
}

/** Creates the ForumPay (Open API v2) emulator. */
export function createForumPayEmulator(
  context: EmulatorContext,
  options: ForumPayEmulatorOptions,
): ProviderEmulator {
  const book = new ForumPayBook(context.clock, (payment, event) => {
    if (!payment.webhookUrl) return;
    context.webhooks.send({
      provider: 'forumpay',
      event,
      url: payment.webhookUrl,
      body: forumPayWebhookBody(payment, event, context.clock.now()),
      headers: () => ({ 'content-type': 'application/json' }),
      retry: FORUMPAY_RETRY_POLICY,
    });
  });
  const api = new HttpRouter();
  registerForumPayRoutes(api, book);
  const pages = new HttpRouter();
  registerForumPayPaymentPage(pages, book);

  const mount: Mount = {
    prefix: '/forumpay',
    chaos: true,
    handle: async (request) => {
      if (!request.path.startsWith('/pay/v2')) {
        return pages.dispatch(request, () => forumPayError(404, 'Invalid endpoint', 'not_found'));
      }
      const refused = checkForumPayAuth(request, options.apiUser, options.apiSecret);
      if (refused) return refused;
      try {
        return await api.dispatch(request, () => forumPayError(404, 'Invalid endpoint', 'not_found'));
      } catch (error) {
        if (error instanceof ForumPayFailure)
          return forumPayError(error.status, error.message, error.errCode);
        throw error;
      }
    },
  };

  const snapshot = (payment: ForumPayPayment): ControlSnapshot => ({
    provider: 'forumpay',
    kind: 'payment',
    id: payment.paymentId,
    status: payment.state,
    currency: payment.currency,
    expectedAmount: payment.amount,
    receivedAmount: payment.received,
    confirmations: payment.confirmations,
    requiredConfirmations: payment.minConfirmations,
  });
  const payment = (target: ControlTarget) => found(book.find(target.id), `ForumPay payment ${target.id}`);
  const noPayouts = (): never => {
    throw new ControlError(400, 'ForumPay has no payouts');
  };

  return {
    name: 'forumpay',
    mount,
    pay: (input) => {
      const target = payment(input);
      const amount = amountToPay(input, subtractDecimal(target.amount, target.received), 8);
      return snapshot(book.receive(target, amount, confirmationsOf(input.confirmations, 0)));
    },
    confirm: (input) => {
      const target = payment(input);
      return snapshot(
        book.confirm(
          target,
          confirmationsOf(input.confirmations, Math.max(book.missingConfirmations(target), 1)),
        ),
      );
    },
    expire: (target) => snapshot(book.expire(payment(target))),
    hold: (target) => snapshot(book.hold(payment(target))),
    inspect: (target, kind) => (kind === 'payout' ? noPayouts() : snapshot(payment(target))),
    approvePayout: noPayouts,
    declinePayout: noPayouts,
    onClockAdvanced: () => undefined,
  };
}
