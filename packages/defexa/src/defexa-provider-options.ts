import { parseProviderOptions } from '@paymux/core';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

/** `providerOptions.defexa` of `createPayment`. */
export const defexaCreatePaymentOptionsSchema = z.strictObject({
  /** Host-to-host customer uid (deposit_address flow); defaults to `customer.id`, then the reference. */
  customerUid: z.string().min(1).max(128).optional(),
  /** Whether the customer pays the network fee (charge `pay_fee_for_client`). */
  payFeeForClient: z.boolean().optional(),
  /** Convert what arrives into `exchangeCurrency` (charge `autoexchange`). */
  autoexchange: z.boolean().optional(),
  exchangeCurrency: z.string().min(2).max(16).optional(),
  /** Logo on the widget; defaults to the account's `logoUrl`. */
  logoUrl: url.optional(),
});

/** `providerOptions.defexa` of `createPayout`, `createPayoutBatch` and `estimatePayoutFee`. */
export const defexaPayoutOptionsSchema = z.strictObject({
  /** Merchant wallet address to send from; defaults to the settings, then to the wallet of the currency. */
  fromAddress: z.string().min(1).optional(),
  /** Notification URL; defaults to the account's `callbackUrl`. */
  callbackUrl: url.optional(),
});

/** `providerOptions.defexa` of `listPayments`. */
export const defexaListPaymentsOptionsSchema = z.strictObject({
  typeName: z.enum(['SINGLE', 'UNLIMITED']).optional(),
});

/** `providerOptions.defexa` of `listPayouts`. */
export const defexaListPayoutsOptionsSchema = z.strictObject({
  type: z.enum(['single', 'mass']).optional(),
});

/** `providerOptions.defexa` of `createRefund`. */
export const defexaRefundOptionsSchema = z.strictObject({
  /** The held payment's token (from `GET /api/v1/da/aml_refunds`), to skip looking it up. */
  paymentToken: z.string().min(1).optional(),
});

/**
 * Validates `providerOptions.defexa` of an input already checked by core's schema; errors name
 * the field as `providerOptions.defexa.<key>`.
 */
export function parseDefexaOptions<Schema extends z.ZodType>(
  schema: Schema,
  input: { providerOptions?: Record<string, Record<string, unknown>> | undefined },
  context: { provider: string; operation: string },
): z.output<Schema> {
  return parseProviderOptions('defexa', schema, input.providerOptions, context);
}
