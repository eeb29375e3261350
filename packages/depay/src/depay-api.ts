import { providerDecimalSchema, ValidationError } from '@paymux/core';
import { z } from 'zod';

/** DePay's tracking statuses. */
export const depayPaymentStatuses = ['pending', 'success', 'failed'] as const;
export type DepayPaymentStatus = (typeof depayPaymentStatuses)[number];

/** DePay's `failed_reason` values. */
export const depayFailedReasons = [
  'FAILED',
  'MISMATCH',
  'TRANSACTION_MISMATCH',
  'TOKEN_MISMATCH',
  'SENDER_MISMATCH',
  'RECEIVER_MISMATCH',
  'NONCE_MISMATCH',
  'AMOUNT_MISMATCH',
  'TRACKING_TIMED_OUT',
] as const;
export type DepayFailedReason = (typeof depayFailedReasons)[number];

/**
 * A nonce or block number: a JSON number in the seed, a string in later API versions. Kept in
 * the form received, so that a release request repeats it exactly.
 */
const integerLikeSchema = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);
/** Solana nonces are not integers: any non-empty string is accepted besides integers. */
const nonceSchema = z.union([z.number().int().nonnegative(), z.string().min(1)]);

/** The tracking fields paymux reads, checked in every tracking DePay sends. */
const depayTrackingFields = {
  status: z.string(),
  failed_reason: z.string().nullish(),
  blockchain: z.string(),
  transaction: z.string().nullish(),
  sender: z.string().nullish(),
  nonce: nonceSchema.nullish(),
  receiver: z.string(),
  token: z.string(),
  confirmations: integerLikeSchema.nullish(),
  amount: providerDecimalSchema,
  payload: z.unknown().optional(),
  uuid: z.string().min(1).optional(),
  secret_id: z.string().min(1).optional(),
  confirmed_at: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
};

function hasTrackingId(payment: { uuid?: string | undefined; secret_id?: string | undefined }): boolean {
  return payment.uuid !== undefined || payment.secret_id !== undefined;
}

/**
 * A payment tracking as DePay returns it (create, show, callback). Lenient: unknown fields pass
 * through. Both the seed's form (`uuid`, numeric `nonce`) and the later one (`secret_id`, string
 * values) are accepted. Only the fields paymux reads are checked; the others DePay sends
 * (`after_block`, `fee_amount`, `fee_receiver`, `callback`, `release`, `forward_to`) pass through
 * unchecked into `raw`, so a change in one of them cannot break a read or a webhook (and every
 * webhook is cheaper to parse).
 *
 * @example
 * const tracking = depayPaymentSchema.parse(parseProviderJson(rawBody));
 */
export const depayPaymentSchema = z
  .looseObject(depayTrackingFields)
  .refine(hasTrackingId, { message: 'has neither uuid nor secret_id', path: ['uuid'] });
export type DepayPayment = z.output<typeof depayPaymentSchema>;

/**
 * The same checks for a callback body, keeping only the fields paymux reads: a callback's
 * `raw` is built from the body itself, so copying DePay's other fields into the parsed object
 * would cost every delivery for nothing.
 *
 * @example
 * const tracking = depayCallbackSchema.parse(parseProviderJson(rawBody));
 */
export const depayCallbackSchema = z
  .object(depayTrackingFields)
  .refine(hasTrackingId, { message: 'has neither uuid nor secret_id', path: ['uuid'] });
export type DepayCallbackTracking = z.output<typeof depayCallbackSchema>;

/**
 * The tracking's secret id, in either naming.
 *
 * @example
 * depayTrackingId({ secret_id: '74417770-e6ac-4ae8-b027-0657600d7bad' }) // "74417770-…"
 */
export function depayTrackingId(payment: Pick<DepayPayment, 'uuid' | 'secret_id'>): string {
  return (payment.uuid ?? payment.secret_id)!;
}

/** One asset of an account (`GET /v2/accounts/{blockchain}/{account}/assets`). */
export const depayAccountAssetSchema = z.looseObject({
  name: z.string().nullish(),
  symbol: z.string(),
  address: z.string(),
  /** Integer amount in the token's smallest unit. */
  balance: providerDecimalSchema,
  decimals: z.number().int().nonnegative(),
  type: z.string().nullish(),
});
export type DepayAccountAsset = z.output<typeof depayAccountAssetSchema>;
export const depayAccountAssetsSchema = z.array(depayAccountAssetSchema);

/**
 * `POST /v2/payments`: what DePay needs to track one payment transaction.
 *
 * @example
 * const request: DepayCreatePaymentRequest = {
 *   blockchain: 'ethereum', transaction: '0xd4a9…', sender: '0x29b0…', nonce: 1, receiver: '0x29b0…',
 *   token: '0xa0be…', amount: '822.5', confirmations: 13, after_block: 13609144, uuid: '7441…',
 * };
 */
export interface DepayCreatePaymentRequest {
  blockchain: string;
  transaction: string;
  sender: string;
  nonce: number | string;
  receiver: string;
  token: string;
  /** Human-readable token amount, as a string so that nothing is rounded. */
  amount: string;
  confirmations: number;
  after_block: number | string;
  /** Secret, unguessable id of the payment in the merchant's system. */
  uuid: string;
  callback?: string;
  payload?: Record<string, unknown>;
  forward_to?: string;
  fee_amount?: string;
  fee_receiver?: string;
}

/** `POST /v2/payments/release`: forwards the customer once the merchant is ready. */
export interface DepayReleaseRequest {
  blockchain: string;
  transaction: string;
  sender: string;
  nonce: number | string;
  uuid: string;
}

/**
 * The release request for a tracking: the five fields DePay asks for, in the form the tracking
 * holds them (a string nonce stays a string).
 *
 * @example
 * const { payment } = await provider.api.getPayment(uuid);
 * await provider.api.releasePayment(depayReleaseRequest(payment));
 */
export function depayReleaseRequest(tracking: DepayPayment): DepayReleaseRequest {
  const { blockchain, transaction, sender, nonce } = tracking;
  if (!transaction || !sender || nonce === null || nonce === undefined) {
    throw new ValidationError('The tracking has no transaction, sender or nonce to release', {
      provider: 'depay',
      field: !transaction ? 'transaction' : !sender ? 'sender' : 'nonce',
    });
  }
  return { blockchain, transaction, sender, nonce, uuid: depayTrackingId(tracking) };
}
