import { z } from 'zod';
import { assetSchema, moneySchema } from '../money';

export const refundStatuses = ['pending', 'succeeded', 'failed', 'unknown'] as const;
export const refundStatusSchema = z.enum(refundStatuses);
export type RefundStatus = z.infer<typeof refundStatusSchema>;

export const finalRefundStatuses: ReadonlySet<RefundStatus> = new Set(['succeeded', 'failed']);

const isoDate = z.string().datetime({ offset: true });

/** A refund of (part of) a payment. */
export const refundSchema = z.object({
  id: z.string().min(1),
  provider: z.string(),
  providerType: z.string(),
  providerRefundId: z.string(),
  paymentId: z.string(),
  reference: z.string().optional(),
  status: refundStatusSchema,
  rawStatus: z.string(),
  amount: moneySchema,
  destination: z
    .object({ address: z.string(), asset: assetSchema.optional(), memo: z.string().optional() })
    .optional(),
  txid: z.string().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
  raw: z.unknown(),
});
export type Refund = z.infer<typeof refundSchema>;
