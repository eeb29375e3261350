import { createHmac } from 'node:crypto';
import {
  createPaymentInputSchema,
  decimalStringSchema,
  decimal,
  parseInput,
  ValidationError,
} from '@paymux/core';
import { z } from 'zod';
import type { DepayCreatePaymentRequest } from './depay-api';
import { depayDefaultConfirmations, depayNetworks, findTokenBySymbol } from './depay-networks';
import type { DepayPaymuxPayload } from './depay-payment-mapper';
import type { DepaySettings } from './depay-settings';

const positiveDecimal = decimalStringSchema.refine((value) => decimal.isPositive(value), {
  message: 'must be greater than zero',
});
const url = z.url({ protocol: /^https?$/ });

/**
 * `providerOptions.depay` of `createPayment`: the transaction DePay is to track. Strict: an
 * unknown key is a `ValidationError`.
 *
 * @example
 * providerOptions: { depay: { transaction: '0xd4a9…', sender: '0x29b0…', nonce: 1, afterBlock: 13609144 } }
 */
export const depayPaymentOptionsSchema = z
  .strictObject({
    /** The transaction id expected to perform the payment. */
    transaction: z.string().min(1).max(256),
    /** The paying address. */
    sender: z.string().min(1).max(128),
    /** The sender's nonce for that transaction (a string for chains such as Solana). */
    nonce: z.union([z.number().int().nonnegative(), z.string().min(1).max(128)]),
    /** The block right before the payment was submitted (to spot replaced transactions). */
    afterBlock: z.union([
      z.number().int().nonnegative(),
      z.string().regex(/^\d+$/, 'must be a block number'),
    ]),
    /** The receiving address; defaults to the account's wallet on that chain. */
    receiver: z.string().min(1).max(128).optional(),
    /** Token address; defaults to `payWith.contract`, then to the known token of `payWith.symbol`. */
    token: z.string().min(1).max(128).optional(),
    /** Token amount expected, when `amount` is not in the paid token (e.g. a fiat price). */
    tokenAmount: positiveDecimal.optional(),
    /** Confirmations before success; defaults to DePay's own count for the chain. */
    confirmations: z.number().int().min(1).max(10_000).optional(),
    /** The secret tracking uuid; derived from the idempotency key and transaction when absent. */
    uuid: z
      .string()
      .regex(/^[A-Za-z0-9-]{16,128}$/, 'must be an unguessable id of 16 to 128 letters, digits and dashes')
      .optional(),
    /** Callback URL; defaults to `webhookUrl`. */
    callback: url.optional(),
    /** Where DePay forwards the customer after tracking; defaults to `returnUrl`. */
    forwardTo: url.optional(),
    /** Extra payload stored with the tracking (paymux adds its own under `paymux`). */
    payload: z.record(z.string(), z.unknown()).optional(),
    /** Fee expected beside the payment, as a token amount. */
    feeAmount: positiveDecimal.optional(),
    /** Receiver of that fee. */
    feeReceiver: z.string().min(1).max(128).optional(),
  })
  .refine((options) => (options.feeAmount === undefined) === (options.feeReceiver === undefined), {
    message: 'feeAmount and feeReceiver go together',
    path: ['feeReceiver'],
  });
export type DepayPaymentOptions = z.input<typeof depayPaymentOptionsSchema>;

/** `createPayment` input as DePay needs it: the unified schema with `providerOptions.depay` required. */
export const depayCreatePaymentInputSchema = createPaymentInputSchema.extend({
  providerOptions: z.looseObject({ depay: depayPaymentOptionsSchema }),
});

/**
 * A tracking uuid derived from the idempotency key: the same call repeated reaches the same
 * tracking (DePay answers 200 instead of starting a second one), and nobody without the secret
 * can guess it. Formatted as an RFC 9562 version 8 (custom) uuid.
 */
export function deriveTrackingUuid(secret: string, parts: readonly string[]): string {
  const digest = createHmac('sha256', secret).update(parts.join('\n')).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The wire request of a unified `createPayment`, and what the mapper needs to read it back. */
export interface DepayPaymentPlan {
  request: DepayCreatePaymentRequest;
  reference: string;
  /** What was stored under `payload.paymux`. */
  paymux: DepayPaymuxPayload;
}

/**
 * Validates a unified `createPayment` input (before any I/O) and maps it to DePay's request.
 * Every missing piece is a `ValidationError` naming the field.
 */
export function planDepayPayment(
  rawInput: unknown,
  settings: DepaySettings,
  account: string,
  idempotencyKey: string | undefined,
): DepayPaymentPlan {
  const context = { provider: account, operation: 'createPayment' };
  const input = parseInput(depayCreatePaymentInputSchema, rawInput, context);
  const options = input.providerOptions.depay;
  const invalid = (field: string, message: string) =>
    new ValidationError(`createPayment: ${field} ${message}`, { ...context, field });

  if (input.flow !== undefined && input.flow !== 'tracking') {
    throw invalid('flow', 'must be "tracking": DePay only tracks payments made from the customer\'s wallet');
  }
  if (!input.payWith) throw invalid('payWith', 'is required: DePay needs the token and chain paid with');
  if (!input.payWith.network) throw invalid('payWith.network', 'is required: DePay needs the chain paid on');
  const network = input.payWith.network;
  const blockchain = depayNetworks.toProvider(network, 'payWith.network');
  const symbol = input.payWith.symbol.toUpperCase();

  const token = options.token ?? input.payWith.contract ?? findTokenBySymbol(network, symbol)?.address;
  if (!token) {
    throw invalid('payWith.contract', `is required: no known ${symbol} token on ${network}`);
  }
  const sameCurrency = input.amount.currency.toUpperCase() === symbol;
  const tokenAmount = options.tokenAmount ?? (sameCurrency ? input.amount.amount : undefined);
  if (!tokenAmount) {
    throw invalid(
      'providerOptions.depay.tokenAmount',
      `is required when amount is in ${input.amount.currency}, not in the ${symbol} paid`,
    );
  }
  const receiver =
    options.receiver ?? settings.wallets?.find((wallet) => wallet.network === network)?.address;
  if (!receiver) {
    throw invalid('providerOptions.depay.receiver', `is required: no wallet for ${network} in the settings`);
  }
  const key = idempotencyKey ?? input.idempotencyKey ?? input.reference;
  const uuid =
    options.uuid ??
    deriveTrackingUuid(settings.uuidSecret ?? settings.apiKey, [
      'paymux-depay-tracking',
      account,
      key,
      blockchain,
      options.transaction,
    ]);
  const paymux: DepayPaymuxPayload = {
    reference: input.reference,
    amount: input.amount.amount,
    currency: input.amount.currency,
    symbol,
    ...(input.metadata ? { metadata: input.metadata } : {}),
  };
  const callback = options.callback ?? input.webhookUrl;
  const forwardTo = options.forwardTo ?? input.returnUrl;
  const request: DepayCreatePaymentRequest = {
    blockchain,
    transaction: options.transaction,
    sender: options.sender,
    nonce: options.nonce,
    receiver,
    token,
    amount: tokenAmount,
    confirmations: options.confirmations ?? depayDefaultConfirmations[blockchain],
    after_block: options.afterBlock,
    uuid,
    ...(callback ? { callback } : {}),
    payload: { ...options.payload, paymux },
    ...(forwardTo ? { forward_to: forwardTo } : {}),
    ...(options.feeAmount ? { fee_amount: options.feeAmount, fee_receiver: options.feeReceiver } : {}),
  };
  return { request, reference: input.reference, paymux };
}
