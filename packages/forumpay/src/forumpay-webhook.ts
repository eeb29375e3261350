import {
  type PaymentEvent,
  PaymuxError,
  paymentEventType,
  parseProviderJson,
  type Redactor,
  redactDeep,
  rawBodyText,
  type WebhookContext,
  type WebhookParseResult,
  type WebhookRequest,
  WebhookVerificationError,
} from '@paymux/core';
import type { ForumpayApi } from './forumpay-client';
import type { ForumpayPaymentLookup } from './forumpay-payment-id';
import { type ForumpayMapperContext, paymentFromCheckPayment } from './forumpay-payment-mapper';
import { FORUMPAY_TYPE } from './forumpay-settings';

/** What verifying a ForumPay notification needs. */
export interface ForumpayWebhookContext extends ForumpayMapperContext {
  api: ForumpayApi;
  redact: Redactor;
}

/**
 * ForumPay wants an answer within 2 s; each read made to verify a notification gets at most this
 * long, so a slow provider makes the notification fail (and be retried) rather than time out.
 */
export const FORUMPAY_WEBHOOK_READ_TIMEOUT_MS = 1_500;
/** How many recent transactions are searched for a notification that names no address. */
const TRANSACTION_SEARCH_LIMIT = 100;

type Notification = Record<string, unknown>;

function textField(body: Notification, key: string): string | undefined {
  const value = body[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Reads a notification sent as JSON (the seed) or as form fields (what PHP plugins read). */
function readNotification(text: string, account: string): Notification {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = parseProviderJson(trimmed);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        return parsed as Notification;
    } catch {
      // Falls through to the error below.
    }
  } else if (trimmed.includes('=')) {
    return Object.fromEntries(new URLSearchParams(trimmed));
  }
  throw new WebhookVerificationError('The body is not a ForumPay notification', {
    provider: account,
    operation: 'parseWebhook',
  });
}

function verificationFailure(message: string, account: string, cause?: unknown): WebhookVerificationError {
  const retryable = PaymuxError.is(cause) ? cause.retryable : false;
  return new WebhookVerificationError(message, {
    provider: account,
    operation: 'parseWebhook',
    retryable,
    providerCode: PaymuxError.is(cause) ? cause.providerCode : undefined,
    cause,
  });
}

/** Finds the currency and address of a payment the notification names only by id. */
async function findLookup(
  notification: Notification,
  paymentId: string,
  context: ForumpayWebhookContext,
): Promise<ForumpayPaymentLookup> {
  const currency = textField(notification, 'currency');
  const address = textField(notification, 'address');
  if (currency !== undefined && address !== undefined) return { paymentId, currency, address };
  const referenceNo = textField(notification, 'reference_no');
  let transactions: Awaited<ReturnType<ForumpayApi['getTransactions']>>['data'];
  try {
    ({ data: transactions } = await context.api.getTransactions(
      referenceNo === undefined
        ? { offset: 0, limit: TRANSACTION_SEARCH_LIMIT }
        : { reference_no: referenceNo, limit: TRANSACTION_SEARCH_LIMIT },
      { timeoutMs: FORUMPAY_WEBHOOK_READ_TIMEOUT_MS },
    ));
  } catch (error) {
    throw verificationFailure('Could not look the notified payment up at ForumPay', context.account, error);
  }
  const match = transactions.find((transaction) => transaction.payment_id === paymentId);
  if (match === undefined) {
    throw verificationFailure(
      `ForumPay knows no recent payment ${paymentId} for this account`,
      context.account,
    );
  }
  return { paymentId, currency: match.currency, address: match.address };
}

/**
 * Verifies and normalizes a ForumPay notification. ForumPay signs nothing, so the notification is
 * only a hint: the payment it names is read back with CheckPayment (with this account's
 * credentials), and the event carries what CheckPayment says, never what the body claims. The
 * body's `event` and `status` are ignored. A notification naming a payment CheckPayment does not
 * confirm throws `WebhookVerificationError` (retryable when the provider could not be reached).
 *
 * Event ids are `forumpay:<payment_id>:<state>:<received>`: the same state reached once is one
 * event, however many times ForumPay notifies it.
 *
 * @example
 * const { events, response } = await provider.parseWebhook({ rawBody, headers }, { now: () => new Date() });
 */
export async function parseForumpayWebhook(
  request: WebhookRequest,
  webhookContext: WebhookContext,
  context: ForumpayWebhookContext,
): Promise<WebhookParseResult> {
  const notification = readNotification(rawBodyText(request), context.account);
  // ForumPay's "test webhook" ping from the dashboard: nothing to verify or emit.
  if (notification.webhook_test !== undefined && notification.payment_id === undefined) {
    return { events: [], response: { status: 200, body: 'OK' } };
  }
  const paymentId = textField(notification, 'payment_id');
  if (paymentId === undefined) {
    throw verificationFailure('The notification names no payment_id', context.account);
  }
  const lookup = await findLookup(notification, paymentId, context);
  let checked: Awaited<ReturnType<ForumpayApi['checkPayment']>>;
  try {
    checked = await context.api.checkPayment(
      { payment_id: lookup.paymentId, currency: lookup.currency, address: lookup.address },
      { timeoutMs: FORUMPAY_WEBHOOK_READ_TIMEOUT_MS },
    );
  } catch (error) {
    throw verificationFailure('ForumPay did not confirm the notified payment', context.account, error);
  }
  const mapperContext = { ...context, now: webhookContext.now };
  const payment = paymentFromCheckPayment(checked.data, checked.raw, lookup, mapperContext);
  const event: PaymentEvent = {
    id: `${FORUMPAY_TYPE}:${lookup.paymentId}:${payment.rawStatus}:${payment.received?.amount ?? '0'}`,
    object: 'payment',
    type: paymentEventType(payment),
    provider: context.account,
    providerType: FORUMPAY_TYPE,
    occurredAt: webhookContext.now().toISOString(),
    verifiedBy: 'refetch',
    data: payment,
    raw: redactDeep(notification, context.redact),
  };
  return { events: [event], response: { status: 200, body: 'OK' } };
}
