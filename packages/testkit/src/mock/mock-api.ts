/*
 * The mock provider's API: a tiny JSON API, documented here, that the mock adapter speaks and
 * `createMockApiServer` implements.
 *
 *   Authorization: Bearer <apiKey> on every request.
 *   POST /payments       MockCreatePaymentRequest -> 201 MockWirePayment
 *   GET  /payments/{id}  -> 200 MockWirePayment
 *   POST /payouts        MockCreatePayoutRequest  -> 201 MockWirePayout
 *   GET  /payouts/{id}   -> 200 MockWirePayout
 *
 * A POST with an `Idempotency-Key` header already seen answers the first object again (so both
 * creates are safe to retry). Errors: a 4xx/5xx with `{ "error": { "code", "message" } }` and an
 * `x-request-id` header; 429 carries `Retry-After`. Amounts are decimal strings.
 *
 * Webhooks: `POST <webhook_url>` with `{ id, type: "payment.updated" | "payout.updated",
 * created_at, data }` and the header `x-mock-signature`: the lowercase hex HMAC-SHA256 of the raw
 * body under the account's webhook secret. The merchant answers 200.
 */

import { providerDecimalSchema } from '@paymux/core';
import { z } from 'zod';

/** Every payment status the mock API sends. */
export const mockStatuses = [
  'pending',
  'underpaid',
  'confirming',
  'paid',
  'overpaid',
  'held',
  'failed',
  'expired',
  'cancelled',
] as const;
export type MockStatus = (typeof mockStatuses)[number];

/** Every payout status the mock API sends. */
export const mockPayoutStatuses = [
  'queued',
  'awaiting_approval',
  'sending',
  'sent',
  'held',
  'failed',
  'cancelled',
] as const;
export type MockPayoutStatus = (typeof mockPayoutStatuses)[number];

/** Body of `POST /payments`. */
export interface MockCreatePaymentRequest {
  reference: string;
  /** What to charge, as a decimal string. */
  amount: string;
  currency: string;
  /** `hosted` (checkout page, the default) or `address` (show the deposit address). */
  mode?: 'hosted' | 'address';
  /** Asset to pay with (default `USDT`). */
  pay_currency?: string;
  /** Canonical paymux network slug (default `tron`). */
  network?: string;
  webhook_url?: string;
  expires_in_minutes?: number;
  description?: string;
  metadata?: Record<string, string>;
}

/** A payment as the mock API sends it. */
export interface MockWirePayment {
  id: string;
  reference: string;
  /** A `MockStatus`, or a status this adapter does not know yet. */
  status: string;
  mode?: string | undefined;
  amount: string;
  currency: string;
  pay_amount: string;
  pay_currency: string;
  network: string;
  address: string;
  checkout_url?: string | undefined;
  received_amount?: string | undefined;
  txid?: string | undefined;
  failure_reason?: string | undefined;
  created_at: string;
  updated_at: string;
  expires_at?: string | undefined;
  metadata?: Record<string, string> | undefined;
}

/** Body of `POST /payouts`. */
export interface MockCreatePayoutRequest {
  reference: string;
  amount: string;
  currency: string;
  network: string;
  address: string;
  memo?: string;
  metadata?: Record<string, string>;
}

/** A payout as the mock API sends it. */
export interface MockWirePayout {
  id: string;
  reference: string;
  status: string;
  amount: string;
  currency: string;
  network: string;
  address: string;
  memo?: string | undefined;
  fee?: string | undefined;
  txid?: string | undefined;
  failure_reason?: string | undefined;
  created_at: string;
  updated_at: string;
  metadata?: Record<string, string> | undefined;
}

/** A webhook body as the mock API sends it. */
export interface MockWireWebhook {
  id: string;
  type: string;
  created_at: string;
  data: unknown;
}

const optionalText = z.string().optional();

/** Lenient: unknown fields pass, amounts may come as numbers, a missing required field fails. */
export const mockPaymentSchema = z.looseObject({
  id: z.string().min(1),
  reference: z.string(),
  status: z.string(),
  mode: optionalText,
  amount: providerDecimalSchema,
  currency: z.string(),
  pay_amount: providerDecimalSchema,
  pay_currency: z.string(),
  network: z.string(),
  address: z.string(),
  checkout_url: optionalText,
  received_amount: providerDecimalSchema.optional(),
  txid: optionalText,
  failure_reason: optionalText,
  created_at: z.string(),
  updated_at: z.string(),
  expires_at: optionalText,
  metadata: z.record(z.string(), z.string()).optional(),
});

export const mockPayoutSchema = z.looseObject({
  id: z.string().min(1),
  reference: z.string(),
  status: z.string(),
  amount: providerDecimalSchema,
  currency: z.string(),
  network: z.string(),
  address: z.string(),
  memo: optionalText,
  fee: providerDecimalSchema.optional(),
  txid: optionalText,
  failure_reason: optionalText,
  created_at: z.string(),
  updated_at: z.string(),
  metadata: z.record(z.string(), z.string()).optional(),
});

export const mockWebhookSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string(),
  created_at: z.string(),
  data: z.looseObject({}),
});

export const mockErrorBodySchema = z.looseObject({
  error: z.looseObject({ code: z.string(), message: optionalText }),
});
