import {
  buildWebhookEvent,
  type AccountState,
  getHeader,
  NotFoundError,
  type Payout,
  parseProviderJson,
  providerDecimalSchema,
  rawBodyText,
  redactDeep,
  verifyRsaPkcs1,
  type WebhookContext,
  type WebhookEvent,
  type WebhookParseResult,
  type WebhookRequest,
  WebhookVerificationError,
} from '@paymux/core';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { FinraxWithdrawal } from './finrax-api';
import type { FinraxClient } from './finrax-client';
import { type FinraxMappingContext, toUnifiedPayment } from './finrax-payment-mapper';
import { recallPendingWithdrawal } from './finrax-pending-withdrawals';
import { toUnifiedPayout, toUnifiedPendingApprovalPayout } from './finrax-payout-mapper';
import { finraxTimeToIso } from './finrax-time';
import { mapFinraxApprovalStatus } from './map-finrax-status';

const optionalAmount = providerDecimalSchema.nullish();

/** The deposit-received callback (`depositReceivedCallbackUrl`); amounts arrive as JSON numbers. */
export const finraxDepositCallbackSchema = z.looseObject({
  paymentId: z.string().min(1),
  clientPaymentId: z.string().nullish(),
  depositId: z.string().nullish(),
  status: z.string(),
  actualDepositAmount: optionalAmount,
  actualDisplayAmount: optionalAmount,
  expectedDepositAmount: optionalAmount,
  expectedDisplayAmount: optionalAmount,
  displayServiceFee: optionalAmount,
  onChainFee: optionalAmount,
  settlementAmount: optionalAmount,
  settlementServiceFee: optionalAmount,
  depositCurrency: z.string().nullish(),
  displayCurrency: z.string().nullish(),
  transactionId: z.string().nullish(),
  paymentReceivedAt: z.number().nullish(),
});

/** The withdrawal callback (`withdrawalCallbackUrl`): COMPLETED, FAILED or BLOCKED. */
export const finraxWithdrawalCallbackSchema = z.looseObject({
  withdrawalId: z.string().min(1),
  clientWithdrawalId: z.string().min(1),
  status: z.enum(['COMPLETED', 'FAILED', 'BLOCKED']),
  transactionId: z.string().nullish(),
  actualWithdrawAmount: optionalAmount,
  estimatedWithdrawAmount: optionalAmount,
  actualDisplayAmount: optionalAmount,
  expectedDisplayAmount: optionalAmount,
  withdrawFee: optionalAmount,
  displayFee: optionalAmount,
  deductedSettlementAmount: optionalAmount,
  reason: z.string().nullish(),
});

/** The withdrawal-approval callback (`withdrawalApprovalCallbackUrl`). */
export const finraxApprovalCallbackSchema = z.looseObject({
  withdrawalId: z.string().min(1),
  clientWithdrawalId: z.string().min(1),
  status: z.enum(['APPROVED', 'PENDING', 'REJECTED', 'SKIPPED']),
});

/** A header Timestamp in milliseconds: Finrax sends milliseconds; a value below 10^12 is seconds. */
function finraxTimestampMs(timestamp: string): number {
  const value = Number(timestamp);
  return value < 1e12 ? value * 1000 : value;
}

/** What the webhook parser needs. */
export interface FinraxWebhookOptions {
  api: FinraxClient;
  mapping: FinraxMappingContext;
  /** Finrax's callback public key of the configured environment, parsed at creation. */
  publicKey: KeyObject | undefined;
  /** How far ahead of now a signed `Timestamp` may be (clock skew), seconds. */
  toleranceSeconds: number;
  /** How old a signed `Timestamp` may be: Finrax's retry window (24 h) and the tolerance, seconds. */
  maxAgeSeconds: number;
  /** The provider's account state, for a webhook context that lends none. */
  state: AccountState;
}

/**
 * Builds `parseWebhook` for Finrax callbacks. A callback is accepted only with a valid
 * RSA-SHA512 (PKCS#1 v1.5) `Signature` over `rawBody + "." + Timestamp`, made by the configured
 * public key, and a `Timestamp` no further ahead than the tolerance and no older than Finrax's
 * retry window (a retry may keep its first Timestamp); anything else is a
 * `WebhookVerificationError`. The event id is the same for every delivery of one notification, so
 * the client's event-id dedupe drops a retry or a replay already handled. The payment or
 * withdrawal is then read back through the API, so the event carries the whole object, and the
 * callback's own status wins for withdrawals.
 *
 * @example
 * const parseWebhook = createFinraxWebhookParser({
 *   api, mapping, publicKey: loadFinraxCallbackKey(pem, 'main'), toleranceSeconds: 300, maxAgeSeconds: 86_700, state,
 * });
 * const { events } = await parseWebhook({ rawBody, headers }, { now: () => new Date() });
 */
export function createFinraxWebhookParser(options: FinraxWebhookOptions) {
  const { api, mapping } = options;
  const account = mapping.account;
  const refuse = (message: string) => new WebhookVerificationError(message, { provider: account });

  function verify(request: WebhookRequest, context: WebhookContext): string {
    const key = options.publicKey;
    if (!key) throw refuse('No Finrax callback public key is configured (callbackPublicKey)');
    const signature = getHeader(request, 'signature');
    const timestamp = getHeader(request, 'timestamp');
    if (!signature || !timestamp) throw refuse('The Finrax callback has no Signature or Timestamp header');
    if (!/^\d+$/.test(timestamp.trim())) throw refuse('The Finrax callback Timestamp is not a number');
    const body = rawBodyText(request);
    const valid = verifyRsaPkcs1({
      publicKey: key,
      data: `${body}.${timestamp.trim()}`,
      signature,
      hash: 'sha512',
    });
    if (!valid) throw refuse('The Finrax callback signature does not verify');
    // The age is judged only after the signature holds: a retry may carry the Timestamp of its
    // first attempt, up to 24 hours back, and must not be refused for that.
    const ageMs = context.now().getTime() - finraxTimestampMs(timestamp.trim());
    if (ageMs < -options.toleranceSeconds * 1000) {
      throw refuse(
        "The Finrax callback Timestamp is ahead of this server's clock by more than the tolerance",
      );
    }
    if (ageMs > options.maxAgeSeconds * 1000) {
      throw refuse(
        'The Finrax callback Timestamp is older than Finrax retries a callback (callbackMaxAgeSeconds)',
      );
    }
    return timestamp.trim();
  }

  function parseBody(text: string): unknown {
    try {
      return parseProviderJson(text);
    } catch {
      throw refuse('The Finrax callback body is not JSON');
    }
  }

  async function listedWithdrawal(
    clientWithdrawalId: string,
    withdrawalId: string,
  ): Promise<FinraxWithdrawal | undefined> {
    const { data } = await api.listWithdrawals({ clientWithdrawId: [clientWithdrawalId] });
    const matches = data.withdrawals.filter((item) => item.clientWithdrawId === clientWithdrawalId);
    return matches.find((item) => item.withdrawId === withdrawalId) ?? matches[0];
  }

  function notListed(clientWithdrawalId: string): NotFoundError {
    // Answering with an error makes Finrax retry (every 2 minutes for 24 hours).
    return new NotFoundError(`Finrax lists no withdrawal "${clientWithdrawalId}" yet`, {
      provider: account,
      operation: 'parseWebhook',
    });
  }

  async function withdrawalFor(clientWithdrawalId: string, withdrawalId: string): Promise<FinraxWithdrawal> {
    const found = await listedWithdrawal(clientWithdrawalId, withdrawalId);
    if (!found) throw notListed(clientWithdrawalId);
    return found;
  }

  /** The payout an approval callback is about: listed, or as this account asked for it (202). */
  async function approvalPayout(
    clientWithdrawalId: string,
    withdrawalId: string,
    context: WebhookContext,
  ): Promise<Payout> {
    const listed = await listedWithdrawal(clientWithdrawalId, withdrawalId);
    if (listed) return toUnifiedPayout(listed, mapping);
    const pending = await recallPendingWithdrawal(context.state ?? options.state, clientWithdrawalId);
    if (!pending || pending.withdrawalId !== withdrawalId) throw notListed(clientWithdrawalId);
    return toUnifiedPendingApprovalPayout(pending.answer, pending, mapping);
  }

  function payoutEvent(
    idParts: readonly string[],
    payout: Payout,
    occurredAt: string,
    raw: unknown,
  ): WebhookEvent {
    return buildWebhookEvent({
      idParts,
      object: 'payout',
      provider: account,
      providerType: 'finrax',
      occurredAt,
      verifiedBy: 'signature',
      data: payout,
      raw,
    });
  }

  return async function parseWebhook(
    request: WebhookRequest,
    context: WebhookContext,
  ): Promise<WebhookParseResult> {
    const timestamp = verify(request, context);
    const body = parseBody(rawBodyText(request));
    const signedAt = finraxTimeToIso(Number(timestamp)) ?? context.now().toISOString();
    const approval = finraxApprovalCallbackSchema.safeParse(body);
    if (approval.success) {
      const callback = approval.data;
      const payout = await approvalPayout(callback.clientWithdrawalId, callback.withdrawalId, context);
      const approvalStatus = mapFinraxApprovalStatus(callback.status);
      // A pending or rejected approval says more than the listed withdrawal; an approved one
      // hands the withdrawal to Finrax's normal flow, whose status the list already shows.
      const data =
        approvalStatus === 'requires_approval' || approvalStatus === 'cancelled'
          ? { ...payout, status: approvalStatus, rawStatus: callback.status }
          : payout;
      const raw = redactDeep(callback, mapping.redact);
      const idParts = ['withdrawal-approval', callback.withdrawalId, callback.status];
      return { events: [payoutEvent(idParts, data, signedAt, raw)], response: { status: 200 } };
    }
    const withdrawalCallback = finraxWithdrawalCallbackSchema.safeParse(body);
    if (withdrawalCallback.success) {
      const callback = withdrawalCallback.data;
      const withdrawal = await withdrawalFor(callback.clientWithdrawalId, callback.withdrawalId);
      // The signed callback is the newest word on the withdrawal: its status, txid and amounts win.
      const merged: FinraxWithdrawal = {
        ...withdrawal,
        status: callback.status,
        transactionId: callback.transactionId ?? withdrawal.transactionId,
        actualWithdrawAmount: callback.actualWithdrawAmount ?? withdrawal.actualWithdrawAmount,
        withdrawFee: callback.withdrawFee ?? withdrawal.withdrawFee,
        reason: callback.reason ?? withdrawal.reason,
      };
      const payout = { ...toUnifiedPayout(merged, mapping), updatedAt: signedAt };
      const raw = redactDeep(callback, mapping.redact);
      const idParts = ['withdrawal', callback.withdrawalId, callback.status];
      return { events: [payoutEvent(idParts, payout, signedAt, raw)], response: { status: 200 } };
    }
    const deposit = finraxDepositCallbackSchema.safeParse(body);
    if (deposit.success) {
      const callback = deposit.data;
      const { data } = await api.getPayment(callback.paymentId);
      const payment = toUnifiedPayment(data, mapping);
      const occurredAt = finraxTimeToIso(callback.paymentReceivedAt) ?? signedAt;
      const event: WebhookEvent = buildWebhookEvent({
        idParts: [
          'deposit',
          callback.depositId ?? callback.transactionId ?? callback.paymentId,
          callback.status,
        ],
        object: 'payment',
        provider: account,
        providerType: 'finrax',
        occurredAt,
        verifiedBy: 'signature',
        data: payment,
        raw: redactDeep(callback, mapping.redact),
      });
      return { events: [event], response: { status: 200 } };
    }
    throw refuse('The Finrax callback is not a deposit, withdrawal or withdrawal-approval notification');
  };
}
