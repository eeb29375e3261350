import { z } from 'zod';
import { positiveMoneySchema } from '../money';
import { metadataSchema, paymentFlowSchema } from '../model/payment';
import { networkIdSchema } from '../networks';
import { decimalStringSchema } from '../decimal';

const reference = z
  .string()
  .min(1, 'must not be empty')
  .max(128)
  .regex(/^[\w.:\-/#]+$/, 'may hold letters, digits and _ . : - / # only');
const idempotencyKey = z.string().min(1).max(255);
/** Adapter-specific options, keyed by provider type; each adapter validates its own part strictly. */
const providerOptions = z.record(z.string(), z.record(z.string(), z.unknown()));
const url = z.url({ protocol: /^https?$/ });

/** The crypto asset the customer pays with; the network may be left to the provider. */
export const payWithSchema = z.strictObject({
  symbol: z.string().min(2).max(16),
  network: networkIdSchema.optional(),
  contract: z.string().optional(),
});
export type PayWith = z.infer<typeof payWithSchema>;

export const customerSchema = z.strictObject({
  id: z.string().min(1).max(128).optional(),
  email: z.email().optional(),
  name: z.string().max(200).optional(),
  ip: z.union([z.ipv4(), z.ipv6()]).optional(),
  userAgent: z.string().max(1000).optional(),
});

/** Input of `createPayment`. Strict: an unknown key is an error, so typos never pass quietly. */
export const createPaymentInputSchema = z.strictObject({
  /** The merchant's order id. Also the default idempotency key. */
  reference,
  /** What to charge: fiat (`EUR`) or crypto (`USDT`). */
  amount: positiveMoneySchema,
  payWith: payWithSchema.optional(),
  /** Which flow; when absent the adapter picks its default. */
  flow: paymentFlowSchema.optional(),
  customer: customerSchema.optional(),
  description: z.string().max(500).optional(),
  returnUrl: url.optional(),
  cancelUrl: url.optional(),
  webhookUrl: url.optional(),
  expiresInMinutes: z
    .number()
    .int()
    .positive()
    .max(60 * 24 * 30)
    .optional(),
  metadata: metadataSchema.optional(),
  idempotencyKey: idempotencyKey.optional(),
  providerOptions: providerOptions.optional(),
});
export type CreatePaymentInput = z.input<typeof createPaymentInputSchema>;

export const listInputSchema = z.strictObject({
  reference: z.string().min(1).optional(),
  limit: z.number().int().positive().max(1000).optional(),
  cursor: z.string().optional(),
  providerOptions: providerOptions.optional(),
});
export type ListInput = z.input<typeof listInputSchema>;

export const cancelPaymentInputSchema = z.strictObject({
  paymentId: z.string().min(1),
  reason: z.string().max(500).optional(),
  providerOptions: providerOptions.optional(),
});
export type CancelPaymentInput = z.input<typeof cancelPaymentInputSchema>;

export const acceptUnderpaymentInputSchema = z.strictObject({
  paymentId: z.string().min(1),
  providerOptions: providerOptions.optional(),
});
export type AcceptUnderpaymentInput = z.input<typeof acceptUnderpaymentInputSchema>;

export const getQuoteInputSchema = z.strictObject({
  /** The amount to convert, usually fiat. */
  amount: positiveMoneySchema,
  /** The asset to quote. */
  payWith: payWithSchema,
  providerOptions: providerOptions.optional(),
});
export type GetQuoteInput = z.input<typeof getQuoteInputSchema>;

const destination = z.strictObject({
  asset: z.strictObject({
    symbol: z.string().min(2).max(16),
    network: networkIdSchema,
    contract: z.string().optional(),
  }),
  address: z.string().min(1).max(256),
  memo: z.string().max(128).optional(),
});

export const createRefundInputSchema = z.strictObject({
  paymentId: z.string().min(1),
  reference: reference.optional(),
  /** Partial refund amount; the whole refundable amount when absent. */
  amount: positiveMoneySchema.optional(),
  destination: z
    .strictObject({
      address: z.string().min(1).max(256),
      asset: destination.shape.asset.optional(),
      memo: z.string().optional(),
    })
    .optional(),
  reason: z.string().max(500).optional(),
  idempotencyKey: idempotencyKey.optional(),
  providerOptions: providerOptions.optional(),
});
export type CreateRefundInput = z.input<typeof createRefundInputSchema>;

export const createPayoutInputSchema = z.strictObject({
  reference,
  amount: positiveMoneySchema,
  destination,
  description: z.string().max(500).optional(),
  metadata: metadataSchema.optional(),
  idempotencyKey: idempotencyKey.optional(),
  providerOptions: providerOptions.optional(),
});
export type CreatePayoutInput = z.input<typeof createPayoutInputSchema>;

export const createPayoutBatchInputSchema = z.strictObject({
  reference,
  payouts: z
    .array(
      z.strictObject({
        reference,
        amount: positiveMoneySchema,
        destination,
        metadata: metadataSchema.optional(),
      }),
    )
    .min(1)
    .max(1000),
  idempotencyKey: idempotencyKey.optional(),
  providerOptions: providerOptions.optional(),
});
export type CreatePayoutBatchInput = z.input<typeof createPayoutBatchInputSchema>;

export const estimatePayoutFeeInputSchema = z.strictObject({
  amount: positiveMoneySchema,
  destination: destination.partial({ address: true }),
  providerOptions: providerOptions.optional(),
});
export type EstimatePayoutFeeInput = z.input<typeof estimatePayoutFeeInputSchema>;

export const validateAddressInputSchema = z.strictObject({
  asset: destination.shape.asset,
  address: z.string().min(1).max(256),
  memo: z.string().optional(),
});
export type ValidateAddressInput = z.input<typeof validateAddressInputSchema>;

/** Exported for adapters that accept a decimal in their provider options. */
export { decimalStringSchema };
