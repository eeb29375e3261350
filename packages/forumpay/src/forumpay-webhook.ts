import {
  buildWebhookEvent,
  type PaymentEvent,
  parseProviderJson,
  type RefundEvent,
  type Redactor,
  redactDeep,
  rawBodyText,
  type WebhookContext,
  type WebhookEvent,
  type WebhookParseResult,
  type WebhookRequest,
  WebhookVerificationError,
} from '@paymux/core';
import type { CheckPaymentResponse } from './forumpay-api';
import type { ForumpayClient, ForumpayResponse } from './forumpay-client';
import { startForumpayDeadline } from './forumpay-deadline';
import { type ForumpayMapperContext, paymentFromCheckPayment } from './forumpay-payment-mapper';
import type { ForumpayPaymentMemory } from './forumpay-payment-memory';
import { findForumpayTransaction } from './forumpay-payment-search';
import {
  carriesForumpayRefundFields,
  type ForumpayRefundFields,
  hasForumpayRefund,
  refundFromForumpay,
} from './forumpay-refund-mapper';
import { FORUMPAY_TYPE } from './forumpay-settings';
import {
  checkNotificationAgrees,
  type ForumpayLookupContext,
  type ForumpayNotification,
  notificationText,
  type ResolvedForumpayLookup,
  refuseNotification,
  resolveForumpayLookup,
  verificationFailure,
} from './forumpay-webhook-lookup';

/** What verifying a ForumPay notification needs. */
export interface ForumpayWebhookContext extends ForumpayMapperContext {
  api: ForumpayClient;
  redact: Redactor;
  posId: string;
  /** The account's memory, on the state the webhook context lends (or the provider's own). */
  memoryFor(webhookContext: WebhookContext): ForumpayPaymentMemory;
}

/**
 * ForumPay wants an answer within 2 s. Every read made to verify one notification (the transaction
 * search, CheckPayment, and each retry of either) shares this budget, leaving the rest of the 2 s
 * to the client's store and the answer; when it runs out the notification fails closed, retryable
 * (503), and ForumPay delivers it again.
 */
export const FORUMPAY_WEBHOOK_DEADLINE_MS = 1_600;

/** Reads a notification sent as JSON (the seed) or as form fields (what PHP plugins read). */
function readNotification(text: string, account: string): ForumpayNotification {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = parseProviderJson(trimmed);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
        return parsed as ForumpayNotification;
    } catch {
      // Falls through to the error below.
    }
  } else if (trimmed.includes('=')) {
    return Object.fromEntries(new URLSearchParams(trimmed));
  }
  throw refuseNotification('The body is not a ForumPay notification', account);
}

/**
 * The refund fields of the payment: CheckPayment's when it carries them, else those of its
 * GetTransactions entry (already at hand, or searched for when the notification says it is about
 * a refund). The notification's own words only decide whether to look, never what is reported.
 */
async function refundFieldsOf(
  notification: ForumpayNotification,
  checked: ForumpayResponse<CheckPaymentResponse>,
  resolved: ResolvedForumpayLookup,
  context: ForumpayLookupContext,
): Promise<ForumpayRefundFields | undefined> {
  if (carriesForumpayRefundFields(checked.raw)) return checked.data;
  if (resolved.transaction !== undefined) return resolved.transaction;
  const hint = `${notificationText(notification, 'event') ?? ''} ${notificationText(notification, 'status') ?? ''}`;
  if (!/refund/i.test(hint)) return undefined;
  try {
    return await findForumpayTransaction(context.api, resolved.lookup.paymentId, {
      callOptions: () => context.deadline.callOptions(),
    });
  } catch (error) {
    throw verificationFailure('Could not read the refund of the notified payment', context, error);
  }
}

/**
 * Verifies and normalizes a ForumPay notification. ForumPay signs nothing, so the notification is
 * only a hint: the payment it names is read back with CheckPayment (with this account's
 * credentials and `pos_id`), and the events carry what ForumPay says, never what the body claims.
 * The body's `event` and `status` are ignored; its identifying fields (`currency`, `address`,
 * `pos_id`, `reference_no`), when present, must agree with ForumPay's record or the notification
 * is refused. Every read shares one {@link FORUMPAY_WEBHOOK_DEADLINE_MS} budget; a notification
 * that cannot be confirmed in time throws a retryable `WebhookVerificationError`.
 *
 * Events: a payment event `forumpay:<payment_id>:<state>:<received>` (the same state reached once
 * is one event, however often ForumPay notifies it), and, once ForumPay reports a refund of the
 * payment, a refund event `forumpay:refund:<payment_id>:<refund_status>:<amount>` of its own.
 *
 * @example
 * const { events, response } = await provider.parseWebhook({ rawBody, headers }, { now: () => new Date(), state });
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
  const paymentId = notificationText(notification, 'payment_id');
  if (paymentId === undefined) {
    throw refuseNotification('The notification names no payment_id', context.account);
  }
  const deadline = startForumpayDeadline(FORUMPAY_WEBHOOK_DEADLINE_MS, context.account);
  const memory = context.memoryFor(webhookContext);
  const lookupContext: ForumpayLookupContext = {
    api: context.api,
    account: context.account,
    posId: context.posId,
    memory,
    deadline,
  };
  try {
    const resolved = await resolveForumpayLookup(notification, paymentId, lookupContext);
    const { lookup } = resolved;
    let checked: ForumpayResponse<CheckPaymentResponse>;
    try {
      checked = await context.api.checkPayment(
        { payment_id: lookup.paymentId, currency: lookup.currency, address: lookup.address },
        deadline.callOptions(),
      );
    } catch (error) {
      throw verificationFailure('ForumPay did not confirm the notified payment', lookupContext, error);
    }
    checkNotificationAgrees(notification, resolved, checked.data, context);
    const mapperContext = { ...context, now: webhookContext.now };
    const raw = redactDeep(notification, context.redact);
    const occurredAt = webhookContext.now().toISOString();
    const payment = paymentFromCheckPayment(checked.data, checked.raw, lookup, mapperContext);
    const paymentEvent: PaymentEvent = buildWebhookEvent({
      idParts: [lookup.paymentId, payment.rawStatus, payment.received?.amount ?? '0'],
      object: 'payment',
      provider: context.account,
      providerType: FORUMPAY_TYPE,
      occurredAt,
      verifiedBy: 'refetch',
      data: payment,
      raw,
    });
    const events: WebhookEvent[] = [paymentEvent];
    const refundFields = await refundFieldsOf(notification, checked, resolved, lookupContext);
    if (refundFields !== undefined && hasForumpayRefund(refundFields)) {
      const remembered =
        resolved.remembered ?? (await deadline.race(memory.recall(paymentId)).catch(() => undefined));
      const refund = refundFromForumpay(refundFields, lookup, checked.raw, { ...mapperContext, remembered });
      const refundEvent: RefundEvent = buildWebhookEvent({
        idParts: ['refund', lookup.paymentId, refund.rawStatus, refund.amount.amount],
        object: 'refund',
        provider: context.account,
        providerType: FORUMPAY_TYPE,
        occurredAt,
        verifiedBy: 'refetch',
        data: refund,
        raw,
      });
      events.push(refundEvent);
    }
    return { events, response: { status: 200, body: 'OK' } };
  } catch (error) {
    if (WebhookVerificationError.is(error)) throw error;
    throw verificationFailure('Could not verify the ForumPay notification', lookupContext, error);
  } finally {
    deadline.dispose();
  }
}
