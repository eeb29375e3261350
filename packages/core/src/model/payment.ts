import { z } from 'zod';
import { decimalStringSchema } from '../decimal';
import { assetSchema, moneySchema } from '../money';

/** Unified payment statuses. Under- and over-payment are `amountDelta`, not statuses. */
export const paymentStatuses = [
  'requires_payment',
  'processing',
  'succeeded',
  'on_hold',
  'failed',
  'expired',
  'cancelled',
  'unknown',
] as const;
export const paymentStatusSchema = z.enum(paymentStatuses);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** Statuses after which a payment never changes again in paymux's model. */
export const finalPaymentStatuses: ReadonlySet<PaymentStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** How the received amount compares with what was asked. */
export const amountDeltaSchema = z.enum(['none', 'exact', 'under', 'over']);
export type AmountDelta = z.infer<typeof amountDeltaSchema>;

/**
 * How the customer pays: `hosted` (redirect to the provider's checkout page), `deposit_address`
 * (show an address), `tracking` (the customer's wallet pays and the provider tracks the transaction).
 */
export const paymentFlowSchema = z.enum(['hosted', 'deposit_address', 'tracking']);
export type PaymentFlow = z.infer<typeof paymentFlowSchema>;

const isoDate = z.string().datetime({ offset: true });

export const quoteDetailsSchema = z.object({
  /** Price of one unit of the crypto asset in the invoice currency. */
  rate: decimalStringSchema.optional(),
  /** The crypto amount to pay. */
  amount: moneySchema,
  networkFee: moneySchema.optional(),
  expiresAt: isoDate.optional(),
});
export type QuoteDetails = z.infer<typeof quoteDetailsSchema>;

export const payInSchema = z.object({
  asset: assetSchema,
  address: z.string(),
  memo: z.string().optional(),
  amount: moneySchema.optional(),
  /** A payment link such as BIP-21 (`bitcoin:…?amount=`) or EIP-681. */
  uri: z.string().optional(),
  /** QR code data or an image URL. */
  qr: z.string().optional(),
});
export type PayIn = z.infer<typeof payInSchema>;

export const transferSchema = z.object({
  txid: z.string().optional(),
  amount: moneySchema,
  from: z.string().optional(),
  to: z.string().optional(),
  confirmations: z.number().int().nonnegative().optional(),
  seenAt: isoDate.optional(),
});
export type Transfer = z.infer<typeof transferSchema>;

export const metadataSchema = z.record(z.string(), z.string());

/** A payment in the unified model. `raw` is the provider payload with secrets removed. */
export const paymentSchema = z.object({
  /** Enough, alone, to fetch the payment again from the same provider account. */
  id: z.string().min(1),
  /** The account name from config. */
  provider: z.string(),
  /** The adapter type, e.g. `defexa`. */
  providerType: z.string(),
  providerPaymentId: z.string(),
  /** The merchant's order id. */
  reference: z.string(),
  flow: paymentFlowSchema,
  status: paymentStatusSchema,
  /** The provider's own status string, kept verbatim. */
  rawStatus: z.string(),
  failureReason: z.string().optional(),
  /** What was asked. */
  amount: moneySchema,
  quote: quoteDetailsSchema.optional(),
  payIn: payInSchema.optional(),
  checkoutUrl: z.string().optional(),
  received: moneySchema.optional(),
  amountDelta: amountDeltaSchema,
  /** For an underpaid payment: what is still missing. */
  missing: moneySchema.optional(),
  confirmations: z
    .object({ current: z.number().int().nonnegative(), required: z.number().int().nonnegative().optional() })
    .optional(),
  transfers: z.array(transferSchema),
  expiresAt: isoDate.optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
  metadata: metadataSchema.optional(),
  raw: z.unknown(),
});
export type Payment = z.infer<typeof paymentSchema>;
