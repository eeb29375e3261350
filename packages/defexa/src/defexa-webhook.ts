import {
  buildWebhookEvent,
  decimal,
  isDecimalString,
  NotFoundError,
  type PaymentEvent,
  type PayoutEvent,
  parseProviderJson,
  rawBodyText,
  redactDeep,
  type WebhookContext,
  type WebhookParseResult,
  type WebhookRequest,
  WebhookVerificationError,
} from '@paymux/core';
import { z } from 'zod';
import type { DefexaFeedRecord } from './defexa-api';
import type { DefexaOperationContext } from './defexa-operation-context';
import { confirmPaymentCallback } from './defexa-payment-callback';
import { defexaTimeToIso } from './defexa-payment-mapper';
import { DefexaPaymentMemory } from './defexa-payment-memory';
import { payoutFromRecord } from './defexa-payout-mapper';

const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : String(value)));

/** The notification body of the seed ("Notifications"): every field optional, all read as text. */
export const defexaCallbackSchema = z.looseObject({
  callback_type: text,
  address: text,
  net_amount: text,
  created: text,
  processed: text,
  payment_id: text,
  feed_id: text,
  ps_currency: text,
  shop_currency: text,
  amount: text,
  shop_order_id: text,
  status: text,
  client_uid: text,
  order_number: text,
  token: text,
  signature: text,
});
export type DefexaCallback = z.output<typeof defexaCallbackSchema>;

/** The answer Defexa needs: it retries (hourly, up to 9 times) until it gets HTTP 200. */
const accepted = { status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } };

function refuse(message: string, context: DefexaOperationContext): WebhookVerificationError {
  return new WebhookVerificationError(`defexa callback refused: ${message}`, {
    provider: context.account,
    operation: 'parseWebhook',
  });
}

/** Runs a read-back; "not found" means the callback names nothing real. */
async function confirm<T>(
  context: DefexaOperationContext,
  read: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  let found: T | undefined;
  try {
    found = await read();
  } catch (error) {
    // Other failures (network, 5xx) propagate: the callback may be genuine, and Defexa retries it.
    if (NotFoundError.is(error)) throw refuse(`${what} does not exist at defexa`, context);
    throw error;
  }
  if (found === undefined) throw refuse(`${what} does not exist at defexa`, context);
  return found;
}

function sameCurrency(claimed: string | undefined, actual: string): boolean {
  return claimed === undefined || claimed.toUpperCase() === actual.toUpperCase();
}

async function paymentEvent(
  callback: DefexaCallback,
  raw: unknown,
  context: DefexaOperationContext,
  memory: DefexaPaymentMemory,
): Promise<PaymentEvent> {
  const { payment, orderNumber } = await confirmPaymentCallback(callback, context, memory);
  // The same confirmed state of the same invoice always gives the same event id.
  return buildWebhookEvent({
    object: 'payment',
    idParts: [
      'payment',
      orderNumber ?? payment.providerPaymentId,
      payment.rawStatus,
      payment.received?.amount,
    ],
    provider: context.account,
    providerType: 'defexa',
    occurredAt: defexaTimeToIso(callback.processed, callback.created) ?? payment.updatedAt,
    verifiedBy: 'refetch',
    data: payment,
    raw,
  });
}

async function payoutEvent(
  callback: DefexaCallback,
  raw: unknown,
  context: DefexaOperationContext,
): Promise<PayoutEvent> {
  const call = { operation: 'parseWebhook' };
  const { feed_id: feedId, order_number: orderNumber } = callback;
  if (!feedId && !orderNumber) throw refuse('no feed_id or order_number to confirm the payout by', context);
  const record: DefexaFeedRecord = await confirm(
    context,
    async () =>
      feedId
        ? (await context.api.getPayout(feedId, call)).feed[0]
        : (await context.api.listPayouts({ type: 'single', order_number: orderNumber }, call)).payouts.find(
            (item) => item.order_number === orderNumber,
          ),
    `payout ${feedId ?? orderNumber}`,
  );
  if (orderNumber && record.order_number !== undefined && record.order_number !== orderNumber) {
    throw refuse(`payout ${feedId} does not carry order number ${orderNumber}`, context);
  }
  if (!sameCurrency(callback.ps_currency ?? callback.shop_currency, record.currency)) {
    throw refuse(`payout ${record.id} is in ${record.currency}, not in the currency claimed`, context);
  }
  // Unsigned callbacks: every identifying field must agree with the payout read back.
  if (
    callback.amount !== undefined &&
    !(isDecimalString(callback.amount) && decimal.equals(callback.amount, record.amount))
  ) {
    throw refuse(`payout ${record.id} is for ${record.amount}, not for the amount claimed`, context);
  }
  const target = record.extra_data.target_address;
  if (callback.address !== undefined && target !== undefined && callback.address !== target) {
    throw refuse(`payout ${record.id} goes to another address than the one claimed`, context);
  }
  const payout = payoutFromRecord(record, { targetAddress: callback.address }, context);
  return buildWebhookEvent({
    object: 'payout',
    idParts: ['payout', record.id, payout.rawStatus],
    provider: context.account,
    providerType: 'defexa',
    occurredAt: defexaTimeToIso(callback.processed, callback.created) ?? payout.updatedAt,
    verifiedBy: 'refetch',
    data: payout,
    raw,
  });
}

/**
 * Verifies and normalizes a Defexa notification. Defexa has not published how its `signature`
 * is made, so a callback is only a trigger: the payment (engine payment by token, DA invoice by
 * order number) or payout (by feed id or order number) is read back through the API, every
 * identifying field of the callback must agree with it (and with what this account remembers
 * of the payment it created), and the event carries what the API says. A configured `verifyCallbackSignature` must accept the callback first. Anything that
 * cannot be confirmed throws `WebhookVerificationError` and emits nothing.
 *
 * @example
 * const { events, response } = await provider.parseWebhook({ rawBody, headers }, { now: () => new Date() });
 */
export async function parseDefexaWebhook(
  context: DefexaOperationContext,
  request: WebhookRequest,
  webhookContext?: WebhookContext,
): Promise<WebhookParseResult> {
  const rawBody = rawBodyText(request);
  let parsed: unknown;
  try {
    parsed = parseProviderJson(rawBody);
  } catch {
    throw refuse('the body is not JSON', context);
  }
  const result = defexaCallbackSchema.safeParse(parsed);
  if (!result.success || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw refuse('the body is not a Defexa notification object', context);
  }
  const callback = result.data;
  const verifier = context.settings.verifyCallbackSignature;
  if (verifier) {
    const valid = await Promise.resolve(
      verifier({ rawBody, body: parsed as Record<string, unknown>, signature: callback.signature }),
    ).catch(() => false);
    if (!valid) throw refuse('the signature does not verify', context);
  }
  const raw = redactDeep(parsed, context.redact);
  const type = callback.callback_type?.toLowerCase();
  if (type === 'pay' || type === 'payment') {
    // The client lends the account's durable state; without a client, the provider's own memory.
    const memory = webhookContext?.state ? new DefexaPaymentMemory(webhookContext.state) : context.memory;
    return { events: [await paymentEvent(callback, raw, context, memory)], response: accepted };
  }
  if (type === 'payout' || type === 'cashout') {
    return { events: [await payoutEvent(callback, raw, context)], response: accepted };
  }
  throw refuse(`unknown callback_type ${JSON.stringify(callback.callback_type ?? null)}`, context);
}
