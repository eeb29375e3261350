import type { KeyObject } from 'node:crypto';
import {
  buildWebhookEvent,
  type AccountState,
  getHeader,
  type PaymentEvent,
  parseProviderJson,
  rawBodyBytes,
  rawBodyText,
  type Redactor,
  verifyRsaPss,
  type WebhookContext,
  type WebhookParseResult,
  type WebhookRequest,
  WebhookVerificationError,
} from '@paymux/core';
import { depayCallbackSchema, depayTrackingId } from './depay-api';
import { isKnownDepayTracking } from './depay-known-trackings';
import { toDepayPayment } from './depay-payment-mapper';

/** The header that carries DePay's RSA-PSS signature of the raw body. */
export const DEPAY_SIGNATURE_HEADER = 'x-signature';

/**
 * Verifies DePay's signature of a body: RSA-PSS, SHA-256, MGF1-SHA-256, salt length 64, sent as
 * base64url (standard base64 and missing or present `=` padding are accepted too).
 *
 * @example
 * verifyDepaySignature({ publicKey: DEPAY_PUBLIC_KEY, data: rawBody, signature: headers['x-signature'] })
 */
export function verifyDepaySignature(input: {
  publicKey: string | KeyObject;
  data: string | Buffer;
  signature: string;
}): boolean {
  return verifyRsaPss({
    publicKey: input.publicKey,
    data: input.data,
    signature: input.signature,
    hash: 'sha256',
    saltLength: 64,
  });
}

/** What the webhook parser needs from the account. */
export interface DepayWebhookOptions {
  account: string;
  publicKey: KeyObject;
  redact: Redactor;
  /** The account state the provider was created with: its own record of trackings it created. */
  state: AccountState;
  /** `release` answers a successful callback with 200, `hold` with 202. */
  callbackAnswer: 'release' | 'hold';
}

function reject(message: string, account: string): WebhookVerificationError {
  return new WebhookVerificationError(message, { provider: account, operation: 'parseWebhook' });
}

/**
 * Verifies and normalises a DePay payment callback. Fails closed: a missing or wrong signature,
 * an unreadable body, or a tracking uuid this merchant cannot be shown to have created all throw
 * `WebhookVerificationError` and yield no event.
 *
 * The event id is `depay:<uuid>:<status>`: DePay calls back once per final state and retries that
 * same call, so every retry carries the same id and is deduplicated.
 */
export async function parseDepayWebhook(
  request: WebhookRequest,
  context: WebhookContext,
  options: DepayWebhookOptions,
): Promise<WebhookParseResult> {
  const signature = getHeader(request, DEPAY_SIGNATURE_HEADER);
  if (!signature) throw reject('DePay callback has no x-signature header', options.account);
  // The signature covers the exact bytes received, so they are verified before any decoding.
  if (!verifyDepaySignature({ publicKey: options.publicKey, data: rawBodyBytes(request), signature })) {
    throw reject('DePay callback signature does not verify', options.account);
  }
  let body: unknown;
  try {
    body = parseProviderJson(rawBodyText(request));
  } catch {
    throw reject('DePay callback body is not JSON', options.account);
  }
  const parsed = depayCallbackSchema.safeParse(body);
  if (!parsed.success) throw reject('DePay callback body is not a payment tracking', options.account);
  const tracking = parsed.data;
  const uuid = depayTrackingId(tracking);

  // A valid signature only proves DePay sent it; the uuid must also be one of ours, or anyone
  // could have DePay track their own transaction and call our endpoint with it.
  const known = await isKnownDepayTracking(context, options.state, uuid);
  if (known !== true) {
    throw reject(
      known === false
        ? 'DePay callback is for a tracking this merchant did not create'
        : 'DePay callback cannot be matched to a tracking of this merchant (no store to confirm it)',
      options.account,
    );
  }

  const payment = toDepayPayment(tracking, body, {
    account: options.account,
    redact: options.redact,
    // Bound rather than wrapped in an arrow: no closure to build (and name) on every callback.
    now: context.now.bind(context),
    // The client walks every event it emits for secrets: a second walk here would find nothing new.
    rawRedactedByCaller: context.redactsEvents === true,
  });
  const event: PaymentEvent = buildWebhookEvent({
    idParts: [uuid, tracking.status],
    object: 'payment',
    provider: options.account,
    providerType: 'depay',
    occurredAt: payment.transfers[0]?.seenAt ?? payment.updatedAt,
    verifiedBy: 'signature',
    data: payment,
    raw: payment.raw,
  });
  const hold = options.callbackAnswer === 'hold' && tracking.status === 'success';
  return { events: [event], response: { status: hold ? 202 : 200 } };
}
