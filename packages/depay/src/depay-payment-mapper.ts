import {
  amountDelta,
  getNetwork,
  type Money,
  needsRedaction,
  type Payment,
  type QuoteDetails,
  type Redactor,
  REDACTED,
  redactDeep,
  type Transfer,
  toIsoTimestamp,
} from '@paymux/core';
import { z } from 'zod';
import { type DepayCallbackTracking, depayTrackingId } from './depay-api';
import {
  DEPAY_NATIVE_TOKEN_ADDRESS,
  DEPAY_SOLANA_NATIVE_TOKEN_ADDRESS,
  depayNetworks,
  findTokenByAddress,
} from './depay-networks';
import { mapDepayStatus } from './map-depay-status';

/** DePay gives up tracking after 24 hours (`TRACKING_TIMED_OUT`). */
export const DEPAY_TRACKING_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * What paymux stores in the tracking's `payload.paymux`, so that a payment read back (or
 * delivered by a callback) keeps the merchant's reference, the amount asked and the metadata.
 */
export const depayPaymuxPayloadSchema = z.looseObject({
  reference: z.string().min(1).optional(),
  amount: z.string().optional(),
  currency: z.string().optional(),
  symbol: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});
export type DepayPaymuxPayload = z.infer<typeof depayPaymuxPayloadSchema>;

function paymuxPayload(payload: unknown): DepayPaymuxPayload {
  if (payload === null || typeof payload !== 'object') return {};
  const parsed = depayPaymuxPayloadSchema.safeParse((payload as Record<string, unknown>).paymux);
  return parsed.success ? parsed.data : {};
}

function toCount(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const count = Number(value);
  return Number.isSafeInteger(count) && count >= 0 ? count : undefined;
}

/**
 * `raw` for a DePay payload: secrets removed. Core's key-based redaction treats every key named
 * `token` as a credential, but DePay's `token` is a public contract address; it is put back (still
 * passed through the value redactor) so that `raw` keeps the asset.
 */
export function sanitizeDepayRaw(body: unknown, redact: Redactor): unknown {
  // A tracking rarely holds a secret: it is then kept as parsed rather than copied.
  if (!needsRedaction(body, redact)) return body;
  const sanitized = redactDeep(body, redact);
  if (
    sanitized !== null &&
    typeof sanitized === 'object' &&
    !Array.isArray(sanitized) &&
    body !== null &&
    typeof body === 'object' &&
    typeof (body as Record<string, unknown>).token === 'string' &&
    (sanitized as Record<string, unknown>).token === REDACTED
  ) {
    (sanitized as Record<string, unknown>).token = redact((body as Record<string, string>).token as string);
  }
  return sanitized;
}

function tokenSymbol(network: string, token: string, payload: DepayPaymuxPayload): string {
  const known = findTokenByAddress(network, token);
  if (known) return known.symbol;
  if (payload.symbol) return payload.symbol;
  const isNative =
    token.toLowerCase() === DEPAY_NATIVE_TOKEN_ADDRESS.toLowerCase() ||
    token === DEPAY_SOLANA_NATIVE_TOKEN_ADDRESS;
  return (isNative ? getNetwork(network)?.nativeSymbol : undefined) ?? 'UNKNOWN';
}

/** What the mapper needs besides the tracking. */
export interface DepayMapContext {
  account: string;
  redact: Redactor;
  now: () => Date;
  /** The caller redacts the result itself (a webhook context's `redactsEvents`): `raw` is left as parsed. */
  rawRedactedByCaller?: boolean;
}

/**
 * Builds the unified payment from a DePay tracking. The payment id is the tracking's secret uuid,
 * which is all `GET /payments/{uuid}` needs.
 *
 * @example
 * const payment = toDepayPayment(tracking, body, { account: 'wallet', redact, now: () => new Date() });
 */
export function toDepayPayment(
  tracking: DepayCallbackTracking,
  body: unknown,
  context: DepayMapContext,
  /** What paymux sent on creation: used when DePay's answer does not echo the payload. */
  sent?: DepayPaymuxPayload,
): Payment {
  const uuid = depayTrackingId(tracking);
  const network = depayNetworks.fromProvider(tracking.blockchain) ?? tracking.blockchain.toLowerCase();
  const echoed = paymuxPayload(tracking.payload);
  const stored = echoed.reference === undefined && sent ? sent : echoed;
  const symbol = tokenSymbol(network, tracking.token, stored);
  const tokenMoney: Money = { amount: tracking.amount, currency: symbol };
  const asked: Money =
    stored.amount !== undefined && stored.currency !== undefined
      ? { amount: stored.amount, currency: stored.currency }
      : tokenMoney;
  const status = mapDepayStatus(tracking.status, tracking.failed_reason);
  const succeeded = tracking.status === 'success';
  const required = toCount(tracking.confirmations);
  const createdAt = toIsoTimestamp(tracking.created_at) ?? context.now().toISOString();
  const updatedAt = toIsoTimestamp(tracking.updated_at) ?? createdAt;
  const confirmedAt = toIsoTimestamp(tracking.confirmed_at);
  const received = succeeded ? tokenMoney : undefined;

  const transfers: Transfer[] = [];
  // The transaction exists from the start (the wallet sent it); a failed tracking means it did
  // not pay what was expected, so it is not reported as a transfer to the merchant.
  if (tracking.transaction && tracking.status !== 'failed') {
    transfers.push({
      txid: tracking.transaction,
      amount: tokenMoney,
      ...(tracking.sender ? { from: tracking.sender } : {}),
      to: tracking.receiver,
      ...(succeeded && required !== undefined ? { confirmations: required } : {}),
      ...(succeeded && confirmedAt ? { seenAt: confirmedAt } : {}),
    });
  }
  const quote: QuoteDetails | undefined =
    asked.currency.toUpperCase() !== symbol.toUpperCase() ? { amount: tokenMoney } : undefined;

  return {
    id: uuid,
    provider: context.account,
    providerType: 'depay',
    providerPaymentId: uuid,
    reference: stored.reference ?? uuid,
    flow: 'tracking',
    status,
    rawStatus: tracking.status,
    ...(tracking.failed_reason ? { failureReason: tracking.failed_reason } : {}),
    amount: asked,
    ...(quote ? { quote } : {}),
    payIn: {
      asset: { symbol, network, contract: tracking.token },
      address: tracking.receiver,
      amount: tokenMoney,
    },
    ...(received ? { received } : {}),
    amountDelta: amountDelta(tracking.amount, received?.amount),
    ...(succeeded && required !== undefined ? { confirmations: { current: required, required } } : {}),
    transfers,
    ...(tracking.status === 'pending'
      ? { expiresAt: new Date(Date.parse(createdAt) + DEPAY_TRACKING_WINDOW_MS).toISOString() }
      : {}),
    createdAt,
    updatedAt,
    ...(stored.metadata ? { metadata: stored.metadata } : {}),
    raw: context.rawRedactedByCaller ? body : sanitizeDepayRaw(body, context.redact),
  };
}
